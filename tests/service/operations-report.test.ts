import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingDefinition } from '../../src/core/types.js';
import { createOperationsReport, toDeliveryCounts } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';

const def: BriefingDefinition = {
  id: 'morning',
  title: 'موجز الصباح',
  deliveryTime: '07:00',
  timeZone: 'Asia/Riyadh',
  sources: [
    { kind: 'feed', url: 'https://example.com/ar/rss.xml', name: 'مثال', language: 'ar', topics: [] },
    { kind: 'feed', url: 'https://example.org/feed', name: 'جديد', language: 'ar', topics: [] },
    { kind: 'folder', url: 'briefings/samples', name: 'عينات', language: 'ar', topics: [] },
  ],
  topics: [],
  maxItems: 10,
  maxChars: 3500,
  bulletsPerItem: 2,
};
const briefing = (date: string): Briefing => ({ briefingId: 'morning', title: 'موجز الصباح', date, groups: [], warnings: [] });
const slot = { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' };

describe('createOperationsReport', () => {
  it('gives per briefing the last editions with their counts, deliveries per day, subscriptions and feed health', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    for (const d of ['1', '2', '3', '4']) await store.upsertSubscription({ platform: 'telegram', destination: d, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    const paused = await store.upsertSubscription({ platform: 'slack', destination: 'C1', briefingId: 'morning', deliveryTime: '08:00', timeZone: 'Asia/Riyadh' }, 1);
    await store.setSubscriptionStatus(paused.id, 'paused', 'channel_not_found', 2);
    const old = await store.saveEdition({ briefingId: 'morning', date: '2026-11-01', slot: '07:00', briefing: briefing('2026-11-01') }, 1);
    const yesterday = await store.saveEdition({ briefingId: 'morning', date: '2026-11-28', slot: '07:00', briefing: briefing('2026-11-28') }, 2);
    const today = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('2026-11-29') }, 3);
    await store.enqueueDeliveries(old.id, slot, 'skipped', 5);
    await store.enqueueDeliveries(yesterday.id, slot, 'pending', 5);
    const claimed = await store.claimDeliveries('x', 4, 5);
    await store.completeDelivery(claimed[0]!.delivery.id, { status: 'sent', messageIds: ['1'] }, 6);
    await store.completeDelivery(claimed[1]!.delivery.id, { status: 'sent', messageIds: ['2'] }, 6);
    await store.completeDelivery(claimed[2]!.delivery.id, { status: 'failed', error: 'chat not found' }, 6);
    await store.markSending(claimed[3]!.delivery.id, 6, claimed[3]!.delivery.attempts);
    await store.recoverInFlight(100, 100);
    await store.enqueueDeliveries(today.id, slot, 'pending', 7);
    await store.putFeedHealth({ url: 'https://example.com/ar/rss.xml', consecutiveFailures: 3, lastError: 'HTTP 503', lastSuccessAt: 10, nextTryAt: 20, paused: false });
    await store.putFeedHealth({ url: 'https://gone.example/rss', consecutiveFailures: 12, nextTryAt: 0, paused: true });

    // 2026-11-29 09:00 in Riyadh.
    const report = await createOperationsReport({ store, definitions: [def], clock: { now: () => new Date('2026-11-29T06:00:00Z') } }, { days: 3, editions: 2 })();
    const [b] = report.briefings;
    expect(b!.editions).toEqual([
      { date: '2026-11-29', slot: '07:00', createdAt: 3, deliveries: { sent: 0, partial: 0, failed: 0, unknown: 0, skipped: 0, inProgress: 4 } },
      { date: '2026-11-28', slot: '07:00', createdAt: 2, deliveries: { sent: 2, partial: 0, failed: 1, unknown: 1, skipped: 0, inProgress: 0 } },
    ]);
    expect(b!.deliveriesPerDay).toEqual([
      { date: '2026-11-27', sent: 0, partial: 0, failed: 0, unknown: 0, skipped: 0, inProgress: 0 },
      { date: '2026-11-28', sent: 2, partial: 0, failed: 1, unknown: 1, skipped: 0, inProgress: 0 },
      { date: '2026-11-29', sent: 0, partial: 0, failed: 0, unknown: 0, skipped: 0, inProgress: 4 },
    ]);
    expect(b!.subscriptions).toEqual(expect.arrayContaining([
      { platform: 'telegram', status: 'active', count: 4 },
      { platform: 'slack', status: 'paused', reason: 'channel_not_found', count: 1 },
    ]));
    expect(b!.feeds).toEqual([
      { name: 'مثال', url: 'https://example.com/ar/rss.xml', health: { url: 'https://example.com/ar/rss.xml', consecutiveFailures: 3, lastError: 'HTTP 503', lastSuccessAt: 10, nextTryAt: 20, paused: false } },
      { name: 'جديد', url: 'https://example.org/feed' },
    ]);
    expect(report.otherFeeds.map((f) => f.url)).toEqual(['https://gone.example/rss']);
    expect(report.guard).toBeUndefined();
    expect(report.generatedAt).toBe(Date.parse('2026-11-29T06:00:00Z'));
    await store.close();
  });

  it('folds claimed, pending and sending rows into one in-progress figure, and keeps partial sends apart', () => {
    expect(toDeliveryCounts({ pending: 1, claimed: 2, sending: 3, sent: 4, partial: 5 })).toEqual({ sent: 4, partial: 5, failed: 0, unknown: 0, skipped: 0, inProgress: 6 });
  });
});
