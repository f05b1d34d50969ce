/**
 * Matching-only normalization of Arabic text. The result is used to compare words; it is never
 * shown to readers, who always see the source text as it was written.
 */

// Harakat U+064B–U+065F, superscript alef U+0670, Quranic marks U+06D6–U+06ED.
const DIACRITICS = /[\u064B-\u065F\u0670\u06D6-\u06ED]/g;
const TATWEEL = /\u0640/g;
const ALEF_FORMS = /[\u0622\u0623\u0625\u0671]/g; // آ أ إ ٱ
const ARABIC_INDIC_DIGITS = /[\u0660-\u0669]/g;
const PERSIAN_DIGITS = /[\u06F0-\u06F9]/g;

/** Options for {@link normalizeArabic}. */
export interface NormalizeOptions {
  /** Fold ة into ه (default true). */
  foldTehMarbuta: boolean;
  /** Fold ى into ي (default true). */
  foldAlefMaqsura: boolean;
  /** Fold ؤ into و and ئ into ي (default false: the scorer of the eval keeps them). */
  foldHamzaCarriers: boolean;
}

/** The folding used for matching words across outlets. */
export const DEFAULT_NORMALIZE_OPTIONS: Readonly<NormalizeOptions> = {
  foldTehMarbuta: true,
  foldAlefMaqsura: true,
  foldHamzaCarriers: false,
};

/**
 * Normalizes Arabic text for matching.
 *
 * @example
 * normalizeArabic('إِنَّ الأخبارَ') // → 'ان الاخبار': harakat stripped, hamza forms folded to bare alef
 * normalizeArabic('مكتبة ٣٧') // → 'مكتبه 37': teh marbuta folded, Arabic-Indic digits to ASCII
 */
export function normalizeArabic(
  text: string,
  options: Readonly<NormalizeOptions> = DEFAULT_NORMALIZE_OPTIONS,
): string {
  let out = text
    .replace(DIACRITICS, '')
    .replace(TATWEEL, '')
    .replace(ALEF_FORMS, '\u0627')
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0));
  if (options.foldAlefMaqsura) out = out.replace(/\u0649/g, '\u064A');
  if (options.foldTehMarbuta) out = out.replace(/\u0629/g, '\u0647');
  if (options.foldHamzaCarriers) out = out.replace(/\u0624/g, '\u0648').replace(/\u0626/g, '\u064A');
  return out.toLowerCase();
}

/** Converts Arabic-Indic (and Persian) digits to ASCII digits, leaving everything else as is: "٠٧:٣٠" → "07:30". */
export function toAsciiDigits(text: string): string {
  return text
    .replace(ARABIC_INDIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(PERSIAN_DIGITS, (d) => String(d.charCodeAt(0) - 0x06f0));
}

/** Removes harakat and tatweel only; what remains is still the written word. */
export function stripDiacritics(text: string): string {
  return text.replace(DIACRITICS, '').replace(TATWEEL, '');
}
