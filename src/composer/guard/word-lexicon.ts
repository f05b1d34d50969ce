/**
 * How common a word is in Arabic news, and in which kinds of news: counts of normalized word
 * forms in a labelled corpus, with the number of articles of each category that use the form.
 * The guard's yardstick for "rare" (a name of a person, place or body) against "ordinary
 * vocabulary" (which a paraphrase may bring in), and for "off the story's subject" (a sports word
 * in a story about oil prices). Built by `npm run train -- wordfreq` from
 * ../shared/topics/ant-train.jsonl and shipped as a compact list of word forms and counts only
 * (no sentences).
 */
import { FormTable } from './form-table.js';
import { normalizeArabic, tokenizeWords } from '../../arabic/index.js';

/** Counts of normalized word forms. */
export interface WordLexicon {
  /** Tokens counted in the corpus. */
  readonly tokens: number;
  /** The corpus's categories, in the order of {@link WordLexicon.categoryDocs}. */
  readonly categories: readonly string[];
  /** Articles of each category in the corpus. */
  readonly categoryDocs: readonly number[];
  /** Occurrences of a normalized form in the corpus (0 when unknown or below the list's floor). */
  count(form: string): number;
  /** Articles of each category that use the form, or undefined when the form is not listed. */
  docs(form: string): readonly number[] | undefined;
  /** Forms in the list. */
  readonly size: number;
  /** Every form of the list, every one {@link WordLexicon.docs} knows (lets the guard index the list's families and category distributions once; optional for other lexicons). */
  forms?(): Iterable<string>;
}

/** One article of the corpus a lexicon is counted from. */
export interface LexiconDocument {
  text: string;
  category: string;
}

/** Raw counts, as {@link countWordForms} makes them. */
export interface WordCounts {
  counts: Map<string, number>;
  /** Per form, articles of each category that use it. */
  docs: Map<string, number[]>;
  tokens: number;
  categories: string[];
  categoryDocs: number[];
}

/** Options for {@link serializeWordCounts}. */
export interface WordCountOptions {
  /** Forms seen fewer times are left out of the list (default 3): below it every word is rare anyway. */
  minCount: number;
  /** At most this many forms, most frequent first (default 50,000). */
  maxForms: number;
}

/** The list the bundled data file is built with. */
export const DEFAULT_WORD_COUNT_OPTIONS: Readonly<WordCountOptions> = { minCount: 3, maxForms: 50_000 };

/** Counts the normalized word forms of labelled articles (Arabic and Latin words; numbers are left out). */
export function countWordForms(documents: Iterable<LexiconDocument>): WordCounts {
  const counts = new Map<string, number>();
  const docs = new Map<string, number[]>();
  const categories: string[] = [];
  const categoryDocs: number[] = [];
  let tokens = 0;
  for (const d of documents) {
    let c = categories.indexOf(d.category);
    if (c < 0) {
      c = categories.push(d.category) - 1;
      categoryDocs.push(0);
      for (const v of docs.values()) v.push(0);
    }
    categoryDocs[c]!++;
    const seen = new Set<string>();
    for (const w of tokenizeWords(normalizeArabic(d.text))) {
      const code = w.charCodeAt(0);
      if (code >= 0x30 && code <= 0x39) continue;
      tokens++;
      counts.set(w, (counts.get(w) ?? 0) + 1);
      if (seen.has(w)) continue;
      seen.add(w);
      let v = docs.get(w);
      if (!v) docs.set(w, (v = new Array<number>(categories.length).fill(0)));
      v[c]!++;
    }
  }
  return { counts, docs, tokens, categories, categoryDocs };
}

const HEADER = '# word-freq v2';

/**
 * The compact text form of a count list: a header line with the totals and the categories, then
 * one `form count docs…` per line (the articles of each category using the form), most frequent
 * first, forms below `minCount` and past `maxForms` left out.
 */
export function serializeWordCounts(counted: WordCounts, options: Readonly<WordCountOptions> = DEFAULT_WORD_COUNT_OPTIONS): string {
  const rows = [...counted.counts]
    .filter(([, n]) => n >= options.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxForms);
  const header = `${HEADER} tokens=${counted.tokens} categories=${counted.categories.join(',')} docs=${counted.categoryDocs.join(',')} minCount=${options.minCount}`;
  const lines = rows.map(([w, n]) => `${w} ${n} ${(counted.docs.get(w) ?? []).join(' ')}`);
  return `${header}\n${lines.join('\n')}\n`;
}

/** Reads the text form of {@link serializeWordCounts}; throws on a file of another kind. */
export function parseWordCounts(text: string): WordLexicon {
  const nl = text.indexOf('\n');
  const header = nl < 0 ? text : text.slice(0, nl);
  if (!header.startsWith(HEADER)) throw new Error('not a word-freq v2 list (bad header)');
  const tokens = Number(/tokens=(\d+)/.exec(header)?.[1] ?? 0);
  const categories = (/categories=(\S*)/.exec(header)?.[1] ?? '').split(',').filter((c) => c.length > 0);
  const categoryDocs = (/docs=(\S*)/.exec(header)?.[1] ?? '').split(',').filter((c) => c.length > 0).map(Number);
  const counts = new Map<string, number>();
  const docs = new Map<string, number[]>();
  for (const line of text.slice(nl + 1).split('\n')) {
    if (line.length === 0) continue;
    const parts = line.split(' ');
    const form = parts[0]!;
    counts.set(form, Number(parts[1]));
    if (parts.length > 2) docs.set(form, parts.slice(2).map(Number));
  }
  // Counts are read many times per story (word profiles): from a {@link FormTable}, not the map.
  const forms = [...counts.keys()];
  const table = new FormTable(forms);
  const countOf = Float64Array.from(forms, (f) => counts.get(f)!);
  return {
    tokens,
    categories,
    categoryDocs,
    count(form) {
      const place = table.place(form);
      return place < 0 ? 0 : countOf[place]!;
    },
    docs: (form) => docs.get(form),
    size: counts.size,
    forms: () => forms.values(),
  };
}
