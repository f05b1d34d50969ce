/**
 * The story clustering of the SaudiNewsNet day against its clusters frozen before the rework for
 * scale (tests/eval/frozen-clusters.ts): pairwise precision, recall and F1, printed and held to
 * F1 ≥ 0.97 (issue #18). Skipped when ../shared is absent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusClusters, pairwiseAgreement } from '../../src/eval/index.js';
import { SHARED_DIR } from '../helpers.js';
import { FROZEN_CORPUS, FROZEN_EVAL_PATH, FROZEN_PRODUCTION } from './frozen-clusters.js';

const file = join(SHARED_DIR, 'corpus', FROZEN_CORPUS);

describe('pairwiseAgreement', () => {
  it('counts pairs of articles told as one story', () => {
    const r = pairwiseAgreement([['a', 'b', 'c']], [['a', 'b'], ['c', 'd']]);
    expect(r.pairs).toEqual({ predicted: 3, reference: 2, both: 1 });
    expect(r.precision).toBeCloseTo(1 / 3);
    expect(r.recall).toBeCloseTo(1 / 2);
    expect(r.f1).toBeCloseTo(0.4);
  });

  it('ignores the order of stories and of their members', () => {
    expect(pairwiseAgreement([['b', 'a'], ['d', 'c']], [['c', 'd'], ['a', 'b']]).f1).toBe(1);
    expect(pairwiseAgreement([], []).f1).toBe(1);
    expect(pairwiseAgreement([], [['a', 'b']]).f1).toBe(0);
  });
});

describe.skipIf(!existsSync(file))(`story clustering of ${FROZEN_CORPUS} against its frozen clusters`, () => {
  it('agrees with the frozen production clusters (pairwise F1 ≥ 0.97)', () => {
    const { clusters } = corpusClusters(file);
    const production = pairwiseAgreement(clusters, FROZEN_PRODUCTION);
    const evalPath = pairwiseAgreement(clusters, FROZEN_EVAL_PATH);
    const pct = (x: number): string => (100 * x).toFixed(1);
    console.log(
      `clusters vs frozen production: P ${pct(production.precision)} R ${pct(production.recall)} F1 ${pct(production.f1)} (pairs ${JSON.stringify(production.pairs)}); ` +
        `vs frozen eval path: P ${pct(evalPath.precision)} R ${pct(evalPath.recall)} F1 ${pct(evalPath.f1)}`,
    );
    expect(production.f1).toBeGreaterThanOrEqual(0.97);
  }, 120_000);
});
