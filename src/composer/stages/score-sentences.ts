/**
 * Stage 3: scores each sentence for importance. A linear mix of features known to work for news:
 * - position (the lead effect: Brandow, Mitze & Rau 1995; Nenkova 2005), as 1/√(1+i);
 * - paragraph lead (journalists put a paragraph's point first);
 * - centroid centrality: cosine between the sentence's stem counts and the article's
 *   (MEAD, Radev et al. 2004);
 * - title overlap: share of the title's content stems the sentence carries (Edmundson 1969);
 * - numbers and quotations as content; short unpunctuated lines (captions, related links) penalised.
 */
import type { Draft, ScoredDraft, ScoreWeights, SentenceInfo, Stage } from '../draft.js';
import { cosine, vectorNorm } from '../text-features.js';

/**
 * Chosen on the dev split of the eval (`npm run eval`), by hand over a coarse grid, keeping the
 * round values whose neighbours score about the same (so they are not fitted to that split).
 */
export const DEFAULT_SCORE_WEIGHTS: Readonly<ScoreWeights> = {
  position: 3.0,
  positionDecay: 0.5,
  lead: 0,
  frequency: 0,
  paragraphLead: 0.15,
  centrality: 1.0,
  titleOverlap: 0.5,
  number: 0.1,
  quote: 0.05,
  shortLine: 0.6,
  shortLineWords: 12,
  tooShort: 0.8,
  minContentStems: 3,
};

/** A full stop at a sentence's end, before closing quotes or brackets. */
const FULL_STOP = /[.!\u2026]["'\u201D\u00BB)]*\s*$/;
/** Most words of a caption or rubric. */
const CAPTION_WORDS = 6;

/** Most words of a line that is no sentence even with a full stop («ألف مبروك.», «الجزء الأول.», «تهانينا!»). */
const SHORT_LINE_WORDS = 3;

/**
 * Whether a line is a caption or rubric: at most six words, and no full stop at its end («قصة
 * النزوح بالصور», «من يقاتل من؟»), or at most three words whatever ends it (a greeting, a video's
 * «الجزء الأول.»). Not the article's first line when the title says little or nothing («عاجل»,
 * none): that line is its news («انفجار ضخم يهز وسط المدينة»).
 */
export function isCaption(s: Pick<SentenceInfo, 'wordCount' | 'text'>, index: number, titleStems: readonly string[]): boolean {
  if (index === 0 && titleStems.length < 2) return false;
  return s.wordCount <= SHORT_LINE_WORDS || (s.wordCount <= CAPTION_WORDS && !FULL_STOP.test(s.text));
}

/**
 * Scores sentences with {@link DEFAULT_SCORE_WEIGHTS}, overridden by the given weights and then by
 * `options.weights`, and records the article's stem counts (the centroid) for compression.
 */
export function createScoreSentences(base: Partial<ScoreWeights> = {}): Stage<Draft, ScoredDraft> {
  return (draft) => {
    const weights: ScoreWeights = { ...DEFAULT_SCORE_WEIGHTS, ...base, ...draft.options.weights };
    const { sentences } = draft;
    if (sentences.length === 0) return { ...draft, stemCounts: new Map() };
    const centroid = new Map<string, number>();
    for (const s of sentences) for (const [st, c] of s.vector) centroid.set(st, (centroid.get(st) ?? 0) + c);
    const centroidNorm = vectorNorm(centroid);
    let totalStems = 0;
    let maxCount = 0;
    for (const c of centroid.values()) {
      totalStems += c;
      if (c > maxCount) maxCount = c;
    }
    const maxFrequency = maxCount / Math.max(1, totalStems);
    const titleSet = new Set(draft.titleStems);
    const scored: SentenceInfo[] = sentences.map((s, i) => {
      const vec = s.vector;
      let score = weights.position / Math.pow(1 + i, weights.positionDecay);
      if (i === 0) score += weights.lead;
      if (weights.frequency !== 0 && s.stems.length > 0) {
        let sum = 0;
        for (const st of s.stems) sum += centroid.get(st)! / totalStems;
        score += (weights.frequency * sum) / s.stems.length / maxFrequency;
      }
      if (s.indexInParagraph === 0) score += weights.paragraphLead;
      score += weights.centrality * cosine(vec, centroid, s.vectorNorm, centroidNorm);
      if (titleSet.size > 0) {
        let hit = 0;
        for (const t of titleSet) if (vec.has(t)) hit++;
        score += (weights.titleOverlap * hit) / titleSet.size;
      }
      if (s.hasNumber) score += weights.number;
      if (s.hasQuote) score += weights.quote;
      if (!s.terminated && s.wordCount < weights.shortLineWords) score -= weights.shortLine;
      if (s.stems.length < weights.minContentStems) score -= weights.tooShort;
      return { ...s, score };
    });
    return { ...draft, sentences: scored, stemCounts: centroid };
  };
}

/** The scoring stage with default weights. */
export const scoreSentences = createScoreSentences();
