/** Word-level features shared by the stages (content stems, numbers, quotes). */
import { isStopWord, lightStem, normalizeArabic, tokenizeWords } from '../arabic/index.js';

const stemCache = new Map<string, string | null>();
const STEM_CACHE_LIMIT = 200_000;

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
