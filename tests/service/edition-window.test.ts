/**
 * Feeds read all day, end to end over HTTP on 127.0.0.1: a feed that keeps its last 20 items
 * publishes 60 overnight; the poller keeps them as they arrive; the morning edition covers all 60.
 * The next edition starts where this one ended.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import type { BriefingDefinition } from '../../src/core/types.js';
import { createFeedPoller } from '../../src/schedule/index.js';
import { createBriefingService } from '../../src/service/index.js';
import { WINDOW_OVERLAP_MS, windowAfter } from '../../src/service/edition-window.js';
import { createFeedSource, pollSource } from '../../src/sources/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning } from '../support/fixtures.js';
import { nightStory, serveOvernightFeed, type OvernightFeed } from '../support/overnight-feed.js';
import { manualClock } from '../support/manual-clock.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

/** One instance: a feed source, its poller and the service, reading what arrived (or, with `live`, the feed as it is). */
function instance(feed: OvernightFeed, store: Store, clock: { now(): Date }, options: { live?: boolean } = {}) {
  const source = createFeedSource({ url: feed.url, name: 'أخبار الليل', health: store, now: () => clock.now(), fetch: { allowHosts: ['127.0.0.1'] } });
  const def: BriefingDefinition = morning({ sources: [{ kind: 'feed', url: feed.url, name: 'أخبار الليل', language: 'ar', topics: [] }], maxItems: 50, maxChars: 20_000, bulletsPerItem: 1 });
  const poller = createFeedPoller({ store, feeds: [{ key: source.arrivalKey, name: source.name, intervalMs: 15 * MIN, poll: () => pollSource(source, store, () => clock.now()) }], owner: 'a', clock, log: SILENT_LOGGER });
  const service = createBriefingService({ store, sourcesFor: () => [source], clock, log: SILENT_LOGGER, ...(options.live ? {} : { arrivals: { maxWindowMs: 36 * HOUR } }) });
  return { def, poller, service };
}

/** The night: from 23:00 to 04:00 in Riyadh, three items every 15 minutes (60), each poll right after. */
async function night(feed: OvernightFeed, clock: { now(): Date; advance(ms: number): void }, poll: () => Promise<unknown>, first = 0): Promise<void> {
  for (let round = 0; round < 20; round++) {
    for (let i = 0; i < 3; i++) feed.publish(nightStory(first + round * 3 + i, clock.now()));
    await poll();
    clock.advance(15 * MIN);
  }
}

describe('edition window', () => {
  it('the morning edition covers all 60 items published overnight, not only the 20 the feed still carries', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed(20);
    open.push(store, feed);
    const clock = manualClock('2026-12-01T20:00:00Z'); // 23:00 in Riyadh
    const { def, poller, service } = instance(feed, store, clock);
    await night(feed, clock, () => poller.pollDue());
    clock.advance(3 * HOUR); // 07:00 in Riyadh
    const edition = await service.getOrComposeEdition(def, '2026-12-02', '07:00');
    expect(edition.briefing.coverage).toEqual({ from: Date.parse('2026-12-02T04:00:00Z') - 36 * HOUR, to: Date.parse('2026-12-02T04:00:00Z'), articles: 60 });
    // Every one of the 60 articles is told by an item of the edition (as a lead or another outlet's link).
    const told = new Set(edition.briefing.groups.flatMap((g) => g.items.flatMap((i) => i.sources.map((s) => s.url))));
    for (let n = 0; n < 60; n++) expect(told, `item ${n + 1}`).toContain(`${new URL(feed.url).origin}/ar/news/${n + 1}`);

    // The same morning read the old way (the feed as it is at 07:00): the night's first 40 are gone.
    const live = instance(feed, createSqliteStore({ path: ':memory:' }), clock, { live: true });
    const before = await live.service.getOrComposeEdition(live.def, '2026-12-02', '07:00');
    const toldLive = new Set(before.briefing.groups.flatMap((g) => g.items.flatMap((i) => i.sources.map((s) => s.url))));
    expect(toldLive.size).toBe(20);
    expect(before.briefing.coverage).toBeUndefined();
  });

  it('a /briefing asked for before the slot is a preview: the slot\'s edition still covers what arrives after it', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed(20);
    open.push(store, feed);
    const clock = manualClock('2026-12-01T20:00:00Z'); // 23:00 in Riyadh
    const { def, poller, service } = instance(feed, store, clock);
    // The night's 60 items, then at 04:00 someone asks (or the app restarts and shows the briefing).
    await night(feed, clock, () => poller.pollDue());
    const early = await service.briefNow(def);
    const toldEarly = early.groups.flatMap((g) => g.items.flatMap((i) => i.sources.map((s) => s.url)));
    expect(toldEarly.length).toBe(60);
    expect(await store.getEdition(def.id, '2026-12-02', '07:00')).toBeUndefined();
    // More news before 07:00; the slot's edition holds it.
    for (let i = 0; i < 3; i++) feed.publish(nightStory(60 + i, clock.now()));
    await poller.pollDue();
    clock.advance(3 * HOUR); // 07:00 in Riyadh
    const edition = await service.getOrComposeEdition(def, '2026-12-02', '07:00');
    expect(edition.briefing.coverage?.articles).toBe(63);
    // At and after the slot, /briefing answers with the stored edition.
    const headlines = (b: { groups: { items: { digest: { headline: string } }[] }[] }) => b.groups.flatMap((g) => g.items.map((i) => i.digest.headline));
    expect(headlines(await service.briefNow(def))).toEqual(headlines(edition.briefing));
  });

  it('an old article that arrives again (its arrival forgotten by the clean-up, the feed still carrying it) is not news', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed(20);
    open.push(store, feed);
    const clock = manualClock('2026-12-02T00:00:00Z');
    const { def, poller, service } = instance(feed, store, clock);
    feed.publish(nightStory(0, new Date(Date.parse('2026-11-24T00:00:00Z')))); // eight days old
    feed.publish(nightStory(1, clock.now()));
    await poller.pollDue();
    clock.advance(HOUR); // 07:00 in Riyadh
    const edition = await service.getOrComposeEdition(def, '2026-12-02', '07:00');
    const told = new Set(edition.briefing.groups.flatMap((g) => g.items.flatMap((i) => i.sources.map((s) => s.url))));
    expect(told).toContain(`${new URL(feed.url).origin}/ar/news/2`);
    expect(told).not.toContain(`${new URL(feed.url).origin}/ar/news/1`);
  });

  it('the next edition covers what arrived since the previous one ended, and nothing before', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed(20);
    open.push(store, feed);
    const clock = manualClock('2026-12-01T20:00:00Z');
    const { def, poller, service } = instance(feed, store, clock);
    await night(feed, clock, () => poller.pollDue());
    clock.advance(3 * HOUR);
    const first = await service.getOrComposeEdition(def, '2026-12-02', '07:00');
    // A poll (another instance's) that took its time a second before the edition read the store, and wrote after it.
    const late = nightStory(59, clock.now());
    await store.putArrivals(feed.url, [{ id: 'https://late.example/1', title: late.title, source: { name: 'متأخر', url: 'https://late.example/1' }, sections: [{ paragraphs: late.paragraphs }] }], first.briefing.coverage!.to - 1_000);
    // Five more items during the day (the feed still shows 15 of the night's), polled as they come.
    for (let n = 0; n < 5; n++) {
      clock.advance(3 * HOUR);
      feed.publish(nightStory(60 + n, clock.now()));
      await poller.pollDue();
    }
    clock.advance(24 * HOUR - 15 * HOUR);
    const second = await service.getOrComposeEdition(def, '2026-12-03', '07:00');
    // From where the first ended (less a minute's overlap for a poll that wrote while it read).
    expect(second.briefing.coverage).toEqual({ from: first.briefing.coverage!.to - WINDOW_OVERLAP_MS, to: clock.now().getTime(), articles: 6 });
    expect(second.briefing.groups.flatMap((g) => g.items.flatMap((i) => i.sources.map((x) => x.url)))).toContain('https://late.example/1');
  });

  it('reaches back at most the maximum window, and no further than the previous edition', () => {
    const now = Date.parse('2026-12-02T04:00:00Z');
    expect(windowAfter(undefined, now, 36 * HOUR)).toEqual({ from: now - 36 * HOUR, to: now });
    // Three days without an edition: the window stops at its maximum.
    expect(windowAfter({ createdAt: now - 72 * HOUR, briefing: { briefingId: 'm', title: 'م', date: 'x', groups: [], warnings: [] } }, now, 36 * HOUR).from).toBe(now - 36 * HOUR);
    // An edition stored before windows were recorded: from its composing time.
    expect(windowAfter({ createdAt: now - 24 * HOUR, briefing: { briefingId: 'm', title: 'م', date: 'x', groups: [], warnings: [] } }, now, 36 * HOUR).from).toBe(now - 24 * HOUR - WINDOW_OVERLAP_MS);
    expect(windowAfter({ createdAt: now - 24 * HOUR, briefing: { briefingId: 'm', title: 'م', date: 'x', groups: [], warnings: [], coverage: { from: 0, to: now - 23 * HOUR, articles: 1 } } }, now, 36 * HOUR).from).toBe(now - 23 * HOUR - WINDOW_OVERLAP_MS);
  });
});
