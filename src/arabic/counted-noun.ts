/**
 * Arabic number agreement for a counted noun the bot prints after a number in digits:
 * 1 → «كلمة واحدة», 2 → «كلمتان», 3–10 → «3 كلمات» (plural), 11–99 → «11 كلمة» (singular, accusative),
 * and from 100 on by the last two digits: «103 كلمات», «111 كلمة», «100 كلمة» (singular, genitive).
 */

/** The forms of a counted noun. */
export interface NounForms {
  /** One, as said: «كلمة واحدة». */
  one: string;
  /** Two, the dual: «كلمتان». */
  two: string;
  /** After 3–10: the plural, «كلمات». */
  plural: string;
  /** After 11–99: the singular accusative, «كلمة» («خبرًا» for a masculine noun). */
  accusative: string;
  /** After 100, 200, …, 101, 102: the singular genitive, «كلمة» («خبر»). */
  genitive: string;
}

/** The forms of «كلمة» (word). */
export const WORD_FORMS: Readonly<NounForms> = { one: 'كلمة واحدة', two: 'كلمتان', plural: 'كلمات', accusative: 'كلمة', genitive: 'كلمة' };

/**
 * A count with its noun in agreement: countedNoun(103, WORD_FORMS) → '103 كلمات'.
 * Zero takes the genitive singular («0 كلمة»); negative or fractional counts are printed as given with the genitive.
 */
export function countedNoun(n: number, forms: Readonly<NounForms>): string {
  if (!Number.isInteger(n) || n < 0) return `${n} ${forms.genitive}`;
  if (n === 1) return forms.one;
  if (n === 2) return forms.two;
  const lastTwo = n % 100;
  if (lastTwo >= 3 && lastTwo <= 10) return `${n} ${forms.plural}`;
  if (lastTwo >= 11) return `${n} ${forms.accusative}`;
  return `${n} ${forms.genitive}`; // 0, 100, 101, 102, 200, …
}

/** A count of words: countWordsLabel(2) → 'كلمتان'. */
export function countWordsLabel(n: number): string {
  return countedNoun(n, WORD_FORMS);
}
