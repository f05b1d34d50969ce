/**
 * The ROUGE scorer of the project's evaluation (the rules in ../shared/eval/README.md), so that
 * figures compare with the published baselines: ROUGE-1/2 as clipped n-gram overlap F1 and
 * ROUGE-L as LCS F1 (Lin 2004), averaged over references, then over documents, ×100.
 */

// Normalisation of the scorer (deliberately not the composer's): أ إ آ ٱ → ا, ى → ي, harakat
// U+064B–U+0652 and tatweel removed, Latin lower-cased. No stemming, no stop-word removal.
const ALEF = /[\u0623\u0625\u0622\u0671]/g;
const HARAKAT_TATWEEL = /[\u064B-\u0652\u0640]/g;
const TOKEN = /[\u0621-\u064A0-9A-Za-z\u0660-\u0669]+/g;

/** Scorer normalisation: "إِنَّ الأخبارَ على" → "ان الاخبار علي". */
export function normalizeForRouge(text: string): string {
  return text.replace(ALEF, '\u0627').replace(/\u0649/g, '\u064A').replace(HARAKAT_TATWEEL, '').toLowerCase();
}

/** Scorer tokens: maximal runs of [\u0621-\u064A0-9A-Za-z\u0660-\u0669] after normalisation. */
export function rougeTokens(text: string): string[] {
  return normalizeForRouge(text).match(TOKEN) ?? [];
}

/** Precision, recall and F1 of one comparison. */
export interface Prf {
  p: number;
  r: number;
  f: number;
}

function prf(overlap: number, candidateCount: number, referenceCount: number): Prf {
  if (overlap === 0 || candidateCount === 0 || referenceCount === 0) return { p: 0, r: 0, f: 0 };
  const p = overlap / candidateCount;
  const r = overlap / referenceCount;
  return { p, r, f: (2 * p * r) / (p + r) };
}

function ngrams(tokens: readonly string[], n: number): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    const g = n === 1 ? tokens[i]! : tokens.slice(i, i + n).join(' ');
    m.set(g, (m.get(g) ?? 0) + 1);
  }
  return m;
}

/** ROUGE-N of token lists: n-gram overlap clipped by the reference's counts. */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): Prf {
  const c = ngrams(candidate, n);
  const r = ngrams(reference, n);
  let overlap = 0;
  for (const [g, count] of c) overlap += Math.min(count, r.get(g) ?? 0);
  return prf(overlap, Math.max(0, candidate.length - n + 1), Math.max(0, reference.length - n + 1));
}

/** Length of the longest common subsequence of two token lists (O(n·m) time, O(m) memory). */
export function lcsLength(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  let prev = new Uint32Array(b.length + 1);
  let cur = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const ai = a[i - 1];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = ai === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}

/** ROUGE-L over the whole token sequence (no sentence splitting). */
export function rougeL(candidate: readonly string[], reference: readonly string[]): Prf {
  return prf(lcsLength(candidate, reference), candidate.length, reference.length);
}

/** F1 scores of one summary, ×100, averaged over its references. */
export interface RougeScores {
  r1: number;
  r2: number;
  rl: number;
}

/** Scores one candidate against one or more references: the mean of per-reference F1, ×100. */
export function scoreSummary(candidate: string, references: readonly string[]): RougeScores {
  const c = rougeTokens(candidate);
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  for (const ref of references) {
    const r = rougeTokens(ref);
    r1 += rougeN(c, r, 1).f;
    r2 += rougeN(c, r, 2).f;
    rl += rougeL(c, r).f;
  }
  const k = Math.max(1, references.length);
  return { r1: (100 * r1) / k, r2: (100 * r2) / k, rl: (100 * rl) / k };
}
