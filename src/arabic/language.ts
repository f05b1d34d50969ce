/** A cheap language check: is this text mostly Arabic? */

const ARABIC_LETTER = /[\u0621-\u064A\u0671-\u06D3]/g;
const ANY_LETTER = /[\u0621-\u064A\u0671-\u06D3A-Za-z\u00C0-\u024F\u0400-\u04FF]/g;

/**
 * True when at least `minShare` (default 0.5) of the letters are Arabic and there are at least
 * `minLetters` (default 20) of them: isArabicText('هذا خبر عاجل من الرباط عن الأمن') → true.
 */
export function isArabicText(text: string, minShare = 0.5, minLetters = 20): boolean {
  const sample = text.length > 20000 ? text.slice(0, 20000) : text;
  const arabic = sample.match(ARABIC_LETTER)?.length ?? 0;
  if (arabic < minLetters) return false;
  const letters = sample.match(ANY_LETTER)?.length ?? 0;
  return arabic / letters >= minShare;
}
