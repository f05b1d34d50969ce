/**
 * The composer: a pure pipeline that turns an article into a short Arabic digest
 * (sections → scored sentences → selected → compressed → digest) and a day's digests into a briefing.
 *
 * @example
 * import { composeDigest, composeBriefing } from './composer/index.js';
 * const digest = composeDigest(article); // { headline, bullets: [{ text, section, sourceSentence }], keyFigures, ... }
 * const briefing = composeBriefing([digest], { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] });
 */
export { composeDigest, runDigestStages } from './compose-digest.js';
export { composeBriefing, clusterDigests, clusterDigestsAsync, rankStories, storyClusterInputs, DEFAULT_BRIEFING_OPTIONS, OTHER_TOPIC } from './compose-briefing.js';
export type { BriefingOptions, RankOptions, Story, ClusteredStories } from './compose-briefing.js';
export { writeStories, articleLanguage } from './write-stories.js';
export type { GuardRejection } from './write-stories.js';
export { GUARD_REASONS, DEFAULT_GUARD_STORY_OPTIONS, prepareLexicon } from './guard/index.js';
export type { WordLexicon, GuardReason, GuardStoryOptions } from './guard/index.js';
export { compressSentence, DEFAULT_COMPRESS_OPTIONS, clearCompressCache } from './compress.js';
export { clearStemCache } from './text-features.js';

import { clearCompressCache } from './compress.js';
import { clearStemCache } from './text-features.js';
import { clearTopicCaches } from './topics/classify-topic.js';
import { clearKeyFigureCache } from './stages/extract-key-figures.js';

/** Empties the composer's word caches, so that a benchmark pass starts cold as on a new day's news. */
export function clearComposerCaches(): void {
  clearStemCache();
  clearCompressCache();
  clearKeyFigureCache();
  clearTopicCaches();
}
export type { CompressOptions } from './compress.js';
export { DEFAULT_COMPOSE_OPTIONS } from './draft.js';
export type { AnyDraftStage, ComposeOptions, Draft, ScoredDraft, SentenceInfo, Stage } from './draft.js';

export { contentStems } from './text-features.js';
export { countedNoun, countWordsLabel, WORD_FORMS } from '../arabic/index.js';
export type { NounForms } from '../arabic/index.js';
export { clusterStories, clusterStoriesAsync, DEFAULT_CLUSTER_OPTIONS } from './cluster-stories.js';
export { parsePublished } from '../core/published-time.js';
export type { ClusterInput, ClusterOptions } from './cluster-stories.js';

/** Version of the composer's output; cached digests of another version are composed again. Bump on any change of output. */
export const COMPOSER_VERSION = '2026-12-03.evening';

export { classifyFeatures, classifyTopic, clearTopicCaches, DEFAULT_TOPIC_THRESHOLD, topicLogits } from './topics/classify-topic.js';
export type { TopicClassifierOptions } from './topics/classify-topic.js';
export { DEFAULT_TOPIC_FEATURE_OPTIONS, topicFeatures } from './topics/topic-features.js';
export type { TopicFeatureOptions } from './topics/topic-features.js';
export { shippedTopicModel, TOPIC_MODEL_FORMAT, toTopicModel } from './topics/topic-model.js';
export type { TopicModel, TopicModelFile } from './topics/topic-model.js';
