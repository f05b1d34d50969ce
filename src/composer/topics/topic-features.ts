/**
 * The features the topic classifier sees: light stems of the title's content words, each counted
 * {@link DEFAULT_TOPIC_FEATURE_OPTIONS}.titleWeight times, and of the first content words of the
 * text. Shared by the trainer and the classifier, so that both see the same words; a change here
 * changes the model (its hash is recorded in the model file, and a test compares it).
 */
import { isStopWord, lightStem, normalizeArabic } from '../../arabic/index.js';

/** Options for {@link topicFeatures}. */
export interface TopicFeatureOptions {
  /** How many times a title word counts (default 3: a title names the subject in a few words). */
  titleWeight: number;
  /** Content words of the text read after the title (default 100: the lead carries the topic; 80 to 150 words score alike in leave-one-outlet-out cross-validation, and fewer cost less; see the README). */
  maxTextWords: number;
}

/** Defaults for {@link TopicFeatureOptions}; chosen by leave-one-outlet-out cross-validation on the training data. */
export const DEFAULT_TOPIC_FEATURE_OPTIONS: Readonly<TopicFeatureOptions> = { titleWeight: 3, maxTextWords: 100 };

/** Characters of text read per content word at most: */
// enough for maxTextWords content words in news prose (about 6
// characters and one stop word per content word), so that a very long article costs no more.
export const CHARS_PER_TEXT_WORD = 16;

/** Whether a UTF-16 unit is a digit of a number token: ASCII, Arabic-Indic or Persian. */
function isDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x0660 && c <= 0x0669) || (c >= 0x06f0 && c <= 0x06f9);
}

/** Whether a UTF-16 unit belongs to a word token: Arabic letters and marks, extended Arabic letters, Latin letters. */
function isWordChar(c: number): boolean {
  return (c >= 0x0621 && c <= 0x065f) || (c >= 0x0670 && c <= 0x06d3) || (c >= 0x06fa && c <= 0x06ff) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f);
}

/** Where the token found by the last {@link nextTopicToken} starts. */
export let topicTokenStart = 0;

/**
 * The end of the next token of `text` at or after `from` and before `end` (its start in
 * {@link topicTokenStart}), or -1 when there is none. The tokens are those of the Arabic
 * toolkit's tokenizeWords (a run of digits with inner . , ٫ ٬ between digits, or a run of
 * letters), found without a regex and without allocating a string, so that the classifier can
 * look a word up in its cache straight from the text. A token is not cut at `end`.
 */
export function nextTopicToken(text: string, from: number, end: number): number {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isDigit(c)) {
      topicTokenStart = i;
      let j = i + 1;
      const n = text.length;
      for (;;) {
        while (j < n && isDigit(text.charCodeAt(j))) j++;
        const sep = j + 1 < n ? text.charCodeAt(j) : 0;
        if ((sep === 0x2e || sep === 0x2c || sep === 0x066b || sep === 0x066c) && isDigit(text.charCodeAt(j + 1))) {
          j += 2;
          continue;
        }
        return j;
      }
    }
    if (isWordChar(c)) {
      topicTokenStart = i;
      let j = i + 1;
      const n = text.length;
      while (j < n && isWordChar(text.charCodeAt(j))) j++;
      return j;
    }
  }
  return -1;
}

const stems = new Map<string, string | null>();
const STEM_CACHE_LIMIT = 100_000;

/** Empties the classifier's stem cache (benchmarks start each timed pass cold). */
export function clearTopicStemCache(): void {
  stems.clear();
}

/**
 * Whether normalizeArabic can change a word: a character it folds or drops (harakat, tatweel,
 * Quranic marks, آ أ إ ٱ ؤ ئ ى ة, Arabic-Indic and Persian digits, Latin capitals and accented
 * letters). Most words of news prose have none, and a char-code scan is cheaper than its regex.
 */
function mayFold(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 0x0621) {
      if ((c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0x24f)) return true;
    } else if (c === 0x0622 || c === 0x0623 || c === 0x0624 || c === 0x0625 || c === 0x0626 || c === 0x0629 || c === 0x0640 || c === 0x0649 || c >= 0x064b) {
      return true;
    }
  }
  return false;
}

/**
 * The light stem of a raw word when it is a content word, else null, without a cache: the
 * classifier caches its own verdict per word (one lookup per word), the trainer goes through
 * {@link topicStem}.
 */
export function topicStemUncached(word: string): string | null {
  const norm = mayFold(word) ? normalizeArabic(word) : word;
  if (norm.length < 2 || isStopWord(norm)) return null;
  const s = lightStem(norm);
  return s.length >= 2 && !isStopWord(s) ? s : null;
}

/**
 * The light stem of a raw word when it is a content word, else null: topicStem('والمعلومات') →
 * 'معلوم', topicStem('الذي') → null. Its own cache (not the composer's), so that the model's
 * features do not move when the composer's word features do.
 */
export function topicStem(word: string): string | null {
  const hit = stems.get(word);
  if (hit !== undefined) return hit;
  const stem = topicStemUncached(word);
  if (stems.size >= STEM_CACHE_LIMIT) stems.clear();
  stems.set(word, stem);
  return stem;
}

/**
 * Counts of stems for one article: each title stem counts `titleWeight`, each of the first
 * `maxTextWords` content stems of the text counts 1. Deterministic (insertion order: title first).
 *
 * @example
 * topicFeatures('المنتخب يفوز', 'فاز المنتخب الوطني في المباراة') // → Map { 'منتخب' → 4, 'يفوز' → 3, 'فاز' → 1, 'وطن' → 1, 'مبارا' → 1 }
 */
export function topicFeatures(title: string, text: string, options: Readonly<TopicFeatureOptions> = DEFAULT_TOPIC_FEATURE_OPTIONS): Map<string, number> {
  const counts = new Map<string, number>();
  for (let end = nextTopicToken(title, 0, title.length); end >= 0; end = nextTopicToken(title, end, title.length)) {
    const s = topicStem(title.slice(topicTokenStart, end));
    if (s !== null) counts.set(s, (counts.get(s) ?? 0) + options.titleWeight);
  }
  let left = options.maxTextWords;
  if (left > 0) {
    // Tokens that start within the first maxTextWords × CHARS_PER_TEXT_WORD characters.
    const limit = Math.min(text.length, options.maxTextWords * CHARS_PER_TEXT_WORD);
    for (let end = nextTopicToken(text, 0, limit); end >= 0; end = nextTopicToken(text, end, limit)) {
      const s = topicStem(text.slice(topicTokenStart, end));
      if (s === null) continue;
      counts.set(s, (counts.get(s) ?? 0) + 1);
      if (--left === 0) break;
    }
  }
  return counts;
}
