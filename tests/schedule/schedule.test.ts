import { describe, expect, it, vi } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { createSchedule } from '../../src/schedule/index.js';
import { createBriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition } from '../support/fixtures.js';

const morning = morningDefinition();

async function setup(start: string, subs: { zone: string; time?: string }[], catchUpMinutes = 180) {
  let now = new Date(start);
  const clock = { now: () => now };
  const store: Store = createSqliteStore({ path: ':memory:' });
  let i = 0;
  for (const s of subs) {
    await store.upsertSubscription({ platform: 'console', destination: `d${i++}`, briefingId: 'morning', deliveryTime: s.time ?? '07:00', timeZone: s.zone }, 0);
  }
  const service = createBriefingService({ store, sourcesFor: () => [], clock, log: SILENT_LOGGER });
  let wakes = 0;
  const schedule = createSchedule({ service, store, definitions: [morning], clock, log: SILENT_LOGGER, catchUpMinutes, onEnqueued: () => wakes++ });
  return {
    store, schedule,
    set: (iso: string) => (now = new Date(iso)),
    wakes: () => wakes,
    statuses: async () => Object.fromEntries(Object.entries(await store.countDeliveries())),
  };
}

describe('createSchedule', () => {
  it('enqueues each subscription once when its local delivery time comes, not before', async () => {
    const t = await setup('2026-11-29T03:59:00Z', [{ zone: 'Asia/Riyadh' }, { zone: 'Asia/Riyadh' }]); // 06:59 in Riyadh
    expect((await t.schedule.tick()).enqueued).toEqual({});
    t.set('2026-11-29T04:00:00Z');
    expect((await t.schedule.tick()).enqueued).toEqual({ 'morning|2026-11-29|07:00|Asia/Riyadh': 2 });
    t.set('2026-11-29T04:01:00Z');
    expect((await t.schedule.tick()).enqueued).toEqual({});
    expect(await t.statuses()).toEqual({ pending: 2 });
    expect(t.wakes()).toBe(1);
  });

  it('is idempotent across restarts: a new schedule on the same store adds nothing', async () => {
    const t = await setup('2026-11-29T04:00:00Z', [{ zone: 'Asia/Riyadh' }]);
    await t.schedule.tick();
    const again = createSchedule({
      service: createBriefingService({ store: t.store, sourcesFor: () => [], clock: { now: () => new Date('2026-11-29T04:05:00Z') }, log: SILENT_LOGGER }),
      store: t.store, definitions: [morning], clock: { now: () => new Date('2026-11-29T04:05:00Z') }, log: SILENT_LOGGER,
    });
    expect((await again.tick()).enqueued).toEqual({});
    expect(await t.statuses()).toEqual({ pending: 1 });
  });

  it('composes one edition per (briefing, local date, slot) and uses the zone\'s local date', async () => {
    const t = await setup('2026-11-28T17:00:00Z', [{ zone: 'Pacific/Kiritimati' }]); // 07:00 on the 29th at UTC+14
    await t.schedule.tick();
    expect(await t.store.getEdition('morning', '2026-11-29', '07:00')).toBeDefined();
    expect(await t.store.getEdition('morning', '2026-11-28', '07:00')).toBeUndefined();
  });

  it('follows Asia/Beirut into summer time (UTC+2 → UTC+3 on 29 March 2026)', async () => {
    const t = await setup('2026-03-28T05:00:00Z', [{ zone: 'Asia/Beirut' }]); // 07:00 at UTC+2
    expect(Object.keys((await t.schedule.tick()).enqueued)).toEqual(['morning|2026-03-28|07:00|Asia/Beirut']);
    t.set('2026-03-29T03:59:00Z');
    expect((await t.schedule.tick()).enqueued).toEqual({});
    t.set('2026-03-29T04:00:00Z'); // 07:00 at UTC+3
    expect(Object.keys((await t.schedule.tick()).enqueued)).toEqual(['morning|2026-03-29|07:00|Asia/Beirut']);
  });

  it('follows Africa/Cairo out of summer time (30 October 2026)', async () => {
    const t = await setup('2026-10-29T04:00:00Z', [{ zone: 'Africa/Cairo' }]); // 07:00 at UTC+3
    expect(Object.keys((await t.schedule.tick()).enqueued)).toHaveLength(1);
    t.set('2026-10-30T04:59:00Z'); // 06:59 at UTC+2
    expect((await t.schedule.tick()).enqueued).toEqual({});
    t.set('2026-10-30T05:00:00Z');
    expect(Object.keys((await t.schedule.tick()).enqueued)).toEqual(['morning|2026-10-30|07:00|Africa/Cairo']);
  });

  it('follows Africa/Casablanca\'s Ramadan change (UTC+1 → UTC+0 in 2026)', async () => {
    const t = await setup('2026-02-10T05:59:00Z', [{ zone: 'Africa/Casablanca' }]); // 06:59 at UTC+1
    expect((await t.schedule.tick()).enqueued).toEqual({});
    t.set('2026-02-10T06:00:00Z');
    expect(Object.keys((await t.schedule.tick()).enqueued)).toHaveLength(1);
    t.set('2026-03-01T06:30:00Z'); // 06:30 at UTC+0 during Ramadan: not yet
    expect((await t.schedule.tick()).enqueued).toEqual({});
    t.set('2026-03-01T07:00:00Z');
    expect(Object.keys((await t.schedule.tick()).enqueued)).toEqual(['morning|2026-03-01|07:00|Africa/Casablanca']);
  });

  it('serves zones without DST and several zones in one tick', async () => {
    const t = await setup('2026-06-01T04:00:00Z', [{ zone: 'Asia/Riyadh' }, { zone: 'Asia/Dubai', time: '08:00' }, { zone: 'Africa/Cairo' }]);
    const r = await t.schedule.tick(); // 07:00 Riyadh, 08:00 Dubai, 07:00 Cairo (UTC+3 in summer)
    expect(Object.keys(r.enqueued).sort()).toEqual(['morning|2026-06-01|07:00|Africa/Cairo', 'morning|2026-06-01|07:00|Asia/Riyadh', 'morning|2026-06-01|08:00|Asia/Dubai']);
  });

  it('catches up a delivery missed by less than the window after downtime', async () => {
    const t = await setup('2026-11-29T06:30:00Z', [{ zone: 'Asia/Riyadh' }]); // 09:30 local, 150 minutes late
    expect(Object.keys((await t.schedule.tick()).enqueued)).toHaveLength(1);
    expect(await t.statuses()).toEqual({ pending: 1 });
  });

  it('sends the next morning\'s briefing after a crash left yesterday\'s row unknown at a restart before dawn, and after a late catch-up of yesterday\'s', async () => {
    const t = await setup('2026-12-02T04:00:30Z', [{ zone: 'Asia/Riyadh' }], 23 * 60); // 07:00 in Riyadh
    expect((await t.schedule.tick()).enqueued).toEqual({ 'morning|2026-12-02|07:00|Asia/Riyadh': 1 });
    const [c] = await t.store.claimDeliveries('a', 1, Date.parse('2026-12-02T04:00:30Z'));
    await t.store.markSending(c!.delivery.id, Date.parse('2026-12-02T04:00:31Z'), c!.delivery.attempts);
    // The instance died mid-send; it comes back at 05:00 the next morning and recovery marks the row.
    t.set('2026-12-03T02:00:00Z');
    expect(await t.store.recoverInFlight(Number.MAX_SAFE_INTEGER, Date.parse('2026-12-03T02:00:00Z'))).toBe(1);
    const restarted = createSchedule({ service: createBriefingService({ store: t.store, sourcesFor: () => [], clock: { now: () => new Date('2026-12-03T04:00:30Z') }, log: SILENT_LOGGER }), store: t.store, definitions: [morning], clock: { now: () => new Date('2026-12-03T04:00:30Z') }, log: SILENT_LOGGER });
    expect((await restarted.tick()).enqueued).toEqual({ 'morning|2026-12-03|07:00|Asia/Riyadh': 1 });

    // With a catch-up window of 23 hours, an instance down all night sends yesterday's at 05:00, then today's at 07:00.
    const u = await setup('2026-12-03T02:00:00Z', [{ zone: 'Asia/Riyadh' }], 23 * 60);
    expect((await u.schedule.tick()).enqueued).toEqual({ 'morning|2026-12-02|07:00|Asia/Riyadh': 1 });
    const [late] = await u.store.claimDeliveries('a', 1, Date.parse('2026-12-03T02:00:00Z'));
    await u.store.completeDelivery(late!.delivery.id, { status: 'sent', messageIds: ['m1'] }, Date.parse('2026-12-03T02:00:05Z'));
    u.set('2026-12-03T04:00:30Z');
    expect((await u.schedule.tick()).enqueued).toEqual({ 'morning|2026-12-03|07:00|Asia/Riyadh': 1 });
  });

  it('records a delivery missed by more than the window as skipped, not sent late', async () => {
    const t = await setup('2026-11-29T08:00:00Z', [{ zone: 'Asia/Riyadh' }]); // 11:00 local, 240 minutes late
    const r = await t.schedule.tick();
    expect(r.enqueued).toEqual({});
    expect(r.skipped).toEqual({ 'morning|2026-11-29|07:00|Asia/Riyadh': 1 });
    expect(await t.statuses()).toEqual({ skipped: 1 });
  });

  it('catches up across midnight: a 23:30 slot seen at 00:30 the next day', async () => {
    const t = await setup('2026-11-29T21:30:00Z', [{ zone: 'Asia/Riyadh', time: '23:30' }]); // 00:30 on the 30th in Riyadh
    expect(Object.keys((await t.schedule.tick()).enqueued)).toEqual(['morning|2026-11-29|23:30|Asia/Riyadh']);
  });

  it('runs the tick from node-cron every minute', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T03:59:30Z'), toFake: ['setTimeout', 'setInterval', 'Date', 'clearTimeout', 'clearInterval'] });
    try {
      const t = await setup('2026-11-29T04:00:00Z', [{ zone: 'Asia/Riyadh' }]);
      t.schedule.start();
      await vi.advanceTimersByTimeAsync(61_000);
      await t.schedule.stop();
      expect(await t.statuses()).toEqual({ pending: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('Schedule.cleanUp', () => {
  it('asks the store to forget what is older than each retention period', async () => {
    const calls: unknown[] = [];
    const store = { async purge(c: unknown) { calls.push(c); return { articles: 1, digests: 2, deliveries: 3, editions: 4 }; } } as unknown as Store;
    const now = new Date('2026-11-29T04:00:00Z');
    const schedule = createSchedule({
      service: createBriefingService({ store, sourcesFor: () => [], clock: { now: () => now }, log: SILENT_LOGGER }),
      store, definitions: [morning], clock: { now: () => now }, log: SILENT_LOGGER,
      retention: { articlesDays: 7, digestsDays: 30, ledgerDays: 90, editionsDays: 365 },
    });
    expect(await schedule.cleanUp()).toEqual({ articles: 1, digests: 2, deliveries: 3, editions: 4 });
    const day = 86_400_000;
    expect(calls).toEqual([{ articlesBefore: now.getTime() - 7 * day, digestsBefore: now.getTime() - 30 * day, ledgerBefore: now.getTime() - 90 * day, editionsBefore: '2025-11-29', updatesBefore: now.getTime() - 2 * day }]);
  });

  it('does nothing without retention settings', async () => {
    const t = await setup('2026-11-29T04:00:00Z', []);
    expect(await t.schedule.cleanUp()).toBeUndefined();
  });
});
