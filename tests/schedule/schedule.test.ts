import { describe, expect, it, vi } from 'vitest';
import type { Edition } from '../../src/core/ports.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import type { BriefingDefinition } from '../../src/core/types.js';
import { createSchedule } from '../../src/schedule/index.js';
import type { BriefingService } from '../../src/service/index.js';

const def = (timeZone: string, deliveryTime = '07:00'): BriefingDefinition => ({
  id: 'morning', title: 'موجز الصباح', deliveryTime, timeZone, sources: [], topics: [], maxItems: 10, maxChars: 3500, bulletsPerItem: 2,
});

function setup(definition: BriefingDefinition, start: string, catchUpMinutes = 180) {
  let now = new Date(start);
  const composed: string[] = [];
  const service: BriefingService = {
    localDate: () => '',
    async getOrComposeEdition(d, date = '', slot = '') {
      composed.push(`${date} ${slot}`);
      return { id: date, briefingId: d.id, date, slot, briefing: { briefingId: d.id, title: d.title, date, groups: [], warnings: [] }, createdAt: '' } satisfies Edition;
    },
  };
  const delivered: string[] = [];
  const schedule = createSchedule({
    service, definitions: [definition], clock: { now: () => now }, log: SILENT_LOGGER, catchUpMinutes,
    async deliver(_d, e) { delivered.push(e.date); },
  });
  return { schedule, delivered, composed, set: (iso: string) => (now = new Date(iso)) };
}

describe('createSchedule', () => {
  it('delivers once when the local delivery time comes, not before', async () => {
    const t = setup(def('Asia/Riyadh'), '2026-11-29T03:59:00Z'); // 06:59 in Riyadh (UTC+3)
    await t.schedule.tick();
    expect(t.delivered).toEqual([]);
    t.set('2026-11-29T04:00:00Z');
    await t.schedule.tick();
    t.set('2026-11-29T04:01:00Z');
    await t.schedule.tick();
    expect(t.delivered).toEqual(['2026-11-29']);
  });

  it('uses the local date of the zone, not UTC', async () => {
    const t = setup(def('Pacific/Kiritimati'), '2026-11-28T17:00:00Z'); // already 07:00 on the 29th there (UTC+14)
    await t.schedule.tick();
    expect(t.delivered).toEqual(['2026-11-29']);
  });

  it('follows a DST change (Asia/Beirut moves to UTC+3 on the last Sunday of March)', async () => {
    const t = setup(def('Asia/Beirut'), '2026-03-28T05:00:00Z'); // 07:00 at UTC+2
    await t.schedule.tick();
    t.set('2026-03-29T04:00:00Z'); // 07:00 at UTC+3, the day of the change
    await t.schedule.tick();
    expect(t.delivered).toEqual(['2026-03-28', '2026-03-29']);
  });

  it('follows Africa/Cairo out of summer time', async () => {
    const t = setup(def('Africa/Cairo'), '2026-10-29T04:00:00Z'); // 07:00 at UTC+3
    await t.schedule.tick();
    t.set('2026-10-30T04:59:00Z'); // 06:59 at UTC+2 after the change: not yet
    await t.schedule.tick();
    t.set('2026-10-30T05:00:00Z');
    await t.schedule.tick();
    expect(t.delivered).toEqual(['2026-10-29', '2026-10-30']);
  });

  it('catches up a delivery missed by less than the window', async () => {
    const t = setup(def('Asia/Riyadh'), '2026-11-29T06:30:00Z', 180); // 09:30 local, 150 minutes late
    await t.schedule.tick();
    expect(t.delivered).toEqual(['2026-11-29']);
  });

  it('skips a delivery missed by more than the window instead of sending it late', async () => {
    const t = setup(def('Asia/Riyadh'), '2026-11-29T08:00:00Z', 180); // 11:00 local, 240 minutes late
    const result = await t.schedule.tick();
    expect(t.delivered).toEqual([]);
    expect(result.skipped).toEqual(['morning|2026-11-29|07:00']);
  });

  it('runs the tick from node-cron every minute', async () => {
    vi.useFakeTimers({ now: new Date('2026-11-29T03:59:30Z') });
    try {
      const t = setup(def('Asia/Riyadh'), '2026-11-29T04:00:00Z');
      t.schedule.start();
      await vi.advanceTimersByTimeAsync(61_000);
      expect(t.delivered).toEqual(['2026-11-29']);
      await t.schedule.stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
