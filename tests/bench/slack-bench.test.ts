/** Smoke test of `npm run bench -- slack`. */
import { describe, expect, it } from 'vitest';
import { runSlackBench } from '../../src/bench/slack-bench.js';
import { ROOT } from '../helpers.js';

describe('runSlackBench', () => {
  it('acks every concurrent /briefing with the cached edition and reports latency', async () => {
    const lines: string[] = [];
    const r = await runSlackBench({ commands: 10, root: ROOT, write: (l) => lines.push(l) });
    expect(r.failures).toBe(0);
    expect(r.maxMs).toBeLessThan(3000);
    expect(lines.join('\n')).toMatch(/p50 [\d.]+ ms, p99 [\d.]+ ms/);
  });
});
