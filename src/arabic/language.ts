/** A cheap language check: is this text mostly Arabic? */

function isArabicLetter(c: number): boolean {
  return (c >= 0x0621 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3);
}

function isOtherLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x400 && c <= 0x4ff);
}

/**
 * True when at least `minShare` (default 0.5) of the letters are Arabic and there are at least
 * `minLetters` (default 20) of them: isArabicText('هذا خبر عاجل من الرباط عن الأمن') → true.
 * Reads at most the first 20,000 characters.
 */
export function isArabicText(text: string, minShare = 0.5, minLetters = 20): boolean {
  const n = Math.min(text.length, 20_000);
  let arabic = 0;
  let other = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (isArabicLetter(c)) arabic++;
    else if (isOtherLetter(c)) other++;
  }
  return arabic >= minLetters && arabic / (arabic + other) >= minShare;
}
