/**
 * Stage 4: picks the digest's sentences by score with redundancy control, in the manner of
 * Maximal Marginal Relevance (Carbonell & Goldstein 1998): a candidate too similar to one already
 * chosen (cosine of content stems above `maxSimilarity`) is skipped.
 */
import type { Draft } from '../draft.js';
import { cosine, toVector } from './score-sentences.js';

/** Options for {@link createSelectSentences}. */
export interface SelectOptions {
  /** A sentence this similar to a chosen one is redundant (default 0.5). */
  maxSimilarity: number;
}

/** Defaults for {@link SelectOptions}. */
export const DEFAULT_SELECT_OPTIONS: Readonly<SelectOptions> = { maxSimilarity: 0.5 };

/**
 * Greedy selection by score. Stops at `maxBullets`, or when `maxTotalWords` is set, when the next
 * sentence would overflow the budget (a shorter one further down may still fit).
 */
export function createSelectSentences(options: Readonly<SelectOptions> = DEFAULT_SELECT_OPTIONS): (draft: Draft) => Draft {
  return (draft) => {
    const { sentences } = draft;
    const { maxBullets, maxTotalWords, maxBulletWords, compress } = draft.options;
    const order = sentences.map((_, i) => i).sort((a, b) => sentences[b]!.score - sentences[a]!.score || a - b);
    const chosen: number[] = [];
    const vectors: Map<string, number>[] = [];
    let words = 0;
    for (const i of order) {
      const s = sentences[i]!;
      if (s.stems.length === 0 || !s.arabic) continue;
      if (maxTotalWords === undefined && chosen.length >= maxBullets) break;
      const cost = compress ? Math.min(s.wordCount, maxBulletWords) : s.wordCount;
      if (maxTotalWords !== undefined && words + cost > maxTotalWords) continue;
      const v = toVector(s.stems);
      if (vectors.some((u) => cosine(u, v) > options.maxSimilarity)) continue;
      chosen.push(i);
      vectors.push(v);
      words += cost;
    }
    chosen.sort((a, b) => a - b);
    return { ...draft, selected: chosen };
  };
}

/** The selection stage with default options. */
export const selectSentences = createSelectSentences();
