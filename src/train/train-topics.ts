/**
 * Trains the topic classifier's model from labelled articles (../shared/topics/ant-train.jsonl):
 * a multinomial naive Bayes over light stems (title words ×3, the first 100 content words of the
 * text), Laplace smoothing, on the stems that occur in at least 3 articles of at least 2 outlets,
 * the 6,000 with the most information gain about the class. Unlabelled articles of other outlets
 * (../shared/corpus) then refine the word weights by expectation-maximization (Nigam, McCallum,
 * Thrun & Mitchell, "Text classification from labeled and unlabeled documents using EM", Machine
 * Learning 39, 2000): each counts, at a lower weight, toward every class in proportion to the
 * model's calibrated probability of that class. Last, the weight-normalized complement naive Bayes
 * weights of the same counts (Rennie et al., ICML 2003) are added to the naive Bayes ones, 5 to 1
 * in units of a mean absolute weight of 1 per stem: still one linear score per class. Deterministic:
 * the same data and code give the same bytes (no randomness, fixed orders, integer weights).
 *
 * Why naive Bayes: under leave-one-outlet-out cross-validation (train on three outlets, test on the
 * fourth, the situation of a new outlet) it beat complement naive Bayes alone and an L2 logistic
 * regression over TF-IDF on the same stems; the sum of the two Bayes models beat both (see the
 * README's topics section for the figures).
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
  /** How much an unlabelled article counts in the EM steps, against 1 for a labelled one (default 0.3). */
  unlabelledWeight: number;
  /** EM steps over the unlabelled articles (default 3; 0: naive Bayes on the labelled ones only). */
  emIterations: number;
  /**
   * How much the complement naive Bayes weights (Rennie, Shih, Teevan & Karger, ICML 2003: each
   * class's weights from the counts of all the other classes, normalized) add to the naive Bayes
   * ones, in units of a mean absolute weight of 1 per stem (default 5; 0: naive Bayes alone).
   */
  complementWeight: number;
}

/** Defaults for {@link TopicTrainingOptions}: the values chosen by leave-one-outlet-out cross-validation. */
export const DEFAULT_TOPIC_TRAINING_OPTIONS: Readonly<TopicTrainingOptions> = {
  features: DEFAULT_TOPIC_FEATURE_OPTIONS,
  alpha: 1,
  minArticles: 3,
  minOutlets: 2,
  maxStems: 6000,
  scale: 100,
  unlabelledWeight: 0.3,
  emIterations: 3,
  complementWeight: 5,
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

/** An article without a label, for the EM steps: its outlet (an outlet left out in cross-validation leaves its unlabelled articles out too), title and text. */
export interface UnlabelledArticle {
  outlet: string;
  title: string;
  text: string;
}

/**
 * The articles of a JSONL file (`{ outlet, title, text }` per line; any `category` is ignored) and
 * the file's sha256, without the rows of `excludeOutlets` (compared without case) and without the
 * rows whose title is in `excludeTitles` (the labelled data's: no article counts twice).
 */
export function readUnlabelledArticles(
  path: string,
  exclude: { outlets?: readonly string[]; titles?: ReadonlySet<string> } = {},
): { articles: UnlabelledArticle[]; sha256: string; file: string } {
  const bytes = readFileSync(path);
  const outlets = new Set((exclude.outlets ?? []).map((o) => o.toLowerCase()));
  const articles: UnlabelledArticle[] = [];
  bytes
    .toString('utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim().length === 0) return;
      let row: Record<string, unknown>;
      try {
        row = JSON.parse(line) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`${path}:${i + 1}: not JSON (${(err as Error).message})`);
      }
      const outlet = String(row.outlet ?? '');
      const title = typeof row.title === 'string' ? row.title : '';
      if (typeof row.text !== 'string' || outlets.has(outlet.toLowerCase()) || exclude.titles?.has(title)) return;
      articles.push({ outlet, title, text: row.text });
    });
  return { articles, sha256: sha256(bytes), file: basename(path) };
}

/** An example reduced to what training needs. */
interface Featured {
  outlet: string;
  label: number;
  counts: Map<string, number>;
}

/** An unlabelled article reduced to what training needs. */
interface UnlabelledFeatured {
  outlet: string;
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

/** An article's stems as rows of the vocabulary and their counts (stems outside it dropped). */
function sparse(counts: ReadonlyMap<string, number>, index: ReadonlyMap<string, number>): { rows: number[]; counts: number[] } {
  const out = { rows: [] as number[], counts: [] as number[] };
  for (const [stem, n] of counts) {
    const j = index.get(stem);
    if (j === undefined) continue;
    out.rows.push(j);
    out.counts.push(n);
  }
  return out;
}

/**
 * Weight-normalized complement naive Bayes (Rennie et al. 2003, steps 5-8 of TWCNB, on the raw
 * counts): θ̃[c][j] = (Σ over the other classes of the count of stem j + α) / (their total + α × V),
 * w[c][j] = −log θ̃[c][j] / Σ_j |log θ̃[c][j]|, times V so that a stem's mean |w| is 1. A stem
 * frequent in the other classes gets a low weight in this one. Unlike naive Bayes, every class's
 * weights come from many times more text than its own, so that a small class (culture) is not
 * pushed toward its few articles' words.
 */
function complementWeights(counts: readonly Float64Array[], alpha: number): Float64Array[] {
  const v = counts[0]!.length;
  const total = new Float64Array(v);
  for (const row of counts) for (let j = 0; j < v; j++) total[j]! += row[j]!;
  return counts.map((row) => {
    let sum = 0;
    for (let j = 0; j < v; j++) sum += total[j]! - row[j]! + alpha;
    const w = Float64Array.from(row, (n, j) => -Math.log((total[j]! - n + alpha) / sum));
    let norm = 0;
    for (const x of w) norm += Math.abs(x);
    for (let j = 0; j < v; j++) w[j] = (w[j]! * v) / norm;
    return w;
  });
}

/**
 * The weights (real units): the naive Bayes log-probabilities, from the labelled articles, then
 * `emIterations` EM steps in which each unlabelled article adds `unlabelledWeight` × its
 * probability of a class (the model's scores divided by `posteriorTemperature`, softmax) to that
 * class's counts; at the end, `complementWeight` × the complement naive Bayes weights of the same
 * counts are added (the EM steps themselves use naive Bayes alone). The vocabulary is the labelled
 * articles' and stays.
 */
function trainFeatured(
  data: readonly Featured[],
  options: Readonly<TopicTrainingOptions>,
  temperature = 1,
  unlabelled: readonly UnlabelledFeatured[] = [],
  posteriorTemperature = 1,
): Omit<TopicModelFile, 'data' | 'trainer'> {
  const k = TOPIC_CLASSES.length;
  const stems = chooseStems(data, k, options);
  const index = new Map(stems.map((s, i) => [s, i]));
  const labelled = data.map((d) => ({ label: d.label, ...sparse(d.counts, index) }));
  const others = unlabelled.map((u) => sparse(u.counts, index));
  const iterations = others.length > 0 ? options.emIterations : 0;
  let logp: Float64Array[] = [];
  let logPrior = new Float64Array(k);
  let counts: Float64Array[] = [];
  for (let step = 0; step <= iterations; step++) {
    counts = Array.from({ length: k }, () => new Float64Array(stems.length));
    const docs = new Float64Array(k);
    for (const d of labelled) {
      docs[d.label]!++;
      for (let a = 0; a < d.rows.length; a++) counts[d.label]![d.rows[a]!]! += d.counts[a]!;
    }
    if (step > 0) {
      // E step with the previous model, M step below.
      const z = new Float64Array(k);
      for (const u of others) {
        for (let c = 0; c < k; c++) {
          let s = logPrior[c]!;
          for (let a = 0; a < u.rows.length; a++) s += u.counts[a]! * logp[c]![u.rows[a]!]!;
          z[c] = s / posteriorTemperature;
        }
        const max = Math.max(...z);
        let sum = 0;
        for (let c = 0; c < k; c++) sum += z[c] = Math.exp(z[c]! - max);
        for (let c = 0; c < k; c++) {
          const w = (options.unlabelledWeight * z[c]!) / sum;
          docs[c]! += w;
          for (let a = 0; a < u.rows.length; a++) counts[c]![u.rows[a]!]! += w * u.counts[a]!;
        }
      }
    }
    logp = counts.map((row) => {
      let total = 0;
      for (const v of row) total += v + options.alpha;
      return Float64Array.from(row, (v) => Math.log((v + options.alpha) / total));
    });
    const n = docs.reduce((a, b) => a + b, 0);
    logPrior = docs.map((d) => Math.log(d / n));
  }
  if (options.complementWeight > 0) {
    const complement = complementWeights(counts, options.alpha);
    logp = logp.map((row, c) => row.map((w, j) => w + options.complementWeight * complement[c]![j]!));
  }
  const em = iterations > 0 ? `, then ${iterations} EM steps over ${others.length} unlabelled articles of other outlets (weight ${options.unlabelledWeight})` : '';
  const complement = options.complementWeight > 0 ? `; plus ${options.complementWeight} × weight-normalized complement naive Bayes weights of the same counts` : '';
  return {
    format: TOPIC_MODEL_FORMAT,
    method: `multinomial naive Bayes over light stems (title ×${options.features.titleWeight}, first ${options.features.maxTextWords} content words), Laplace α=${options.alpha}; the ${stems.length} stems with most information gain among those in ≥ ${options.minArticles} articles of ≥ ${options.minOutlets} outlets${em}${complement}`,
    classes: [...TOPIC_CLASSES],
    features: { titleWeight: options.features.titleWeight, maxTextWords: options.features.maxTextWords },
    scale: options.scale,
    priors: quantize([...logPrior], options.scale),
    temperature,
    vocabulary: stems.map((stem, j) => [stem, ...quantize(logp.map((row) => row[j]!), options.scale)]),
  };
}

/**
 * Trains the model file from labelled examples and, for the EM steps, unlabelled articles of other
 * outlets; `data`, `unlabelled` and `trainer` (hashes) are recorded as given.
 *
 * @example
 * const { examples, sha256, file } = readTopicExamples('../shared/topics/ant-train.jsonl');
 * const model = trainTopicModel(examples, { data: { file, rows: examples.length, sha256 }, trainer: hashTrainerFiles('.') });
 */
export function trainTopicModel(
  examples: readonly TopicExample[],
  record: Pick<TopicModelFile, 'data' | 'trainer' | 'unlabelled'>,
  options: Readonly<TopicTrainingOptions> = DEFAULT_TOPIC_TRAINING_OPTIONS,
  unlabelled: readonly UnlabelledArticle[] = [],
): TopicModelFile {
  const missing = TOPIC_CLASSES.filter((c) => !examples.some((e) => e.category === c));
  if (missing.length > 0) throw new Error(`no training example of ${missing.join(', ')}`);
  const data = featurize(examples, options.features);
  const others = featurizeUnlabelled(unlabelled, options.features);
  const { temperature, posteriorTemperature } = fitTemperatures(data, options, others);
  return {
    ...trainFeatured(data, options, temperature, others, posteriorTemperature),
    data: record.data,
    ...(record.unlabelled ? { unlabelled: record.unlabelled } : {}),
    trainer: record.trainer,
  };
}

function featurizeUnlabelled(articles: readonly UnlabelledArticle[], features: Readonly<TopicFeatureOptions>): UnlabelledFeatured[] {
  return articles.map((a) => ({ outlet: a.outlet.toLowerCase(), counts: topicFeatures(a.title, a.text, features) }));
}

/**
 * The temperatures, both fitted on outlets left out: `posteriorTemperature`, that of naive Bayes
 * on the labelled articles alone, turns its scores into the probabilities the EM steps weight the
 * unlabelled articles by; `temperature`, that of the final model (after the EM steps), is shipped.
 */
function fitTemperatures(data: readonly Featured[], options: Readonly<TopicTrainingOptions>, others: readonly UnlabelledFeatured[]): { temperature: number; posteriorTemperature: number } {
  // The E steps score with naive Bayes alone, so their temperature is that of naive Bayes alone.
  const supervised = fitTemperature(heldOutLogits(data, { ...options, complementWeight: 0 }));
  if (others.length === 0 || options.emIterations === 0) {
    const temperature = options.complementWeight > 0 ? fitTemperature(heldOutLogits(data, options)) : supervised;
    return { temperature, posteriorTemperature: supervised };
  }
  return { temperature: fitTemperature(heldOutLogits(data, options, others, supervised)), posteriorTemperature: supervised };
}

/** Temperatures tried, in order; the first with the least log-loss wins. */
const TEMPERATURES = [1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48, 64, 96, 128];

/** Each article's scores from a model trained without its outlet (leave-one-outlet-out), in the order of `data`. */
function heldOutLogits(
  data: readonly Featured[],
  options: Readonly<TopicTrainingOptions>,
  others: readonly UnlabelledFeatured[] = [],
  posteriorTemperature = 1,
): { label: number; outlet: string; logits: Float64Array; model: TopicModel }[] {
  const outlets = [...new Set(data.map((d) => d.outlet))].sort();
  if (outlets.length < 2) throw new Error('training needs articles from at least two outlets (the temperature is fitted on an outlet left out)');
  // The outlet left out lends no article, labelled or not: it stands for an outlet never seen.
  const trained = (o: string) =>
    trainFeatured(
      data.filter((d) => d.outlet !== o),
      options,
      1,
      others.filter((u) => u.outlet !== o.toLowerCase()),
      posteriorTemperature,
    );
  const models = new Map(outlets.map((o) => [o, toTopicModel({ ...trained(o), data: { file: '', rows: 0, sha256: '' }, trainer: {} })]));
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
  for (const key of ['format', 'method', 'classes', 'features', 'scale', 'priors', 'temperature', 'data', 'unlabelled', 'trainer'] as const) {
    if (head[key] === undefined) continue;
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
export function crossValidateTopics(
  examples: readonly TopicExample[],
  options: Readonly<TopicTrainingOptions> = DEFAULT_TOPIC_TRAINING_OPTIONS,
  threshold?: number,
  unlabelled: readonly UnlabelledArticle[] = [],
): TopicCrossValidation {
  const data = featurize(examples, options.features);
  const others = featurizeUnlabelled(unlabelled, options.features);
  const { posteriorTemperature } = fitTemperatures(data, { ...options, emIterations: 0, complementWeight: 0 }, []);
  const scored = heldOutLogits(data, options, others, posteriorTemperature);
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
