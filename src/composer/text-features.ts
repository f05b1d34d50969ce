/** Word-level features shared by the stages (content stems, numbers, quotes). */
import { isStopWord, lightStem, normalizeArabic, tokenizeWords } from '../arabic/index.js';

const stemCache = new Map<string, string | null>();
const STEM_CACHE_LIMIT = 200_000;

/** Empties the stem cache (benchmarks use it so that every timed pass starts cold). */
export function clearStemCache(): void {
  stemCache.clear();
}

/**
 * The light stem of a raw word when it is a content word, or null for stop words and one-letter
 * tokens: contentStem('والمعلومات') → 'معلوم', contentStem('الذي') → null.
 */
export function contentStem(word: string): string | null {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const norm = normalizeArabic(word);
  let stem: string | null = null;
  if (norm.length >= 2 && !isStopWord(norm)) {
    const s = lightStem(norm);
    stem = s.length >= 2 && !isStopWord(s) ? s : null;
  }
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(word, stem);
  return stem;
}

/** Content stems of a text, in order, with repeats. */
export function contentStems(text: string): string[] {
  const out: string[] = [];
  for (const w of tokenizeWords(text)) {
    const s = contentStem(w);
    if (s !== null) out.push(s);
  }
  return out;
}

const NUMBER_RE = /[0-9\u0660-\u0669]/;
const QUOTE_RE = /[\u201C\u201D\u00AB\u00BB"]/;

/** Whether a text carries a digit (Latin or Arabic-Indic). */
export function hasNumber(text: string): boolean {
  return NUMBER_RE.test(text);
}

/** Whether a text carries a quotation mark. */
export function hasQuote(text: string): boolean {
  return QUOTE_RE.test(text);
}

/** Counts of stems as a sparse vector. */
export function toVector(stems: readonly string[]): Map<string, number> {
  const v = new Map<string, number>();
  for (const s of stems) v.set(s, (v.get(s) ?? 0) + 1);
  return v;
}

/** Euclidean norm of a sparse vector. */
export function vectorNorm(v: ReadonlyMap<string, number>): number {
  let sum = 0;
  for (const x of v.values()) sum += x * x;
  return Math.sqrt(sum);
}

/** Cosine similarity of two sparse vectors (0 when either is empty). */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>, normA = vectorNorm(a), normB = vectorNorm(b)): number {
  if (normA === 0 || normB === 0) return 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [k, x] of small) {
    const y = large.get(k);
    if (y !== undefined) dot += x * y;
  }
  return dot / (normA * normB);
}

