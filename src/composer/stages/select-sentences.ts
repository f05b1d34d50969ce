/**
 * Stage 4: picks the digest's sentences by score with redundancy control, in the manner of
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998): a candidate too similar to one already
 * chosen (cosine of content stems above `maxSimilarity`) is skipped.
 */
import type { AnyDraftStage, SentenceInfo } from '../draft.js';
import { cosine } from '../text-features.js';
import { isCaption } from './score-sentences.js';

/** Options for {@link createSelectSentences}. */
export interface SelectOptions {
  /** A sentence this similar to a chosen one is redundant (default 0.5). */
  maxSimilarity: number;
  /**
   * With a total word budget, the best sentence that no longer fits is still taken, compressed to
   * the words left, when at least this many are left (default 8).
   */
  minFillWords: number;
}

/** Defaults for {@link SelectOptions}. */
export const DEFAULT_SELECT_OPTIONS: Readonly<SelectOptions> = { maxSimilarity: 0.5, minFillWords: 8 };

/**
 * Greedy selection by score. Stops at `maxBullets`; or, when `maxTotalWords` is set, fills the
 * budget: a sentence that does not fit is passed over for one that does, and the words left at
 * the end go to the best remaining sentence, compressed to fit.
 */
export function createSelectSentences(options: Readonly<SelectOptions> = DEFAULT_SELECT_OPTIONS): AnyDraftStage {
  return (draft) => {
    const { sentences } = draft;
    const { maxBullets, maxTotalWords, maxBulletWords, compress } = draft.options;
    // A caption or rubric comes after every sentence, and is a bullet only when nothing else is;
    // its score is left as it is (the story's importance reads the scores).
    const caption = sentences.map((s, i) => isCaption(s, i, draft.titleStems));
    const order = sentences.map((_, i) => i).sort((a, b) => Number(caption[a]) - Number(caption[b]) || sentences[b]!.score - sentences[a]!.score || a - b);
    const chosen: { index: number; limit: number }[] = [];
    const chosenSentences: SentenceInfo[] = [];
    let words = 0;
    for (const i of order) {
      const s = sentences[i]!;
      if (s.stems.length === 0 || !s.arabic) continue;
      // A caption or rubric is a bullet only when nothing else is.
      if (chosen.length > 0 && caption[i]) continue;
      if (maxTotalWords === undefined && chosen.length >= maxBullets) break;
      if (chosenSentences.some((u) => cosine(u.vector, s.vector, u.vectorNorm, s.vectorNorm) > options.maxSimilarity)) continue;
      let limit = compress ? Math.min(s.wordCount, maxBulletWords) : s.wordCount;
      if (maxTotalWords !== undefined && words + limit > maxTotalWords) {
        const left = maxTotalWords - words;
        if (!compress || left < options.minFillWords) continue;
        limit = left; // the budget's last words go to the best sentence left, compressed
      }
      chosen.push({ index: i, limit });
      chosenSentences.push(s);
      words += limit;
      if (maxTotalWords !== undefined && words >= maxTotalWords) break;
    }
    chosen.sort((a, b) => a.index - b.index);
    return { ...draft, selected: chosen.map((c) => c.index), wordLimits: chosen.map((c) => c.limit) };
  };
}

/** The selection stage with default options. */
export const selectSentences = createSelectSentences();
