import { describe, expect, it } from 'vitest';
import type { Logger, Publisher, Store } from '../../src/core/ports.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import type { Briefing, ChannelRef, SendErrorClass } from '../../src/core/types.js';
import { createDeliveryEngine, createRateLimiter } from '../../src/delivery/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { viewFor } from '../../src/service/index.js';
import { wholeEdition } from '../support/fixtures.js';
import { recordingLog } from '../support/recording-log.js';

const briefing: Briefing = {
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: [{ topic: 'اقتصاد', items: [] }],
};

class FakeError extends Error {
  constructor(readonly cls: SendErrorClass) {
    super(cls.kind);
  }
}

/** A publisher that records sends and fails as scripted per destination. */
function recordingPublisher(script: Record<string, SendErrorClass[]> = {}, hangFor: Set<string> = new Set()): Publisher & { sent: ChannelRef[] } {
  const sent: ChannelRef[] = [];
  return {
    platform: 'telegram',
    sent,
    async send(ref) {
      if (hangFor.has(ref.destination)) await new Promise(() => undefined);
      const next = script[ref.destination]?.shift();
      if (next) throw new FakeError(next);
      sent.push(ref);
      return { messageIds: [`m${sent.length}`] };
    },
    classify: (e) => (e instanceof FakeError ? e.cls : { kind: 'transient', reason: String(e) }),
    rateRules: (ref) => [{ key: 'global', limit: 30, perMs: 1000 }, { key: `chat:${ref.destination}`, limit: 1, perMs: 1000 }],
  };
}

/** The store as the engine sees it, counting the heartbeats the engine writes through it. */
function countingBeats(store: Store): { store: Store; beats: () => number; failBeats: (on: boolean) => void } {
  let beats = 0;
  let failing = false;
  const heartbeat: Store['heartbeat'] = async (...args) => {
    if (failing) throw new Error('connection terminated unexpectedly');
    return store.heartbeat(...args);
  };
  return {
    store: { ...store, heartbeat: async (...args) => heartbeat(...args).finally(() => beats++) },
    beats: () => beats,
    failBeats: (on) => (failing = on),
  };
}

async function setup(destinations: string[], publisher: Publisher, engineOptions = {}, view = wholeEdition, log: Logger = SILENT_LOGGER) {
  let now = 1_000_000;
  const store: Store = createSqliteStore({ path: ':memory:' });
  const counted = countingBeats(store);
  for (const d of destinations) await store.upsertSubscription({ platform: 'telegram', destination: d, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
  const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 1);
  await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', now);
  const slept: number[] = [];
  const engine = createDeliveryEngine(
    {
      store: counted.store, publishers: { telegram: publisher }, view, clock: { now: () => new Date(now) }, log, owner: 'test',
      // Virtual time: a sleep ends at its own end, so that concurrent sleeps do not add up.
      sleep: async (ms) => {
        slept.push(ms);
        const until = now + ms;
        await Promise.resolve();
        now = Math.max(now, until);
      },
    },
    { concurrency: 4, sendTimeoutMs: 200, ...engineOptions },
  );
  /** Waits (in real time, 5 s at most) until the engine has written `n` more heartbeats. */
  const beats = async (n: number): Promise<void> => {
    const until = counted.beats() + n;
    const deadline = Date.now() + 5_000;
    while (counted.beats() < until) {
      if (Date.now() > deadline) throw new Error(`the engine wrote ${until - counted.beats()} heartbeats fewer than awaited`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };
  return { store, engine, edition, slept, advance: (ms: number) => (now += ms), beats, failBeats: counted.failBeats };
}

describe('createDeliveryEngine', () => {
  it('sends one message per subscription and records it as sent with its message id', async () => {
    const pub = recordingPublisher();
    const t = await setup(['1', '2', '3'], pub);
    expect(await t.engine.drain()).toBe(3);
    expect(pub.sent.map((r) => r.destination).sort()).toEqual(['1', '2', '3']);
    const rows = await t.store.listDeliveries({ editionId: t.edition.id });
    expect(rows.every((r) => r.status === 'sent' && r.messageIds.length === 1)).toBe(true);
    expect(await t.engine.drain()).toBe(0);
  });

  it('pauses the subscription with the reason when the destination is gone, and does not retry', async () => {
    const pub = recordingPublisher({ '2': [{ kind: 'gone', reason: 'Forbidden: bot was blocked by the user' }] });
    const t = await setup(['1', '2'], pub);
    await t.engine.drain();
    const sub = await t.store.findSubscription({ platform: 'telegram', destination: '2' }, 'morning');
    expect(sub).toMatchObject({ status: 'paused', statusReason: 'Forbidden: bot was blocked by the user' });
    const rows = await t.store.listDeliveries({ subscriptionId: sub!.id });
    expect(rows[0]).toMatchObject({ status: 'failed', attempts: 1 });
    expect(pub.sent.map((r) => r.destination)).toEqual(['1']);
  });

  it('follows a migrated chat id and sends there', async () => {
    const pub = recordingPublisher({ '-100': [{ kind: 'migrate', destination: '-100200' }] });
    const t = await setup(['-100'], pub);
    await t.engine.drain();
    expect(pub.sent.map((r) => r.destination)).toEqual(['-100200']);
    expect(await t.store.findSubscription({ platform: 'telegram', destination: '-100200' }, 'morning')).toBeDefined();
  });

  it('honours retry_after for that destination only', async () => {
    const pub = recordingPublisher({ a: [{ kind: 'retry-after', seconds: 7 }] });
    const t = await setup(['a', 'b'], pub);
    await t.engine.drain();
    expect(pub.sent.map((r) => r.destination)).toEqual(['b']);
    t.advance(3_000);
    await t.engine.drain();
    expect(pub.sent.map((r) => r.destination)).toEqual(['b']);
    t.advance(4_000);
    await t.engine.drain();
    expect(pub.sent.map((r) => r.destination)).toEqual(['b', 'a']);
  });

  it('retries transient errors with capped exponential backoff, then gives up', async () => {
    const pub = recordingPublisher({ x: Array.from({ length: 10 }, () => ({ kind: 'transient', reason: 'HTTP 502' }) as const) });
    const t = await setup(['x'], pub, { maxAttempts: 3, baseBackoffMs: 1000, maxBackoffMs: 1500 });
    const sub = (await t.store.findSubscription({ platform: 'telegram', destination: 'x' }, 'morning'))!;
    await t.engine.drain();
    let [row] = await t.store.listDeliveries({ subscriptionId: sub.id });
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastError: 'HTTP 502' });
    const first = row!.nextAttemptAt;
    t.advance(1000);
    await t.engine.drain();
    [row] = await t.store.listDeliveries({ subscriptionId: sub.id });
    expect(row!.nextAttemptAt - first).toBeLessThanOrEqual(1000 + 1500);
    t.advance(1500);
    await t.engine.drain();
    [row] = await t.store.listDeliveries({ subscriptionId: sub.id });
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row!.lastError).toMatch(/gave up after 3 attempts/);
  });

  it('times out a hanging send, frees its slot and marks it unknown (never sent twice)', async () => {
    const pub = recordingPublisher({}, new Set(['hang']));
    const t = await setup(['hang', 'ok'], pub, { sendTimeoutMs: 50 });
    await t.engine.drain();
    const rows = await t.store.listDeliveries({ editionId: t.edition.id });
    expect(rows.map((r) => r.status).sort()).toEqual(['sent', 'unknown']);
    expect(await t.engine.drain()).toBe(0);
  });

  it('paces sends to one chat at 1 per second', async () => {
    const pub = recordingPublisher();
    const t = await setup(['same'], pub);
    // Three editions for the same chat.
    for (const date of ['2026-11-30', '2026-12-01']) {
      const e = await t.store.saveEdition({ briefingId: 'morning', date, slot: '07:00', briefing }, 1);
      await t.store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 1_000_000);
    }
    await t.engine.drain();
    expect(pub.sent).toHaveLength(3);
    expect(t.slept.filter((ms) => ms > 0).length).toBeGreaterThanOrEqual(2);
  });

  it('takes its share of the bot-wide rate limits from the live instances in the store, and leaves on stop', async () => {
    const bot = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };
    const pub = { ...recordingPublisher(), rateRules: () => [bot] };
    const destinations = Array.from({ length: 30 }, (_, i) => String(i));
    // Alone: 30 sends at 10 per second, the last 2 s after the first.
    const alone = await setup(destinations, pub);
    await alone.engine.drain();
    const aloneTime = alone.advance(0) - 1_000_000;
    // Another instance was heard from a second ago and already keeps to half (it counted this
    // one): this one holds for the bot-wide window (1 s) as it joins, for the other's sends at
    // its old share, then keeps to 5 per second, the last 5 s after the first.
    const shared = await setup(destinations, { ...recordingPublisher(), rateRules: () => [bot] });
    await shared.store.heartbeat('other', 1_000_000 - 1_000, 6_000, 2);
    await shared.engine.drain();
    const sharedWait = shared.advance(0) - 1_000_000;
    expect(aloneTime).toBe(2_000);
    expect(sharedWait).toBe(1_000 + 5_000);
    // Running, it is live for the other; stopped, it has left.
    shared.engine.start();
    await new Promise((r) => setImmediate(r));
    expect((await shared.store.heartbeat('other', 1_000_000 + sharedWait, 6_000, 2)).instances).toBe(2);
    await shared.engine.stop(1_000);
    expect((await shared.store.heartbeat('other', 1_000_000 + sharedWait, 6_000, 2)).instances).toBe(1);
  });

  /**
   * A joining instance (heartbeats every 20 real ms, so 60 ms of the test's clock to stay live)
   * whose bot-wide sends ('1', '2'; 'quiet' is under no bot-wide rule) are recorded at the
   * test's clock, and another instance that beat just before it, keeping to a share of 1.
   */
  async function joiningOther(engineOptions: object, log?: Logger) {
    const bot = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };
    const sentAt = new Map<string, number>();
    const pub = recordingPublisher();
    const t = await setup(['quiet', '1', '2'], {
      ...pub,
      rateRules: (ref) => (ref.destination === 'quiet' ? [] : [bot]),
      async send(ref, b) {
        sentAt.set(ref.destination, t.advance(0) - 1_000_000);
        return pub.send(ref, b);
      },
    }, { concurrency: 3, heartbeatMs: 20, ...engineOptions }, wholeEdition, log);
    /** The other instance beats now (at the test's clock), recording `share`. */
    const other = (share: number) => t.store.heartbeat('other', t.advance(0), 60, share);
    t.advance(-10);
    await other(1);
    t.advance(10);
    return { ...t, sentAt, other, sent: () => Object.fromEntries(sentAt) };
  }

  it('holds its bot-wide sends as it joins until the running instance has taken its smaller share, however late', async () => {
    const t = await joiningOther({ joinHoldMaxMs: 200_000 });
    const drained = t.engine.drain();
    await t.beats(4);
    expect(t.sent()).toEqual({ quiet: 0 });
    // Ten seconds later (500 heartbeat periods; the fixed hold was 5) the other, busy, still
    // keeps to a share of 1: nothing bot-wide goes out. (The clock moves with the other's
    // heartbeat in one step, so that the joiner never finds it stale.)
    t.advance(10_000);
    void t.other(1);
    await t.beats(4);
    expect(t.sent()).toEqual({ quiet: 0 });
    // It takes its share of 2: the joiner hears of it at its next heartbeat and sends one
    // window (1 s) after it, at 5 a second.
    void t.other(2);
    expect(await drained).toBe(3);
    expect(t.sent()).toEqual({ quiet: 0, '1': 11_000, '2': 11_000 });
  });

  it('sends at its share anyway, warning once, when the running instance never acknowledges it', async () => {
    const log = recordingLog();
    // The cap: 15 heartbeat periods (300 ms) at least.
    const t = await joiningOther({ joinHoldMaxMs: 0 }, log);
    const drained = t.engine.drain();
    await t.beats(4);
    // Just short of the cap: still holding.
    t.advance(299);
    void t.other(1);
    await t.beats(4);
    expect(t.sent()).toEqual({ quiet: 0 });
    // At the cap: one window (1 s) more, then at the share.
    t.advance(1);
    void t.other(1);
    expect(await drained).toBe(3);
    expect(t.sent()).toEqual({ quiet: 0, '1': 1_300, '2': 1_300 });
    const warnings = log.lines.filter((l) => l.level === 'warn');
    expect(warnings.map((l) => l.msg)).toEqual([expect.stringMatching(/did not acknowledge this one joining/)]);
  });

  it('stops waiting when the instance it joined leaves', async () => {
    const t = await joiningOther({ joinHoldMaxMs: 200_000 });
    const drained = t.engine.drain();
    await t.beats(4);
    expect(t.sent()).toEqual({ quiet: 0 });
    // The other stops: alone, this one sends after the window the other may have used.
    await t.store.leave('other');
    expect(await drained).toBe(3);
    expect(t.sent()).toEqual({ quiet: 0, '1': 1_000, '2': 1_000 });
  });

  it('joins again when its heartbeats were not heard for a live period, and its cap holds when they keep failing', async () => {
    const log = recordingLog();
    const t = await joiningOther({ joinHoldMaxMs: 1_000 }, log);
    void t.other(2);
    expect(await t.engine.drain()).toBe(3);
    expect(t.sent()).toEqual({ quiet: 0, '1': 1_000, '2': 1_000 });
    // The next edition: the store refuses the heartbeats for longer than a live period (60 ms),
    // so the other stops counting this one and takes a share of 1 again.
    await t.store.enqueueDeliveries((await t.store.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '07:00', briefing }, 1)).id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 1_000_000);
    t.failBeats(true);
    t.advance(1_000);
    void t.other(1);
    const drained = t.engine.drain();
    await t.beats(4);
    // Unheard, it holds its bot-wide sends (at the share it kept, 2) until the other counts it again.
    expect(t.sent()).toMatchObject({ quiet: 2_000, '1': 1_000, '2': 1_000 });
    t.failBeats(false);
    await t.beats(4);
    expect(t.sent()).toMatchObject({ '1': 1_000, '2': 1_000 });
    void t.other(2);
    expect(await drained).toBe(3);
    expect(t.sent()).toEqual({ quiet: 2_000, '1': 3_000, '2': 3_000 });
    expect(log.lines.filter((l) => l.level === 'warn').every((l) => /heartbeat failed/.test(l.msg))).toBe(true);
    // A third edition, the heartbeats failing for good: the cap (1 s) ends the wait.
    await t.store.enqueueDeliveries((await t.store.saveEdition({ briefingId: 'morning', date: '2026-12-01', slot: '07:00', briefing }, 1)).id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 1_000_000);
    t.failBeats(true);
    t.advance(1_000);
    void t.other(1);
    const capped = t.engine.drain();
    await t.beats(4);
    expect(t.sent()).toMatchObject({ quiet: 4_000, '1': 3_000 });
    t.advance(1_000);
    void t.other(1);
    expect(await capped).toBe(3);
    expect(t.sent()).toEqual({ quiet: 4_000, '1': 6_000, '2': 6_000 });
    expect(log.lines.filter((l) => /did not acknowledge/.test(l.msg))).toHaveLength(1);
  });

  it('holds its bot-wide sends at once when its last heartbeat is older than a live period, before the next one', async () => {
    const bot = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };
    const sentAt = new Map<string, number>();
    const pub = recordingPublisher();
    const t = await setup(['1', '2'], {
      ...pub,
      rateRules: () => [bot],
      async send(ref, b) {
        const now = t.advance(0);
        sentAt.set(ref.destination, now - 1_000_000);
        // While '1' goes out, a second after this one's last heartbeat, the other no longer
        // counts it (live period 60 ms) and keeps to a share of 1.
        if (ref.destination === '1') void t.store.heartbeat('other', now, 60, 1);
        return pub.send(ref, b);
      },
    }, { concurrency: 1, heartbeatMs: 20, joinHoldMaxMs: 200_000 });
    await t.store.heartbeat('other', 1_000_000, 60, 2);
    const drained = t.engine.drain();
    // '2' waits: this one joins again (no heartbeat of it has run since), until the other counts it.
    await t.beats(6);
    expect(Object.fromEntries(sentAt)).toEqual({ '1': 1_000 });
    void t.store.heartbeat('other', t.advance(0), 60, 2);
    expect(await drained).toBe(2);
    expect(Object.fromEntries(sentAt)).toEqual({ '1': 1_000, '2': 2_000 });
  });

  it('of two instances joining a running one together, neither sends before the running one counts all three', async () => {
    const bot = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };
    let now = 1_000_000;
    const store = createSqliteStore({ path: ':memory:' });
    const destinations = ['1', '2', '3', '4'];
    for (const d of destinations) await store.upsertSubscription({ platform: 'telegram', destination: d, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 1);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', now);
    const sentAt: number[] = [];
    const joiners = ['j1', 'j2'].map((owner) => {
      const counted = countingBeats(store);
      const pub = recordingPublisher();
      const engine = createDeliveryEngine(
        {
          store: counted.store, view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner,
          publishers: { telegram: { ...pub, rateRules: () => [bot], send: async (ref, b) => (sentAt.push(now - 1_000_000), pub.send(ref, b)) } },
          sleep: async (ms) => {
            const until = now + ms;
            await Promise.resolve();
            now = Math.max(now, until);
          },
        },
        // Two rows each: both drain (and beat) until they have sent theirs.
        { concurrency: 1, batchSize: 2, heartbeatMs: 20, joinHoldMaxMs: 200_000 },
      );
      return { engine, counted };
    });
    const beats = async (n: number) => {
      const until = joiners.map((j) => j.counted.beats() + n);
      while (joiners.some((j, i) => j.counted.beats() < until[i]!)) await new Promise((r) => setTimeout(r, 2));
    };
    await store.heartbeat('running', now - 10, 60, 1);
    const drained = joiners.map((j) => j.engine.drain());
    await beats(4);
    // The two joiners have counted each other and recorded a share of 3; the running one, 2 (it
    // has heard of one of them only): nothing bot-wide goes out.
    await store.heartbeat('running', now, 60, 2);
    await beats(4);
    expect(sentAt).toEqual([]);
    await store.heartbeat('running', now, 60, 3);
    expect((await Promise.all(drained)).reduce((a, b) => a + b)).toBe(4);
    // One window after the acknowledgement, at a share of 3 (3 a second each).
    expect(Math.min(...sentAt)).toBe(1_000);
    expect(sentAt).toHaveLength(4);
  });

  it('never records a share larger than the one it keeps to: a smaller rate is taken before it is recorded, a larger one after', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const limiter = createRateLimiter();
    // Each heartbeat write: the share recorded, and the one the limiter kept to while it was written.
    const writes: [recorded: number, kept: number][] = [];
    let now = 1_000_000;
    const engine = createDeliveryEngine({
      store: { ...store, heartbeat: async (owner, at, liveMs, share) => (writes.push([share, limiter.share()]), store.heartbeat(owner, at, liveMs, share)) },
      publishers: {}, view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner: 'test', limiter,
    }, { heartbeatMs: 1_000 });
    await engine.drain();
    // Another joins: 2 instances, a smaller rate, taken first.
    await store.heartbeat('other', now, 3_000, 2);
    now += 1_000;
    await engine.drain();
    expect(limiter.share()).toBe(2);
    // It leaves: 1 instance, a larger rate, taken only once recorded.
    await store.leave('other');
    now += 1_000;
    await engine.drain();
    expect(limiter.share()).toBe(1);
    expect(writes).toEqual([[1, 1], [1, 1], [2, 2], [2, 2], [1, 2]]);
    await engine.stop(0);
  });

  it('does not hold when another joins it, and records its smaller share at once for the joiner', async () => {
    const bot = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };
    const first = await setup(['1', '2'], { ...recordingPublisher(), rateRules: () => [bot] }, { concurrency: 1 });
    expect(await first.engine.drain()).toBe(2);
    expect(await first.store.heartbeat('other', first.advance(0), 6_000, 1)).toEqual({ instances: 2, acknowledged: false });
    await first.store.enqueueDeliveries((await first.store.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '07:00', briefing }, 1)).id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 1_000_000);
    const before = first.slept.length;
    await first.engine.drain();
    // Already beating when the other joins: it shrinks to its share at its next heartbeat, no hold.
    expect(first.slept.slice(before).every((ms) => ms < 1_000)).toBe(true);
    // That heartbeat recorded the share of 2 it keeps to now, not the 1 it kept to before it.
    expect(await first.store.heartbeat('other', first.advance(0), 6_000, 2)).toEqual({ instances: 2, acknowledged: true });
  });

  it('keeps the spacing from a send that left late (a slow database before it), not from its reservation', async () => {
    const spacing = { key: 'spacing', limit: 1, perMs: 100 };
    const sentAt: number[] = [];
    const t = await setup(['1', '2', '3'], {
      ...recordingPublisher(),
      rateRules: () => [spacing],
      async send() {
        sentAt.push(clock());
        return { messageIds: [String(sentAt.length)] };
      },
    }, { concurrency: 1 });
    const clock = () => t.advance(0);
    // The first send's ledger write takes 250 ms.
    const markSending = t.store.markSending.bind(t.store);
    let slow = true;
    t.store.markSending = async (id, now, attempts) => {
      if (slow) {
        slow = false;
        t.advance(250);
      }
      return markSending(id, now, attempts);
    };
    await t.engine.drain();
    expect(sentAt).toHaveLength(3);
    const gaps = sentAt.slice(1).map((at, i) => at - sentAt[i]!);
    expect(gaps.every((g) => g >= 100), gaps.join(', ')).toBe(true);
  });

  it('filters the edition by the subscription topics', async () => {
    const seen: Briefing[] = [];
    const pub = recordingPublisher();
    const spy: Publisher = { ...pub, async send(ref, b) { seen.push(b); return pub.send(ref, b); } };
    // The engine sends what the service's one view says the subscription receives.
    const t = await setup([], spy, {}, (sub, edition) => viewFor(edition.briefing, { topics: sub.topics }));
    await t.store.upsertSubscription({ platform: 'telegram', destination: 't', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', topics: ['رياضة'] }, 1);
    await t.store.enqueueDeliveries(t.edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 1_000_000);
    await t.engine.drain();
    expect(seen[0]!.groups).toEqual([]);
  });
});

describe('createDeliveryEngine heartbeats', () => {
  const bot = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };

  /** One subscription ('1', under the bot-wide rule) and its edition, enqueued when `enqueue` is called. */
  async function oneRow(store: Store, now: number): Promise<{ enqueue: () => Promise<void> }> {
    await store.upsertSubscription({ platform: 'telegram', destination: '1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 1);
    return { enqueue: async () => void (await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', now)) };
  }

  const until = async (cond: () => boolean, what: string, ms = 5_000): Promise<void> => {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 2));
    }
  };

  it('goes on beating, and sends, when a heartbeat never settles', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const { enqueue } = await oneRow(store, Date.now());
    const pub = recordingPublisher();
    let calls = 0;
    const engine = createDeliveryEngine({
      // From the third on, no heartbeat write ever answers (a connection whose peer vanished).
      store: { ...store, heartbeat: (...args) => (++calls >= 3 ? new Promise(() => undefined) : store.heartbeat(...args)) },
      publishers: { telegram: { ...pub, rateRules: () => [bot] } }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 'a',
    }, { heartbeatMs: 20, joinHoldMaxMs: 0, pollMs: 10 });
    engine.start();
    // Unheard for a live period (60 ms), it joins again; the cap (15 periods, 300 ms) ends the wait.
    await until(() => calls >= 6, 'heartbeats after the one that hangs');
    await enqueue();
    engine.wake();
    await until(() => pub.sent.length === 1, 'the send', 3_000);
    await engine.stop(100);
  });

  it('applies nothing of a heartbeat answered after it timed out', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const limiter = createRateLimiter();
    // Every share the engine takes.
    const shares: number[] = [];
    const setShare = limiter.setShare.bind(limiter);
    limiter.setShare = (n) => (shares.push(n), setShare(n));
    let calls = 0;
    let lateAnswered = false;
    const engine = createDeliveryEngine({
      // The second heartbeat answers after its live period (60 ms): five instances, all acknowledging.
      store: {
        ...store,
        heartbeat: async (...args) => {
          if (++calls !== 2) return store.heartbeat(...args);
          await new Promise((r) => setTimeout(r, 150));
          lateAnswered = true;
          return { instances: 5, acknowledged: true };
        },
      },
      publishers: {}, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 'a', limiter,
    }, { heartbeatMs: 20 });
    engine.start();
    await until(() => lateAnswered && calls >= 5, 'the late answer and the beats after it');
    await new Promise((r) => setTimeout(r, 10));
    expect(shares).toEqual([]);
    expect(limiter.share()).toBe(1);
    await engine.stop(100);
  });

  it('never overlaps two heartbeats, even when a write takes longer than a heartbeat period', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    let inFlight = 0;
    let most = 0;
    let writes = 0;
    const engine = createDeliveryEngine({
      // Each write takes 30 ms, longer than a period (20 ms), shorter than a live period (60 ms).
      store: {
        ...store,
        heartbeat: async (...args) => {
          most = Math.max(most, ++inFlight);
          await new Promise((r) => setTimeout(r, 30));
          inFlight--;
          writes++;
          return store.heartbeat(...args);
        },
      },
      publishers: {}, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 'a',
    }, { heartbeatMs: 20 });
    engine.start();
    // drain() beats too, whenever called.
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 15));
      void engine.drain();
    }
    await until(() => writes >= 5, 'five heartbeat writes');
    await engine.stop(100);
    expect(most).toBe(1);
  });

  it('keeps to the share of the instances its second write counts, when more have joined between its two writes', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const limiter = createRateLimiter();
    const now = 1_000_000;
    let calls = 0;
    const engine = createDeliveryEngine({
      store: {
        ...store,
        heartbeat: async (...args) => {
          // Between the second beat's writes (the first one counting this instance alone), another joins.
          if (++calls === 4) await store.heartbeat('y', now, 3_000, 1);
          return store.heartbeat(...args);
        },
      },
      publishers: {}, view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner: 'a', limiter,
    }, { heartbeatMs: 1_000 });
    await store.heartbeat('x', now, 3_000, 2);
    await engine.drain();
    expect(limiter.share()).toBe(2);
    // 'x' leaves: the first write counts 1, the second (after 'y' joined) 2 again.
    await store.leave('x');
    await engine.drain();
    expect(calls).toBe(4);
    expect(limiter.share()).toBe(2);
    await engine.stop(0);
  });

  it('settles only a join begun before the heartbeat: an answer read before the join does not end it', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    let now = 1_000_000;
    const { enqueue } = await oneRow(store, now);
    const pub = recordingPublisher();
    const sentAt: number[] = [];
    // A heartbeat write may be held after the store answered it (the answer then reaches the engine late).
    let hold: Promise<void> | undefined;
    let held = false;
    let release!: () => void;
    const engine = createDeliveryEngine({
      store: {
        ...store,
        heartbeat: async (...args) => {
          const answer = await store.heartbeat(...args);
          if (hold) {
            held = true;
            await hold;
            hold = undefined;
          }
          return answer;
        },
      },
      publishers: { telegram: { ...pub, rateRules: () => [bot], send: async (ref, b) => (sentAt.push(now - 1_000_000), pub.send(ref, b)) } },
      view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner: 'a',
      sleep: async (ms) => {
        const to = now + ms;
        await Promise.resolve();
        now = Math.max(now, to);
      },
    }, { heartbeatMs: 100, joinHoldMaxMs: 200_000, pollMs: 10 });
    // Another instance runs and counts this one (share 2): it joins and is acknowledged at once.
    await store.heartbeat('other', now, 300, 2);
    engine.start();
    await new Promise((r) => setTimeout(r, 50));
    // A heartbeat reads the acknowledgement, and its answer is held...
    hold = new Promise<void>((r) => (release = r));
    await until(() => held, 'a held heartbeat');
    // ...while a second passes: the other stops counting this one, which joins again at its next send.
    now += 1_000;
    await store.heartbeat('other', now, 300, 1);
    await enqueue();
    engine.wake();
    await until(() => engine.inFlight() === 1, 'the send waiting at the gate');
    // The held answer (acknowledged, but read before the join) does not end it: the next heartbeat
    // sees the other at a share of 1, and the send waits.
    release();
    await new Promise((r) => setTimeout(r, 250));
    expect(sentAt).toEqual([]);
    await store.heartbeat('other', now, 300, 2);
    await until(() => sentAt.length === 1, 'the send after the acknowledgement');
    // One window (1 s) after the acknowledgement.
    expect(sentAt).toEqual([2_000]);
    await engine.stop(100);
  });

  it('gives back its turn when a heartbeat was due while it waited and none was heard for a live period, though no join began', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    let now = 1_000_000;
    const { enqueue } = await oneRow(store, now);
    const pub = recordingPublisher();
    const sentAt: number[] = [];
    let hang = false;
    let first = true;
    const engine = createDeliveryEngine({
      store: { ...store, heartbeat: (...args) => (hang ? new Promise(() => undefined) : store.heartbeat(...args)) },
      publishers: { telegram: { ...pub, rateRules: () => [bot], send: async (ref, b) => (sentAt.push(now - 1_000_000), pub.send(ref, b)) } },
      view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner: 'a',
      sleep: async (ms) => {
        if (first) {
          // The first wait (the window held as it joins): a heartbeat begins meanwhile and hangs,
          // the clock moves past a live period, and the other stops counting this one.
          first = false;
          hang = true;
          await new Promise((r) => setTimeout(r, 40));
          hang = false;
          now += ms;
          await store.heartbeat('other', now, 60, 1);
          return;
        }
        const to = now + ms;
        await Promise.resolve();
        now = Math.max(now, to);
      },
    }, { heartbeatMs: 20, joinHoldMaxMs: 200_000 });
    await store.heartbeat('other', now, 60, 2);
    await enqueue();
    const drained = engine.drain();
    await new Promise((r) => setTimeout(r, 200));
    expect(sentAt).toEqual([]);
    await store.heartbeat('other', now, 60, 2);
    expect(await drained).toBe(1);
    expect(sentAt).toEqual([2_000]);
    await engine.stop(0);
  });

  it('gives back its turn when another send began a join while it waited, though no heartbeat was due', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    let now = 1_000_000;
    for (const d of ['1', '2', '3']) await store.upsertSubscription({ platform: 'telegram', destination: d, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 1);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', now);
    const pub = recordingPublisher();
    const sent: string[] = [];
    const engine = createDeliveryEngine({
      store,
      publishers: {
        telegram: {
          ...pub,
          rateRules: () => [{ key: 'bot', limit: 1, perMs: 1000, scope: 'bot' as const }],
          async send(ref, b) {
            sent.push(ref.destination);
            if (sent.length === 1) {
              // The first send takes a second (a live period is 600 ms); meanwhile the other stops counting this one.
              now += 1_000;
              await store.heartbeat('other', now, 600, 1);
            }
            return pub.send(ref, b);
          },
        },
      },
      view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner: 'a',
      // The second send's wait ends 20 ms later in real time, before any heartbeat is due (200 ms),
      // after the first worker's next send found this instance unheard and began a join.
      sleep: async (ms) => {
        await new Promise((r) => setTimeout(r, 20));
        now = Math.max(now, now + ms);
      },
    }, { concurrency: 2, heartbeatMs: 200, joinHoldMaxMs: 200_000 });
    const drained = engine.drain();
    await new Promise((r) => setTimeout(r, 150));
    expect(sent).toEqual(['1']);
    await store.heartbeat('other', now, 600, 2);
    expect(await drained).toBe(3);
    expect(sent).toHaveLength(3);
    await engine.stop(0);
  });

  it('after the cap, sends at its share while its heartbeats keep failing, without joining again for each send', async () => {
    const bot10 = { key: 'bot', limit: 10, perMs: 1000, scope: 'bot' as const };
    const pub = recordingPublisher();
    const t = await setup(['1', '2', '3'], { ...pub, rateRules: () => [bot10] }, { concurrency: 1, heartbeatMs: 20, joinHoldMaxMs: 0 });
    expect(await t.engine.drain()).toBe(3);
    // The next edition, a second later: its heartbeats fail, so it joins again and waits for the cap.
    await t.store.enqueueDeliveries((await t.store.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '07:00', briefing }, 1)).id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 1_000_000);
    t.failBeats(true);
    t.advance(1_000);
    const drained = t.engine.drain();
    await t.beats(2);
    // The cap: 15 heartbeat periods (300 ms).
    t.advance(300);
    let done = false;
    void drained.then(() => (done = true));
    await until(() => done, 'all three sends', 2_000);
    expect(await drained).toBe(3);
    expect(pub.sent).toHaveLength(6);
    await t.engine.stop(0);
  });

  it('gives back its turn and waits at the gate when it went unheard for a live period while waiting its turn', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const t0 = Date.now();
    const clock = () => 1_000_000 + Date.now() - t0;
    await store.upsertSubscription({ platform: 'telegram', destination: '1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    await store.upsertSubscription({ platform: 'telegram', destination: '2', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 1);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', clock());
    // Each send notes how many instances the other counts as it goes out.
    const othersCount: number[] = [];
    const pub = recordingPublisher();
    let failing = false;
    const engine = createDeliveryEngine({
      store: { ...store, heartbeat: async (...args) => (failing ? Promise.reject(new Error('pool timeout')) : store.heartbeat(...args)) },
      publishers: {
        telegram: {
          ...pub,
          // 2 per 300 ms bot-wide: at a share of 2, one send each 300 ms.
          rateRules: () => [{ key: 'bot', limit: 2, perMs: 300, scope: 'bot' as const }],
          send: async (ref, b) => (othersCount.push((await store.heartbeat('other', clock(), 60, 2)).instances), pub.send(ref, b)),
        },
      },
      view: wholeEdition, clock: { now: () => new Date(clock()) }, log: SILENT_LOGGER, owner: 'a',
    }, { concurrency: 2, heartbeatMs: 20, joinHoldMaxMs: 200_000 });
    // The other runs and already counts this one.
    await store.heartbeat('other', clock() - 5, 60, 2);
    const drained = engine.drain();
    await new Promise((r) => setTimeout(r, 5));
    // After its first heartbeat (acknowledged), the store refuses its heartbeats: the sends,
    // reserved while it was live, come due a window (300 ms) and more later, when the other no
    // longer counts it. They wait.
    failing = true;
    await new Promise((r) => setTimeout(r, 700));
    expect(othersCount).toEqual([]);
    // Heard again, it joins afresh; the sends go out with the other counting it.
    failing = false;
    expect(await drained).toBe(2);
    expect(othersCount).toEqual([2, 2]);
    await engine.stop(0);
  });
});

describe('createDeliveryEngine with a store that drops mid-run', () => {
  it('keeps running and sends everything once the store answers again, losing no ledger row', async () => {
    const pub = recordingPublisher();
    const t = await setup(['1', '2', '3'], pub);
    let failures = 3;
    const flaky: Store = {
      ...t.store,
      async claimDeliveries(owner, limit, now) {
        if (failures > 0) {
          failures--;
          throw new Error('connection terminated unexpectedly');
        }
        return t.store.claimDeliveries(owner, limit, now);
      },
    };
    const engine = createDeliveryEngine(
      { store: flaky, publishers: { telegram: pub }, view: wholeEdition, clock: { now: () => new Date(2_000_000) }, log: SILENT_LOGGER, owner: 'flaky' },
      { pollMs: 5, concurrency: 2 },
    );
    engine.start();
    for (let i = 0; i < 200 && pub.sent.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
    await engine.stop(1000);
    expect(failures).toBe(0);
    expect(pub.sent.map((r) => r.destination).sort()).toEqual(['1', '2', '3']);
    expect(await t.store.countDeliveries()).toEqual({ sent: 3 });
  });
});

describe('createDeliveryEngine when recording a sent message fails', () => {
  it('never sends again: the write is tried again and the row ends sent', async () => {
    const pub = recordingPublisher();
    const t = await setup(['1', '2'], pub);
    let failures = 1;
    const flaky: Store = {
      ...t.store,
      async completeDelivery(id, outcome, now) {
        if (outcome.status === 'sent' && failures > 0) {
          failures--;
          throw new Error('terminating connection due to administrator command');
        }
        return t.store.completeDelivery(id, outcome, now);
      },
    };
    const engine = createDeliveryEngine({ store: flaky, publishers: { telegram: pub }, view: wholeEdition, clock: { now: () => new Date(2_000_000) }, log: SILENT_LOGGER, owner: 'w', sleep: async () => undefined });
    for (let i = 0; i < 5; i++) await engine.drain();
    expect(failures).toBe(0);
    expect(pub.sent.map((r) => r.destination).sort()).toEqual(['1', '2']);
    expect(await t.store.countDeliveries()).toEqual({ sent: 2 });
  });

  it('when the store never records it, leaves the row in flight for recovery to mark unknown, and never sends it again', async () => {
    const pub = recordingPublisher();
    const t = await setup(['1'], pub);
    const logged: string[] = [];
    const broken: Store = {
      ...t.store,
      async completeDelivery(id, outcome, now) {
        if (outcome.status === 'sent') throw new Error('disk full');
        return t.store.completeDelivery(id, outcome, now);
      },
    };
    let now = 2_000_000;
    const engine = createDeliveryEngine(
      { store: broken, publishers: { telegram: pub }, view: wholeEdition, clock: { now: () => new Date(now) }, log: { ...SILENT_LOGGER, error: (_o, m) => void logged.push(m ?? '') }, owner: 'w', sleep: async () => undefined },
      { sendTimeoutMs: 1000 },
    );
    await engine.drain();
    await engine.drain();
    expect(pub.sent).toHaveLength(1);
    expect(await t.store.countDeliveries()).toEqual({ sending: 1 });
    expect(logged.some((m) => m.includes('never sent again'))).toBe(true);
    now += 60_000;
    expect(await engine.recover()).toBe(1);
    await engine.drain();
    expect(pub.sent).toHaveLength(1);
    expect(await t.store.countDeliveries()).toEqual({ unknown: 1 });
  });

  it('records a briefing whose later part was refused as partial, and never sends it again', async () => {
    const partial: Publisher = { ...recordingPublisher(), async send() { return { messageIds: ['m1'], incomplete: 'part 2 of 2 refused (message is too long)' }; } };
    const t = await setup(['1'], partial);
    await t.engine.drain();
    await t.engine.drain();
    expect(await t.store.countDeliveries()).toEqual({ partial: 1 });
    const [row] = await t.store.listDeliveries({ editionId: t.edition.id });
    expect(row).toMatchObject({ messageIds: ['m1'], lastError: 'part 2 of 2 refused (message is too long)' });
  });
});
