/**
 * How common a word is in Arabic news: counts of normalized word forms in a corpus, the guard's
 * yardstick for "rare" (a name of a person, place or body) against "ordinary vocabulary" (which a
 * paraphrase may bring in). Built by `npm run train -- wordfreq` from ../shared/topics/ant-train.jsonl
 * and shipped as a compact data file of word forms and counts only (no sentences).
 */
import { normalizeArabic, tokenizeWords } from '../../arabic/index.js';

/** Counts of normalized word forms. */
export interface WordLexicon {
  /** Tokens counted in the corpus. */
  readonly tokens: number;
  /** Articles counted. */
  readonly documents: number;
  /** Occurrences of a normalized form in the corpus (0 when unknown or below the list's floor). */
  count(form: string): number;
  /** Forms in the list. */
  readonly size: number;
}

/** A lexicon over a map of counts. */
export function createWordLexicon(counts: ReadonlyMap<string, number>, tokens: number, documents: number): WordLexicon {
  return {
    tokens,
    documents,
    count: (form) => counts.get(form) ?? 0,
    get size() {
      return counts.size;
    },
  };
}

/** Options for {@link countWordForms} and {@link serializeWordCounts}. */
export interface WordCountOptions {
  /** Forms seen fewer times are left out of the list (default 5): below it, every word is rare anyway. */
  minCount: number;
  /** At most this many forms, most frequent first (default 60,000). */
  maxForms: number;
}

/** The list the bundled data file is built with. */
export const DEFAULT_WORD_COUNT_OPTIONS: Readonly<WordCountOptions> = { minCount: 5, maxForms: 60_000 };

/** Counts the normalized word forms of texts (Arabic and Latin words; numbers are left out). */
export function countWordForms(texts: Iterable<string>): { counts: Map<string, number>; tokens: number; documents: number } {
  const counts = new Map<string, number>();
  let tokens = 0;
  let documents = 0;
  for (const text of texts) {
    documents++;
    for (const w of tokenizeWords(normalizeArabic(text))) {
      const c = w.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39) continue;
      tokens++;
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return { counts, tokens, documents };
}

const HEADER = '# word-freq v1';

/**
 * The compact text form of a count list: a header line with the totals, then one `form count`
 * per line, most frequent first, forms below `minCount` and past `maxForms` left out.
 */
export function serializeWordCounts(
  counted: { counts: ReadonlyMap<string, number>; tokens: number; documents: number },
  options: Readonly<WordCountOptions> = DEFAULT_WORD_COUNT_OPTIONS,
): string {
  const rows = [...counted.counts]
    .filter(([, n]) => n >= options.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .slice(0, options.maxForms);
  return `${HEADER} tokens=${counted.tokens} documents=${counted.documents} minCount=${options.minCount}\n${rows.map(([w, n]) => `${w} ${n}`).join('\n')}\n`;
}

/** Reads the text form of {@link serializeWordCounts}; throws on a file of another kind. */
export function parseWordCounts(text: string): WordLexicon {
  const lines = text.split('\n');
  const header = lines[0] ?? '';
  if (!header.startsWith(HEADER)) throw new Error('not a word-freq list (bad header)');
  const tokens = Number(/tokens=(\d+)/.exec(header)?.[1] ?? 0);
  const documents = Number(/documents=(\d+)/.exec(header)?.[1] ?? 0);
  const counts = new Map<string, number>();
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    const sp = line.indexOf(' ');
    if (sp <= 0) continue;
    counts.set(line.slice(0, sp), Number(line.slice(sp + 1)));
  }
  return createWordLexicon(counts, tokens, documents);
}
