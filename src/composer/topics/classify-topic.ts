/**
 * The topic classifier: which of the six sections (Middle East, world, economy, sport,
 * technology, culture) an article belongs to, with a probability. Multinomial naive Bayes over
 * light stems (McCallum & Nigam, "A comparison of event models for naive Bayes text
 * classification", AAAI-98 workshop), title words weighted; trained by `npm run train -- topics`.
 */
import { TOPIC_CLASSES, type TopicClass, type TopicClassification } from '../../core/topic-classes.js';
import { tokenizeWords } from '../../arabic/index.js';
import { CHARS_PER_TEXT_WORD, clearTopicStemCache, topicStemUncached } from './topic-features.js';
import { shippedTopicModel, type TopicModel } from './topic-model.js';

/** Options for {@link classifyTopic}. */
export interface TopicClassifierOptions {
  /** The model (default: the shipped one). */
  model: TopicModel;
  /** Below this probability of its best class an article gets no label (default {@link DEFAULT_TOPIC_THRESHOLD}). */
  threshold: number;
}

/**
 * The default threshold, 0.3: on articles of outlets left out of training (`npm run train --
 * topics --cv`), the best class of the 2 % below 0.3 was right 37 % of the time (five classes),
 * worse than a coin flip; above it, 89 %. Six classes, so a uniform guess is 0.17.
 */
export const DEFAULT_TOPIC_THRESHOLD = 0.3;

/** The model's score per class (in the order of `model.classes`) before the temperature: log prior + Σ count × log-weight. */
export function topicLogits(counts: ReadonlyMap<string, number>, model: TopicModel): Float64Array {
  const k = model.classes.length;
  const z = Float64Array.from(model.priors);
  for (const [stem, n] of counts) {
    const w = model.weights.get(stem);
    if (w === undefined) continue;
    for (let c = 0; c < k; c++) z[c]! += n * w[c]!;
  }
  return z;
}

/**
 * The classification of stem counts (see topicFeatures) by a model: a softmax over the classes of
 * (log prior + Σ count × log-weight) / temperature. Every class of TOPIC_CLASSES gets a probability (0 for a class
 * the model lacks).
 */
export function classifyFeatures(counts: ReadonlyMap<string, number>, model: TopicModel, threshold = DEFAULT_TOPIC_THRESHOLD): TopicClassification {
  return fromLogits(topicLogits(counts, model), model, threshold);
}

/** Probabilities from scores (temperature, softmax) and the label when the best one reaches the threshold. */
function fromLogits(z: Float64Array, model: TopicModel, threshold: number): TopicClassification {
  const k = model.classes.length;
  // Naive Bayes counts every word as independent evidence, so its raw posteriors are far too sure;
  // the model's temperature (fitted on held-out outlets) makes them honest probabilities.
  for (let c = 0; c < k; c++) z[c]! /= model.temperature;
  let max = -Infinity;
  let best = 0;
  for (let c = 0; c < k; c++) {
    if (z[c]! > max) {
      max = z[c]!;
      best = c;
    }
  }
  let sum = 0;
  for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
  const probabilities = Object.fromEntries(TOPIC_CLASSES.map((c) => [c, 0])) as Record<TopicClass, number>;
  for (let c = 0; c < k; c++) probabilities[model.classes[c]!] = z[c]! / sum;
  const confidence = 1 / sum;
  return { label: confidence >= threshold ? model.classes[best]! : null, confidence, probabilities };
}

/** Per model: raw word → its stem's weights, 0 for a content word outside the vocabulary, null for a stop word. */
let wordCache = new WeakMap<TopicModel, Map<string, Float64Array | 0 | null>>();
const WORD_CACHE_LIMIT = 100_000;

/** Empties the classifier's word caches (benchmarks start each timed pass cold, as on a new day's news). */
export function clearTopicCaches(): void {
  wordCache = new WeakMap();
  clearTopicStemCache();
}

function wordWeights(word: string, model: TopicModel, cache: Map<string, Float64Array | 0 | null>): Float64Array | 0 | null {
  let w = cache.get(word);
  if (w === undefined) {
    const stem = topicStemUncached(word);
    w = stem === null ? null : (model.weights.get(stem) ?? 0);
    if (cache.size >= WORD_CACHE_LIMIT) cache.clear();
    cache.set(word, w);
  }
  return w;
}

/**
 * Classifies an article by its title and the start of its text: the same sum as
 * classifyFeatures(topicFeatures(title, text)), added up word by word without building the counts
 * (one cache lookup per word: the composer runs this on every article). Pure and deterministic;
 * an article with no known word gets the classes' prior and, below the threshold, no label.
 *
 * @example
 * classifyTopic({ title: 'المنتخب يتأهل إلى نهائي كأس العالم', text: 'تأهل المنتخب بعد فوزه في المباراة بهدفين…' })
 * // → { label: 'sport', confidence: 0.9…, probabilities: { sport: 0.9…, … } }
 */
export function classifyTopic(article: { title?: string | null; text: string }, options: Partial<TopicClassifierOptions> = {}): TopicClassification {
  const model = options.model ?? shippedTopicModel();
  let cache = wordCache.get(model);
  if (!cache) wordCache.set(model, (cache = new Map()));
  const k = model.classes.length;
  const z = Float64Array.from(model.priors);
  const { titleWeight, maxTextWords } = model.features;
  for (const word of tokenizeWords(article.title ?? '')) {
    const w = wordWeights(word, model, cache);
    if (w) for (let c = 0; c < k; c++) z[c]! += titleWeight * w[c]!;
  }
  let left = maxTextWords;
  if (left > 0) {
    for (const word of tokenizeWords(article.text.slice(0, maxTextWords * CHARS_PER_TEXT_WORD))) {
      const w = wordWeights(word, model, cache);
      if (w === null) continue;
      if (w !== 0) for (let c = 0; c < k; c++) z[c]! += w[c]!;
      if (--left === 0) break;
    }
  }
  return fromLogits(z, model, options.threshold ?? DEFAULT_TOPIC_THRESHOLD);
}
