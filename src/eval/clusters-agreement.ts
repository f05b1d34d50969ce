/**
 * Agreement of two story clusterings of the same articles, counted over pairs: a pair of articles
 * is "together" in a clustering when one story holds both. Precision: of the pairs the new
 * clustering puts together, the share the reference put together too; recall: the other way
 * round. Articles alone in their story contribute no pair, so a list of the multi-article stories
 * is enough on either side.
 */

/** Pairwise precision, recall and F1 (each 0..1), with the pair counts they come from. */
export interface PairwiseAgreement {
  precision: number;
  recall: number;
  f1: number;
  /** Pairs together in the new clustering, in the reference, and in both. */
  pairs: { predicted: number; reference: number; both: number };
}

function pairsOf(clusters: readonly (readonly string[])[]): Set<string> {
  const out = new Set<string>();
  for (const c of clusters) {
    const ids = [...c].sort();
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) out.add(`${ids[i]}\u0000${ids[j]}`);
  }
  return out;
}

/**
 * Pairwise agreement of `predicted` with `reference` (stories as lists of article ids). When
 * neither has a pair the two agree fully (1, 1, 1); when only one has pairs, the side without
 * any scores 0.
 *
 * @example
 * pairwiseAgreement([['a', 'b', 'c']], [['a', 'b'], ['c']]) // precision 1/3, recall 1, f1 0.5
 */
export function pairwiseAgreement(predicted: readonly (readonly string[])[], reference: readonly (readonly string[])[]): PairwiseAgreement {
  const p = pairsOf(predicted);
  const r = pairsOf(reference);
  let both = 0;
  for (const x of p) if (r.has(x)) both++;
  const precision = p.size === 0 ? (r.size === 0 ? 1 : 0) : both / p.size;
  const recall = r.size === 0 ? (p.size === 0 ? 1 : 0) : both / r.size;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, pairs: { predicted: p.size, reference: r.size, both } };
}
