/** Arabic stop words, from the maintained `stopword` package, normalized for matching. */
import { ara } from 'stopword';
import { normalizeArabic } from './normalize.js';

// A few function words of news prose that the package's list leaves out; these are grammatical
// particles, not content, so they never decide which sentence is important.
const NEWS_FUNCTION_WORDS = ['ان', 'الى', 'التي', 'الذي', 'او', 'عن', 'على', 'في', 'من', 'مع', 'كان', 'قد', 'لا', 'ما', 'كما', 'بين', 'ذلك', 'هذا', 'هذه', 'وقال', 'قال', 'وقالت', 'قالت', 'واضاف', 'اضاف', 'حيث', 'خلال', 'بعد', 'قبل', 'عند', 'حتى'];

const STOP_WORDS: ReadonlySet<string> = new Set(
  [...ara, ...NEWS_FUNCTION_WORDS].map((w) => normalizeArabic(w)).filter((w) => w.length > 0),
);

/** Whether a normalized word is a stop word: isStopWord('الذي') → true, isStopWord('المغرب') → false. */
export function isStopWord(normalizedWord: string): boolean {
  return STOP_WORDS.has(normalizedWord);
}

/** Number of stop words known (for diagnostics). */
export const STOP_WORD_COUNT = STOP_WORDS.size;
