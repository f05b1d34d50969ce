/**
 * The features the topic classifier sees: light stems of the title's content words, each counted
 * {@link DEFAULT_TOPIC_FEATURE_OPTIONS}.titleWeight times, and of the first content words of the
 * text. Shared by the trainer and the classifier, so that both see the same words; a change here
 * changes the model (its hash is recorded in the model file, and a test compares it).
 */
import { contentStem } from '../text-features.js';

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
/** FNV-1a (32 bits, signed) of the UTF-16 units of the token found by the last {@link nextTopicToken}. */
export let topicTokenHash = 0;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/**
 * The end of the next token of `text` at or after `from` and before `end` (its start in
 * {@link topicTokenStart}, its hash in {@link topicTokenHash}), or -1 when there is none. The
 * tokens are those of the Arabic toolkit's tokenizeWords (a run of digits with inner . , ٫ ٬
 * between digits, or a run of letters), found without a regex and without allocating a string,
 * so that the classifier can look a word up in its cache straight from the text. A token is not
 * cut at `end`.
 */
export function nextTopicToken(text: string, from: number, end: number): number {
  const n = text.length;
  for (let i = from; i < end; i++) {
    let c = text.charCodeAt(i);
    if (isDigit(c)) {
      topicTokenStart = i;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let j = i + 1;
      for (;;) {
        while (j < n && isDigit((c = text.charCodeAt(j)))) {
          h = Math.imul(h ^ c, FNV_PRIME);
          j++;
        }
        const sep = j + 1 < n ? text.charCodeAt(j) : 0;
        if ((sep === 0x2e || sep === 0x2c || sep === 0x066b || sep === 0x066c) && isDigit(text.charCodeAt(j + 1))) {
          h = Math.imul(h ^ sep, FNV_PRIME);
          j++;
          continue;
        }
        topicTokenHash = h;
        return j;
      }
    }
    if (isWordChar(c)) {
      topicTokenStart = i;
      let h = Math.imul(FNV_OFFSET ^ c, FNV_PRIME);
      let j = i + 1;
      while (j < n && isWordChar((c = text.charCodeAt(j)))) {
        h = Math.imul(h ^ c, FNV_PRIME);
        j++;
      }
      topicTokenHash = h;
      return j;
    }
  }
  return -1;
}

/**
 * The light stem of a raw word when it is a content word, else null: topicStem('والمعلومات') →
 * 'معلوم', topicStem('الذي') → null. The composer's own stems (contentStem, with its cache): the
 * composer has stemmed every word of an article before it classifies it, so the classifier pays
 * for no stemming of its own. The model therefore records the hash of text-features.ts too, and
 * is retrained when the composer's stems change.
 */
export const topicStem: (word: string) => string | null = contentStem;

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
