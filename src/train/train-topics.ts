/**
 * Trains the topic classifier's model from labelled articles (../shared/topics/ant-train.jsonl):
 * a multinomial naive Bayes over light stems (title words ×3, the first 150 content words of the
 * text), Laplace smoothing, on the stems that occur in at least 3 articles of at least 2 outlets,
 * the 6,000 with the most information gain about the class. Deterministic: the same data and code
 * give the same bytes (no randomness, fixed orders, integer weights).
 *
 * Why naive Bayes: under leave-one-outlet-out cross-validation (train on three outlets, test on the
 * fourth, the situation of a new outlet) it beat complement naive Bayes and an L2 logistic
 * regression over TF-IDF on the same stems (see the README's topics section for the figures).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { isTopicClass, TOPIC_CLASSES, type TopicClass } from '../core/topic-classes.js';
import { classifyFeatures, DEFAULT_TOPIC_FEATURE_OPTIONS, TOPIC_MODEL_FORMAT, topicFeatures, topicLogits, toTopicModel, type TopicModel, type TopicFeatureOptions, type TopicModelFile } from '../composer/index.js';
import { topicMetrics, type TopicMetrics } from '../eval/topic-metrics.js';
import { sha256 } from './trainer-files.js';

/** Options for {@link trainTopicModel}. */
export interface TopicTrainingOptions {
  features: TopicFeatureOptions;
  /** Laplace smoothing added to every stem count (default 1). */
  alpha: number;
  /** A stem is kept only when this many training articles hold it (default 3)… */
  minArticles: number;
  /** …from at least this many outlets (default 2: a word of one outlet's style says nothing of a new outlet). */
  minOutlets: number;
  /** Then the stems with the most information gain about the class, at most this many (default 6000). */
  maxStems: number;
  /** Weights are stored as integers: round(weight × scale) (default 100). */
  scale: number;
}

/** Defaults for {@link TopicTrainingOptions}: the values chosen by leave-one-outlet-out cross-validation. */
export const DEFAULT_TOPIC_TRAINING_OPTIONS: Readonly<TopicTrainingOptions> = {
  features: DEFAULT_TOPIC_FEATURE_OPTIONS,
  alpha: 1,
  minArticles: 3,
  minOutlets: 2,
  maxStems: 6000,
  scale: 100,
};

/** One labelled article. */
export interface TopicExample {
  id: string;
  outlet: string;
  category: TopicClass;
  title: string;
  text: string;
}

/** The labelled articles of a JSONL file (`{ id, outlet, category, title, text }` per line) and the file's sha256. */
export function readTopicExamples(path: string): { examples: TopicExample[]; sha256: string; file: string } {
  const bytes = readFileSync(path);
  const examples = bytes
    .toString('utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim().length > 0)
    .map(({ line, i }) => {
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
      }
      const category = String(row.category ?? '');
      if (!isTopicClass(category)) throw new Error(`${path}:${i + 1}: category "${category}" is none of ${TOPIC_CLASSES.join(', ')}`);
      if (typeof row.text !== 'string') throw new Error(`${path}:${i + 1}: a row needs "text"`);
      return { id: String(row.id ?? i), outlet: String(row.outlet ?? ''), category, title: typeof row.title === 'string' ? row.title : '', text: row.text };
    });
  return { examples, sha256: sha256(bytes), file: basename(path) };
}

/** An example reduced to what training needs. */
interface Featured {
  outlet: string;
  label: number;
  counts: Map<string, number>;
}

function featurize(examples: readonly TopicExample[], features: Readonly<TopicFeatureOptions>): Featured[] {
  return examples.map((e) => ({ outlet: e.outlet, label: TOPIC_CLASSES.indexOf(e.category), counts: topicFeatures(e.title, e.text, features) }));
}

/** Information gain of a stem's presence about the class, in nats (Yang & Pedersen, ICML 1997). */
function informationGain(perClass: readonly number[], classSizes: readonly number[], n: number): number {
  const df = perClass.reduce((a, b) => a + b, 0);
  const pt = df / n;
  let ig = 0;
  for (let c = 0; c < classSizes.length; c++) {
    const pc = classSizes[c]! / n;
    const joint: [number, number, number][] = [
      [perClass[c]! / n, pt, pc],
      [(df - perClass[c]!) / n, pt, 1 - pc],
      [(classSizes[c]! - perClass[c]!) / n, 1 - pt, pc],
      [(n - df - classSizes[c]! + perClass[c]!) / n, 1 - pt, 1 - pc],
    ];
    for (const [pj, px, py] of joint) if (pj > 0) ig += pj * Math.log(pj / (px * py));
  }
  return ig;
}

/** The stems kept: frequent enough, in enough outlets, the most informative; sorted by stem. */
function chooseStems(data: readonly Featured[], k: number, options: Readonly<TopicTrainingOptions>): string[] {
  const perClass = new Map<string, number[]>();
  const outlets = new Map<string, Set<string>>();
  const classSizes = new Array<number>(k).fill(0);
  for (const d of data) {
    classSizes[d.label]!++;
    for (const stem of d.counts.keys()) {
      let pc = perClass.get(stem);
      if (!pc) perClass.set(stem, (pc = new Array<number>(k).fill(0)));
      pc[d.label]!++;
      let os = outlets.get(stem);
      if (!os) outlets.set(stem, (os = new Set()));
      os.add(d.outlet);
    }
  }
  const scored: { stem: string; ig: number }[] = [];
  for (const [stem, pc] of perClass) {
    if (pc.reduce((a, b) => a + b, 0) < options.minArticles || outlets.get(stem)!.size < options.minOutlets) continue;
    scored.push({ stem, ig: informationGain(pc, classSizes, data.length) });
  }
  scored.sort((a, b) => b.ig - a.ig || (a.stem < b.stem ? -1 : a.stem > b.stem ? 1 : 0));
  return scored
    .slice(0, options.maxStems)
    .map((s) => s.stem)
    .sort();
}

/** Centres values on their mean and stores them as integers at `scale`. */
function quantize(values: readonly number[], scale: number): number[] {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  // + 0 turns -0 into 0, so that the JSON never reads "-0".
  return values.map((v) => Math.round((v - m) * scale) + 0);
}

function trainFeatured(data: readonly Featured[], options: Readonly<TopicTrainingOptions>, temperature = 1): Omit<TopicModelFile, 'data' | 'trainer'> {
  const k = TOPIC_CLASSES.length;
  const stems = chooseStems(data, k, options);
  const index = new Map(stems.map((s, i) => [s, i]));
  const counts = Array.from({ length: k }, () => new Float64Array(stems.length));
  const docs = new Array<number>(k).fill(0);
  for (const d of data) {
    docs[d.label]!++;
    for (const [stem, n] of d.counts) {
      const j = index.get(stem);
      if (j !== undefined) counts[d.label]![j]! += n;
    }
  }
  const logp = counts.map((row) => {
    let total = 0;
    for (const v of row) total += v + options.alpha;
    return Array.from(row, (v) => Math.log((v + options.alpha) / total));
  });
  return {
    format: TOPIC_MODEL_FORMAT,
    method: `multinomial naive Bayes over light stems (title ×${options.features.titleWeight}, first ${options.features.maxTextWords} content words), Laplace α=${options.alpha}; the ${stems.length} stems with most information gain among those in ≥ ${options.minArticles} articles of ≥ ${options.minOutlets} outlets`,
    classes: [...TOPIC_CLASSES],
    features: { titleWeight: options.features.titleWeight, maxTextWords: options.features.maxTextWords },
    scale: options.scale,
    priors: quantize(
      docs.map((n) => Math.log(n / data.length)),
      options.scale,
    ),
    temperature,
    vocabulary: stems.map((stem, j) => [stem, ...quantize(logp.map((row) => row[j]!), options.scale)]),
  };
}

/**
 * Trains the model file from labelled examples; `data` and `trainer` (hashes) are recorded as given.
 *
 * @example
 * const { examples, sha256, file } = readTopicExamples('../shared/topics/ant-train.jsonl');
 * const model = trainTopicModel(examples, { data: { file, rows: examples.length, sha256 }, trainer: hashTrainerFiles('.') });
 */
export function trainTopicModel(
  examples: readonly TopicExample[],
  record: Pick<TopicModelFile, 'data' | 'trainer'>,
  options: Readonly<TopicTrainingOptions> = DEFAULT_TOPIC_TRAINING_OPTIONS,
): TopicModelFile {
  const missing = TOPIC_CLASSES.filter((c) => !examples.some((e) => e.category === c));
  if (missing.length > 0) throw new Error(`no training example of ${missing.join(', ')}`);
  const data = featurize(examples, options.features);
  const temperature = fitTemperature(heldOutLogits(data, options));
  return { ...trainFeatured(data, options, temperature), data: record.data, trainer: record.trainer };
}

/** Temperatures tried, in order; the first with the least log-loss wins. */
const TEMPERATURES = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128];

/** Each article's scores from a model trained without its outlet (leave-one-outlet-out), in the order of `data`. */
function heldOutLogits(data: readonly Featured[], options: Readonly<TopicTrainingOptions>): { label: number; outlet: string; logits: Float64Array; model: TopicModel }[] {
  const outlets = [...new Set(data.map((d) => d.outlet))].sort();
  if (outlets.length < 2) throw new Error('training needs articles from at least two outlets (the temperature is fitted on an outlet left out)');
  const models = new Map(outlets.map((o) => [o, toTopicModel({ ...trainFeatured(data.filter((d) => d.outlet !== o), options), data: { file: '', rows: 0, sha256: '' }, trainer: {} })]));
  return data.map((d) => {
    const model = models.get(d.outlet)!;
    return { label: d.label, outlet: d.outlet, logits: topicLogits(d.counts, model), model };
  });
}

/** The temperature with the least mean log-loss on held-out scores (temperature scaling, Guo et al., ICML 2017). */
function fitTemperature(scored: readonly { label: number; logits: Float64Array }[]): number {
  let best = { t: 1, loss: Infinity };
  for (const t of TEMPERATURES) {
    let loss = 0;
    for (const { label, logits } of scored) {
      let max = -Infinity;
      for (const z of logits) max = Math.max(max, z / t);
      let sum = 0;
      for (const z of logits) sum += Math.exp(z / t - max);
      loss += max + Math.log(sum) - logits[label]! / t;
    }
    if (loss < best.loss) best = { t, loss };
  }
  return best.t;
}

/**
 * The model file as text: fixed key order, one vocabulary row per line, integers only in the
 * weights, so that the same model is always the same bytes and a retrained one diffs by line.
 */
export function serializeTopicModel(model: TopicModelFile): string {
  const head = { ...model, vocabulary: undefined };
  const lines = ['{'];
  for (const key of ['format', 'method', 'classes', 'features', 'scale', 'priors', 'temperature', 'data', 'trainer'] as const) {
    lines.push(`  ${JSON.stringify(key)}: ${JSON.stringify(head[key])},`);
  }
  lines.push('  "vocabulary": [');
  model.vocabulary.forEach((row, i) => lines.push(`    ${JSON.stringify(row)}${i < model.vocabulary.length - 1 ? ',' : ''}`));
  lines.push('  ]', '}', '');
  return lines.join('\n');
}

/** Leave-one-outlet-out cross-validation: per outlet held out, and pooled over all. */
export interface TopicCrossValidation {
  folds: { outlet: string; metrics: TopicMetrics }[];
  pooled: TopicMetrics;
  /** The temperature fitted on the held-out scores. */
  temperature: number;
  /** Each article: its outlet, gold class, best class and that class's probability (whatever the threshold). */
  rows: { outlet: string; gold: TopicClass; best: TopicClass; confidence: number }[];
}

/**
 * Trains on all outlets but one and classifies the articles of that one, for each outlet in turn:
 * how the classifier does on an outlet it never saw. Used to choose the options, never the dev set.
 */
export function crossValidateTopics(examples: readonly TopicExample[], options: Readonly<TopicTrainingOptions> = DEFAULT_TOPIC_TRAINING_OPTIONS, threshold?: number): TopicCrossValidation {
  const data = featurize(examples, options.features);
  const scored = heldOutLogits(data, options);
  const temperature = fitTemperature(scored);
  const gold = scored.map((s) => TOPIC_CLASSES[s.label]!);
  const verdicts = scored.map((s, i) => classifyFeatures(data[i]!.counts, { ...s.model, temperature }, threshold));
  const predicted = verdicts.map((v) => v.label);
  const outlets = [...new Set(scored.map((s) => s.outlet))].sort();
  const folds = outlets.map((outlet) => {
    const idx = scored.flatMap((s, i) => (s.outlet === outlet ? [i] : []));
    return { outlet, metrics: topicMetrics(idx.map((i) => gold[i]!), idx.map((i) => predicted[i]!)) };
  });
  const best = verdicts.map((v) => TOPIC_CLASSES.reduce((a, c) => (v.probabilities[c] > v.probabilities[a] ? c : a)));
  return { folds, pooled: topicMetrics(gold, predicted), temperature, rows: scored.map((s, i) => ({ outlet: s.outlet, gold: gold[i]!, best: best[i]!, confidence: verdicts[i]!.confidence })) };
}
