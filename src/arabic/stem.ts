/**
 * Light stemming for Arabic, in the style of Larkey, Ballesteros & Connell's light10 stemmer
 * (SIGIR 2002): strip one conjunction و/ف, then one article or preposition prefix, then common
 * suffixes, keeping at least a three-letter core. Input must already be normalized
 * ({@link normalizeArabic}): alef forms folded, ة→ه, ى→ي.
 */

// Longest first, so "وال" is tried before "و".
const PREFIXES = ['وال', 'فال', 'بال', 'كال', 'لل', 'ال'];
const SUFFIXES = ['هما', 'كما', 'ات', 'ان', 'ين', 'ون', 'ها', 'يه', 'هم', 'هن', 'كم', 'نا', 'ه', 'ي'];
const MIN_CORE = 3;

/**
 * Returns the light stem of a normalized Arabic word; Latin words and numbers come back as given.
 *
 * @example
 * lightStem('والمعلومات') // → 'معلوم'
 * lightStem('بالمغرب') // → 'مغرب'
 * lightStem('للامن') // → 'امن'
 */
export function lightStem(word: string): string {
  const first = word.charCodeAt(0);
  if (!(first >= 0x0621 && first <= 0x064a)) return word;
  let w = word;
  let strippedPrefix = false;
  for (const p of PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= MIN_CORE - 1) {
      w = w.slice(p.length);
      strippedPrefix = true;
      break;
    }
  }
  if (!strippedPrefix && (w[0] === 'و' || w[0] === 'ف' || w[0] === 'ب' || w[0] === 'ل' || w[0] === 'ك') && w.length > MIN_CORE + 1) {
    // A lone clitic: و/ف (and), ب (with), ل (for), ك (like). Only on words long enough that the
    // letter is unlikely to be part of the root.
    w = w.slice(1);
  }
  for (const s of SUFFIXES) {
    if (w.length - s.length >= MIN_CORE && w.endsWith(s)) {
      w = w.slice(0, w.length - s.length);
      break;
    }
  }
  return w;
}
