/** Sentence segmentation for Arabic news text. */

/** One sentence with its position in the input. */
export interface Sentence {
  /** The sentence as written, trimmed. */
  text: string;
  /** UTF-16 offset of the sentence's first character in the input. */
  start: number;
}

const TERMINATORS = new Set(['.', '!', '?', '\u061F', '\u061B', '\u2026']); // . ! ? ؟ ؛ …
const CLOSERS = new Set(['\u201D', '\u00BB', '"', '\u2019', "'", ')', ']', '\u300B']);
const SPACE = /\s/;
const LETTER = /[\u0621-\u064A\u0671-\u06D3a-zA-Z]/;
const DIGIT = /[0-9\u0660-\u0669\u06F0-\u06F9]/;
const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/;

// Abbreviations that end in a period without ending the sentence. Arabic: one letter (د. م. ص. ج.
// أ. هـ.) is handled by rule below; these are the Latin ones news text carries.
const LATIN_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'no', 'inc', 'ltd', 'co', 'corp',
  'gen', 'col', 'lt', 'sgt', 'gov', 'sen', 'rep', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'a.m', 'p.m',
]);
// Arabic abbreviations of more than one letter that take a period.
const ARABIC_ABBREVIATIONS = new Set(['ق.م', 'ص.ب', 'ج.م.ع', 'م.م']);

/** Options for {@link segmentSentences}. */
export interface SegmentOptions {
  /**
   * A quotation still open after this many characters is taken as unbalanced (a stray quote mark),
   * and terminators inside it split again. Default 600.
   */
  maxQuoteChars: number;
}

/** Defaults for {@link segmentSentences}. */
export const DEFAULT_SEGMENT_OPTIONS: Readonly<SegmentOptions> = { maxQuoteChars: 600 };

/** The word (letters, digits and inner periods) that ends just before `end`. */
function wordBefore(text: string, end: number): string {
  let i = end;
  while (i > 0) {
    const ch = text[i - 1]!;
    if (LETTER.test(ch) || ch === '.' || ch === '\u0640') i--;
    else break;
  }
  return text.slice(i, end);
}

function isAbbreviation(text: string, dot: number): boolean {
  const word = wordBefore(text, dot).replace(/^\.+/, '');
  if (word.length === 0) return false;
  const bare = word.replace(/\u0640/g, '');
  // A single Arabic letter before a period is an abbreviation: "د." (doctor), "م." (AD), "هـ." (AH).
  if (bare.length === 1 && ARABIC_LETTER.test(bare)) return true;
  if (bare === 'هـ' || bare === 'ه') return true;
  if (ARABIC_ABBREVIATIONS.has(bare)) return true;
  const lower = bare.toLowerCase();
  if (LATIN_ABBREVIATIONS.has(lower)) return true;
  // Initials such as "J." or "U.S.": one Latin capital.
  return /^[A-Z]$/.test(bare);
}

/** Whether a symmetric quote mark (" or ”) at index i opens a quotation, judged by its neighbours. */
function opensQuotation(text: string, i: number): boolean {
  const before = i === 0 ? ' ' : text[i - 1]!;
  const after = text[i + 1] ?? ' ';
  const beforeOk = SPACE.test(before) || before === '\u0640' || before === '(' || before === ':' || before === '،' || before === ',';
  return beforeOk && !SPACE.test(after);
}

/**
 * Splits text into sentences at `. ! ? ؟ ؛ …` followed by space, a closing quote or an Arabic
 * letter, and at line breaks. Does not cut inside “…”, «…» or "…" quotations, inside decimals
 * (`3.5`), or after abbreviations (`د.`, `U.S.`).
 *
 * @example
 * segmentSentences('قال: «وصلنا. الحمد لله». ثم غادر؟ نعم').map((s) => s.text)
 * // → ['قال: «وصلنا. الحمد لله».', 'ثم غادر؟', 'نعم']
 */
export function segmentSentences(
  text: string,
  options: Readonly<SegmentOptions> = DEFAULT_SEGMENT_OPTIONS,
): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  let quoteDepth = 0;
  let quoteOpenedAt = -1;
  const n = text.length;

  const push = (end: number): void => {
    const raw = text.slice(start, end);
    const trimmedStart = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0) out.push({ text: trimmed, start: start + trimmedStart });
    start = end;
  };

  for (let i = 0; i < n; i++) {
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r' || ch === '\u2029') {
      push(i);
      start = i + 1;
      quoteDepth = 0;
      continue;
    }
    if (ch === '\u201C' || ch === '\u00AB') {
      if (quoteDepth === 0) quoteOpenedAt = i;
      quoteDepth++;
      continue;
    }
    if (ch === '\u00BB' || ch === '\u201D' || ch === '"') {
      if (quoteDepth > 0 && !(ch === '"' && opensQuotation(text, i) && text[i - 1] !== '\u0640')) {
        quoteDepth--;
      } else if (ch !== '\u00BB' && opensQuotation(text, i)) {
        quoteOpenedAt = i;
        quoteDepth++;
      }
      continue;
    }
    if (!TERMINATORS.has(ch)) continue;
    if (ch === '.') {
      const prev = text[i - 1] ?? '';
      const next = text[i + 1] ?? '';
      if (DIGIT.test(prev) && DIGIT.test(next)) continue; // 3.5
      if (next === '.') continue; // "..." ends on its last dot
      if (isAbbreviation(text, i)) continue;
    }
    // Run on through repeated terminators and closing quotes/brackets: "؟!", ".»", '.”'.
    let end = i + 1;
    let closed = 0;
    while (end < n && (TERMINATORS.has(text[end]!) || CLOSERS.has(text[end]!))) {
      const c = text[end]!;
      if (c === '\u201D' || c === '\u00BB' || c === '"') closed++;
      end++;
    }
    const next = text[end];
    const boundary =
      next === undefined || SPACE.test(next) || ARABIC_LETTER.test(next) || (ch !== '.' && ch !== '\u2026');
    if (!boundary) continue;
    if (quoteDepth > 0) {
      const stray = i - quoteOpenedAt > options.maxQuoteChars;
      // Inside a quotation a terminator ends the sentence only when the quotation closes with it.
      if (!stray && quoteDepth - closed > 0) continue;
    }
    quoteDepth = 0;
    push(end);
    i = end - 1;
  }
  push(n);
  return out;
}
