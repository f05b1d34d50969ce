/**
 * How likely an unsupported word is to be an invented or swapped name rather than a paraphrase:
 * a logistic regression over what the word-frequency list says of it (how common its family is,
 * whether it takes «ال», pronouns and plurals, whether it conjugates, whether it has the shape of
 * a verbal noun, how well it fits the story's subject) and where it stands (right after a
 * supported name-like word, one edit from a source word, another inflection of a source word, in
 * a slot where a source has another word — a title's word above all — or a word of the same root).
 * A weight per feature, fitted by `npm run train -- guard` on the tuning half of guard-dev; the
 * features are general, so that the weights carry over to other articles.
 */

/** What the score reads of one word; every field is computed from the lexicon and the story index. */
export interface NameFeatures {
  /** Occurrences of the word's family in the corpus. */
  family: number;
  /** Share of its occurrences with «ال», a pronoun or a plural ending (0–1). */
  affixShare: number;
  /** Other tense forms the corpus has of it. */
  verbForms: number;
  /** Whether it has the shape of a verbal noun. */
  verbalNoun: boolean;
  /** Fit to the story's subject (0–1). */
  fit: number;
  /** Right after a supported name-like word. */
  afterName: boolean;
  /** Another inflection of a source word. */
  inflected: boolean;
  /** One edit from a source word. */
  near: boolean;
  /** Letters. */
  length: number;
  /** A source has the word's neighbours around another content word, not a form of the same root (a substitution). */
  slotSwap: boolean;
  /** A source has the word's neighbours around a form of the same root (a paraphrase by inflection). */
  slotRelated: boolean;
  /** How many of its content-word neighbours a source puts beside a word the text lacks (0–2). */
  slotSides: number;
  /** The source's word in that slot is a word of a title that the text lacks. */
  slotTitle: boolean;
  /** A neighbour stands beside such a title word in a source (one side). */
  sideTitle: boolean;
  /** A source has a word of the same candidate root (another derivation). */
  rooted: boolean;
}

/** The fitted model: a weight per feature (after standardization) and the standardization. */
export interface NameModel {
  /** Intercept first, then one weight per entry of {@link nameFeatureVector}. */
  weights: readonly number[];
  mean: readonly number[];
  scale: readonly number[];
}

/** The feature vector of a word (without the intercept). */
export function nameFeatureVector(f: Readonly<NameFeatures>): number[] {
  const logFamily = Math.log1p(f.family);
  return [
    logFamily,
    f.affixShare,
    Math.min(f.verbForms, 3),
    f.verbalNoun ? 1 : 0,
    1 - f.fit,
    f.afterName ? 1 : 0,
    f.inflected ? 1 : 0,
    f.near ? 1 : 0,
    Math.min(f.length, 10) / 10,
    f.affixShare < 0.15 ? logFamily : 0,
    f.family === 0 ? 1 : 0,
    f.slotSwap ? 1 : 0,
    f.slotRelated ? 1 : 0,
    f.slotSides,
    f.slotTitle ? 1 : 0,
    f.sideTitle ? 1 : 0,
    f.rooted ? 1 : 0,
  ];
}

/** Names of the features, in vector order (for reports). */
export const NAME_FEATURES = ['log family', 'affix share', 'verb forms', 'verbal noun', 'off subject', 'after a name', 'inflected', 'near', 'length', 'log family if name-like', 'unknown', 'slot swapped', 'slot related', 'slot sides', 'slot title', 'side title', 'rooted'] as const;

/** The probability (0–1) that an unsupported word is a name that should not be there. */
export function nameScore(features: Readonly<NameFeatures>, model: Readonly<NameModel>): number {
  const x = nameFeatureVector(features);
  let z = model.weights[0] ?? 0;
  for (let i = 0; i < x.length; i++) z += (model.weights[i + 1] ?? 0) * ((x[i]! - (model.mean[i] ?? 0)) / (model.scale[i] || 1));
  return 1 / (1 + Math.exp(-z));
}

// The place of `rooted` in the vector: the last, so that the sum over the others is the same
// partial sum whichever way it is set.
const ROOTED = NAME_FEATURES.indexOf('rooted');

/**
 * Whether the score reaches `threshold` with the `rooted` feature false, and with it true, each
 * exactly as {@link nameScore} would say (the other features from `features`, the vector made and
 * summed once): bit 1 for false, bit 2 for true.
 */
export function nameScoreReachesRootedBothWays(features: Readonly<NameFeatures>, model: Readonly<NameModel>, threshold: number): number {
  const x = nameFeatureVector(features);
  let z = model.weights[0] ?? 0;
  for (let i = 0; i < ROOTED; i++) z += (model.weights[i + 1] ?? 0) * ((x[i]! - (model.mean[i] ?? 0)) / (model.scale[i] || 1));
  const w = model.weights[ROOTED + 1] ?? 0;
  const mean = model.mean[ROOTED] ?? 0;
  const scale = model.scale[ROOTED] || 1;
  const without = z + w * ((0 - mean) / scale);
  const withRoot = z + w * ((1 - mean) / scale);
  return (1 / (1 + Math.exp(-without)) >= threshold ? 1 : 0) | (1 / (1 + Math.exp(-withRoot)) >= threshold ? 2 : 0);
}

/** Options for {@link fitNameModel}. */
export interface FitNameModelOptions {
  /** Gradient steps (default 3000). */
  iterations: number;
  /** Step size (default 0.1). */
  learningRate: number;
  /** L2 penalty on the weights, intercept excepted (default 1). */
  l2: number;
  /** Which features (in {@link NAME_FEATURES} order) the model may use; the others keep weight 0 (default: all). For the eval's feature table. */
  use?: readonly boolean[];
}

/** The training of the shipped model. */
export const DEFAULT_FIT_NAME_MODEL_OPTIONS: Readonly<FitNameModelOptions> = { iterations: 3000, learningRate: 0.1, l2: 1 };

/**
 * Fits the model by batch gradient descent on labelled words (1: a swapped-in word, 0: a word a
 * journalist's paraphrase brought in), the two classes weighted to equal mass. Deterministic.
 */
export function fitNameModel(examples: readonly { features: NameFeatures; label: 0 | 1 }[], options: Readonly<FitNameModelOptions> = DEFAULT_FIT_NAME_MODEL_OPTIONS): NameModel {
  const X = examples.map((e) => nameFeatureVector(e.features));
  const y = examples.map((e) => e.label);
  const d = X[0]?.length ?? nameFeatureVector({ family: 0, affixShare: 0, verbForms: 0, verbalNoun: false, fit: 1, afterName: false, inflected: false, near: false, length: 0, slotSwap: false, slotRelated: false, slotSides: 0, slotTitle: false, sideTitle: false, rooted: false }).length;
  const n = X.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const x of X) for (let j = 0; j < d; j++) mean[j]! += x[j]! / n;
  for (const x of X) for (let j = 0; j < d; j++) scale[j]! += (x[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const Z = X.map((x) => x.map((v, j) => (v - mean[j]!) / scale[j]!));
  const positives = y.filter((v) => v === 1).length;
  const positiveWeight = positives > 0 ? (n - positives) / positives : 1;
  const w = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < options.iterations; it++) {
    const g = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < n; i++) {
      const z = Z[i]!;
      let s = w[0]!;
      for (let j = 0; j < d; j++) s += w[j + 1]! * z[j]!;
      const p = 1 / (1 + Math.exp(-s));
      const err = (p - y[i]!) * (y[i] === 1 ? positiveWeight : 1);
      g[0]! += err / n;
      for (let j = 0; j < d; j++) g[j + 1]! += (err * z[j]!) / n;
    }
    for (let j = 1; j <= d; j++) g[j]! += (options.l2 * w[j]!) / n;
    for (let j = 0; j <= d; j++) if (j === 0 || options.use?.[j - 1] !== false) w[j]! -= options.learningRate * g[j]!;
  }
  const round = (v: number): number => Math.round(v * 1e4) / 1e4;
  return { weights: w.map(round), mean: mean.map(round), scale: scale.map(round) };
}
