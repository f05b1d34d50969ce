/** Smoke test of the eval on a handful of real articles from ../shared (skipped when it is absent). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateSet, rougeTokens, type EvalRow } from '../../src/eval/index.js';
import { HAS_SHARED, SHARED_DIR } from '../helpers.js';

const rows = (name: string, n: number): EvalRow[] =>
  readFileSync(join(SHARED_DIR, 'eval', name), 'utf8').split('\n').filter(Boolean).slice(0, n).map((l) => JSON.parse(l) as EvalRow);

describe.skipIf(!HAS_SHARED)('evaluateSet on ../shared/eval', () => {
  it('reproduces the published Lead-1 figure on the first ANT-BBC articles and keeps the lead bullet within 25 words', () => {
    const set = rows('ant-bbc-dev.jsonl', 20);
    const { results, summaries } = evaluateSet(set, { kind: 'lead-bullet', maxWords: 25 });
    expect(results.map((r) => r.system)).toEqual(['composer', 'Lead-1', 'Lead-1, first 25 words']);
    for (const s of summaries) expect(rougeTokens(s.summary).length).toBeLessThanOrEqual(25);
    expect(results[0]!.r1).toBeGreaterThan(30);
  });

  it('keeps EASC summaries within 30 % of the article and scores them', () => {
    const set = rows('easc-dev.jsonl', 8);
    const { results, summaries } = evaluateSet(set, { kind: 'share', share: 0.3 });
    summaries.forEach((s, i) => expect(rougeTokens(s.summary).length).toBeLessThanOrEqual(Math.floor(0.3 * rougeTokens(set[i]!.text).length)));
    expect(results[0]!.r1).toBeGreaterThan(20);
  });
});

describe.skipIf(!HAS_SHARED)('clusterReport on one day of SaudiNewsNet', () => {
  it('merges the day into stories, over a hundred of them told by several outlets', async () => {
    const { clusterReport } = await import('../../src/eval/index.js');
    const r = clusterReport(join(SHARED_DIR, 'corpus', 'saudinewsnet-2015-08-01.jsonl'));
    expect(r.articles).toBe(1285);
    expect(r.stories).toBeLessThan(r.articles);
    expect(r.multiOutlet.length).toBeGreaterThan(100);
    expect(r.multiOutlet[0]!.outlets).toBeGreaterThan(1);
  });
});
