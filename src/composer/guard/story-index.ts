/**
 * What the guard knows of a story's sources: every word under its clitic analyses and inflection
 * keys, every figure by value, the token stream for quotations, the Latin-script words and the
 * links. Built once per story, then every bullet and the headline are checked against it.
 */
import { isStopWord, normalizeArabic, tokenizeWords } from '../../arabic/index.js';
import { figureValue, numberWordValue, scaleOf, valueKey } from './numbers.js';
import { clearVectorCache, createTopicAccumulator } from './topic-fit.js';
import { clearProfileCache } from './word-profile.js';
import { cliticAnalyses, inflectionKeys, isArabicWord, quoteKey } from './word-forms.js';
import type { WordLexicon } from './word-lexicon.js';

/** One source of a story as the guard reads it. */
export interface GuardSource {
  /** The title, if any. */
  title?: string;
  /** The article's text. */
  text: string;
  /** The article's URL (links in a bullet must be one of these). */
  url?: string;
  /** True when the source is not in Arabic (a translated story): only figures, quotations and Latin-script names are checked against it. */
  foreign?: boolean;
}

/** The index of a story's sources. */
export interface StoryIndex {
  /** Clitic analyses of every Arabic word, and every Latin word lower-cased. */
  readonly forms: ReadonlySet<string>;
  /** Inflection keys of every analysis of every Arabic word. */
  readonly keys: ReadonlySet<string>;
  /** Figures by value key (digits and spelled-out numbers). */
  readonly figures: ReadonlySet<string>;
  /** {@link quoteKey}s of the tokens of each source in order (for quotations), Arabic sources and foreign ones alike. */
  readonly streams: readonly (readonly string[])[];
  /** Positions of each normalized token in the streams: `token → [stream, position, stream, position, …]`. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /** Lower-cased Latin words of every source. */
  readonly latin: ReadonlySet<string>;
  /** The sources' own URLs, normalized by {@link normalizeLink} (a link quoted inside an article is not the source's). */
  readonly links: ReadonlySet<string>;
  /** Whether every source is foreign (the story is translated): the Arabic-word checks do not apply. */
  readonly translated: boolean;
  /** The story's subject: the mean category distribution of its opening words (when built with a lexicon). */
  readonly topic: Float64Array | undefined;
  /** The sources' titles, normalized (the words a story is known by: a bullet that drops one for a word no source has is suspect). */
  readonly titles: readonly string[];
}

// Analyses and keys of a word do not depend on the story: they are kept across stories.
const formsCache = new Map<string, readonly string[]>();
const keysCache = new Map<string, readonly string[]>();
const ANALYSIS_CACHE_LIMIT = 200_000;

/** The clitic analyses of a normalized word (cached); a Latin word or a number is its own only analysis. */
export function wordForms(word: string): readonly string[] {
  const hit = formsCache.get(word);
  if (hit) return hit;
  const v = isArabicWord(word) ? cliticAnalyses(word) : [word];
  if (formsCache.size >= ANALYSIS_CACHE_LIMIT) formsCache.clear();
  formsCache.set(word, v);
  return v;
}

/** The inflection keys of every clitic analysis of a normalized word (cached). */
export function wordKeys(word: string): readonly string[] {
  const hit = keysCache.get(word);
  if (hit) return hit;
  const keys = new Set<string>();
  for (const f of wordForms(word)) for (const k of inflectionKeys(f)) keys.add(k);
  const v = [...keys];
  if (keysCache.size >= ANALYSIS_CACHE_LIMIT) keysCache.clear();
  keysCache.set(word, v);
  return v;
}

/** The clitic analyses and inflection keys of a normalized word (cached). */
export function analyzeWord(word: string): { forms: readonly string[]; keys: readonly string[] } {
  return { forms: wordForms(word), keys: wordKeys(word) };
}

/** Empties the guard's word caches (analyses, profiles, category vectors), so that a benchmark pass starts cold as on a new day's news. */
export function clearGuardCaches(): void {
  formsCache.clear();
  keysCache.clear();
  clearProfileCache();
  clearVectorCache();
}

const COMPOUND_HEADS: ReadonlySet<string> = new Set(['عبد', 'وعبد', 'لعبد', 'ابو', 'وابو', 'ابي', 'بن', 'ابن', 'ام', 'ال', 'دار', 'سان', 'نور', 'سيف', 'عز', 'بو']);

// The story's subject is read from the opening of each source: its title and first paragraphs.
const TOPIC_TOKENS = 300;

const URL_RE = /\bhttps?:\/\/[^\s<>"'«»)\]]+|\bwww\.[^\s<>"'«»)\]]+/gi;

/** Links found in a text. */
export function findLinks(text: string): string[] {
  return text.match(URL_RE) ?? [];
}

/** A link reduced for comparison: no scheme, no `www.`, no trailing slash or punctuation, lower-cased host. */
export function normalizeLink(link: string): string {
  let s = link.trim().replace(/[.,;:!?،؛]+$/u, '');
  s = s.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : s.slice(slash);
  return `${host}${path}`.replace(/\/+$/, '');
}

/**
 * Builds the index of a story's sources; with a lexicon, also the story's subject (for the
 * off-subject check).
 *
 * @example
 * const index = buildStoryIndex([{ title: 'المغرب يدعو إلى تعاون', text: 'دعا المغرب في الرباط …' }], lexicon);
 * index.forms.has('مغرب') // → true: «المغرب» with its article taken off
 */
export function buildStoryIndex(sources: readonly GuardSource[], lexicon?: WordLexicon): StoryIndex {
  const figures = new Set<string>();
  const latin = new Set<string>();
  const links = new Set<string>();
  const texts: string[][] = [];
  // Arabic word types of the Arabic sources with their counts: the analyses are per type.
  const types = new Map<string, number>();
  const compounds: string[] = [];
  const topicTypes = new Set<string>();
  const titles: string[] = [];
  for (const source of sources) {
    if (source.title && !source.foreign) titles.push(normalizeArabic(source.title));
    if (source.url) links.add(normalizeLink(source.url));
    const raw = source.title ? `${source.title}\n${source.text}` : source.text;
    const norm = normalizeArabic(raw);
    const tokens = tokenizeWords(norm);
    texts.push(tokens);
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i]!;
      const c = w.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39) {
        // A figure, by its value and, with the scale word after it, its scaled value.
        const v = figureValue(w);
        if (Number.isNaN(v)) continue;
        figures.add(valueKey(v));
        const next = tokens[i + 1];
        const scale = next === undefined ? 1 : scaleOf(next);
        if (scale !== 1) figures.add(valueKey(v * scale));
        continue;
      }
      if (c >= 0x0621 && c <= 0x064a) {
        if (source.foreign) {
          const v = numberWordValue(w);
          if (v !== undefined) figures.add(valueKey(v));
          continue;
        }
        const n = types.get(w);
        types.set(w, n === undefined ? 1 : n + 1);
        if (i < TOPIC_TOKENS) topicTypes.add(w);
        // Compound names written apart in one outlet and joined in another: «عبد السلام» / «عبدالسلام».
        if (COMPOUND_HEADS.has(w) && i + 1 < tokens.length) compounds.push(w + tokens[i + 1]!);
      } else {
        latin.add(w.toLowerCase());
      }
    }
  }
  const forms = new Set<string>(latin);
  for (const [w] of types) {
    const v = numberWordValue(w);
    if (v !== undefined) figures.add(valueKey(v));
    // Function words are never looked up (a bullet's are skipped), nor do they say what a story is about.
    if (isStopWord(w)) continue;
    for (const f of wordForms(w)) forms.add(f);
  }
  for (const w of compounds) for (const f of wordForms(w)) forms.add(f);
  // The subject is needed only when a bullet has a word no source has: built on first use.
  let topicVector: Float64Array | undefined | null = lexicon ? null : undefined;
  // The inflection keys and the token streams are needed only by some bullets: built on first use.
  let keys: Set<string> | undefined;
  let streams: string[][] | undefined;
  let positions: Map<string, number[]> | undefined;
  const buildStreams = (): void => {
    streams = texts.map((t) => t.map(quoteKey));
    positions = new Map();
    streams.forEach((stream, s) => {
      for (let i = 0; i < stream.length; i++) {
        const at = positions!.get(stream[i]!);
        if (at) at.push(s, i);
        else positions!.set(stream[i]!, [s, i]);
      }
    });
  };
  return {
    get topic() {
      if (topicVector === null) {
        const acc = createTopicAccumulator(lexicon!);
        for (const w of topicTypes) if (!isStopWord(w)) acc.add(w, types.get(w) ?? 1);
        topicVector = acc.vector();
      }
      return topicVector;
    },
    forms,
    get keys() {
      if (!keys) {
        keys = new Set();
        for (const w of types.keys()) for (const k of wordKeys(w)) keys.add(k);
      }
      return keys;
    },
    figures,
    get streams() {
      if (!streams) buildStreams();
      return streams!;
    },
    get positions() {
      if (!positions) buildStreams();
      return positions!;
    },
    latin,
    links,
    titles,
    translated: sources.length > 0 && sources.every((s) => s.foreign === true),
  };
}
