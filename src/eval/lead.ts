/** The Lead baselines of the evaluation, with the scorer's own sentence split. */
import { rougeTokens } from './rouge.js';

/**
 * The baselines' sentence split: after `. ! ? ؟` followed by white space, and at newlines;
 * sentences of fewer than 3 scorer tokens are dropped.
 */
export function leadSentences(text: string): string[] {
  return text
    .split(/\n|(?<=[.!?\u061F])\s+/)
    .map((s) => s.trim())
    .filter((s) => rougeTokens(s).length >= 3);
}

/** The first `k` sentences. */
export function leadK(text: string, k: number): string {
  return leadSentences(text).slice(0, k).join(' ');
}

/**
 * The first sentences while they fit in `maxWords` scorer tokens (Lead-30% with
 * maxWords = 30 % of the article's tokens). When even the first does not fit, nothing is
 * returned: the baseline never cuts a sentence.
 */
export function leadWords(text: string, maxWords: number): string {
  const out: string[] = [];
  let words = 0;
  for (const s of leadSentences(text)) {
    const n = rougeTokens(s).length;
    if (words + n > maxWords) break;
    out.push(s);
    words += n;
  }
  return out.join(' ');
}

/** The first `maxWords` scorer tokens of the lead sentences, as written (Lead at a fixed length). */
export function truncateWords(text: string, maxWords: number): string {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const out: string[] = [];
  let count = 0;
  for (const w of words) {
    const n = rougeTokens(w).length;
    if (count + n > maxWords) break;
    out.push(w);
    count += n;
  }
  return out.join(' ');
}
