/**
 * The topic classifier: which of the six sections (Middle East, world, economy, sport,
 * technology, culture) an article belongs to, with a probability. Multinomial naive Bayes over
 * light stems (McCallum & Nigam, "A comparison of event models for naive Bayes text
 * classification", AAAI-98 workshop), title words weighted; trained by `npm run train -- topics`.
 */
import { TOPIC_CLASSES, type TopicClass, type TopicClassification } from '../../core/topic-classes.js';
import { CHARS_PER_TEXT_WORD, clearTopicStemCache, nextTopicToken, topicStemUncached, topicTokenStart } from './topic-features.js';
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

/** A word's verdict: its stem's weights, 0 for a content word outside the vocabulary, null for a stop word. */
type WordWeights = Float64Array | 0 | null;

const WORD_CACHE_LIMIT = 100_000;

/**
 * Per model, raw word → {@link WordWeights}: an open-addressing hash table looked up straight from
 * the text (FNV-1a over the UTF-16 units, then a unit-by-unit comparison), so that a word already
 * seen costs no string, no regex and no Map lookup; a new word is sliced out, stemmed and stored.
 */
class WordTable {
  private keys: (string | undefined)[] = [];
  private hashes = new Int32Array(0);
  private values: WordWeights[] = [];
  private mask = 0;
  private size = 0;

  constructor(private readonly model: TopicModel) {
    this.reset(1 << 12);
  }

  private reset(capacity: number): void {
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    this.values = new Array<WordWeights>(capacity).fill(null);
    this.mask = capacity - 1;
    this.size = 0;
  }

  /** The verdict on text[start, end). */
  lookup(text: string, start: number, end: number): WordWeights {
    let h = 0x811c9dc5 | 0;
    for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const len = end - start;
    let slot = h & this.mask;
    for (let key = this.keys[slot]; key !== undefined; key = this.keys[slot]) {
      if (this.hashes[slot] === h && key.length === len) {
        let i = 0;
        while (i < len && key.charCodeAt(i) === text.charCodeAt(start + i)) i++;
        if (i === len) return this.values[slot]!;
      }
      slot = (slot + 1) & this.mask;
    }
    const word = text.slice(start, end);
    const stem = topicStemUncached(word);
    const value: WordWeights = stem === null ? null : (this.model.weights.get(stem) ?? 0);
    if (this.size >= WORD_CACHE_LIMIT) {
      this.reset(this.keys.length);
      slot = h & this.mask;
    } else if (2 * (this.size + 1) > this.keys.length) {
      this.grow();
      slot = h & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    }
    this.keys[slot] = word;
    this.hashes[slot] = h;
    this.values[slot] = value;
    this.size++;
    return value;
  }

  private grow(): void {
    const { keys, hashes, values } = this;
    const size = this.size;
    this.reset(keys.length * 2);
    for (let s = 0; s < keys.length; s++) {
      if (keys[s] === undefined) continue;
      let slot = hashes[s]! & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = keys[s];
      this.hashes[slot] = hashes[s]!;
      this.values[slot] = values[s]!;
    }
    this.size = size;
  }
}

let wordTables = new WeakMap<TopicModel, WordTable>();

/** Empties the classifier's word caches (benchmarks start each timed pass cold, as on a new day's news). */
export function clearTopicCaches(): void {
  wordTables = new WeakMap();
  clearTopicStemCache();
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
  let table = wordTables.get(model);
  if (!table) wordTables.set(model, (table = new WordTable(model)));
  const k = model.classes.length;
  const z = Float64Array.from(model.priors);
  const { titleWeight, maxTextWords } = model.features;
  const title = article.title ?? '';
  for (let end = nextTopicToken(title, 0, title.length); end >= 0; end = nextTopicToken(title, end, title.length)) {
    const w = table.lookup(title, topicTokenStart, end);
    if (w) for (let c = 0; c < k; c++) z[c]! += titleWeight * w[c]!;
  }
  let left = maxTextWords;
  if (left > 0) {
    const text = article.text;
    const limit = Math.min(text.length, maxTextWords * CHARS_PER_TEXT_WORD);
    for (let end = nextTopicToken(text, 0, limit); end >= 0; end = nextTopicToken(text, end, limit)) {
      const w = table.lookup(text, topicTokenStart, end);
      if (w === null) continue;
      if (w !== 0) for (let c = 0; c < k; c++) z[c]! += w[c]!;
      if (--left === 0) break;
    }
  }
  return fromLogits(z, model, options.threshold ?? DEFAULT_TOPIC_THRESHOLD);
}
