/** Smoke test of `npm run bench -- delivery` on a small scale. */
import { describe, expect, it } from 'vitest';
import { runDeliveryBench } from '../../src/bench/delivery-bench.js';

describe('runDeliveryBench', () => {
  it('times a tick and the engine and prints both with their floors', async () => {
    const lines: string[] = [];
    const r = await runDeliveryBench({ subscriptions: 600, deliveries: 300, concurrency: 8, write: (l) => lines.push(l) });
    expect(r.perSecond).toBeGreaterThan(0);
    expect(r.tickMs).toBeGreaterThan(0);
    const out = lines.join('\n');
    expect(out).toMatch(/engine, 300 deliveries .* deliveries\/s; ledger \{"sent":300\}/);
    expect(out).toMatch(/first tick [\d.]+× the floor/);
  }, 60_000);
});
