/**
 * The topic classifier: which of the six sections (Middle East, world, economy, sport,
 * technology, culture) an article belongs to, with a probability. Multinomial naive Bayes over
 * light stems (McCallum & Nigam, "A comparison of event models for naive Bayes text
 * classification", AAAI-98 workshop), title words weighted; trained by `npm run train -- topics`.
 */
import { TOPIC_CLASSES, type TopicClass, type TopicClassification } from '../../core/topic-classes.js';
import { CHARS_PER_TEXT_WORD, nextTopicToken, topicStem, topicTokenHash, topicTokenStart } from './topic-features.js';
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
 * topics --cv`), the best class of the 2 % below 0.3 was right 38 % of the time (five classes),
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

/** Words kept at most; then the table starts again empty. */
const WORD_CACHE_LIMIT = 100_000;
/** Slots of a new table (a power of two); it doubles when half full. */
const INITIAL_SLOTS = 1 << 14;

/**
 * Per model, raw word → {@link WordWeights}: an open-addressing hash table looked up straight from
 * the text (by the FNV-1a hash the scanner computes, then a unit-by-unit comparison with the
 * word's copy in a pool of UTF-16 units), so that a word already seen costs no string, no regex
 * and no Map lookup. A new word is sliced out once, stemmed (with the composer's cached stems,
 * which already hold the words of an article being composed), and its units copied to the pool.
 * Typed arrays only, so that the table holds no string for the garbage collector to trace.
 */
class WordTable {
  /** Slot → entry + 1 (0: empty). */
  private slots = new Int32Array(INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  /** Per entry: hash, start of its units in the pool, length. */
  private hashes = new Int32Array(1024);
  private starts = new Int32Array(1024);
  private lengths = new Int32Array(1024);
  /** Per entry: its verdict. */
  private values: WordWeights[] = [];
  private pool = new Uint16Array(8192);
  private used = 0;
  private size = 0;

  constructor(private readonly model: TopicModel) {}

  /** The verdict on text[start, end), whose hash is `h` (see nextTopicToken). */
  lookup(text: string, start: number, end: number, h: number): WordWeights {
    const len = end - start;
    const { slots, mask, hashes, lengths, starts, pool } = this;
    let slot = h & mask;
    for (let e = slots[slot]!; e !== 0; e = slots[slot]!) {
      const id = e - 1;
      if (hashes[id] === h && lengths[id] === len) {
        const at = starts[id]!;
        let i = 0;
        while (i < len && pool[at + i] === text.charCodeAt(start + i)) i++;
        if (i === len) return this.values[id]!;
      }
      slot = (slot + 1) & mask;
    }
    const stem = topicStem(text.slice(start, end));
    const value: WordWeights = stem === null ? null : (this.model.weights.get(stem) ?? 0);
    this.add(text, start, len, h, value);
    return value;
  }

  private add(text: string, start: number, len: number, h: number, value: WordWeights): void {
    if (this.size >= WORD_CACHE_LIMIT) {
      this.slots = new Int32Array(INITIAL_SLOTS);
      this.mask = INITIAL_SLOTS - 1;
      this.values = [];
      this.used = 0;
      this.size = 0;
    }
    const id = this.size;
    if (id === this.hashes.length) {
      const grown = (a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const b = new Int32Array(a.length * 2);
        b.set(a);
        return b;
      };
      this.hashes = grown(this.hashes);
      this.starts = grown(this.starts);
      this.lengths = grown(this.lengths);
    }
    if (this.used + len > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.used + len));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = 0; i < len; i++) this.pool[this.used + i] = text.charCodeAt(start + i);
    this.hashes[id] = h;
    this.starts[id] = this.used;
    this.lengths[id] = len;
    this.values.push(value);
    this.used += len;
    this.size++;
    if (2 * this.size > this.slots.length) {
      // Double the slots and place every entry again by its stored hash.
      this.slots = new Int32Array(this.slots.length * 2);
      this.mask = this.slots.length - 1;
      for (let e = 0; e < this.size; e++) this.place(e);
    } else {
      this.place(id);
    }
  }

  private place(id: number): void {
    let slot = this.hashes[id]! & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = id + 1;
  }
}

let wordTables = new WeakMap<TopicModel, WordTable>();

/** Empties the classifier's word caches (benchmarks start each timed pass cold, as on a new day's news). */
export function clearTopicCaches(): void {
  wordTables = new WeakMap();
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
    const w = table.lookup(title, topicTokenStart, end, topicTokenHash);
    if (w) for (let c = 0; c < k; c++) z[c]! += titleWeight * w[c]!;
  }
  let left = maxTextWords;
  if (left > 0) {
    const text = article.text;
    const limit = Math.min(text.length, maxTextWords * CHARS_PER_TEXT_WORD);
    for (let end = nextTopicToken(text, 0, limit); end >= 0; end = nextTopicToken(text, end, limit)) {
      const w = table.lookup(text, topicTokenStart, end, topicTokenHash);
      if (w === null) continue;
      if (w !== 0) for (let c = 0; c < k; c++) z[c]! += w[c]!;
      if (--left === 0) break;
    }
  }
  return fromLogits(z, model, options.threshold ?? DEFAULT_TOPIC_THRESHOLD);
}
