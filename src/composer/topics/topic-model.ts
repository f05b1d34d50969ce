/**
 * The topic model's file format and its shipped weights. The weights are a JSON module next to
 * this file (imported, never read with fs: the composer stays pure); `npm run train -- topics`
 * writes it. The file holds stems and integer weights only, no sentence of the training data.
 */
import { BriefingError } from '../../core/errors.js';
import { isTopicClass, type TopicClass } from '../../core/topic-classes.js';
import shipped from './topic-model.json' with { type: 'json' };
import type { TopicFeatureOptions } from './topic-features.js';

/** The format written in the file's `format` field; the classifier refuses any other. */
export const TOPIC_MODEL_FORMAT = 'topic-nb-1';

/**
 * The model as stored: a linear score per class over light stems (multinomial naive Bayes plus
 * complement naive Bayes weights, see src/train/train-topics.ts). For each stem, one integer per
 * class: its weight in that class (the log-probability of the stem in the class plus the
 * complement term), minus its mean over the classes, times `scale` (only differences between
 * classes matter). `priors` likewise for the classes (log priors).
 */
export interface TopicModelFile {
  format: string;
  /** One line on how it was trained. */
  method: string;
  classes: string[];
  features: TopicFeatureOptions;
  /** Weights are integers: the real weight times this. */
  scale: number;
  priors: number[];
  /**
   * The scores are divided by this before the softmax (temperature scaling, Guo et al., ICML
   * 2017): fitted so that the probabilities of articles of an outlet left out of training are
   * calibrated (least log-loss). It changes no label, only the confidence.
   */
  temperature: number;
  /** `[stem, weight per class…]`, sorted by stem. */
  vocabulary: (string | number)[][];
  /** The training data: its file name, rows and sha256. */
  data: { file: string; rows: number; sha256: string };
  /** The unlabelled articles of the EM steps, per file: its name, the rows used and the file's sha256 (absent: none). */
  unlabelled?: { file: string; rows: number; sha256: string }[];
  /** sha256 of each source file of the trainer (its features and the Arabic toolkit they use), by path from the project root. */
  trainer: Record<string, string>;
}

/** A loaded model, ready to score. */
export interface TopicModel {
  classes: readonly TopicClass[];
  features: Readonly<TopicFeatureOptions>;
  /** Scores are divided by this before the softmax. */
  temperature: number;
  /** Log prior per class (real units). */
  priors: Float64Array;
  /** Stem → log-weight per class (real units). */
  weights: ReadonlyMap<string, Float64Array>;
  /** The file it was loaded from (hashes, data). */
  file: Readonly<TopicModelFile>;
}

function bad(message: string): never {
  throw new BriefingError('bad_topic_model', `topic model: ${message}; rebuild it with \`npm run train -- topics\``);
}

/**
 * Checks a parsed model file and turns it into a {@link TopicModel}. Throws a BriefingError
 * (`bad_topic_model`) that names what is wrong: another format, an unknown class, a row of the
 * wrong length.
 */
export function toTopicModel(json: unknown): TopicModel {
  const f = json as Partial<TopicModelFile> | null;
  if (typeof f !== 'object' || f === null) bad('not an object');
  if (f.format !== TOPIC_MODEL_FORMAT) bad(`format "${String(f.format)}", expected "${TOPIC_MODEL_FORMAT}"`);
  if (!Array.isArray(f.classes) || f.classes.length < 2) bad('needs at least two classes');
  const classes = f.classes.map((c) => (typeof c === 'string' && isTopicClass(c) ? c : bad(`unknown class "${String(c)}"`)));
  const k = classes.length;
  const scale = f.scale;
  if (typeof scale !== 'number' || !(scale > 0)) bad('scale must be a positive number');
  const features = f.features;
  if (!features || !(features.titleWeight >= 0) || !(features.maxTextWords >= 0)) bad('features need titleWeight and maxTextWords');
  if (typeof f.temperature !== 'number' || !(f.temperature > 0)) bad('temperature must be a positive number');
  if (!Array.isArray(f.priors) || f.priors.length !== k || !f.priors.every(Number.isFinite)) bad(`priors need ${k} numbers`);
  if (!Array.isArray(f.vocabulary) || f.vocabulary.length === 0) bad('empty vocabulary');
  const weights = new Map<string, Float64Array>();
  for (const row of f.vocabulary) {
    if (!Array.isArray(row) || row.length !== k + 1 || typeof row[0] !== 'string') bad(`a vocabulary row needs a stem and ${k} weights`);
    const w = new Float64Array(k);
    for (let c = 0; c < k; c++) {
      const v = row[c + 1];
      if (typeof v !== 'number' || !Number.isFinite(v)) bad(`a weight of "${row[0]}" is not a number`);
      w[c] = v / scale;
    }
    weights.set(row[0], w);
  }
  return { classes, features, temperature: f.temperature, priors: Float64Array.from(f.priors, (p) => p / scale), weights, file: f as TopicModelFile };
}

let shippedModel: TopicModel | undefined;

/** The model shipped in the repository (src/composer/topics/topic-model.json), loaded once. */
export function shippedTopicModel(): TopicModel {
  shippedModel ??= toTopicModel(shipped);
  return shippedModel;
}
