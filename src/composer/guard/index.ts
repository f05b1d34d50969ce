/**
 * The guard: pure checks (no model, no I/O) of AI-written bullets and headlines against the texts
 * of their story's sources — figures, quotations, names, novel words — and of a model's output
 * itself — shape, language, length, links. A result is pass, or fail with reasons from a fixed
 * vocabulary (`number`, `quote`, `name`, `novel`, `language`, `length`, `link`, `parse`).
 *
 * @example
 * import { buildStoryIndex, guardBullet } from './composer/guard/index.js';
 * const index = buildStoryIndex([{ title, text, url }], lexicon);
 * guardBullet('ارتفعت الأسعار 5 في المئة', index, lexicon); // → { pass: false, reasons: ['number'], findings: [...] }
 */
export { findFigures, figureValue, numberWordValue, type Figure } from './numbers.js';
export { findQuotes, quoteSupport } from './quotes.js';
export { cliticAnalyses, inflectionKeys, quoteKey } from './word-forms.js';
export { buildStoryIndex, clearGuardCaches, prepareLexicon, findLinks, normalizeLink, analyzeWord, wordForms, wordKeys, withinOneEdit, type GuardSource, type StoryIndex } from './story-index.js';
export { countWordForms, serializeWordCounts, parseWordCounts, DEFAULT_WORD_COUNT_OPTIONS, type WordLexicon, type WordCounts, type WordCountOptions, type LexiconDocument } from './word-lexicon.js';
export { profileWord, type WordProfile } from './word-profile.js';
export { categoryVector, topicFit } from './topic-fit.js';
export { nameScore, fitNameModel, nameFeatureVector, NAME_FEATURES, DEFAULT_FIT_NAME_MODEL_OPTIONS, type NameModel, type NameFeatures, type FitNameModelOptions } from './name-score.js';
export { NAME_MODEL, NAME_THRESHOLD } from './name-model.js';
export {
  analyzeText,
  judgeAnalysis,
  slotEvidence,
  sameRootLike,
  rootCandidates,
  isRootlessUnknown,
  guardText,
  classifyWord,
  featuresOf,
  toGuardResult,
  GUARD_REASONS,
  DEFAULT_GUARD_OPTIONS,
  type GuardReason,
  type GuardResult,
  type GuardFinding,
  type GuardOptions,
  type TextAnalysis,
  type UnsupportedWord,
  type SlotEvidence,
  type WordClass,
} from './guard-text.js';
export { checkOutput, checkStoryShape, DEFAULT_OUTPUT_CHECK_OPTIONS, type OutputCheckOptions, type WrittenStory } from './output-checks.js';

export { guardBullet } from './guard-bullet.js';
export { guardStory, indexStory, DEFAULT_GUARD_STORY_OPTIONS, type StoryVerdict, type GuardStoryOptions } from './guard-story.js';
