/** Smoke test of `npm run bench -- telegram` on a few subscribers. */
import { describe, expect, it } from 'vitest';
import { runTelegramBench } from '../../src/bench/telegram-bench.js';

describe('runTelegramBench', () => {
  it('delivers every message once through the fake Bot API and reports the rate', async () => {
    const lines: string[] = [];
    const r = await runTelegramBench({ subscribers: 40, concurrency: 8, write: (l) => lines.push(l) });
    expect(r.lost).toBe(0);
    expect(r.duplicates).toBe(0);
    expect(r.earlyRetries).toBe(0);
    expect(lines.join('\n')).toMatch(/40 messages in [\d.]+ s/);
  }, 60_000);
});
