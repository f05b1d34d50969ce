/** How well a page extractor kept an article's body: token recall of the expected text and leakage of other text. */
import { rougeTokens } from './rouge.js';

/** Recall and leakage, 0..1. */
export interface ExtractionScore {
  /** Share of the expected body's tokens found in the extraction (multiset). */
  recall: number;
  /** Share of the extraction's tokens that are not in the expected body (navigation, widgets, comments). */
  leakage: number;
  expectedTokens: number;
  extractedTokens: number;
}

/** Scores extracted text against the expected body, with the eval scorer's normalisation and tokens. */
export function scoreExtraction(expected: string, extracted: string): ExtractionScore {
  const e = rougeTokens(expected);
  const x = rougeTokens(extracted);
  const bag = new Map<string, number>();
  for (const t of e) bag.set(t, (bag.get(t) ?? 0) + 1);
  let hit = 0;
  for (const t of x) {
    const n = bag.get(t) ?? 0;
    if (n > 0) {
      hit++;
      bag.set(t, n - 1);
    }
  }
  return { recall: e.length ? hit / e.length : 0, leakage: x.length ? (x.length - hit) / x.length : 0, expectedTokens: e.length, extractedTokens: x.length };
}
