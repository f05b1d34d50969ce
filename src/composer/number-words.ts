/** Words around numbers that the compressor and the key figures read alike (normalized, {@link normalizeArabic}). */
import { normalizeArabic } from '../arabic/index.js';

const norm = (words: readonly string[]): ReadonlySet<string> => new Set(words.map((w) => normalizeArabic(w)));

/** The scales of a number, which say how many, not of what («3 آلاف», «45 ألف متفرج», «2 مليار»). */
export const SCALE_WORDS = norm(['مليون', 'ملايين', 'مليونا', 'مليار', 'مليارات', 'مليارا', 'ألف', 'آلاف', 'ألفا', 'تريليون']);

/** Words that close a range opened by «من» or «بين» («15 إلى 20», «من 3 حتى 5», «لـ20%»). */
export const RANGE_TO_WORDS = norm(['إلى', 'الى', 'حتى', 'لـ']);
