/** Word tokenization for Arabic news text (mixed with Latin words and numbers). */

/** One token: a maximal run of Arabic letters/marks, Latin letters or digits (with inner . , for numbers). */
export interface Token {
  /** The token as written in the source. */
  text: string;
  /** UTF-16 offset of the token in the input. */
  start: number;
  /** True when the token is a number such as "37", "3.5" or "٢٠١٨". */
  isNumber: boolean;
}

// Arabic letters (U+0621–U+064A), harakat and tatweel (U+0640–U+065F, U+0670), Arabic-Indic and
// Persian digits, extended Arabic letters (U+0671–U+06D3), Latin letters and digits. A number may
// hold an inner "." or "," between digits ("3.5", "1,500", "٣٫٥").
const TOKEN_RE =
  /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*|[\u0621-\u065F\u0670-\u06D3\u06FA-\u06FFa-zA-Z\u00C0-\u024F]+/g;
const DIGIT_START = /^[0-9\u0660-\u0669\u06F0-\u06F9]/;

/**
 * Splits text into word tokens, dropping punctuation and symbols.
 *
 * @example
 * tokenize('بنسبة 37 في المئة، و3.5 مليون').map((t) => t.text)
 * // → ['بنسبة', '37', 'في', 'المئة', 'و', '3.5', 'مليون']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    tokens.push({ text: m[0], start: m.index, isNumber: DIGIT_START.test(m[0]) });
  }
  return tokens;
}

/** The token strings alone: a faster path for scoring, where offsets are not needed. */
export function tokenizeWords(text: string): string[] {
  return text.match(TOKEN_RE) ?? [];
}

/** Number of words in a text as readers count them (word tokens, punctuation ignored). */
export function countWords(text: string): number {
  return tokenizeWords(text).length;
}
