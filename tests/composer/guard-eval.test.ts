/** The guard on ../shared/eval/guard-dev.jsonl: what it must catch whatever the name threshold (skipped without ../shared). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GUARD_OPTIONS, featuresOf, isRootlessUnknown, judgeAnalysis, nameScore } from '../../src/composer/guard/index.js';
import { analyzeRows, halfOf, loadWordLexicon, readGuardRows, rejectionRates, WORD_FREQ_PATH } from '../../src/eval/index.js';
import { SHARED_DIR } from '../helpers.js';

const FILE = join(SHARED_DIR, 'eval', 'guard-dev.jsonl');

describe.skipIf(!existsSync(FILE))('guard on guard-dev', () => {
  it('catches changed figures, invented quotations and swapped names, rejects few standfirsts (on the other half too), and splits articles whole into halves', () => {
    const rows = readGuardRows(FILE);
    const analyzed = analyzeRows(rows, loadWordLexicon(fileURLToPath(WORD_FREQ_PATH)));
    const all = rejectionRates(analyzed, DEFAULT_GUARD_OPTIONS);
    expect(all['number']!.rejected).toBeGreaterThanOrEqual(0.98);
    expect(all['quote']!.rejected).toBeGreaterThanOrEqual(0.98);
    expect(all['foreign']!.rejected).toBeGreaterThanOrEqual(0.95);
    expect(all['reference']!.rejected).toBeLessThanOrEqual(0.1);
    expect(all['entity']!.rejected).toBeGreaterThanOrEqual(0.8);
    // The half the name model was not fitted on meets the targets too.
    const other = rejectionRates(analyzed, DEFAULT_GUARD_OPTIONS, 1);
    expect(other['reference']!.rejected).toBeLessThanOrEqual(0.1);
    expect(other['entity']!.rejected).toBeGreaterThanOrEqual(0.8);
    // Rows of one article always fall in the same half.
    const byId = new Map<string, Set<number>>();
    for (const r of rows) (byId.get(r.id) ?? byId.set(r.id, new Set()).get(r.id)!).add(halfOf(r.id));
    expect([...byId.values()].every((s) => s.size === 1)).toBe(true);
    expect(readFileSync(FILE, 'utf8').split('\n').filter(Boolean)).toHaveLength(rows.length);
  }, 120_000);

  it('judges a word by its score without looking for a source word of the same root when the score decides either way: the same names as the score with the feature read', () => {
    const analyzed = analyzeRows(readGuardRows(FILE), loadWordLexicon(fileURLToPath(WORD_FREQ_PATH)));
    let names = 0;
    // Words a source shares a root with, of which the score decides most without the search.
    let rooted = 0;
    for (const threshold of [0.3, DEFAULT_GUARD_OPTIONS.nameThreshold, 0.9]) {
      const options = { ...DEFAULT_GUARD_OPTIONS, nameThreshold: threshold };
      for (const { analysis } of analyzed) {
        const found = judgeAnalysis(analysis, options).findings.filter((f) => f.reason === 'name').map((f) => f.detail);
        // The names by the model's score with every feature read.
        const expected = analysis.words.filter((u) => u.latin || isRootlessUnknown(u) || nameScore(featuresOf(u), options.nameModel) >= threshold);
        expect(found).toEqual(expected.map((u) => u.word));
        names += expected.length;
        rooted += analysis.words.filter((u) => u.rooted).length;
      }
    }
    expect(names).toBeGreaterThan(300);
    expect(rooted).toBeGreaterThan(100);
  }, 120_000);
});
