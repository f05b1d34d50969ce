/** The floor every benchmark ratio is taken against: normalize and tokenize the article, nothing more. */
import { normalizeArabic, tokenizeWords } from '../arabic/index.js';

/** Normalizes and tokenizes a text; returns the token count so the work cannot be optimized away. */
export function floorPass(text: string): number {
  return tokenizeWords(normalizeArabic(text)).length;
}
