/** The lease keeper when the job cannot start (a revoked bot token): tries again, less and less often, and says when. */
import { describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { createLeaseKeeper } from '../../src/schedule/index.js';
import { manualClock } from '../support/manual-clock.js';
import { recordingLog } from '../support/recording-log.js';

/** A store whose lease is always free: only the lease calls are used. */
function freeLeaseStore(): Store {
  return { holdLease: async () => true, releaseLease: async () => undefined } as unknown as Store;
}

describe('createLeaseKeeper, when the job fails to start', () => {
  it('backs off (2 s doubling, at most 5 min) instead of trying every 2 s, and logs each failure with the next try', async () => {
    const clock = manualClock('2026-12-02T06:00:00Z');
    const log = recordingLog();
    let starts = 0;
    const keeper = createLeaseKeeper({
      store: freeLeaseStore(),
      name: 'telegram-updates',
      owner: 'test',
      clock,
      log,
      onAcquired: async () => {
        starts++;
        throw new Error('Telegram refused the bot token (401 Unauthorized)');
      },
      onLost: async () => undefined,
    });
    // An hour of renewals every 2 s: 1,800 chances to try.
    for (let t = 0; t < 3600; t += 2) {
      await keeper.renew();
      clock.advance(2000);
    }
    // 2 + 4 + … + 256 s, then every 300 s: about 20 tries in the hour, not 1,800.
    expect(starts).toBeGreaterThanOrEqual(15);
    expect(starts).toBeLessThanOrEqual(25);
    const failures = log.lines.filter((l) => l.level === 'error');
    expect(failures).toHaveLength(starts);
    expect(failures.at(-1)!.msg).toContain('next try in 300 s');
    expect(keeper.holds()).toBe(false);
  });

  it('starts at once again after a success, and tries at the next renewal after the first failure', async () => {
    const clock = manualClock('2026-12-02T06:00:00Z');
    let fail = true;
    let starts = 0;
    const keeper = createLeaseKeeper({
      store: freeLeaseStore(),
      name: 'telegram-updates',
      owner: 'test',
      clock,
      log: recordingLog(),
      onAcquired: async () => {
        starts++;
        if (fail) throw new Error('getMe failed');
      },
      onLost: async () => undefined,
    });
    await keeper.renew();
    expect(starts).toBe(1);
    fail = false;
    clock.advance(2000);
    await keeper.renew();
    expect(starts).toBe(2);
    expect(keeper.holds()).toBe(true);
  });
});
