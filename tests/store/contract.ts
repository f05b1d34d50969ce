/** The Store contract: one suite that every implementation passes (SQLite, PostgreSQL). */
import { describe, expect, it } from 'vitest';
import type { DeliveryOutcome, Store } from '../../src/core/ports.js';
import type { Briefing, SubscriptionInput } from '../../src/core/types.js';
import { StoreError } from '../../src/core/errors.js';

export const briefing = (title: string): Briefing => ({ briefingId: 'morning', title, date: '2026-11-29', groups: [], warnings: [] });
export const sub = (destination: string, over: Partial<SubscriptionInput> = {}): SubscriptionInput => ({
  platform: 'telegram',
  destination,
  briefingId: 'morning',
  deliveryTime: '07:00',
  timeZone: 'Asia/Riyadh',
  ...over,
});
const slot = { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' };

/** Runs the contract against stores made by `make` (each test gets a fresh, empty store). */
export function storeContract(name: string, make: () => Promise<Store>, options: { skip?: boolean } = {}): void {
  describe.skipIf(options.skip ?? false)(`Store contract: ${name}`, () => {
    const withStore = (fn: (s: Store) => Promise<void>) => async () => {
      const s = await make();
      try {
        await fn(s);
      } finally {
        await s.close();
      }
    };

    it('stores an edition once per (briefing, date, slot); the first one wins', withStore(async (s) => {
      const a = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('الأولى') }, 1);
      const b = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('الثانية') }, 2);
      expect(b.id).toBe(a.id);
      expect((await s.getEdition('morning', '2026-11-29', '07:00'))?.briefing.title).toBe('الأولى');
      expect(await s.getEdition('morning', '2026-11-30', '07:00')).toBeUndefined();
    }));

    it('lists a briefing\'s editions newest first, by date, from a date, or the last few', withStore(async (s) => {
      for (const [date, slot] of [['2026-11-28', '07:00'], ['2026-11-29', '07:00'], ['2026-11-29', '18:30'], ['2026-12-01', '07:00']] as const) {
        await s.saveEdition({ briefingId: 'morning', date, slot, briefing: briefing(`موجز ${date}`) }, Date.parse(`${date}T04:00:00Z`));
      }
      await s.saveEdition({ briefingId: 'evening', date: '2026-11-30', slot: '19:00', briefing: briefing('المساء') }, 1);
      const all = await s.listEditions('morning');
      expect(all.map((e) => `${e.date} ${e.slot}`)).toEqual(['2026-12-01 07:00', '2026-11-29 18:30', '2026-11-29 07:00', '2026-11-28 07:00']);
      expect(all[0]).toMatchObject({ briefingId: 'morning', createdAt: Date.parse('2026-12-01T04:00:00Z') });
      expect(all[0]).not.toHaveProperty('briefing');
      expect((await s.listEditions('morning', { date: '2026-11-29' })).map((e) => e.slot)).toEqual(['18:30', '07:00']);
      expect((await s.listEditions('morning', { fromDate: '2026-11-29' })).map((e) => e.date)).toEqual(['2026-12-01', '2026-11-29', '2026-11-29']);
      expect((await s.listEditions('morning', { limit: 2 })).map((e) => e.slot)).toEqual(['07:00', '18:30']);
      expect(await s.listEditions('morning', { date: '2026-11-30' })).toEqual([]);
      expect((await s.listEditions('evening')).map((e) => e.id)).toEqual([(await s.getEdition('evening', '2026-11-30', '19:00'))!.id]);
    }));

    it('counts ledger rows by status for each edition', withStore(async (s) => {
      for (const d of ['1', '2', '3']) await s.upsertSubscription(sub(d), 1);
      const a = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('أ') }, 1);
      const b = await s.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '07:00', briefing: briefing('ب') }, 1);
      const c = await s.saveEdition({ briefingId: 'morning', date: '2026-12-01', slot: '07:00', briefing: briefing('ج') }, 1);
      await s.enqueueDeliveries(a.id, slot, 'pending', 10);
      await s.enqueueDeliveries(b.id, slot, 'skipped', 10);
      const claimed = await s.claimDeliveries('x', 2, 10);
      await s.completeDelivery(claimed[0]!.delivery.id, { status: 'sent', messageIds: ['1'] }, 11);
      await s.completeDelivery(claimed[1]!.delivery.id, { status: 'failed', error: 'chat not found' }, 11);
      expect(await s.countDeliveriesByEdition([a.id, b.id, c.id])).toEqual({ [a.id]: { sent: 1, failed: 1, pending: 1 }, [b.id]: { skipped: 3 } });
      expect(await s.countDeliveriesByEdition([])).toEqual({});
    }));

    it('counts subscriptions by briefing, platform, status and reason', withStore(async (s) => {
      await s.upsertSubscription(sub('1'), 1);
      await s.upsertSubscription(sub('2'), 1);
      const blocked = await s.upsertSubscription(sub('3'), 1);
      await s.setSubscriptionStatus(blocked.id, 'paused', 'bot was blocked by the user', 2);
      const left = await s.upsertSubscription(sub('4'), 1);
      await s.setSubscriptionStatus(left.id, 'gone', 'unsubscribed', 2);
      await s.upsertSubscription(sub('C1', { platform: 'slack' }), 1);
      await s.upsertSubscription(sub('5', { briefingId: 'evening' }), 1);
      const counts = await s.countSubscriptions();
      expect(counts).toHaveLength(5);
      expect(counts).toEqual(expect.arrayContaining([
        { briefingId: 'morning', platform: 'telegram', status: 'active', count: 2 },
        { briefingId: 'morning', platform: 'telegram', status: 'paused', reason: 'bot was blocked by the user', count: 1 },
        { briefingId: 'morning', platform: 'telegram', status: 'gone', reason: 'unsubscribed', count: 1 },
        { briefingId: 'morning', platform: 'slack', status: 'active', count: 1 },
        { briefingId: 'evening', platform: 'telegram', status: 'active', count: 1 },
      ]));
    }));

    it('lets one composer claim an edition at a time, and another after the lease expires', withStore(async (s) => {
      const key = { briefingId: 'morning', date: '2026-11-29', slot: '07:00' };
      expect((await s.claimEdition(key, 'a', 1000, 0)).state).toBe('claimed');
      expect((await s.claimEdition(key, 'b', 1000, 500)).state).toBe('busy');
      expect((await s.claimEdition(key, 'a', 1000, 600)).state).toBe('claimed');
      expect((await s.claimEdition(key, 'b', 1000, 1700)).state).toBe('claimed');
      await s.saveEdition({ ...key, briefing: briefing('م') }, 1800);
      const after = await s.claimEdition(key, 'c', 1000, 1900);
      expect(after.state).toBe('exists');
    }));

    it('upserts a subscription per (platform, destination, thread, briefing) and reactivates it', withStore(async (s) => {
      const a = await s.upsertSubscription(sub('-100123', { topics: ['اقتصاد'] }), 10);
      expect(a).toMatchObject({ platform: 'telegram', destination: '-100123', topics: ['اقتصاد'], status: 'active', createdAt: 10 });
      await s.setSubscriptionStatus(a.id, 'paused', 'bot was blocked', 20);
      expect(await s.getSubscription(a.id)).toMatchObject({ status: 'paused', statusReason: 'bot was blocked' });
      const b = await s.upsertSubscription(sub('-100123', { deliveryTime: '08:15' }), 30);
      expect(b.id).toBe(a.id);
      expect(b).toMatchObject({ status: 'active', deliveryTime: '08:15', updatedAt: 30 });
      expect(b.statusReason).toBeUndefined();
      const thread = await s.upsertSubscription(sub('-100123', { threadId: '42' }), 40);
      expect(thread.id).not.toBe(a.id);
      expect(await s.findSubscription({ platform: 'telegram', destination: '-100123', threadId: '42' }, 'morning')).toMatchObject({ threadId: '42' });
      expect(await s.listSubscriptions({ destination: '-100123' })).toHaveLength(2);
    }));

    it('replaces a subscription only while it is as it was read, and every write of a row makes its updatedAt larger', withStore(async (s) => {
      const ref = { platform: 'telegram' as const, destination: '-100125' };
      // None read: created once; a second writer that also read none is refused.
      const first = await s.replaceSubscriptionIf(sub('-100125', { topics: ['اقتصاد'] }), 10, undefined);
      expect(first).toMatchObject({ topics: ['اقتصاد'], updatedAt: 10 });
      expect(await s.replaceSubscriptionIf(sub('-100125', { topics: ['رياضة'] }), 10, undefined)).toBeUndefined();
      // Read at updatedAt 10: written, and within the same millisecond the row still moves on.
      const second = await s.replaceSubscriptionIf(sub('-100125', { topics: ['اقتصاد', 'رياضة'] }), 10, first!);
      expect(second).toMatchObject({ id: first!.id, topics: ['اقتصاد', 'رياضة'] });
      expect(second!.updatedAt).toBeGreaterThan(10);
      // A writer still holding the first read is refused, and changes nothing.
      expect(await s.replaceSubscriptionIf(sub('-100125', { topics: [] }), 10, first!)).toBeUndefined();
      expect((await s.findSubscription(ref, 'morning'))!.topics).toEqual(['اقتصاد', 'رياضة']);
      // A status change or a plain upsert in between also makes a held read stale.
      await s.setSubscriptionStatus(second!.id, 'paused', 'bot was blocked', 5);
      expect(await s.replaceSubscriptionIf(sub('-100125'), 10, second!)).toBeUndefined();
      const paused = (await s.findSubscription(ref, 'morning'))!;
      expect(paused.updatedAt).toBeGreaterThan(second!.updatedAt);
      await s.upsertSubscription(sub('-100125', { deliveryTime: '08:15' }), 1);
      expect(await s.replaceSubscriptionIf(sub('-100125'), 10, paused)).toBeUndefined();
      const now = (await s.findSubscription(ref, 'morning'))!;
      expect(now).toMatchObject({ status: 'active', deliveryTime: '08:15' });
      expect(now.updatedAt).toBeGreaterThan(paused.updatedAt);
      await expect(s.replaceSubscriptionIf(sub('-100125', { deliveryTime: '25:00' }), 10, now)).rejects.toThrow(/deliveryTime/);
      // A row deleted since it was read (the chat left) is not brought back by a writer still holding the read.
      expect(await s.deleteSubscription(now.id)).toBe(true);
      expect(await s.replaceSubscriptionIf(sub('-100125', { topics: ['رياضة'] }), 20, now)).toBeUndefined();
      expect(await s.findSubscription(ref, 'morning')).toBeUndefined();
      // A forum thread is its own subscription: writing it leaves the chat's row as it was, and a stale read of it is refused.
      const chat = (await s.replaceSubscriptionIf(sub('-100126', { topics: ['رياضة'] }), 30, undefined))!;
      const thread = (await s.replaceSubscriptionIf(sub('-100126', { threadId: '7', topics: ['اقتصاد'] }), 30, undefined))!;
      expect(thread.id).not.toBe(chat.id);
      const threadNow = await s.replaceSubscriptionIf(sub('-100126', { threadId: '7', topics: [] }), 40, thread);
      expect(threadNow).toMatchObject({ id: thread.id, threadId: '7', topics: [] });
      expect(await s.replaceSubscriptionIf(sub('-100126', { threadId: '7', topics: ['اقتصاد'] }), 50, thread)).toBeUndefined();
      expect(await s.findSubscription({ platform: 'telegram', destination: '-100126' }, 'morning')).toMatchObject({ id: chat.id, topics: ['رياضة'], updatedAt: 30 });
    }));

    it('a replaced subscription keeps its status and reason (a paused one stays paused) unless it is resumed; a new one is active', withStore(async (s) => {
      const ref = { platform: 'telegram' as const, destination: '-100127' };
      const first = (await s.replaceSubscriptionIf(sub('-100127'), 10, undefined, { resume: false }))!;
      expect(first.status).toBe('active');
      await s.setSubscriptionStatus(first.id, 'paused', 'bot was removed from the channel', 20);
      const paused = (await s.findSubscription(ref, 'morning'))!;
      const filters = { include: [], exclude: ['كرة القدم'], muted: ['الجزيرة'] };
      const changed = await s.replaceSubscriptionIf(sub('-100127', { filters, deliveryTime: '06:15' }), 30, paused);
      expect(changed).toMatchObject({ id: first.id, filters, deliveryTime: '06:15', status: 'paused', statusReason: 'bot was removed from the channel' });
      expect(await s.findSubscription(ref, 'morning')).toMatchObject({ status: 'paused', statusReason: 'bot was removed from the channel' });
      const resumed = await s.replaceSubscriptionIf(sub('-100127', { filters }), 40, changed!, { resume: true });
      expect(resumed).toMatchObject({ id: first.id, filters, status: 'active' });
      expect(resumed!.statusReason).toBeUndefined();
    }));

    it('keeps a subscription\'s filters: none at first, replaced when given, kept when an upsert gives none', withStore(async (s) => {
      const a = await s.upsertSubscription(sub('-100123'), 10);
      expect(a.filters).toEqual({ include: [], exclude: [], muted: [] });
      const filters = { include: ['النفط', '٢٠٢٦'], exclude: ['كُرَة'], muted: ['الجزيرة نت'] };
      expect((await s.upsertSubscription(sub('-100123', { filters }), 20)).filters).toEqual(filters);
      const kept = await s.upsertSubscription(sub('-100123', { deliveryTime: '08:15' }), 30);
      expect(kept).toMatchObject({ id: a.id, deliveryTime: '08:15', filters });
      expect(await s.findSubscription({ platform: 'telegram', destination: '-100123' }, 'morning')).toMatchObject({ filters });
      expect((await s.listSubscriptions({ destination: '-100123' }))[0]!.filters).toEqual(filters);
      const cleared = await s.upsertSubscription(sub('-100123', { filters: { include: [], exclude: [], muted: [] } }), 40);
      expect(cleared.filters).toEqual({ include: [], exclude: [], muted: [] });
      const fresh = await s.upsertSubscription(sub('-100124', { filters }), 50);
      expect((await s.getSubscription(fresh.id))!.filters).toEqual(filters);
    }));

    it('never stores more than 20 filter words or muted outlets', withStore(async (s) => {
      const words = Array.from({ length: 21 }, (_, i) => `كلمة ${i}`);
      await expect(s.upsertSubscription(sub('1', { filters: { include: words.slice(0, 11), exclude: words.slice(11), muted: [] } }), 1)).rejects.toThrow(/filters: expected at most 20 words/);
      await expect(s.upsertSubscription(sub('1', { filters: { include: [], exclude: [], muted: words } }), 1)).rejects.toThrow(StoreError);
      expect(await s.listSubscriptions()).toEqual([]);
    }));

    it('never stores a malformed time or zone', withStore(async (s) => {
      await expect(s.upsertSubscription(sub('1', { deliveryTime: '7:5' }), 1)).rejects.toThrow(StoreError);
      await expect(s.upsertSubscription(sub('1', { timeZone: 'Mars/Olympus' }), 1)).rejects.toThrow(/timeZone: expected an IANA time zone/);
      expect(await s.listSubscriptions()).toEqual([]);
    }));

    it('migrates a destination id', withStore(async (s) => {
      await s.upsertSubscription(sub('-100'), 1);
      expect(await s.migrateDestination('telegram', '-100', '-1009999', 2)).toBe(1);
      expect(await s.findSubscription({ platform: 'telegram', destination: '-1009999' }, 'morning')).toBeDefined();
    }));

    it('migrates a destination whose new id already has a subscription to the same briefing: the new one stays, the old one goes with its ledger rows, the others move', withStore(async (s) => {
      const old = await s.upsertSubscription(sub('-200', { deliveryTime: '06:00' }), 1);
      await s.upsertSubscription(sub('-200', { briefingId: 'evening', deliveryTime: '19:00' }), 1);
      await s.upsertSubscription(sub('-1002000', { deliveryTime: '08:00' }), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '06:00', briefing: briefing('م') }, 1);
      expect(await s.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '06:00' }, 'pending', 100)).toBe(1);
      expect(await s.migrateDestination('telegram', '-200', '-1002000', 2)).toBe(1);
      expect(await s.listSubscriptions({ destination: '-200' })).toEqual([]);
      const moved = await s.listSubscriptions({ destination: '-1002000' });
      expect(moved.map((m) => [m.briefingId, m.deliveryTime]).sort()).toEqual([['evening', '19:00'], ['morning', '08:00']]);
      expect(await s.getSubscription(old.id)).toBeUndefined();
      expect(await s.listDeliveries({ subscriptionId: old.id })).toEqual([]);
    }));

    it('groups active subscriptions into slots', withStore(async (s) => {
      await s.upsertSubscription(sub('1'), 1);
      await s.upsertSubscription(sub('2'), 1);
      const paused = await s.upsertSubscription(sub('3'), 1);
      await s.setSubscriptionStatus(paused.id, 'paused', 'x', 2);
      await s.upsertSubscription(sub('4', { timeZone: 'Africa/Cairo' }), 1);
      expect(await s.listSlots()).toEqual([
        { briefingId: 'morning', timeZone: 'Africa/Cairo', deliveryTime: '07:00', subscriptions: 1 },
        { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00', subscriptions: 2 },
      ]);
    }));

    it('enqueues one ledger row per active subscription of a slot, idempotently', withStore(async (s) => {
      for (const d of ['1', '2', '3']) await s.upsertSubscription(sub(d), 1);
      await s.upsertSubscription(sub('9', { timeZone: 'Africa/Cairo' }), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      expect(await s.enqueueDeliveries(e.id, slot, 'pending', 100)).toBe(3);
      expect(await s.enqueueDeliveries(e.id, slot, 'pending', 200)).toBe(0);
      expect(await s.enqueueDeliveries(e.id, slot, 'skipped', 300)).toBe(0);
      expect(await s.countDeliveries()).toEqual({ pending: 3 });
    }));

    it('enqueues nothing for a subscription that already has that day\'s edition of the briefing from another slot (its time or zone changed since), unless that row failed or was skipped', withStore(async (s) => {
      const moved = await s.upsertSubscription(sub('1'), 1);
      const failed = await s.upsertSubscription(sub('2'), 1);
      await s.upsertSubscription(sub('3', { deliveryTime: '08:00' }), 1);
      const seven = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('موجز السابعة') }, 1);
      expect(await s.enqueueDeliveries(seven.id, slot, 'pending', 100)).toBe(2);
      const claimed = await s.claimDeliveries('a', 10, 100);
      await s.completeDelivery(claimed.find((c) => c.subscription.id === moved.id)!.delivery.id, { status: 'sent', messageIds: ['m1'] }, 110);
      await s.completeDelivery(claimed.find((c) => c.subscription.id === failed.id)!.delivery.id, { status: 'failed', error: 'chat not found' }, 110);
      // Both move to 08:00, in another zone too: the day's 08:00 edition goes to those that did not get the 07:00 one.
      await s.upsertSubscription(sub('1', { deliveryTime: '08:00', timeZone: 'Africa/Casablanca' }), 120);
      await s.upsertSubscription(sub('2', { deliveryTime: '08:00', timeZone: 'Africa/Casablanca' }), 120);
      await s.upsertSubscription(sub('3', { deliveryTime: '08:00', timeZone: 'Africa/Casablanca' }), 120);
      const eight = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '08:00', briefing: briefing('موجز الثامنة') }, 130);
      const at8 = { briefingId: 'morning', timeZone: 'Africa/Casablanca', deliveryTime: '08:00' };
      expect(await s.enqueueDeliveries(eight.id, at8, 'pending', 200)).toBe(2);
      expect((await s.listDeliveries({ editionId: eight.id })).map((d) => d.subscriptionId).sort()).toEqual([failed.id, (await s.findSubscription({ platform: 'telegram', destination: '3' }, 'morning'))!.id].sort());
      // The next day, every one.
      const tomorrow = await s.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '08:00', briefing: briefing('موجز الغد') }, 300);
      expect(await s.enqueueDeliveries(tomorrow.id, at8, 'pending', 400)).toBe(3);
      // Another briefing's edition of the same day is its own.
      await s.upsertSubscription(sub('1', { briefingId: 'evening', deliveryTime: '08:00', timeZone: 'Africa/Casablanca' }), 120);
      const evening = await s.saveEdition({ briefingId: 'evening', date: '2026-11-29', slot: '08:00', briefing: briefing('المساء') }, 130);
      expect(await s.enqueueDeliveries(evening.id, { ...at8, briefingId: 'evening' }, 'pending', 200)).toBe(1);
    }));

    it('enqueues nothing for a subscription whose other briefing fell due less than spacing.minGapMs before, across midnight too (23:30, then 00:30)', withStore(async (s) => {
      const night = await s.upsertSubscription(sub('1', { deliveryTime: '23:30' }), 1);
      const gap = 3 * 3_600_000;
      const late = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '23:30', briefing: briefing('موجز منتصف الليل') }, 1);
      const lateDue = Date.parse('2026-11-29T20:30:00Z'); // 23:30 in Riyadh
      const sentAt = lateDue + 60_000;
      expect(await s.enqueueDeliveries(late.id, { ...slot, deliveryTime: '23:30' }, 'pending', lateDue, undefined, { dueAt: lateDue, minGapMs: gap })).toBe(1);
      const [claimed] = await s.claimDeliveries('a', 1, sentAt);
      await s.completeDelivery(claimed!.delivery.id, { status: 'sent', messageIds: ['m1'] }, sentAt);
      // At 23:45 the reader moves to 00:30: the next day's 00:30 edition, due an hour after the last, is not sent; the one after is.
      await s.upsertSubscription(sub('1', { deliveryTime: '00:30' }), sentAt + 900_000);
      const at0030 = { ...slot, deliveryTime: '00:30' };
      const next = await s.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '00:30', briefing: briefing('موجز الغد') }, sentAt);
      const nextDue = lateDue + 3_600_000;
      expect(await s.enqueueDeliveries(next.id, at0030, 'pending', nextDue, undefined, { dueAt: nextDue, minGapMs: gap })).toBe(0);
      // Without spacing, the rule of the day alone.
      expect(await s.enqueueDeliveries(next.id, at0030, 'skipped', nextDue)).toBe(1);
      const after = await s.saveEdition({ briefingId: 'morning', date: '2026-12-01', slot: '00:30', briefing: briefing('موجز بعد غد') }, sentAt);
      const afterDue = nextDue + 24 * 3_600_000;
      expect(await s.enqueueDeliveries(after.id, at0030, 'pending', afterDue, undefined, { dueAt: afterDue, minGapMs: gap })).toBe(1);
      expect((await s.listDeliveries({ subscriptionId: night.id })).map((d) => `${d.editionId} ${d.status}`)).toEqual([`${late.id} sent`, `${next.id} skipped`, `${after.id} pending`]);
    }));

    it('spaces briefings by when their slots fell due, not by when their rows were last written: a row recovered (unknown) or sent late does not hold back the next day', withStore(async (s) => {
      const reader = await s.upsertSubscription(sub('1'), 1);
      const gap = 3 * 3_600_000;
      const yesterday = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('موجز الأمس') }, 1);
      const yesterdayDue = Date.parse('2026-11-29T04:00:00Z'); // 07:00 in Riyadh
      expect(await s.enqueueDeliveries(yesterday.id, slot, 'pending', yesterdayDue, undefined, { dueAt: yesterdayDue, minGapMs: gap })).toBe(1);
      const [claimed] = await s.claimDeliveries('a', 1, yesterdayDue);
      expect(await s.markSending(claimed!.delivery.id, yesterdayDue, claimed!.delivery.attempts)).toBe(true);
      // The instance died mid-send and came back at 05:00 the next morning: recovery writes the row then.
      const todayDue = yesterdayDue + 24 * 3_600_000;
      await s.recoverInFlight(Number.MAX_SAFE_INTEGER, todayDue - 2 * 3_600_000);
      expect((await s.listDeliveries({ subscriptionId: reader.id }))[0]!.status).toBe('unknown');
      const today = await s.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '07:00', briefing: briefing('موجز اليوم') }, 1);
      expect(await s.enqueueDeliveries(today.id, slot, 'pending', todayDue, undefined, { dueAt: todayDue, minGapMs: gap })).toBe(1);
    }));

    it('spaces by the last write a row of before migration 11 (no due time) that was sent, and holds no slot back for a row still being tried', withStore(async (s) => {
      const reader = await s.upsertSubscription(sub('1', { deliveryTime: '23:30' }), 1);
      const gap = 3 * 3_600_000;
      const late = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '23:30', briefing: briefing('موجز منتصف الليل') }, 1);
      const lateDue = Date.parse('2026-11-29T20:30:00Z');
      // Written as an older version writes it: no due time.
      expect(await s.enqueueDeliveries(late.id, { ...slot, deliveryTime: '23:30' }, 'pending', lateDue)).toBe(1);
      const [claimed] = await s.claimDeliveries('a', 1, lateDue);
      // Still being tried at 23:45, when the reader moves to 00:30: a row not sent yet holds back no other slot.
      await s.upsertSubscription(sub('1', { deliveryTime: '00:30' }), lateDue + 900_000);
      const at0030 = { ...slot, deliveryTime: '00:30' };
      const next = await s.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '00:30', briefing: briefing('موجز الغد') }, lateDue);
      const nextDue = lateDue + 3_600_000;
      // Sent at 23:46: now it holds back the 00:30 slot, by the time it was written.
      await s.completeDelivery(claimed!.delivery.id, { status: 'sent', messageIds: ['m1'] }, lateDue + 960_000);
      expect(await s.enqueueDeliveries(next.id, at0030, 'pending', nextDue, undefined, { dueAt: nextDue, minGapMs: gap })).toBe(0);
      const other = await s.upsertSubscription(sub('2', { deliveryTime: '23:30' }), 1);
      const [pendingRow] = await (async () => {
        await s.enqueueDeliveries(late.id, { ...slot, deliveryTime: '23:30' }, 'pending', lateDue, undefined, { dueAt: lateDue, minGapMs: gap });
        return (await s.listDeliveries({ subscriptionId: other.id }));
      })();
      expect(pendingRow!.status).toBe('pending');
      await s.upsertSubscription(sub('2', { deliveryTime: '00:30' }), lateDue + 900_000);
      expect(await s.enqueueDeliveries(next.id, at0030, 'pending', nextDue, undefined, { dueAt: nextDue, minGapMs: gap })).toBe(1);
      expect((await s.listDeliveries({ subscriptionId: reader.id })).map((d) => d.status)).toEqual(['sent']);
    }));

    it('claims due rows once, with their subscription and edition, and records outcomes', withStore(async (s) => {
      for (const d of ['1', '2', '3']) await s.upsertSubscription(sub(d), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 100);
      const first = await s.claimDeliveries('a', 2, 100);
      expect(first).toHaveLength(2);
      expect(first[0]!.edition.briefing.title).toBe('م');
      expect(first[0]!.subscription.destination).toBe('1');
      expect(first[0]!.delivery).toMatchObject({ status: 'claimed', attempts: 1 });
      expect(await s.markSending(first[0]!.delivery.id, 101, 1)).toBe(true);
      expect(await s.markSending(first[0]!.delivery.id, 101, 1)).toBe(false);
      const second = await s.claimDeliveries('b', 10, 100);
      expect(second.map((c) => c.subscription.destination)).toEqual(['3']);
      expect(await s.claimDeliveries('c', 10, 100)).toEqual([]);

      await s.completeDelivery(first[0]!.delivery.id, { status: 'sent', messageIds: ['m1', 'm2'] }, 110);
      await s.completeDelivery(first[1]!.delivery.id, { status: 'pending', nextAttemptAt: 500, error: 'HTTP 502' }, 110);
      await s.completeDelivery(second[0]!.delivery.id, { status: 'failed', error: 'chat not found' }, 110);
      expect(await s.claimDeliveries('a', 10, 499)).toEqual([]);
      const retry = await s.claimDeliveries('a', 10, 500);
      expect(retry.map((c) => c.delivery.attempts)).toEqual([2]);
      const rows = await s.listDeliveries({ editionId: e.id });
      expect(rows.map((r) => r.status)).toEqual(['sent', 'claimed', 'failed']);
      expect(rows[0]!.messageIds).toEqual(['m1', 'm2']);
      expect(rows[2]!.lastError).toBe('chat not found');
    }));

    it('never re-sends: an outcome for a row that is no longer sending is ignored', withStore(async (s) => {
      await s.upsertSubscription(sub('1'), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [c] = await s.claimDeliveries('a', 1, 1);
      await s.completeDelivery(c!.delivery.id, { status: 'sent', messageIds: ['1'] }, 2);
      await s.completeDelivery(c!.delivery.id, { status: 'pending', nextAttemptAt: 3, error: 'late retry' }, 3);
      expect((await s.listDeliveries({ subscriptionId: c!.subscription.id }))[0]!.status).toBe('sent');
    }));

    it('records a partial send with the messages posted and why the rest was refused, and never claims it again', withStore(async (s) => {
      await s.upsertSubscription(sub('1'), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [c] = await s.claimDeliveries('a', 1, 1);
      await s.markSending(c!.delivery.id, 2, c!.delivery.attempts);
      await s.completeDelivery(c!.delivery.id, { status: 'partial', messageIds: ['10'], error: 'part 2 of 2 refused (message is too long)' }, 3);
      const [row] = await s.listDeliveries({ editionId: e.id });
      expect(row).toMatchObject({ status: 'partial', messageIds: ['10'], lastError: 'part 2 of 2 refused (message is too long)' });
      expect(await s.claimDeliveries('a', 10, 10_000_000)).toEqual([]);
      expect(await s.countDeliveries()).toEqual({ partial: 1 });
    }));

    it('deletes a subscription with its ledger rows, and only it', withStore(async (s) => {
      const a = await s.upsertSubscription(sub('1'), 1);
      const b = await s.upsertSubscription(sub('2'), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      expect(await s.deleteSubscription(a.id)).toBe(true);
      expect(await s.deleteSubscription(a.id)).toBe(false);
      expect((await s.listSubscriptions()).map((x) => x.id)).toEqual([b.id]);
      expect(await s.listDeliveries({ subscriptionId: a.id })).toEqual([]);
      expect(await s.listDeliveries({ subscriptionId: b.id })).toHaveLength(1);
    }));

    it('purges old article texts, digests, finished ledger rows and unreferenced editions, and nothing newer', withStore(async (s) => {
      const day = 86_400_000;
      const article = { id: 'a', source: { name: 'م' }, sections: [{ paragraphs: ['نص المقال'] }] };
      const digest = { headline: 'ع', bullets: [], keyFigures: [], source: { name: 'م' }, articleId: 'a', topics: [], importance: 0, warnings: [] };
      await s.putCachedDigest('old', 'v1', { ...article, id: 'old' }, { ...digest, articleId: 'old' }, 1 * day);
      await s.putCachedDigest('mid', 'v1', { ...article, id: 'mid' }, { ...digest, articleId: 'mid' }, 10 * day);
      await s.putCachedDigest('new', 'v1', article, digest, 40 * day);
      const [x, y] = [await s.upsertSubscription(sub('1'), 1), await s.upsertSubscription(sub('2'), 1)];
      const oldEd = await s.saveEdition({ briefingId: 'morning', date: '2026-01-01', slot: '07:00', briefing: briefing('قديم') }, 1);
      const keptEd = await s.saveEdition({ briefingId: 'morning', date: '2026-01-02', slot: '07:00', briefing: briefing('يبقى') }, 1);
      await s.enqueueDeliveries(oldEd.id, slot, 'pending', 1);
      await s.enqueueDeliveries(keptEd.id, slot, 'pending', 1);
      // Old edition: both rows end (long ago). Kept edition: one ends long ago, one is still pending.
      for (const c of await s.claimDeliveries('a', 10, 2)) {
        if (c.edition.id === oldEd.id || c.subscription.id === x.id) await s.completeDelivery(c.delivery.id, { status: 'sent', messageIds: ['1'] }, 2 * day);
        else await s.completeDelivery(c.delivery.id, { status: 'pending', nextAttemptAt: 50 * day, error: 'later' }, 2 * day);
      }
      const counts = await s.purge({ articlesBefore: 20 * day, digestsBefore: 5 * day, ledgerBefore: 30 * day, editionsBefore: '2026-06-01' });
      expect(counts).toEqual({ articles: 1, digests: 1, deliveries: 3, editions: 1, arrivals: 0 });
      expect(await s.getCachedDigest('old', 'v1')).toBeUndefined();
      expect(await s.getCachedDigest('mid', 'v1')).toBeDefined();
      expect(await s.getCachedDigest('new', 'v1')).toBeDefined();
      expect(await s.getEdition('morning', '2026-01-01', '07:00')).toBeUndefined();
      // An edition a ledger row still names stays, with that row.
      expect(await s.getEdition('morning', '2026-01-02', '07:00')).toBeDefined();
      expect((await s.listDeliveries({ subscriptionId: y.id })).map((d) => d.status)).toEqual(['pending']);
      expect(await s.purge({ articlesBefore: 20 * day, digestsBefore: 5 * day, ledgerBefore: 30 * day, editionsBefore: '2026-06-01' })).toEqual({ articles: 0, digests: 0, deliveries: 0, editions: 0, arrivals: 0 });
    }));

    it('a briefing sent in parts: each part is recorded on the row, a row claimed again resumes with them, and a stale claim can no longer send', withStore(async (s) => {
      await s.upsertSubscription(sub('1'), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('موجز الصباح') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [c] = await s.claimDeliveries('a', 1, 10);
      expect(c!.delivery).toMatchObject({ attempts: 1, partsDone: 0, messageIds: [] });
      expect(c!.delivery.partsKey).toBeUndefined();
      const id = c!.delivery.id;
      // Part 1 posted: the row is claimed again (nothing in flight), with its id.
      expect(await s.markSending(id, 20, 1)).toBe(true);
      expect(await s.recordParts(id, 1, { messageIds: ['ts-1'], partsDone: 1, partsTotal: 3, partsKey: '3:abc' }, 21)).toBe(true);
      expect(await s.recordParts(id, 1, { messageIds: ['ts-1'], partsDone: 1, partsTotal: 3, partsKey: '3:abc' }, 21)).toBe(false);
      expect((await s.listDeliveries({ editionId: e.id }))[0]).toMatchObject({ status: 'claimed', messageIds: ['ts-1'], partsDone: 1, partsTotal: 3, partsKey: '3:abc' });
      // Part 2 rate limited: back to the queue, the parts done kept.
      expect(await s.markSending(id, 30, 1)).toBe(true);
      await s.completeDelivery(id, { status: 'pending', nextAttemptAt: 40, error: 'part 2 of 3: rate limited: retry after 1 s' }, 31);
      const [again] = await s.claimDeliveries('b', 1, 40);
      expect(again!.delivery).toMatchObject({ id, attempts: 2, messageIds: ['ts-1'], partsDone: 1, partsTotal: 3, partsKey: '3:abc' });
      // The first claim is stale: it can neither mark the row in flight nor record a part.
      expect(await s.markSending(id, 41, 1)).toBe(false);
      expect(await s.markSending(id, 41, 2)).toBe(true);
      expect(await s.recordParts(id, 1, { messageIds: ['ts-1', 'x'], partsDone: 2, partsTotal: 3, partsKey: '3:abc' }, 42)).toBe(false);
      // Nor end it: a stale claim stopped while waiting puts nothing back in the queue, and records nothing.
      const stale: DeliveryOutcome[] = [{ status: 'pending', nextAttemptAt: 42, error: 'released at shutdown' }, { status: 'failed', error: 'x' }, { status: 'sent', messageIds: ['x'] }];
      for (const outcome of stale) {
        await s.completeDelivery(id, outcome, 42, 1);
        expect((await s.listDeliveries({ editionId: e.id }))[0]).toMatchObject({ status: 'sending', attempts: 2 });
      }
      await s.completeDelivery(id, { status: 'sent', messageIds: ['ts-1', 'ts-2', 'ts-3'] }, 43, 2);
      expect((await s.listDeliveries({ editionId: e.id }))[0]).toMatchObject({ status: 'sent', messageIds: ['ts-1', 'ts-2', 'ts-3'] });
    }));

    it('a briefing in parts that ends unknown or failed keeps the ids of the parts posted', withStore(async (s) => {
      for (const d of ['1', '2']) await s.upsertSubscription(sub(d), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [a, b] = await s.claimDeliveries('a', 2, 10);
      for (const c of [a!, b!]) {
        await s.markSending(c.delivery.id, 11, 1);
        await s.recordParts(c.delivery.id, 1, { messageIds: ['ts-1'], partsDone: 1, partsTotal: 3, partsKey: '3:k' }, 12);
        await s.markSending(c.delivery.id, 13, 1);
      }
      await s.completeDelivery(a!.delivery.id, { status: 'unknown', messageIds: ['ts-1', 'ts-3'], error: '1 of 3 parts had no answer in time (part 2)' }, 14);
      await s.completeDelivery(b!.delivery.id, { status: 'failed', error: 'gave up' }, 14);
      expect((await s.listDeliveries({ subscriptionId: a!.subscription.id }))[0]).toMatchObject({ status: 'unknown', messageIds: ['ts-1', 'ts-3'] });
      expect((await s.listDeliveries({ subscriptionId: b!.subscription.id }))[0]).toMatchObject({ status: 'failed', messageIds: ['ts-1'] });
    }));

    it('recovery counts a row from its last part: in flight since then, or between parts (put back to pending, its parts kept)', withStore(async (s) => {
      for (const d of ['1', '2']) await s.upsertSubscription(sub(d), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [sending, between] = await s.claimDeliveries('a', 2, 100);
      // Claimed at 100; one part went out at 500 and the next is in flight; the other is between parts since 500.
      expect(await s.markSending(sending!.delivery.id, 500, 1)).toBe(true);
      expect(await s.markSending(between!.delivery.id, 490, 1)).toBe(true);
      expect(await s.recordParts(between!.delivery.id, 1, { messageIds: ['ts-1'], partsDone: 1, partsTotal: 2, partsKey: '2:k' }, 500)).toBe(true);
      expect(await s.recoverInFlight(300, 600)).toBe(0);
      expect(await s.countDeliveries()).toEqual({ sending: 1, claimed: 1 });
      expect(await s.recoverInFlight(501, 700)).toBe(1);
      expect((await s.listDeliveries({ subscriptionId: sending!.subscription.id }))[0]!.status).toBe('unknown');
      expect((await s.listDeliveries({ subscriptionId: between!.subscription.id }))[0]).toMatchObject({ status: 'pending', messageIds: ['ts-1'], partsDone: 1 });
    }));

    it('after a sender stops during a part of a briefing in parts: the rest still go out (the part in flight counted done), unless it was the last', withStore(async (s) => {
      for (const d of ['1', '2']) await s.upsertSubscription(sub(d), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [middle, last] = await s.claimDeliveries('a', 2, 100);
      // Three parts, the second in flight; two parts, the second (last) in flight.
      for (const [c, total] of [[middle!, 3], [last!, 2]] as const) {
        await s.markSending(c.delivery.id, 101, 1);
        await s.recordParts(c.delivery.id, 1, { messageIds: ['ts-1'], partsDone: 1, partsTotal: total, partsKey: `${total}:k` }, 102);
        await s.markSending(c.delivery.id, 103, 1);
      }
      expect(await s.recoverInFlight(200, 300)).toBe(1);
      expect((await s.listDeliveries({ subscriptionId: middle!.subscription.id }))[0]).toMatchObject({ status: 'pending', partsDone: 2, messageIds: ['ts-1'], nextAttemptAt: 300, lastError: expect.stringContaining('in flight when its sender stopped') });
      expect((await s.listDeliveries({ subscriptionId: last!.subscription.id }))[0]).toMatchObject({ status: 'unknown', partsDone: 1, messageIds: ['ts-1'] });
      const [again] = await s.claimDeliveries('b', 1, 300);
      expect(again!.delivery).toMatchObject({ attempts: 2, partsDone: 2, partsKey: '3:k' });
    }));

    it('after a sender stops: its in-flight rows become unknown, its claimed rows pending again', withStore(async (s) => {
      for (const d of ['1', '2', '3']) await s.upsertSubscription(sub(d), 1);
      const e = await s.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('م') }, 1);
      await s.enqueueDeliveries(e.id, slot, 'pending', 1);
      const [inFlight, claimed] = await s.claimDeliveries('a', 2, 100);
      await s.markSending(inFlight!.delivery.id, 100, inFlight!.delivery.attempts);
      const [live] = await s.claimDeliveries('b', 1, 200);
      await s.markSending(live!.delivery.id, 200, live!.delivery.attempts);
      expect(await s.recoverInFlight(150, 300)).toBe(1);
      expect(await s.countDeliveries()).toEqual({ unknown: 1, pending: 1, sending: 1 });
      expect((await s.listDeliveries({ subscriptionId: claimed!.subscription.id }))[0]!.status).toBe('pending');
    }));

    it('counts the live instances for shares of the rate limits, and forgets one that leaves', withStore(async (s) => {
      const count = async (owner: string, now: number) => (await s.heartbeat(owner, now, 15_000, 1)).instances;
      expect(await count('a', 1_000)).toBe(1);
      expect(await count('b', 2_000)).toBe(2);
      expect(await count('a', 6_000)).toBe(2);
      // b has not been seen for more than 15 s: a is alone again.
      expect(await count('a', 20_000)).toBe(1);
      expect(await count('b', 21_000)).toBe(2);
      await s.leave('b');
      expect(await count('a', 22_000)).toBe(1);
    }));

    it('tells an instance whether every other live one has recorded a share of at least the live count', withStore(async (s) => {
      const live = 15_000;
      // Alone: nothing to wait for.
      expect(await s.heartbeat('a', 1_000, live, 1)).toEqual({ instances: 1, acknowledged: true });
      // b joins: a still keeps to a share of 1.
      expect(await s.heartbeat('b', 2_000, live, 1)).toEqual({ instances: 2, acknowledged: false });
      expect(await s.heartbeat('b', 3_000, live, 2)).toEqual({ instances: 2, acknowledged: false });
      // a hears of b and records a share of 2 (b's share, recorded too, acknowledges a in turn).
      expect(await s.heartbeat('a', 4_000, live, 2)).toEqual({ instances: 2, acknowledged: true });
      expect(await s.heartbeat('b', 5_000, live, 2)).toEqual({ instances: 2, acknowledged: true });
      // A larger share recorded also acknowledges (an instance that has not yet heard of one leaving).
      expect(await s.heartbeat('a', 6_000, live, 3)).toEqual({ instances: 2, acknowledged: true });
      expect(await s.heartbeat('b', 7_000, live, 2)).toEqual({ instances: 2, acknowledged: true });
      // c joins: a's 3 is enough, b's 2 is not, until b records 3.
      expect(await s.heartbeat('c', 8_000, live, 3)).toEqual({ instances: 3, acknowledged: false });
      expect(await s.heartbeat('b', 9_000, live, 3)).toEqual({ instances: 3, acknowledged: true });
      expect(await s.heartbeat('c', 10_000, live, 3)).toEqual({ instances: 3, acknowledged: true });
      // An instance's own row never counts: restarted with the same name, it records a share of 1
      // and the others, which counted it already, acknowledge it at once.
      expect(await s.heartbeat('c', 11_000, live, 1)).toEqual({ instances: 3, acknowledged: true });
      // c leaves, and a stale row (b, unheard for more than 15 s) neither counts nor holds anyone.
      await s.leave('c');
      expect(await s.heartbeat('a', 25_000, live, 3)).toEqual({ instances: 1, acknowledged: true });
      expect(await s.heartbeat('d', 26_000, live, 1)).toEqual({ instances: 2, acknowledged: true });
    }));

    it('keeps the newer heartbeat of an instance when an older one is written after it (a write given up for late)', withStore(async (s) => {
      const live = 1_000;
      await s.heartbeat('a', 2_000, live, 1);
      // a's earlier write (at 1 000, when it counted 2) commits late.
      await s.heartbeat('a', 1_000, live, 2);
      // At 2 500, a is live (heard at 2 000) and its share is still 1: b is not acknowledged.
      expect(await s.heartbeat('b', 2_500, live, 2)).toEqual({ instances: 2, acknowledged: false });
    }));

    it('of three instances that start together, none is acknowledged until all have recorded a share of three', withStore(async (s) => {
      const live = 15_000;
      const owners = ['a', 'b', 'c'];
      // Each records the share it keeps to (1 at start), then the count it saw, as the engine does.
      const first = await Promise.all(owners.map((o) => s.heartbeat(o, 1_000, live, 1)));
      expect(Math.max(...first.map((b) => b.instances))).toBe(3);
      expect(first.every((b) => b.instances === 1 || !b.acknowledged)).toBe(true);
      // Then each records a share of three in turn: acknowledged only once the others all have.
      expect(await s.heartbeat('a', 1_100, live, 3)).toEqual({ instances: 3, acknowledged: false });
      expect(await s.heartbeat('b', 1_200, live, 3)).toEqual({ instances: 3, acknowledged: false });
      expect(await s.heartbeat('c', 1_300, live, 3)).toEqual({ instances: 3, acknowledged: true });
      expect(await Promise.all(owners.map((o) => s.heartbeat(o, 1_400, live, 3)))).toEqual(owners.map(() => ({ instances: 3, acknowledged: true })));
    }));

    it('of two instances that beat at the same moment, at least one counts the other', withStore(async (s) => {
      // Rounds far apart in time, so that each round's pair is alone among the live rows.
      for (let round = 1; round <= 20; round++) {
        const now = round * 1_000_000;
        const counts = (await Promise.all([s.heartbeat(`a${round}`, now, 15_000, 1), s.heartbeat(`b${round}`, now, 15_000, 1)])).map((b) => b.instances);
        expect(Math.max(...counts), `round ${round}: ${counts.join(', ')}`).toBe(2);
      }
    }));

    it('gives a lease to one owner at a time: renewed by its holder, taken after it expires or is released', withStore(async (s) => {
      expect(await s.holdLease('telegram-poller', 'a', 10_000, 1_000)).toBe(true);
      expect(await s.holdLease('telegram-poller', 'b', 10_000, 2_000)).toBe(false);
      expect(await s.holdLease('telegram-poller', 'a', 10_000, 9_000)).toBe(true); // renewed until 19,000
      expect(await s.holdLease('telegram-poller', 'b', 10_000, 15_000)).toBe(false);
      expect(await s.holdLease('telegram-poller', 'b', 10_000, 19_000)).toBe(true); // expired: b takes it
      expect(await s.holdLease('telegram-poller', 'a', 10_000, 19_500)).toBe(false);
      await s.releaseLease('telegram-poller', 'a'); // not a's: nothing happens
      expect(await s.holdLease('telegram-poller', 'a', 10_000, 20_000)).toBe(false);
      await s.releaseLease('telegram-poller', 'b');
      expect(await s.holdLease('telegram-poller', 'a', 10_000, 20_000)).toBe(true);
      expect(await s.holdLease('other', 'b', 10_000, 20_000)).toBe(true);
    }));

    it('keeps a lease that is still held through a purge of expired ones', withStore(async (s) => {
      expect(await s.holdLease('slack-post:C1|e1', 'a', 1_000, 0)).toBe(true);
      expect(await s.holdLease('telegram-poller', 'a', 1_000_000, 0)).toBe(true);
      await s.purge({ articlesBefore: 0, digestsBefore: 0, ledgerBefore: 0, editionsBefore: '2000-01-01', updatesBefore: 5_000 });
      // Still a's: another owner is refused, and a renews it. (That the expired one is gone is checked per store, on its table.)
      expect(await s.holdLease('telegram-poller', 'b', 1_000, 6_000)).toBe(false);
      expect(await s.holdLease('telegram-poller', 'a', 1_000, 6_000)).toBe(true);
    }));

    it('of two owners taking a free lease at the same moment, exactly one gets it', withStore(async (s) => {
      for (let round = 0; round < 20; round++) {
        const name = `lease-${round}`;
        const got = await Promise.all([s.holdLease(name, 'a', 10_000, 1_000), s.holdLease(name, 'b', 10_000, 1_000)]);
        expect(got.filter(Boolean), `round ${round}`).toHaveLength(1);
      }
    }));

    it('claims an incoming update once', withStore(async (s) => {
      expect(await s.claimUpdate('telegram', '1001', 1)).toBe(true);
      expect(await s.claimUpdate('telegram', '1001', 2)).toBe(false);
      expect(await s.claimUpdate('telegram', '1002', 2)).toBe(true);
      expect(await s.claimUpdate('other', '1001', 2)).toBe(true);
    }));

    it('answers a write probe', withStore(async (s) => {
      await expect(s.probeWrite('instance-a', 123)).resolves.toBeUndefined();
      await expect(s.probeWrite('instance-a', 456)).resolves.toBeUndefined();
    }));

    it('lets the composing owner renew its edition claim past the first lease (LLM mode composes for minutes)', withStore(async (s) => {
      const key = { briefingId: 'morning', date: '2026-11-30', slot: '07:00' };
      expect((await s.claimEdition(key, 'a', 1000, 0)).state).toBe('claimed');
      expect((await s.claimEdition(key, 'a', 1000, 900)).state).toBe('claimed');
      // Past the first lease (1000) but within the renewed one (1900): still a's.
      expect((await s.claimEdition(key, 'b', 1000, 1500)).state).toBe('busy');
      expect((await s.claimEdition(key, 'b', 1000, 1901)).state).toBe('claimed');
    }));

    it('caches written stories per (story hash, model, prompt version), first one wins, forgotten with the digests', withStore(async (s) => {
      const story = { headline: 'بنك المغرب يرفع سعر الفائدة', bullets: [{ text: 'رفع البنك سعر الفائدة إلى 3 في المئة', sources: [1, 2] }] };
      const key = { storyHash: 'h1', model: 'qwen2.5:7b', promptVersion: 'story-v1' };
      expect(await s.getCachedStory(key)).toBeUndefined();
      await s.putCachedStory(key, story, 1_000);
      await s.putCachedStory(key, { headline: 'آخر', bullets: [] }, 2_000);
      expect(await s.getCachedStory(key)).toEqual(story);
      expect(await s.getCachedStory({ ...key, model: 'gpt-4o-mini' })).toBeUndefined();
      expect(await s.getCachedStory({ ...key, promptVersion: 'story-v2' })).toBeUndefined();
      expect(await s.getCachedStory({ ...key, storyHash: 'h2' })).toBeUndefined();
      await s.putCachedStory({ ...key, storyHash: 'h2' }, story, 50_000);
      const counts = await s.purge({ articlesBefore: 0, digestsBefore: 10_000, ledgerBefore: 0, editionsBefore: '2000-01-01' });
      expect(counts.digests).toBe(1);
      expect(await s.getCachedStory(key)).toBeUndefined();
      expect(await s.getCachedStory({ ...key, storyHash: 'h2' })).toEqual(story);
    }));

    it('caches digests per composer version', withStore(async (s) => {
      const digest = { headline: 'عنوان', bullets: [], keyFigures: [], source: { name: 'x' }, articleId: 'a', topics: [], importance: 1, warnings: [] };
      await s.putCachedDigest('a', 'v1', { id: 'a', source: { name: 'x' }, sections: [] }, digest, 1);
      expect(await s.getCachedDigest('a', 'v1')).toEqual(digest);
      expect(await s.getCachedDigest('a', 'v2')).toBeUndefined();
    }));

    it('reads and writes cached digests in batches, past the chunk sizes, keeping what was cached', withStore(async (s) => {
      const digest = (id: string, headline = `عنوان ${id}`) => ({ headline, bullets: [], keyFigures: [], source: { name: 'x' }, articleId: id, topics: [], importance: 1, warnings: [] });
      const article = (id: string) => ({ id, source: { name: 'x' }, sections: [{ paragraphs: [`فقرة ${id}`] }] });
      await s.putCachedDigest('a-0', 'v1', article('a-0'), digest('a-0', 'الأول'), 1);
      const ids = Array.from({ length: 1203 }, (_, i) => `a-${i}`);
      await s.putCachedDigests(ids.map((id) => ({ article: article(id), digest: digest(id) })), 'v1', 2);
      const got = await s.getCachedDigests([...ids, 'missing'], 'v1');
      expect(got.size).toBe(1203);
      expect(got.get('a-1202')).toEqual(digest('a-1202'));
      // An entry already cached is kept as it was.
      expect(got.get('a-0')!.headline).toBe('الأول');
      expect(got.has('missing')).toBe(false);
      expect((await s.getCachedDigests(ids, 'v2')).size).toBe(0);
      expect((await s.getCachedDigests([], 'v1')).size).toBe(0);
      await expect(s.putCachedDigests([], 'v1', 3)).resolves.toBeUndefined();
      expect(await s.getCachedDigest('a-7', 'v1')).toEqual(digest('a-7'));
    }));

    it('keeps polled articles with their first arrival, reads a window of sources, and forgets old ones', withStore(async (s) => {
      const art = (id: string, title: string) => ({ id, title, source: { name: 'الجزيرة', url: id }, sections: [{ paragraphs: [`${title}، بحسب ما أعلنت الجهات الرسمية صباح اليوم.`] }], topics: [] });
      const feed = 'https://example.com/rss';
      expect(await s.putArrivals(feed, [art('https://example.com/1', 'ارتفاع أسعار النفط'), art('https://example.com/2', 'افتتاح معرض الكتاب')], 1_000)).toBe(2);
      // The next poll sees one of them again and one new: the old one keeps its first arrival.
      expect(await s.putArrivals(feed, [art('https://example.com/2', 'افتتاح معرض الكتاب (محدث)'), art('https://example.com/3', 'أمطار غزيرة على العاصمة')], 2_000)).toBe(1);
      expect(await s.putArrivals(feed, [], 2_500)).toBe(0);
      // Another feed carries the same article: kept for each source.
      expect(await s.putArrivals('https://other.example/feed', [art('https://example.com/3', 'أمطار غزيرة على العاصمة')], 3_000)).toBe(1);
      const all = await s.listArrivals([feed], 0, 10_000);
      expect(all.map((a) => [a.article.id, a.arrivedAt])).toEqual([['https://example.com/1', 1_000], ['https://example.com/2', 1_000], ['https://example.com/3', 2_000]]);
      expect(all[1]!.article.title).toBe('افتتاح معرض الكتاب');
      expect(all[0]).toMatchObject({ sourceKey: feed, article: { source: { name: 'الجزيرة' }, sections: [{ paragraphs: ['ارتفاع أسعار النفط، بحسب ما أعلنت الجهات الرسمية صباح اليوم.'] }] } });
      // [from, to): the first poll's articles only, then the later ones of both sources.
      expect((await s.listArrivals([feed], 1_000, 2_000)).map((a) => a.article.id)).toEqual(['https://example.com/1', 'https://example.com/2']);
      expect((await s.listArrivals([feed, 'https://other.example/feed'], 2_000, 3_001)).map((a) => [a.sourceKey, a.arrivedAt])).toEqual([[feed, 2_000], ['https://other.example/feed', 3_000]]);
      expect(await s.listArrivals([], 0, 10_000)).toEqual([]);
      expect(await s.listArrivals(['https://none.example/rss'], 0, 10_000)).toEqual([]);
      const purged = await s.purge({ articlesBefore: 0, digestsBefore: 0, ledgerBefore: 0, editionsBefore: '2000-01-01', arrivalsBefore: 2_000 });
      expect(purged.arrivals).toBe(2);
      expect((await s.listArrivals([feed, 'https://other.example/feed'], 0, 10_000)).map((a) => a.arrivedAt)).toEqual([2_000, 3_000]);
      // Without its own cutoff, arrivals go with the articles' texts.
      expect((await s.purge({ articlesBefore: 2_500, digestsBefore: 0, ledgerBefore: 0, editionsBefore: '2000-01-01' })).arrivals).toBe(1);
    }));

    it('keeps feed health', withStore(async (s) => {
      await s.putFeedHealth({ url: 'https://example.com/rss', consecutiveFailures: 2, lastError: 'HTTP 500', nextTryAt: 1000, paused: false });
      await s.putFeedHealth({ url: 'https://example.com/rss', consecutiveFailures: 0, lastSuccessAt: 2000, nextTryAt: 3000, paused: false, etag: '"v2"', lastModified: 'Sun, 29 Nov 2026 05:00:00 GMT', movedTo: 'https://example.org/rss' });
      expect(await s.getFeedHealth('https://example.com/rss')).toEqual({
        url: 'https://example.com/rss', consecutiveFailures: 0, lastSuccessAt: 2000, nextTryAt: 3000, paused: false,
        etag: '"v2"', lastModified: 'Sun, 29 Nov 2026 05:00:00 GMT', movedTo: 'https://example.org/rss',
      });
      expect(await s.listFeedHealth()).toHaveLength(1);
    }));

    it('answers ping', withStore(async (s) => {
      await expect(s.ping()).resolves.toBeUndefined();
    }));
  });
}
