/**
 * The topic classifier: which of the six sections (Middle East, world, economy, sport,
 * technology, culture) an article belongs to, with a probability. Multinomial naive Bayes over
 * light stems (McCallum & Nigam, "A comparison of event models for naive Bayes text
 * classification", AAAI-98 workshop), title words weighted, its word weights refined by EM over
 * unlabelled articles of other outlets and summed with complement naive Bayes weights (Rennie et
 * al., ICML 2003); trained by `npm run train -- topics`.
 */
import type { TopicClass, TopicClassification } from '../../core/topic-classes.js';
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
 * topics --cv`), the best class of the 1 % below 0.3 was right 33 % of the time (five classes),
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
  // A literal (one shape for every result), not built from TOPIC_CLASSES: this runs on every article.
  const probabilities: Record<TopicClass, number> = { middleEast: 0, internationalNews: 0, economy: 0, sport: 0, technology: 0, culture: 0 };
  for (let c = 0; c < k; c++) probabilities[model.classes[c]!] = z[c]! / sum;
  const confidence = 1 / sum;
  return { label: confidence >= threshold ? model.classes[best]! : null, confidence, probabilities };
}

/** A word's verdict in a {@link WordTable}: a stop word (not counted among the text words read). */
const STOP = -2;
/** A word's verdict: a content word outside the vocabulary (counted, no weight). */
const UNKNOWN = -1;

/** Words kept at most; then the table starts again empty. */
const WORD_CACHE_LIMIT = 100_000;
/**
 * Slots of a new table (a power of two); it doubles when half full. Room for a day's vocabulary
 * from the start (a pass over the 1,787 corpus articles meets about 60,000 distinct words), so
 * that the table is not rehashed while it fills: 1 MiB of slots, 0.75 MiB of entries and 1 MiB of
 * pool per model.
 */
const INITIAL_SLOTS = 1 << 17;

/**
 * Per model, raw word → its verdict: {@link STOP}, {@link UNKNOWN} or the row of its stem's
 * weights in `weights` (k per row). An open-addressing hash table looked up straight from the text
 * (by the FNV-1a hash the scanner computes, kept in the slot, then a unit-by-unit comparison with
 * the word's copy in a pool of UTF-16 units), so that a word already seen costs no string, no
 * regex and no Map lookup, and touches few cache lines. A new word is sliced out once, stemmed
 * (with the composer's cached stems, which already hold the words of an article being composed),
 * and its units copied to the pool. Typed arrays only: nothing for the garbage collector to trace.
 */
class WordTable {
  /** Per slot: entry + 1 (0: empty), then the entry's hash. */
  private slots = new Int32Array(2 * INITIAL_SLOTS);
  private mask = INITIAL_SLOTS - 1;
  /** Per entry: start of its units in the pool, its length, its verdict. */
  private entries = new Int32Array(3 * (INITIAL_SLOTS / 2));
  private pool = new Uint16Array(8 * (INITIAL_SLOTS / 2));
  private used = 0;
  private size = 0;
  /** The model's weights, one row of k per stem. */
  readonly weights: Float64Array;
  private readonly rows = new Map<string, number>();

  constructor(model: TopicModel) {
    const k = model.classes.length;
    this.weights = new Float64Array(k * model.weights.size);
    let r = 0;
    for (const [stem, w] of model.weights) {
      this.weights.set(w, r * k);
      this.rows.set(stem, r++);
    }
  }

  /** The verdict on text[start, end), whose hash is `h` (see nextTopicToken). */
  lookup(text: string, start: number, end: number, h: number): number {
    const len = end - start;
    const { slots, mask, entries, pool } = this;
    let slot = h & mask;
    for (let e = slots[2 * slot]!; e !== 0; e = slots[2 * slot]!) {
      const at = 3 * (e - 1);
      if (slots[2 * slot + 1] === h && entries[at + 1] === len) {
        const from = entries[at]!;
        let i = 0;
        while (i < len && pool[from + i] === text.charCodeAt(start + i)) i++;
        if (i === len) return entries[at + 2]!;
      }
      slot = (slot + 1) & mask;
    }
    const stem = topicStem(text.slice(start, end));
    const verdict = stem === null ? STOP : (this.rows.get(stem) ?? UNKNOWN);
    this.add(text, start, len, h, verdict);
    return verdict;
  }

  private add(text: string, start: number, len: number, h: number, verdict: number): void {
    if (this.size >= WORD_CACHE_LIMIT) {
      this.slots = new Int32Array(2 * INITIAL_SLOTS);
      this.mask = INITIAL_SLOTS - 1;
      this.used = 0;
      this.size = 0;
    }
    const id = this.size;
    if (3 * (id + 1) > this.entries.length) {
      const grown = new Int32Array(this.entries.length * 2);
      grown.set(this.entries);
      this.entries = grown;
    }
    if (this.used + len > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.used + len));
      pool.set(this.pool);
      this.pool = pool;
    }
    for (let i = 0; i < len; i++) this.pool[this.used + i] = text.charCodeAt(start + i);
    this.entries[3 * id] = this.used;
    this.entries[3 * id + 1] = len;
    this.entries[3 * id + 2] = verdict;
    this.used += len;
    this.size++;
    if (2 * this.size > this.slots.length / 2) {
      // Double the slots and place every entry again by its hash.
      const old = this.slots;
      this.slots = new Int32Array(old.length * 2);
      this.mask = this.slots.length / 2 - 1;
      for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.place(old[s]!, old[s + 1]!);
    }
    this.place(id + 1, h);
  }

  private place(entry: number, h: number): void {
    let slot = h & this.mask;
    while (this.slots[2 * slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[2 * slot] = entry;
    this.slots[2 * slot + 1] = h;
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
  const weights = table.weights;
  for (let end = nextTopicToken(title, 0, title.length); end >= 0; end = nextTopicToken(title, end, title.length)) {
    const row = table.lookup(title, topicTokenStart, end, topicTokenHash);
    if (row >= 0) for (let c = 0, at = row * k; c < k; c++) z[c]! += titleWeight * weights[at + c]!;
  }
  let left = maxTextWords;
  if (left > 0) {
    const text = article.text;
    const limit = Math.min(text.length, maxTextWords * CHARS_PER_TEXT_WORD);
    for (let end = nextTopicToken(text, 0, limit); end >= 0; end = nextTopicToken(text, end, limit)) {
      const row = table.lookup(text, topicTokenStart, end, topicTokenHash);
      if (row === STOP) continue;
      if (row >= 0) for (let c = 0, at = row * k; c < k; c++) z[c]! += weights[at + c]!;
      if (--left === 0) break;
    }
  }
  return fromLogits(z, model, options.threshold ?? DEFAULT_TOPIC_THRESHOLD);
}
