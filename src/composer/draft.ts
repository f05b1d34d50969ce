/** The draft that flows through the composer's stages, and the options that steer them. */
import type { Article, Bullet, ComposeWarning } from '../core/types.js';

/** Weights of the sentence score (the scoring stage, stages/score-sentences.ts, holds their defaults). */
export interface ScoreWeights {
  position: number;
  /** Exponent of the position decay 1/(1+i)^positionDecay. */
  positionDecay: number;
  /** Extra weight of the article's first sentence (the news lead). */
  lead: number;
  /** Weight of the mean document frequency of the sentence's content words (SumBasic, Nenkova & Vanderwende 2005). */
  frequency: number;
  paragraphLead: number;
  centrality: number;
  titleOverlap: number;
  number: number;
  quote: number;
  /** Subtracted from lines without final punctuation shorter than `shortLineWords`. */
  shortLine: number;
  shortLineWords: number;
  /** Subtracted from sentences with fewer than `minContentStems` content words. */
  tooShort: number;
  minContentStems: number;
}

/** Options for {@link composeDigest}. */
export interface ComposeOptions {
  /** Most bullets in a digest (default 3). */
  maxBullets: number;
  /** Most words in one bullet (default 30). */
  maxBulletWords: number;
  /**
   * Total word budget over all bullets; when set, sentences are selected until it is reached
   * instead of stopping at `maxBullets` (used for summaries at a share of the article's length).
   * Default: none.
   */
  maxTotalWords?: number;
  /** Compress long sentences into bullets (default true). */
  compress: boolean;
  /**
   * A long sentence is cut inside its last clause rather than losing the clause when dropping it
   * would leave less than this share of the word limit (default 0.7).
   */
  minKeepShare: number;
  /** Overrides of the sentence-score weights (default: none, see DEFAULT_SCORE_WEIGHTS). */
  weights?: Partial<ScoreWeights>;
  /** Input beyond this many characters is ignored, with a warning (default 200,000). */
  maxInputChars: number;
}

/** Defaults for {@link ComposeOptions}. */
export const DEFAULT_COMPOSE_OPTIONS: Readonly<ComposeOptions> = {
  maxBullets: 3,
  maxBulletWords: 30,
  compress: true,
  minKeepShare: 0.7,
  maxInputChars: 200_000,
};

/** A sentence of the article with what the stages learnt about it. */
export interface SentenceInfo {
  /** The sentence as the composer reads it: hashtags as words, a paragraph's dateline removed (see stages/clean-text.ts). */
  text: string;
  /** The sentence as written in the article (a bullet's `sourceSentence`). */
  written: string;
  /** Section index in the article. */
  section: number;
  /** Paragraph index in the whole article. */
  paragraph: number;
  /** Position of the sentence in the paragraph (0 = paragraph lead). */
  indexInParagraph: number;
  /** Whitespace-separated words as written. */
  wordCount: number;
  /** Light stems of content words (stop words removed), for similarity. */
  stems: string[];
  /** Counts of the content stems, and their Euclidean norm (computed once, used by scoring and selection). */
  vector: Map<string, number>;
  vectorNorm: number;
  /** Whether the sentence carries a number. */
  hasNumber: boolean;
  /** Whether the sentence quotes someone. */
  hasQuote: boolean;
  /** Whether it ends with sentence punctuation (lines without it are often captions or links). */
  terminated: boolean;
  /** Whether the sentence is mostly Arabic (others are never selected for an Arabic digest). */
  arabic: boolean;
  /** Score given by the scoring stage; higher is more important. */
  score: number;
}

/** What every stage receives and returns. */
export interface Draft {
  readonly article: Article;
  readonly options: Readonly<ComposeOptions>;
  /** The title as shown (cleaned), or '' when the article has none. */
  title: string;
  titleStems: string[];
  sentences: SentenceInfo[];
  /** Indexes into `sentences` chosen for the digest, in document order. */
  selected: number[];
  /** Most words of the bullet made from each selected sentence (parallel to `selected`). */
  wordLimits: number[];
  bullets: Bullet[];
  keyFigures: string[];
  /** Every value of the article (a number with its unit, a date), shown as a key figure or not. */
  figureValues: string[];
  /** The digest's headline (set by the headline stage, the last one). */
  headline: string;
  warnings: ComposeWarning[];
}

/**
 * A draft the scoring stage has read: with the counts of every content stem in the article (the
 * centroid it scored against). Compression takes a scored draft, because a word's worth depends
 * on how often the rest of the article repeats it.
 */
export interface ScoredDraft extends Draft {
  readonly stemCounts: ReadonlyMap<string, number>;
}

/**
 * A composer stage: pure, returns a new or the same draft, never throws on odd text. `In` is what
 * it needs from the stages before it; `Out` what it adds (most stages keep the draft's type).
 */
export type Stage<In extends Draft = Draft, Out extends In = In> = (draft: In) => Out;

/** A stage that needs only a draft and keeps what earlier stages added (a scored draft stays scored). */
export type AnyDraftStage = <D extends Draft>(draft: D) => D;
