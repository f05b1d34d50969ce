/**
 * Figures in Arabic news text, as values: digits in any of the three scripts (Western,
 * Arabic-Indic, Persian), the Arabic decimal and thousands separators (٫ ٬), the scale words
 * ألف/مليون/مليار and percentages. The guard compares values, not spellings, so that
 * "3.9 مليارات" in a bullet is found as "٣٫٩ مليار" in an article.
 */

/** One figure found in a text. */
export interface Figure {
  /** The figure as written (digits and separators only, before any scale word). */
  raw: string;
  /** The value of the digits alone: "3.9 مليار" → 3.9. */
  value: number;
  /** The value with its scale word applied: "3.9 مليار" → 3_900_000_000 (equal to `value` without one). */
  scaled: number;
  /** Whether a percent sign or «في المئة» follows. */
  percent: boolean;
}

// A run of digits of any script with inner separators: "1,500", "3.5", "٣٫٥", "١٬٢٠٠".
const FIGURE_RE = /[0-9\u0660-\u0669\u06F0-\u06F9]+(?:[.,\u066B\u066C][0-9\u0660-\u0669\u06F0-\u06F9]+)*/g;

// Scale words after a figure, normalized (hamza on alef folded, ة → ه), with an optional clitic
// و/ب. "الف" (thousand) also heads its plural "الاف"; "بليون" is the Levantine billion.
const SCALES: readonly (readonly [RegExp, number])[] = [
  [/^(?:[وب])?(?:الف|الفا|الاف|آلاف|ألف|ألفا|آلف)$/, 1e3],
  [/^(?:[وب])?(?:مليون|ملايين|مليونا)$/, 1e6],
  [/^(?:[وب])?(?:مليار|مليارات|مليارا|بليون|بلايين)$/, 1e9],
  [/^(?:[وب])?(?:تريليون|تريليونات|ترليون)$/, 1e12],
];

// "%", "٪", «في المئة», «في المائة», «بالمئة» (ة possibly already folded to ه).
const PERCENT_AFTER = /^\s*(?:%|٪|(?:في\s*|ب)الم[ئا]+[ةه])/u;

function toAscii(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    if (c >= 0x0660 && c <= 0x0669) out += String(c - 0x0660);
    else if (c >= 0x06f0 && c <= 0x06f9) out += String(c - 0x06f0);
    else if (ch === '\u066B') out += '.'; // ٫ Arabic decimal separator
    else if (ch === '\u066C') out += ','; // ٬ Arabic thousands separator
    else out += ch;
  }
  return out;
}

/**
 * The value of a written figure. "," is a thousands separator when every group after it has
 * three digits ("1,500" → 1500), and a decimal comma otherwise ("3,5" → 3.5), as Arabic outlets
 * write both.
 */
export function figureValue(raw: string): number {
  const s = toAscii(raw);
  const parts = s.split(',');
  let t = s;
  if (parts.length > 1) {
    const thousands = parts.slice(1).every((p) => /^\d{3}(?:\.\d+)?$/.test(p));
    t = thousands ? parts.join('') : `${parts.slice(0, -1).join('')}.${parts[parts.length - 1]}`;
  }
  const dots = t.split('.');
  // "1.500.000": dots as thousands separators.
  if (dots.length > 2 && dots.slice(1).every((p) => p.length === 3)) t = dots.join('');
  const v = Number(t);
  return Number.isFinite(v) ? v : Number.NaN;
}

/** The factor of a scale word after a figure (ألف 1e3, مليون 1e6, مليار 1e9, …), or 1. */
export function scaleOf(word: string): number {
  const w = normalizeScaleWord(word);
  for (const [re, factor] of SCALES) if (re.test(w)) return factor;
  return 1;
}

function normalizeScaleWord(w: string): string {
  return w.replace(/[\u064B-\u0652\u0640]/g, '').replace(/[أإآ]/g, 'ا').replace(/ة/g, 'ه');
}

/**
 * The figures of a text, in order.
 *
 * @example
 * findFigures('بلغت الصفقة ٣٫٩ مليار دولار، ونما 37 في المئة')
 * // → [{ raw: '٣٫٩', value: 3.9, scaled: 3.9e9, percent: false }, { raw: '37', value: 37, scaled: 37, percent: true }]
 */
export function findFigures(text: string): Figure[] {
  const out: Figure[] = [];
  FIGURE_RE.lastIndex = 0;
  for (let m = FIGURE_RE.exec(text); m !== null; m = FIGURE_RE.exec(text)) {
    const raw = m[0];
    const value = figureValue(raw);
    if (Number.isNaN(value)) continue;
    const after = text.slice(m.index + raw.length, m.index + raw.length + 24);
    const next = /^\s*([\u0621-\u064A\u0640\u064B-\u0652]+)/.exec(after)?.[1];
    let scaled = value;
    if (next !== undefined) {
      const word = normalizeScaleWord(next);
      for (const [re, factor] of SCALES) {
        if (re.test(word)) {
          scaled = value * factor;
          break;
        }
      }
    }
    out.push({ raw, value, scaled, percent: PERCENT_AFTER.test(after) });
  }
  return out;
}

// Spelled-out numbers an article may use where a summary writes digits ("ثلاثة" → 3). Only the
// source side reads these: they add values a bullet's digits may match, never figures to check.
const NUMBER_WORD_TABLE: Readonly<Record<string, number>> = {
  واحد: 1, واحده: 1, اثنان: 2, اثنين: 2, اثنتان: 2, اثنتين: 2, ثلاث: 3, ثلاثه: 3, اربع: 4, اربعه: 4,
  خمس: 5, خمسه: 5, ست: 6, سته: 6, سبع: 7, سبعه: 7, ثماني: 8, ثمانيه: 8, ثمان: 8, تسع: 9, تسعه: 9,
  عشر: 10, عشره: 10, عشرين: 20, عشرون: 20, ثلاثين: 30, ثلاثون: 30, اربعين: 40, اربعون: 40,
  خمسين: 50, خمسون: 50, ستين: 60, ستون: 60, سبعين: 70, سبعون: 70, ثمانين: 80, ثمانون: 80,
  تسعين: 90, تسعون: 90, مئه: 100, مائه: 100, مئتين: 200, مئتان: 200, مائتين: 200, مائتان: 200,
  الف: 1000, الفين: 2000, الفان: 2000, الفي: 2000, مليون: 1e6, مليار: 1e9,
  // Duals: «مليوني طن» is "2 مليون طن".
  مليوني: 2e6, مليونين: 2e6, مليونان: 2e6, ملياري: 2e9, مليارين: 2e9, ملياران: 2e9, مئتي: 200, مائتي: 200,
};

/** The spelled-out number words and their values. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map(Object.entries(NUMBER_WORD_TABLE));

/** The value of a spelled-out number word (normalized, one clitic و/ب/ل allowed), or undefined: numberWordValue('وثلاثة') → 3. */
export function numberWordValue(normalizedWord: string): number | undefined {
  if (normalizedWord.length > 7) return undefined;
  // A word whose first letter (after the clitic) begins no number word is none: it is not looked up.
  const first = normalizedWord.charCodeAt(0);
  if (beginsNumberWord(first)) {
    const direct = NUMBER_WORDS.get(normalizedWord);
    if (direct !== undefined) return direct;
  }
  if ((first === WAW || first === BEH || first === LAM) && beginsNumberWord(normalizedWord.charCodeAt(1))) return NUMBER_WORDS.get(normalizedWord.slice(1));
  return undefined;
}

const WAW = 0x0648;
const BEH = 0x0628;
const LAM = 0x0644;
// The first letters of the number words, by code from U+0600.
const NUMBER_WORD_FIRSTS = new Uint8Array(0x100);
for (const w of NUMBER_WORDS.keys()) NUMBER_WORD_FIRSTS[w.charCodeAt(0) - 0x0600] = 1;

function beginsNumberWord(c: number): boolean {
  return c >= 0x0600 && c < 0x0700 && NUMBER_WORD_FIRSTS[c - 0x0600] === 1;
}

/**
 * The values under which a figure can be found in a source: its digits' value and its scaled
 * value, rounded to stable keys ("3.90" and "3.9" are one value).
 */
export function figureKeys(f: Figure): string[] {
  const keys = [key(f.value)];
  if (f.scaled !== f.value) keys.push(key(f.scaled));
  return keys;
}

function key(v: number): string {
  return Number(v.toPrecision(12)).toString();
}

/** The key of a bare value, as {@link figureKeys} makes them. */
export function valueKey(v: number): string {
  return key(v);
}
