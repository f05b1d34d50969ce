/** The Arabic text toolkit: pure functions (no I/O) for normalizing, segmenting, tokenizing, stemming and bidi-safe display. */
export { normalizeArabic, toAsciiDigits, stripDiacritics, DEFAULT_NORMALIZE_OPTIONS } from './normalize.js';
export type { NormalizeOptions } from './normalize.js';
export { segmentSentences, DEFAULT_SEGMENT_OPTIONS } from './segment.js';
export type { Sentence, SegmentOptions } from './segment.js';
export { tokenize, tokenizeWords, countWords } from './tokenize.js';
export type { Token } from './tokenize.js';
export { isStopWord } from './stopwords.js';
export { lightStem } from './stem.js';
export { isolateLatinRuns, startsRightToLeft, stripBidiControls, FSI, PDI, RLM } from './bidi.js';
export { isArabicText } from './language.js';
export { countedNoun, countWordsLabel, WORD_FORMS } from './counted-noun.js';
export type { NounForms } from './counted-noun.js';
