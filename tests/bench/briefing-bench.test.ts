/** Smoke test of `npm run bench -- briefing` on a small day (skipped when ../shared is absent). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BRIEFING_PHASES, runBriefingBench } from '../../src/bench/briefing-bench.js';
import { HAS_SHARED, SHARED_DIR } from '../helpers.js';

describe.skipIf(!HAS_SHARED)('runBriefingBench', () => {
  it('takes a day of N articles and of N/4 through every phase and prints times, ratios and peak RSS', async () => {
    const lines: string[] = [];
    const r = await runBriefingBench({ antTrainPath: join(SHARED_DIR, 'topics', 'ant-train.jsonl'), corpusDir: join(SHARED_DIR, 'corpus'), articles: 40, write: (l) => lines.push(l) });
    expect(r.full.articles).toBe(40);
    expect(r.quarter.articles).toBe(10);
    expect(r.full.items).toBeGreaterThan(0);
    expect(r.full.stories).toBeLessThanOrEqual(40);
    const out = lines.join('\n');
    for (const p of ['floor (tokenize)', ...BRIEFING_PHASES, 'edition']) expect(out).toMatch(new RegExp(`${p.replace(/[()]/g, '\\$&')}\\s+\\d+\\s+[\\d.]+×\\s+\\d+\\s+[\\d.]+`));
    expect(out).toMatch(/clustering ÷ digests at 40: [\d.]+ wall, [\d.]+ CPU/);
    expect(r.full.cpu.digests).toBeGreaterThan(0);
    expect(out).toMatch(/peak RSS of the process that composed the 40-article edition: \d+ MB/);
    expect(r.rssMb).toBeGreaterThan(0);
  }, 120_000);
});
