/** Sentence segmentation for Arabic news text. */

/** One sentence with its position in the input. */
export interface Sentence {
  /** The sentence as written, trimmed. */
  text: string;
  /** UTF-16 offset of the sentence's first character in the input. */
  start: number;
}

/** The ending of a site's name written in Arabic letters after its dot («العربية.نت», «سوق.كوم»), a whole word. */
const SITE_ENDING = /^(?:نت|كوم|أورغ|اورغ|أورج|اورج|إنفو|انفو)(?![\u0621-\u064A])/;
const TERMINATORS = new Set(['.', '!', '?', '\u061F', '\u061B', '\u2026']); // . ! ? ؟ ؛ …
const CLOSERS = new Set(['\u201D', '\u00BB', '"', '\u2019', "'", ')', ']', '\u300B', '\u2033']);
// Character classes as code-point tests: segmentation looks at every character of every article.
const SPACE = { test: (ch: string): boolean => { const c = ch.charCodeAt(0); return c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x2028 || c === 0x2029 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x3000 || c === 0x1680 || c === 0x205f || c === 0xfeff; } };
const ARABIC_LETTER = { test: (ch: string): boolean => { const c = ch.charCodeAt(0); return (c >= 0x0621 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3); } };
const LETTER = { test: (ch: string): boolean => { const c = ch.charCodeAt(0); return ARABIC_LETTER.test(ch) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a); } };
const DIGIT = { test: (ch: string): boolean => { const c = ch.charCodeAt(0); return (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9); } };

// Abbreviations that end in a period without ending the sentence. Arabic: one letter (د. م. ص. ج.
// أ. هـ.) is handled by rule below; these are the Latin ones news text carries.
const LATIN_ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'jr', 'sr', 'vs', 'etc', 'no', 'inc', 'ltd', 'co', 'corp',
  'gen', 'col', 'lt', 'sgt', 'gov', 'sen', 'rep', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug',
  'sep', 'sept', 'oct', 'nov', 'dec', 'e.g', 'i.e', 'u.s', 'u.k', 'u.n', 'a.m', 'p.m',
]);
// Arabic abbreviations of more than one letter that take a period.
const ARABIC_ABBREVIATIONS = new Set(['ق.م', 'ص.ب', 'ج.م.ع', 'م.م']);

// The names of Latin letters as Arabic news spells them, which outlets write as initials with
// periods: «سي. آي. إيه» (CIA), «إف. بي. آي» (FBI). Several are words too («في», «أو», «أي»), so
// one counts as an initial only beside another: a period between two of them ends no sentence.
const LETTER_NAMES = new Set([
  'إيه', 'أيه', 'آيه', 'ايه', 'بي', 'سي', 'دي', 'إي', 'اي', 'إف', 'اف', 'جي', 'إتش', 'اتش', 'آي', 'أي', 'جيه', 'كيه', 'كي',
  'إل', 'إم', 'ام', 'إن', 'ان', 'أو', 'او', 'كيو', 'آر', 'ار', 'إس', 'اس', 'تي', 'يو', 'في', 'دبليو', 'إكس', 'اكس', 'واي', 'زد',
]);

// Letters' names that are Arabic words too: after a period, one of them may open the next sentence.
const WORD_LETTER_NAMES = new Set(['في', 'أو', 'او', 'أي', 'اي', 'إن', 'ان', 'ام', 'كي']);

// The run of Arabic letters from `from` on, after any spaces.
function arabicWordAfter(text: string, from: number): string {
  let i = from;
  while (i < text.length && SPACE.test(text[i]!)) i++;
  const start = i;
  while (i < text.length && ARABIC_LETTER.test(text[i]!)) i++;
  return text.slice(start, i);
}

// Whether the letter name ending just before the period at `dot` is an initial among others:
// another letter name follows it, or one with its period comes before it (or is glued to it).
function isLetterInitial(text: string, dot: number, word: string): boolean {
  // Written without spaces, the word before the period holds the initials before it: «إف.بي.آي.».
  if (word.includes('.')) return word.split('.').every((part) => LETTER_NAMES.has(part));
  if (!LETTER_NAMES.has(word)) return false;
  // The next letter's name counts, unless it is a word too («في», «إن», …): then only when its own
  // period, a closing bracket or quote follows it («سي. أي. آيه)»), since a sentence that ends on
  // «بي بي سي.» may well open with «في» or «إن».
  const after = arabicWordAfter(text, dot + 1);
  if (LETTER_NAMES.has(after)) {
    if (!WORD_LETTER_NAMES.has(after)) return true;
    const end = text.indexOf(after, dot + 1) + after.length;
    if (/^(?:\.|[)\]»”’"])/.test(text.slice(end, end + 1))) return true;
  }
  let i = dot - word.length;
  while (i > 0 && SPACE.test(text[i - 1]!)) i--;
  if (i === 0 || text[i - 1] !== '.' || i === dot - word.length) return false;
  return LETTER_NAMES.has(wordBefore(text, i - 1));
}

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
  if (isLetterInitial(text, dot, bare)) return true;
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

/** Adds text[start, end) as a sentence, trimmed, unless it is blank. (A module function, not a closure: this runs per sentence.) */
function pushSentence(out: Sentence[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const trimmed = raw.trim();
  if (trimmed.length > 0) out.push({ text: trimmed, start: start + (raw.length - raw.trimStart().length) });
}

/**
 * Splits text into sentences at `. ! ? ؟ ؛ …` (and runs of them: `!؟`, `؟!`, `..`) followed by
 * space, a closing quote or an Arabic letter, and at line breaks. A closing quote after a stop
 * stays with its sentence. Does not cut inside “…”, «…» or "…" quotations (except at `!؟` and
 * `؟!`), inside decimals (`3.5`), or after abbreviations (`د.`, `U.S.`).
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


  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    // Letters, digits and spaces decide nothing here: skip them fast.
    if ((code >= 0x0621 && code <= 0x064a) || code === 32 || (code >= 0x30 && code <= 0x39)) continue;
    const ch = text[i]!;
    if (ch === '\n' || ch === '\r' || ch === '\u2029') {
      pushSentence(out, text, start, i);
      start = i + 1;
      quoteDepth = 0;
      continue;
    }
    if (ch === '\u201C' || ch === '\u00AB') {
      if (quoteDepth === 0) quoteOpenedAt = i;
      quoteDepth++;
      continue;
    }
    if (ch === '\u2033') {
      // ″ (double prime) closes a “ in some outlets' typing: «“sport24″».
      if (quoteDepth > 0) quoteDepth--;
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
      if (SITE_ENDING.test(text.slice(i + 1, i + 8))) continue; // «العربية.نت», «سوق.كوم»
    }
    // Run on through repeated terminators and closing quotes/brackets: "؟!", ".»", '.”'.
    let end = i + 1;
    let closed = 0;
    let exclaims = ch === '!';
    let asks = ch === '?' || ch === '\u061F';
    while (end < n && (TERMINATORS.has(text[end]!) || CLOSERS.has(text[end]!))) {
      const c = text[end]!;
      if (c === '\u201D' || c === '\u00BB' || c === '"' || c === '\u2033') closed++;
      if (c === '!') exclaims = true;
      if (c === '?' || c === '\u061F') asks = true;
      end++;
    }
    const next = text[end];
    // An ellipsis («..», «…») is a stop even when a number follows it unspaced: «بالفيديو..10 قتلى».
    const ellipsis = ch === '\u2026' || (ch === '.' && text[i - 1] === '.');
    const boundary =
      next === undefined || SPACE.test(next) || ARABIC_LETTER.test(next) || (ch !== '.' && ch !== '\u2026') || (ellipsis && DIGIT.test(next));
    if (!boundary) continue;
    if (quoteDepth > 0) {
      const stray = i - quoteOpenedAt > options.maxQuoteChars;
      // Inside a quotation a terminator ends the sentence only when the quotation closes with it,
      // or when it is «!؟» or «؟!»: a quoted speech's exclamatory question ends its sentence.
      if (!stray && !(exclaims && asks) && quoteDepth - closed > 0) continue;
    }
    quoteDepth = 0;
    pushSentence(out, text, start, end);
    start = end;
    i = end - 1;
  }
  pushSentence(out, text, start, n);
  return out;
}
