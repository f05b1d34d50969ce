/** Feeds read all day: each feed polled on its own interval, its articles kept as they arrive, one instance per feed at a time. */
import { createServer } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createFeedPoller, feedLeaseName, type PolledFeed } from '../../src/schedule/index.js';
import { createFeedSource, pollSource } from '../../src/sources/index.js';
import { createPostgresStore, createSqliteStore } from '../../src/store/index.js';
import { PG_URL, canReachPostgres, dropSchemas, freshSchema } from '../pg.js';
import { nightStory, serveOvernightFeed, type OvernightFeed } from '../support/overnight-feed.js';
import { manualClock } from '../support/manual-clock.js';

const MIN = 60_000;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

function polledFeed(feed: OvernightFeed, store: Store, clock: { now(): Date }, intervalMs = 15 * MIN): PolledFeed {
  const source = createFeedSource({ url: feed.url, name: 'أخبار الليل', health: store, now: () => clock.now(), fetch: { allowHosts: ['127.0.0.1'] } });
  return { key: source.arrivalKey, name: source.name, intervalMs, poll: () => pollSource(source, store, () => clock.now()) };
}

describe('feed poller', () => {
  it('keeps all 60 items published overnight although the feed carries only its last 20', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed(20);
    open.push(store, feed);
    const clock = manualClock('2026-12-01T20:00:00Z'); // 23:00 in Riyadh
    const poller = createFeedPoller({ store, feeds: [polledFeed(feed, store, clock)], owner: 'a', clock, log: SILENT_LOGGER });
    // Three items every 15 minutes for five hours: 60 in all, the feed never shows more than 20.
    for (let round = 0; round < 20; round++) {
      for (let i = 0; i < 3; i++) feed.publish(nightStory(round * 3 + i, clock.now()));
      const r = await poller.pollDue();
      expect(r.polled[feed.url], `round ${round}`).toBe(3);
      clock.advance(15 * MIN);
    }
    const kept = await store.listArrivals([feed.url], 0, clock.now().getTime());
    expect(kept).toHaveLength(60);
    expect(new Set(kept.map((a) => a.article.id)).size).toBe(60);
    expect(kept[0]!.article.title).toBe('افتتاح مستشفى جديد للأطفال في الرياض');
    // Each article keeps the time of the poll that first saw it.
    expect(kept[0]!.arrivedAt).toBe(Date.parse('2026-12-01T20:00:00Z'));
    expect(kept[59]!.arrivedAt).toBe(Date.parse('2026-12-02T00:45:00Z'));
    // Without polls in between, a reader at the end of the night sees only the last 20.
    expect((await createFeedSource({ url: feed.url, name: 'x', health: createSqliteStore({ path: ':memory:' }), fetch: { allowHosts: ['127.0.0.1'] } }).fetchArticles()).articles).toHaveLength(20);
  });

  it('polls each feed on its own interval, with conditional GET when nothing changed', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const [fast, slow] = [await serveOvernightFeed(), await serveOvernightFeed()];
    open.push(store, fast, slow);
    fast.publish(nightStory(0, new Date('2026-12-01T20:00:00Z')));
    slow.publish(nightStory(1, new Date('2026-12-01T20:00:00Z')));
    const clock = manualClock('2026-12-01T20:00:00Z');
    const poller = createFeedPoller({ store, feeds: [polledFeed(fast, store, clock, 15 * MIN), polledFeed(slow, store, clock, 60 * MIN)], owner: 'a', clock, log: SILENT_LOGGER }, { standbyMs: MIN });
    for (let minute = 0; minute < 120; minute += 5) {
      await poller.pollDue();
      clock.advance(5 * MIN);
    }
    // Two hours: the 15-minute feed 8 times, the hourly one twice; unchanged feeds answer 304.
    expect(fast.requests()).toBe(8);
    expect(slow.requests()).toBe(2);
    expect(fast.notModified()).toBe(7);
    expect(poller.holding()).toEqual([fast.url, slow.url].sort());
  });

  it('a failing feed is recorded in its health and polled again at its interval, not in a tight loop', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    open.push(store);
    const clock = manualClock('2026-12-01T20:00:00Z');
    const url = 'http://127.0.0.1:1/feed.xml'; // nothing listens there
    const source = createFeedSource({ url, name: 'معطل', health: store, now: () => clock.now(), fetch: { allowHosts: ['127.0.0.1'] } });
    let polls = 0;
    const poller = createFeedPoller({ store, feeds: [{ key: url, name: 'معطل', intervalMs: 15 * MIN, poll: () => (polls++, pollSource(source, store, () => clock.now())) }], owner: 'a', clock, log: SILENT_LOGGER });
    const first = await poller.pollDue();
    expect(first.failed[url]).toMatch(/could not be reached/);
    expect(await poller.pollDue()).toEqual({ polled: {}, elsewhere: [], failed: {} });
    expect(polls).toBe(1);
    expect(await store.getFeedHealth(url)).toMatchObject({ consecutiveFailures: 1 });
  });
});

describe('feed poller logs', () => {
  it('says a feed moved for good as such, not as an item left out', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed(20);
    const moved = createServer((_req, res) => void res.writeHead(301, { location: feed.url }).end());
    await new Promise<void>((r) => moved.listen(0, '127.0.0.1', () => r()));
    open.push(store, feed, { close: () => new Promise<void>((r) => moved.close(() => r())) });
    const clock = manualClock('2026-12-01T20:00:00Z');
    feed.publish(nightStory(0, clock.now()), nightStory(1, clock.now()));
    const url = `http://127.0.0.1:${(moved.address() as { port: number }).port}/old.xml`;
    const source = createFeedSource({ url, name: 'أخبار', health: store, now: () => clock.now(), fetch: { allowHosts: ['127.0.0.1'] } });
    const warnings: string[] = [];
    const log = { ...SILENT_LOGGER, warn: (_obj: object, msg?: string) => void warnings.push(msg ?? '') };
    const poller = createFeedPoller({ store, feeds: [{ key: url, name: 'أخبار', intervalMs: 15 * MIN, poll: () => pollSource(source, store, () => clock.now()) }], owner: 'a', clock, log });
    await poller.pollDue();
    expect(warnings).toEqual(['the feed moved permanently: update its URL in the briefing']);
  });
});

describe('feed poller with two instances', () => {
  it('one instance polls a given feed at a time; the other takes it over when the first stops', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const feed = await serveOvernightFeed();
    open.push(store, feed);
    const clock = manualClock('2026-12-01T20:00:00Z');
    // Two instances, each with its own feed source object (its own process), one shared store.
    const a = createFeedPoller({ store, feeds: [polledFeed(feed, store, clock)], owner: 'a', clock, log: SILENT_LOGGER }, { standbyMs: MIN });
    const b = createFeedPoller({ store, feeds: [polledFeed(feed, store, clock)], owner: 'b', clock, log: SILENT_LOGGER }, { standbyMs: MIN });
    feed.publish(nightStory(0, clock.now()));

    // a's request is held at the server while b looks: b finds the lease taken and leaves the feed alone.
    const gate = feed.hold();
    const roundA = a.pollDue();
    await gate.arrived;
    const roundB = await b.pollDue();
    expect(roundB.elsewhere).toEqual([feed.url]);
    gate.release();
    expect((await roundA).polled).toEqual({ [feed.url]: 1 });

    // A night of 15-minute rounds in which both instances look every minute: one request per interval.
    for (let minute = 1; minute <= 120; minute++) {
      clock.advance(MIN);
      if (minute % 15 === 0) feed.publish(nightStory(minute / 15, clock.now()));
      const [ra, rb] = await Promise.all([a.pollDue(), b.pollDue()]);
      expect(Object.keys(ra.polled).length + Object.keys(rb.polled).length, `minute ${minute}`).toBeLessThanOrEqual(1);
    }
    expect(feed.requests()).toBe(1 + 8);
    expect(feed.maxConcurrent()).toBe(1);
    expect(a.holding()).toEqual([feed.url]);
    expect(b.holding()).toEqual([]);
    expect((await store.listArrivals([feed.url], 0, clock.now().getTime() + 1)).length).toBe(9);

    // a stops (or dies): its lease expires after the interval and b takes the feed over.
    await a.stop();
    let takenAt: number | undefined;
    for (let minute = 1; minute <= 30 && takenAt === undefined; minute++) {
      clock.advance(MIN);
      if (Object.keys((await b.pollDue()).polled).length > 0) takenAt = minute;
    }
    expect(takenAt).toBeDefined();
    expect(takenAt!).toBeLessThanOrEqual(16);
    expect(b.holding()).toEqual([feed.url]);
    expect(await store.holdLease(feedLeaseName(feed.url), 'a', 15 * MIN, clock.now().getTime())).toBe(false);
  });
});

describe.skipIf(!(await canReachPostgres()))('feed poller with two instances on PostgreSQL', () => {
  afterAll(dropSchemas);

  it('each of three feeds is polled by one instance at a time, once per interval, and both instances read every arrival', async () => {
    const schema = freshSchema();
    // Two instances: each its own connection pool to one database, its own feed sources.
    const [storeA, storeB] = [await createPostgresStore({ url: PG_URL, schema }), await createPostgresStore({ url: PG_URL, schema })];
    const feeds = [await serveOvernightFeed(), await serveOvernightFeed(), await serveOvernightFeed()];
    open.push(storeA, storeB, ...feeds);
    const clock = manualClock('2026-12-01T20:00:00Z');
    const a = createFeedPoller({ store: storeA, feeds: feeds.map((f) => polledFeed(f, storeA, clock)), owner: 'a', clock, log: SILENT_LOGGER }, { standbyMs: MIN });
    const b = createFeedPoller({ store: storeB, feeds: feeds.map((f) => polledFeed(f, storeB, clock)), owner: 'b', clock, log: SILENT_LOGGER }, { standbyMs: MIN });
    let story = 0;
    for (let minute = 0; minute < 120; minute++) {
      if (minute % 15 === 0) for (const f of feeds) f.publish(nightStory(story++ % 60, clock.now()));
      const [ra, rb] = await Promise.all([a.pollDue(), b.pollDue()]);
      for (const f of feeds) expect(Number(f.url in ra.polled) + Number(f.url in rb.polled), `minute ${minute}`).toBeLessThanOrEqual(1);
      clock.advance(MIN);
    }
    for (const f of feeds) {
      expect(f.requests()).toBe(8);
      expect(f.maxConcurrent()).toBe(1);
    }
    // Each feed is held by exactly one of them.
    expect([...a.holding(), ...b.holding()].sort()).toEqual(feeds.map((f) => f.url).sort());
    const keys = feeds.map((f) => f.url);
    expect(await storeA.listArrivals(keys, 0, clock.now().getTime())).toHaveLength(24);
    expect(await storeB.listArrivals(keys, 0, clock.now().getTime())).toHaveLength(24);
  });
});
