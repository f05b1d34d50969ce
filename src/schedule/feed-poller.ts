/**
 * Feeds read all day: each feed is polled in the background on its own interval, so that its
 * articles are kept as they arrive (sources/feed-poller.ts) and an edition covers what arrived
 * since the previous one, not only what the feed still carries at composing time.
 *
 * With several instances, one polls a given feed at a time: before a poll, an instance takes the
 * feed's lease (`feed-poll:<url>`) until the next poll is due (the interval), renews it while a
 * long poll runs, and holds it until the interval after the poll ended. Another instance that
 * finds the lease held leaves the feed alone and looks again later (`standbyMs`); when the holder
 * stops or dies, its lease expires and another takes the feed over. A feed is thus polled about
 * once per interval by the whole group, never by two instances at once.
 */
import { sourceNoteMessage } from '../core/errors.js';
import type { Clock, Logger, Store } from '../core/ports.js';

/** A feed to poll: its key (the feed's URL), its interval and the poll itself. */
export interface PolledFeed {
  key: string;
  /** For logs. */
  name: string;
  intervalMs: number;
  /** Reads the feed and keeps its new articles; throws when the feed failed (its health records why). */
  poll(): Promise<{ seen: number; added: number; errors: Error[] }>;
}

/** What the poller needs. */
export interface FeedPollerDeps {
  store: Pick<Store, 'holdLease'>;
  feeds: readonly PolledFeed[];
  /** This instance's name in the leases. */
  owner: string;
  clock: Clock;
  log: Logger;
}

/** Timings of the poller. */
export interface FeedPollerOptions {
  /** How often due feeds are looked for (default 30 s). */
  tickMs: number;
  /** A feed another instance polls is looked at again after this long (default 60 s, or its interval when shorter). */
  standbyMs: number;
  /** Most feeds polled at once by this instance (default 4). */
  concurrency: number;
}

/** Defaults for {@link FeedPollerOptions}. */
export const DEFAULT_FEED_POLLER_OPTIONS: Readonly<FeedPollerOptions> = { tickMs: 30_000, standbyMs: 60_000, concurrency: 4 };

/** What one round did, by feed key. */
export interface PollRound {
  /** Polled by this instance, with the number of new articles. */
  polled: Record<string, number>;
  /** Due, but another instance holds the feed's lease. */
  elsewhere: string[];
  /** Polled, and the feed failed (or is backing off, or paused). */
  failed: Record<string, string>;
}

/** A running poller. */
export interface FeedPoller {
  /** Polls what is due now (and waits for it), then looks every `tickMs`. */
  start(): Promise<void>;
  /** Stops looking and waits for the polls in progress. Leases are left to expire: the feed's interval is kept. */
  stop(): Promise<void>;
  /** Polls the feeds that are due now (the timer calls this; tests call it with a fixed clock). */
  pollDue(): Promise<PollRound>;
  /** Names of the feeds this instance polls (holds the lease of), for the health endpoints. */
  holding(): string[];
}

/** The lease of a feed's polls. */
export function feedLeaseName(key: string): string {
  return `feed-poll:${key}`;
}

/** Creates the poller of an instance. */
export function createFeedPoller(deps: FeedPollerDeps, options: Partial<FeedPollerOptions> = {}): FeedPoller {
  const opts = { ...DEFAULT_FEED_POLLER_OPTIONS, ...options };
  const { store, owner, clock, log } = deps;
  // The same URL named twice is one feed, polled at the shortest interval asked.
  const feeds = new Map<string, PolledFeed>();
  for (const f of deps.feeds) {
    const known = feeds.get(f.key);
    if (!known || f.intervalMs < known.intervalMs) feeds.set(f.key, f);
  }
  const nextAt = new Map<string, number>();
  const held = new Set<string>();
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let inRound = false;
  let stopped = false;

  const now = (): number => clock.now().getTime();

  async function hold(feed: PolledFeed, ttlMs: number): Promise<boolean> {
    const got = await store.holdLease(feedLeaseName(feed.key), owner, ttlMs, now());
    if (got) held.add(feed.key);
    else held.delete(feed.key);
    return got;
  }

  /** One feed, if due: take its lease, poll it, hold the lease for an interval from the poll's end. */
  async function visit(feed: PolledFeed, round: PollRound): Promise<void> {
    const t = now();
    if ((nextAt.get(feed.key) ?? 0) > t || inFlight.has(feed.key) || stopped) return;
    let got: boolean;
    try {
      got = await hold(feed, feed.intervalMs);
    } catch (err) {
      log.warn({ feed: feed.name, err: (err as Error).message }, 'could not take the lease of a feed; tried again later');
      nextAt.set(feed.key, t + Math.min(opts.standbyMs, feed.intervalMs));
      return;
    }
    if (!got) {
      round.elsewhere.push(feed.key);
      nextAt.set(feed.key, t + Math.min(opts.standbyMs, feed.intervalMs));
      return;
    }
    inFlight.add(feed.key);
    // A poll longer than half the interval (pages of teaser items) keeps its lease alive.
    const keep = setInterval(() => void hold(feed, feed.intervalMs).catch(() => undefined), Math.max(1_000, feed.intervalMs / 2));
    keep.unref?.();
    try {
      const r = await feed.poll();
      round.polled[feed.key] = r.added;
      for (const err of r.errors) log.warn({ feed: feed.name, err: err.message }, sourceNoteMessage(err, true));
      log.debug({ feed: feed.name, seen: r.seen, added: r.added }, 'feed polled');
    } catch (err) {
      // The feed's health holds the failure and its backoff; the next poll is at the interval.
      round.failed[feed.key] = (err as Error).message;
      log.warn({ feed: feed.name, err: (err as Error).message }, 'feed poll failed');
    } finally {
      clearInterval(keep);
      inFlight.delete(feed.key);
    }
    const end = now();
    nextAt.set(feed.key, end + feed.intervalMs);
    // The next poll, by any instance, is an interval after this one ended.
    await hold(feed, feed.intervalMs).catch((err: Error) => log.warn({ feed: feed.name, err: err.message }, 'could not renew the lease of a feed; it expires by itself'));
  }

  async function pollDue(): Promise<PollRound> {
    const round: PollRound = { polled: {}, elsewhere: [], failed: {} };
    const queue = [...feeds.values()];
    const workers = Array.from({ length: Math.min(opts.concurrency, queue.length) }, async () => {
      for (let feed = queue.shift(); feed; feed = queue.shift()) await visit(feed, round);
    });
    const p = Promise.all(workers);
    running = p.catch(() => undefined);
    inRound = true;
    try {
      await p;
    } finally {
      inRound = false;
    }
    return round;
  }

  return {
    pollDue,
    holding: () => [...held].sort(),
    async start() {
      stopped = false;
      await pollDue();
      if (stopped) return;
      timer = setInterval(() => {
        // A round still running (a slow feed) is not doubled; the next tick looks again.
        if (!inRound) void pollDue().catch((err: Error) => log.error({ err: err.message }, 'feed polling round failed'));
      }, opts.tickMs);
      timer.unref?.();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}
