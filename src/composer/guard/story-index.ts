/**
 * What the guard knows of a story's sources: every word under its clitic analyses and inflection
 * keys, every figure by value, the token stream for quotations, the Latin-script words and the
 * links. Built once per story, then every bullet and the headline are checked against it.
 */
import { normalizeArabic, tokenizeWords } from '../../arabic/index.js';
import { findFigures, figureKeys, numberWordValue, valueKey } from './numbers.js';
import { cliticAnalyses, inflectionKeys, isArabicWord, quoteKey } from './word-forms.js';

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
  /** Links of the sources (their URLs and links in their texts), normalized by {@link normalizeLink}. */
  readonly links: ReadonlySet<string>;
  /** Whether every source is foreign (the story is translated): the Arabic-word checks do not apply. */
  readonly translated: boolean;
}

// Analyses and keys of a word do not depend on the story: they are kept across stories.
const analysisCache = new Map<string, { forms: readonly string[]; keys: readonly string[] }>();
const ANALYSIS_CACHE_LIMIT = 200_000;

/** The clitic analyses and inflection keys of a normalized word (cached). */
export function analyzeWord(word: string): { forms: readonly string[]; keys: readonly string[] } {
  const hit = analysisCache.get(word);
  if (hit) return hit;
  let result: { forms: readonly string[]; keys: readonly string[] };
  if (isArabicWord(word)) {
    const forms = cliticAnalyses(word);
    const keys = new Set<string>();
    for (const f of forms) for (const k of inflectionKeys(f)) keys.add(k);
    result = { forms, keys: [...keys] };
  } else {
    result = { forms: [word], keys: [] };
  }
  if (analysisCache.size >= ANALYSIS_CACHE_LIMIT) analysisCache.clear();
  analysisCache.set(word, result);
  return result;
}

/** Empties the word-analysis cache (benchmarks start cold with it). */
export function clearGuardCaches(): void {
  analysisCache.clear();
}

const COMPOUND_HEADS: ReadonlySet<string> = new Set(['عبد', 'وعبد', 'لعبد', 'ابو', 'وابو', 'ابي', 'بن', 'ابن', 'ام', 'ال', 'دار', 'سان', 'نور', 'سيف', 'عز', 'بو']);

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
 * Builds the index of a story's sources.
 *
 * @example
 * const index = buildStoryIndex([{ title: 'المغرب يدعو إلى تعاون', text: 'دعا المغرب في الرباط …' }]);
 * index.forms.has('مغرب') // → true: «المغرب» with its article taken off
 */
export function buildStoryIndex(sources: readonly GuardSource[]): StoryIndex {
  const forms = new Set<string>();
  const keys = new Set<string>();
  const figures = new Set<string>();
  const latin = new Set<string>();
  const links = new Set<string>();
  const streams: string[][] = [];
  const positions = new Map<string, number[]>();
  for (const source of sources) {
    if (source.url) links.add(normalizeLink(source.url));
    const raw = source.title ? `${source.title}\n${source.text}` : source.text;
    for (const l of findLinks(raw)) links.add(normalizeLink(l));
    const norm = normalizeArabic(raw);
    for (const f of findFigures(norm)) for (const k of figureKeys(f)) figures.add(k);
    const tokens = tokenizeWords(norm);
    const stream = tokens.map(quoteKey);
    const s = streams.length;
    streams.push(stream);
    for (let i = 0; i < tokens.length; i++) {
      const w = tokens[i]!;
      const key = stream[i]!;
      let at = positions.get(key);
      if (!at) positions.set(key, (at = []));
      at.push(s, i);
      const c = w.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39) continue;
      if (isArabicWord(w)) {
        const v = numberWordValue(w);
        if (v !== undefined) figures.add(valueKey(v));
        if (source.foreign) continue;
        const a = analyzeWord(w);
        for (const f of a.forms) forms.add(f);
        for (const k of a.keys) keys.add(k);
        // Compound names written apart in one outlet and joined in another: «عبد السلام» / «عبدالسلام».
        const next = tokens[i + 1];
        if (next !== undefined && COMPOUND_HEADS.has(w)) for (const f of analyzeWord(w + next).forms) forms.add(f);
      } else {
        const lower = w.toLowerCase();
        latin.add(lower);
        forms.add(lower);
      }
    }
  }
  return {
    forms,
    keys,
    figures,
    streams,
    positions,
    latin,
    links,
    translated: sources.length > 0 && sources.every((s) => s.foreign === true),
  };
}
