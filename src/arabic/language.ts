/** A cheap language check: is this text mostly Arabic? */

function isArabicLetter(c: number): boolean {
  return (c >= 0x0621 && c <= 0x064a) || (c >= 0x0671 && c <= 0x06d3);
}

function isOtherLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || (c >= 0xc0 && c <= 0x24f) || (c >= 0x400 && c <= 0x4ff);
}

// Urdu's and Persian's own forms of letters Arabic writes otherwise: ی ک ہ ھ ۀ.
const OTHER_LANGUAGE_FORMS = new Set([0x06cc, 0x06a9, 0x06c1, 0x06be, 0x06c0]);
// Letters of the extended range that Arabic itself writes: ٱ, and ڤ ڨ ڭ for v and g in Levantine and Maghrebi names.
const ARABIC_EXTENDED = new Set([0x0671, 0x06a4, 0x06a8, 0x06ad]);

/**
 * True when at least `minShare` (default 0.5) of the letters are Arabic and there are at least
 * `minLetters` (default 20) of them: isArabicText('هذا خبر عاجل من الرباط عن الأمن') → true.
 * Urdu and Persian, written in the same script, are not Arabic: a text whose letters are a tenth
 * or more those languages' own (ٹ ڈ ڑ ں ے پ چ گ ژ … and ی ک ہ ھ), some of them letters Arabic
 * never writes, is not ('وزیر اعظم نے کہا ہے کہ …' → false). Arabic news stays far below: a name
 * with «گ» or a text typed with a Persian «ی» is a few letters in a hundred.
 * Reads at most the first 20,000 characters.
 */
export function isArabicText(text: string, minShare = 0.5, minLetters = 20): boolean {
  const n = Math.min(text.length, 20_000);
  let arabic = 0;
  let other = 0;
  // Arabic-script letters Arabic does not write, and other languages' forms of its letters.
  let foreignOnly = 0;
  let foreignForms = 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x41) continue;
    if (isArabicLetter(c)) {
      arabic++;
      if (c >= 0x0671 && !ARABIC_EXTENDED.has(c)) {
        if (OTHER_LANGUAGE_FORMS.has(c)) foreignForms++;
        else foreignOnly++;
      }
    } else if (isOtherLetter(c)) other++;
  }
  if (foreignOnly + foreignForms >= arabic * 0.1 && foreignOnly >= arabic * 0.005) return false;
  return arabic >= minLetters && arabic / (arabic + other) >= minShare;
}
