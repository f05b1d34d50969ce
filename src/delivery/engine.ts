/**
 * The delivery engine: an outbox worker over the ledger. It claims pending rows, paces sends per
 * platform and destination, sends through the channel's publisher, and records each outcome:
 * exactly one message per (subscription, edition), or a row that says why not.
 */
import { textHash128 } from '../core/content-hash.js';
import type { ClaimedDelivery, Clock, DeliveryMetrics, DeliveryOutcome, Edition, Heartbeat, Logger, MessagePart, PartsProgress, Publisher, RateRule, SendResult, Store } from '../core/ports.js';
import { NO_METRICS } from '../core/ports.js';
import type { Briefing, Platform, Subscription } from '../core/types.js';
import { createRateLimiter, type RateLimiter } from './rate-limiter.js';

/** Options for {@link createDeliveryEngine}. */
export interface DeliveryEngineOptions {
  /** Sends in flight at once (default 16). */
  concurrency: number;
  /** Rows claimed per query (default 64). */
  batchSize: number;
  /**
   * A platform call that takes longer is abandoned (default 30 s): a briefing sent whole is marked
   * `unknown`; for one sent in parts the bound is per part, that part counts as unknown (it may
   * have been posted) and the others go on.
   */
  sendTimeoutMs: number;
  /** Transient failures retried at most this many times in all (default 8). */
  maxAttempts: number;
  /** First retry delay, doubled each attempt up to `maxBackoffMs` (defaults 2 s, 10 min). */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** How often to look for due rows when idle (default 1 s). */
  pollMs: number;
  /**
   * How often this instance tells the store it is alive (default 2 s). Instances not heard from
   * for three of these no longer count in the shares of the bot-wide rate limits.
   */
  heartbeatMs: number;
  /**
   * Whether the store serves this process alone (SQLite). Then whatever was in flight when it last
   * stopped is unknown at once; on a shared store (PostgreSQL) only rows older than any live
   * sender's timeout are (default false).
   */
  exclusiveStore: boolean;
  /** How often rows left in flight by a stopped instance are looked for while running (default 60 s). */
  recoveryMs: number;
  /** Writes of a sent message's outcome tried before the row is left to recovery (default 4). */
  recordAttempts: number;
  /**
   * How long a joining instance waits at most for the running ones to acknowledge it (they
   * normally do within two heartbeat periods, or once an edition being composed lets their event
   * loop go): a peer that never does (a version that records no share) must not stall sending, so
   * after this, and one window of each bot-wide rule more, it sends at its share anyway and warns
   * (default 30 s, not a setting of the config; never less than 15 heartbeat periods).
   */
  joinHoldMaxMs: number;
}

/** Defaults for {@link DeliveryEngineOptions}. */
const DEFAULT_DELIVERY_OPTIONS: Readonly<DeliveryEngineOptions> = {
  concurrency: 16,
  batchSize: 64,
  sendTimeoutMs: 30_000,
  maxAttempts: 8,
  baseBackoffMs: 2_000,
  maxBackoffMs: 600_000,
  pollMs: 1_000,
  heartbeatMs: 2_000,
  exclusiveStore: false,
  recoveryMs: 60_000,
  recordAttempts: 4,
  joinHoldMaxMs: 30_000,
};

/** What the engine needs. */
export interface DeliveryEngineDeps {
  store: Store;
  publishers: Partial<Record<Platform, Publisher>>;
  /** What the subscription receives of the edition (the service's one decision; see BriefingService.briefingFor). */
  view(subscription: Subscription, edition: Edition): Briefing;
  clock: Clock;
  log: Logger;
  /** This instance's name in the ledger's claims. */
  owner: string;
  metrics?: DeliveryMetrics;
  limiter?: RateLimiter;
  /** Waits (replaced in tests). */
  sleep?: (ms: number) => Promise<void>;
}

/** A running engine. */
export interface DeliveryEngine {
  /** Starts the worker loop. */
  start(): void;
  /** Looks for due rows now instead of at the next poll. */
  wake(): void;
  /** Processes due rows until none is left (or only rows due later); returns how many were processed. */
  drain(): Promise<number>;
  /** Stops claiming, waits for sends in flight (up to `graceMs`), and returns. */
  stop(graceMs?: number): Promise<void>;
  /** Sends in flight now. */
  inFlight(): number;
  /**
   * Marks rows left in flight by stopped senders `unknown` (never sent again) and puts their
   * claimed, unstarted rows back (a briefing in parts stopped between parts, or during a part
   * other than its last, goes back too and resumes after it). Runs by itself before the first
   * batch and every `recoveryMs`.
   */
  recover(): Promise<number>;
}

const sleepReal = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * An instance joining running ones, until they have made room for it: its bot-wide sends wait at
 * `gate`, which `open` releases.
 */
interface Join {
  /** When it began (clock ms), for the cap. */
  since: number;
  /** Whether another live instance was known during the join (then one window is held after it). */
  sawOthers: boolean;
  gate: Promise<void>;
  open(): void;
}

class SendTimeout extends Error {}

/** Creates the engine. */
export function createDeliveryEngine(deps: DeliveryEngineDeps, options: Partial<DeliveryEngineOptions> = {}): DeliveryEngine {
  const opts = { ...DEFAULT_DELIVERY_OPTIONS, ...options };
  const { store, log, clock } = deps;
  const metrics = deps.metrics ?? NO_METRICS;
  const limiter = deps.limiter ?? createRateLimiter();
  const sleep = deps.sleep ?? sleepReal;
  let running = false;
  // Set by stop(): no row is started after it, in the loop or in a drain.
  let stopping = false;
  let loop: Promise<void> | undefined;
  // Batches in progress (the loop's and drain()'s): stop() waits for them.
  const batches = new Set<Promise<number>>();
  let wakeUp: (() => void) | undefined;
  let active = 0;
  let heartbeatTimer: NodeJS.Timeout | undefined;
  // When this instance last told the store it is alive (undefined: not since it started or left).
  let lastBeat: number | undefined;
  // Set while this instance joins running ones that have not yet acknowledged it (see heartbeat).
  let join: Join | undefined;
  // A heartbeat in progress: a timer tick meanwhile is skipped, so that beats never overlap.
  let beating = false;
  // Set when the cap ended a join and no heartbeat has been heard since: no new join begins until
  // one is (the cap bounds the hold, whether the others never acknowledge or the beats fail).
  let capped = false;
  // Heartbeat ticks (run or skipped while one is in progress), to tell whether one was due during a wait.
  let ticks = 0;
  let recoveredOnce = false;
  let recoveryTimer: NodeJS.Timeout | undefined;
  // Instances heard from within this are live, and count in the shares.
  const liveMs = 3 * opts.heartbeatMs;
  // A joining instance waits this long at most for the others to acknowledge it.
  const joinCapMs = Math.max(opts.joinHoldMaxMs, 15 * opts.heartbeatMs);
  // A row still `sending` after the send timeout (and a margin) belongs to a sender that died.
  const staleMs = opts.sendTimeoutMs + 10_000;

  async function recover(): Promise<number> {
    const now = clock.now().getTime();
    // An exclusive store serves this process only: at the first look, whatever was in flight is unknown now.
    const first = !recoveredOnce;
    recoveredOnce = true;
    // (Every row, whatever its time: a clock set back since the last run must not hide one.)
    const n = await store.recoverInFlight(first && opts.exclusiveStore ? Number.MAX_SAFE_INTEGER : now - staleMs, now);
    if (n > 0) log.warn({ deliveries: n }, first ? 'deliveries in flight at the last stop marked unknown (not sent again)' : 'deliveries left in flight by a stopped instance marked unknown');
    return n;
  }

  async function recoverOnce(): Promise<void> {
    if (recoveredOnce) return;
    await recover();
  }

  function startRecovery(): void {
    if (recoveryTimer !== undefined) return;
    recoveryTimer = setInterval(() => void recover().catch((err: Error) => log.warn({ err: err.message }, 'recovery of stale deliveries failed; tried again later')), opts.recoveryMs);
    recoveryTimer.unref?.();
  }

  function startHeartbeat(): void {
    if (heartbeatTimer !== undefined) return;
    heartbeatTimer = setInterval(() => void heartbeat(), opts.heartbeatMs);
    heartbeatTimer.unref?.();
  }

  function stopHeartbeat(): void {
    clearInterval(heartbeatTimer);
    heartbeatTimer = undefined;
  }

  /**
   * Tells the store this instance is alive and keeps to its share of the bot-wide rate limits, and
   * records that share. The join protocol: running instances learn of one that joins only at their
   * next heartbeat, and until then keep their larger share. So an instance that joins (at start, or
   * after a live period unheard, when the others have stopped counting it) holds its bot-wide sends
   * until every other live instance has recorded a share of at least the live count, i.e. has
   * shrunk with it counted, however long their heartbeats take; then for one window of each
   * bot-wide rule more, for the sends they made at the old share. A peer that never acknowledges
   * (an older version) holds it for `joinHoldMaxMs` at most, and one window more; it then joins
   * again only once a heartbeat is heard. A heartbeat unanswered for a live period has failed.
   * Alone, or among instances that only leave, nothing is held.
   */
  async function heartbeat(): Promise<void> {
    ticks++;
    if (beating) return;
    beating = true;
    const now = clock.now().getTime();
    // Unheard for a live period: the others no longer count this one (or never did).
    const unheard = stale(now);
    if (unheard) beginJoin(now);
    // Cleared when the beat times out: its late answer, if any, changes nothing.
    const current = { live: true };
    let timer: NodeJS.Timeout | undefined;
    try {
      // A write that never settles (a connection whose peer vanished) must not stop the beats: one
      // unanswered for a live period has failed (this instance is no longer counted anyway).
      await Promise.race([
        beat(now, unheard, current),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${liveMs} ms`)), liveMs);
          timer.unref?.();
        }),
      ]);
    } catch (err) {
      current.live = false;
      // Keep the last share: a store that drops for a moment must not double the pace.
      log.warn({ err: (err as Error).message }, 'instance heartbeat failed; keeping the last share of the rate limits');
      if (join) capJoin(join, clock.now().getTime());
    } finally {
      clearTimeout(timer);
      beating = false;
    }
  }

  /** One heartbeat's writes (see heartbeat); nothing of it is applied once `current.live` is false. */
  async function beat(now: number, unheard: boolean, current: { live: boolean }): Promise<void> {
    // The join this heartbeat may end (one begun while it runs waits for the next, which follows it).
    let joining = join;
    let answer = await store.heartbeat(deps.owner, now, liveMs, limiter.share());
    if (!current.live) return;
    const seen = answer.instances;
    if (seen !== limiter.share()) {
      log.info({ owner: deps.owner, instances: seen }, 'instances sending; each keeps to its share of the bot-wide rate limits');
      // Recorded at once, not a period later, for an instance that joins. The share recorded is
      // never more than the one kept to: a smaller share is taken before it is recorded, a
      // larger one (instances gone) after.
      if (seen > limiter.share()) limiter.setShare(seen);
      answer = await store.heartbeat(deps.owner, clock.now().getTime(), liveMs, seen);
      if (!current.live) return;
      limiter.setShare(Math.max(seen, answer.instances));
    }
    lastBeat = now;
    if (capped) {
      // Heard again after the cap: unheard before this beat, it joins as of it.
      capped = false;
      if (unheard) {
        beginJoin(now);
        joining = join;
      }
    }
    if (joining && join === joining) settleJoin(joining, answer, clock.now().getTime());
  }

  /** Whether the others no longer count this instance at `now` (unheard for a live period, or never). */
  function stale(now: number): boolean {
    return lastBeat === undefined || now - lastBeat > liveMs;
  }

  function beginJoin(now: number): void {
    if (join || capped) return;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    // Sharing before (unheard for a live period since): the others' last window counts, alone or not.
    join = { since: now, sawOthers: limiter.share() > 1, gate, open };
  }

  /** Ends the join: bot-wide sends go on, after one window of each rule from `now` when others were seen. */
  function endJoin(j: Join, now: number): void {
    if (j.sawOthers) limiter.holdShared(now);
    j.open();
    if (join === j) join = undefined;
  }

  /** Ends the join once the others have acknowledged this instance (or it is alone), or at the cap. */
  function settleJoin(j: Join, beat: Heartbeat, now: number): void {
    if (beat.instances > 1) j.sawOthers = true;
    if (beat.instances === 1 || beat.acknowledged) {
      if (j.sawOthers) log.info({ owner: deps.owner, instances: beat.instances, waitedMs: now - j.since }, 'joined: the other instances have taken their smaller share');
      endJoin(j, now);
    } else {
      capJoin(j, now);
    }
  }

  /** Ends a join that has waited as long as the cap, with a warning. */
  function capJoin(j: Join, now: number): void {
    if (now - j.since < joinCapMs) return;
    log.warn(
      { owner: deps.owner, instances: limiter.share(), waitedMs: now - j.since },
      'other instances did not acknowledge this one joining (an older version, failing store writes, or clocks further apart than three heartbeats); sending at its share of the bot-wide rate limits anyway',
    );
    capped = true;
    endJoin(j, now);
  }

  /**
   * Waits while this instance joins (its bot-wide sends held), at most until the cap: the cap is
   * checked here too, each heartbeat period, so that it holds even when no heartbeat settles.
   */
  async function admitted(): Promise<void> {
    for (let j = join; j && join === j; j = join) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([j.gate, new Promise<void>((r) => (timer = setTimeout(r, opts.heartbeatMs)))]);
      clearTimeout(timer);
      if (join === j) capJoin(j, clock.now().getTime());
    }
  }

  function backoff(attempts: number): number {
    return Math.min(opts.maxBackoffMs, opts.baseBackoffMs * 2 ** Math.max(0, attempts - 1));
  }

  /** One platform call, abandoned after the send timeout (a SendTimeout). */
  async function withTimeout<T>(call: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        call,
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new SendTimeout(`no answer within ${opts.sendTimeoutMs} ms`)), opts.sendTimeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  async function deliverOne(c: ClaimedDelivery): Promise<void> {
    const { delivery, subscription: sub } = c;
    const platform = sub.platform;
    if (sub.status !== 'active') {
      await store.completeDelivery(delivery.id, { status: 'failed', error: `subscription ${sub.status}${sub.statusReason ? `: ${sub.statusReason}` : ''}` }, clock.now().getTime(), delivery.attempts);
      metrics.delivered(platform, 'failed');
      return;
    }
    const publisher = deps.publishers[platform];
    if (!publisher) {
      const now = clock.now().getTime();
      const outcome =
        delivery.attempts >= opts.maxAttempts
          ? ({ status: 'failed', error: `no ${platform} channel is configured` } as const)
          : ({ status: 'pending', nextAttemptAt: now + backoff(delivery.attempts), error: `no ${platform} channel is configured` } as const);
      await store.completeDelivery(delivery.id, outcome, now, delivery.attempts);
      return;
    }
    const destinationKey = `dest:${platform}:${sub.destination}`;
    const rules = [...publisher.rateRules({ platform, destination: sub.destination }), { key: destinationKey, limit: 1_000_000, perMs: 1 }];
    const ref = { platform, destination: sub.destination, ...(sub.threadId ? { threadId: sub.threadId } : {}) };
    if (publisher.parts) {
      let parts: MessagePart[];
      try {
        parts = publisher.parts(ref, deps.view(sub, c.edition));
      } catch (err) {
        // Nothing went out (the briefing could not be rendered): a failure like any other,
        // retried and then given up on, rather than a row claimed again and again.
        await recordFailure(c, publisher, err, { part: delivery.partsDone, parts: Math.max(delivery.partsTotal, delivery.partsDone + 1), messageIds: [...delivery.messageIds] });
        return;
      }
      await deliverParts(c, publisher, parts, rules);
      return;
    }
    // From its turn the send is in flight: if this process dies, the row becomes unknown, never resent.
    if (!(await startSend(delivery, rules))) return;
    const started = performance.now();
    let result: SendResult;
    try {
      result = await withTimeout(publisher.send(ref, deps.view(sub, c.edition)));
    } catch (err) {
      await recordFailure(c, publisher, err);
      return;
    }
    // From here the message went out: whatever happens to the ledger write, it is never sent again.
    metrics.sendSeconds(platform, (performance.now() - started) / 1000);
    const outcome: DeliveryOutcome = result.incomplete
      ? { status: 'partial', messageIds: result.messageIds, error: result.incomplete }
      : { status: 'sent', messageIds: result.messageIds };
    if (await recordAfterSend(delivery.id, outcome, delivery.attempts)) {
      metrics.delivered(platform, outcome.status);
      if (outcome.status === 'partial') log.warn({ delivery: delivery.id, platform, reason: outcome.error }, 'briefing sent in part; recorded partial, not sent again');
    }
  }

  /**
   * Waits for a send's (or a part's) turn under the rate rules (and, for bot-wide ones, until this
   * instance has joined), then marks the row in flight for the claim that read it. False when
   * nothing is to be sent: the engine stopped meanwhile (the row goes back to the queue), the
   * store failed (likewise), or another claim has the row now.
   */
  async function startSend(delivery: ClaimedDelivery['delivery'], rules: RateRule[], parts?: { total: number; key: string }): Promise<boolean> {
    // A joining instance's bot-wide sends wait until the running ones have made room for it. One
    // whose last heartbeat is older than a live period (a busy event loop, a slow store) is no
    // longer counted by the others, which may have taken its share: it joins again, at once.
    const botWide = rules.some((r) => r.scope === 'bot');
    let reservedAt: number;
    let wait: number;
    for (;;) {
      if (botWide && lastBeat !== undefined && stale(clock.now().getTime())) beginJoin(clock.now().getTime());
      if (botWide) await admitted();
      reservedAt = clock.now().getTime();
      wait = stopping ? 0 : limiter.reserve(rules, reservedAt);
      const ticked = ticks;
      if (wait > 0) await sleep(wait);
      // A join began while it waited its turn, or a heartbeat was due meanwhile and this instance
      // has been unheard for a live period since: the others may no longer count it. The send
      // gives its place back and waits at the gate again. (A heartbeat that begins after the
      // turn came begins the join too late for this send: the gap is one heartbeat period at most.)
      const unheard = ticks !== ticked && lastBeat !== undefined && !capped && stale(clock.now().getTime());
      if (stopping || !botWide || !(join || unheard)) break;
      limiter.release(rules, reservedAt + wait);
    }
    if (stopping) {
      // Stopped while waiting its turn: nothing went out, the row goes back to the queue.
      await store.completeDelivery(delivery.id, { status: 'pending', nextAttemptAt: clock.now().getTime(), error: 'released at shutdown' }, clock.now().getTime(), delivery.attempts);
      return false;
    }
    let marked: boolean;
    try {
      marked = await store.markSending(delivery.id, clock.now().getTime(), delivery.attempts, parts);
    } catch (err) {
      // Nothing went out: the row goes back to the queue (or, if the store is still away, recovery puts it back).
      log.warn({ delivery: delivery.id, err: (err as Error).message }, 'could not mark a delivery in flight; not sent, queued again');
      await store.completeDelivery(delivery.id, { status: 'pending', nextAttemptAt: clock.now().getTime() + opts.baseBackoffMs, error: `store: ${(err as Error).message}` }, clock.now().getTime(), delivery.attempts);
      return false;
    }
    if (marked) limiter.settle(rules, reservedAt + wait, clock.now().getTime());
    return marked;
  }

  /**
   * Sends a briefing that the platform takes as several messages, one part at a time: each part
   * waits its turn under the rate rules and is one platform call bounded by the send timeout, and
   * each part done is recorded before the next, so that whatever interrupts the send (a rate
   * limit, a transient error, a stop, a crash between parts, another instance) the next claim
   * resumes at the first part not done, and no part is ever posted twice. A part left without an
   * answer may have been posted: it is never tried again, the rest go on, and the row ends
   * `unknown`. A part refused for good ends it `partial` (or `failed` when none was posted).
   */
  async function deliverParts(c: ClaimedDelivery, publisher: Publisher, parts: MessagePart[], rules: RateRule[]): Promise<void> {
    const { delivery, subscription: sub } = c;
    const platform = sub.platform;
    const partsKey = `${parts.length}:${textHash128(parts.map((p) => p.content).join('\u001e'))}`;
    const messageIds = [...delivery.messageIds];
    let done = delivery.partsDone;
    if (done > 0 && delivery.partsKey !== partsKey) {
      // Rendered otherwise since its first parts went out (the subscription's filters, or the
      // settings, changed): the rest of these parts would not follow the ones posted.
      const error = `${done} of the briefing's parts were sent; the parts changed since (filters or settings), so the rest were not sent`;
      if (await recordAfterSend(delivery.id, { status: 'partial', messageIds, error }, delivery.attempts)) metrics.delivered(platform, 'partial');
      log.warn({ delivery: delivery.id, platform, reason: error }, 'briefing sent in part; recorded partial');
      return;
    }
    if (done > 0) log.info({ delivery: delivery.id, platform, from: done + 1, parts: parts.length }, 'resuming a briefing sent in parts at its first part not sent');
    const unanswered: number[] = [];
    for (let k = done; k < parts.length; k++) {
      // From its turn part k is in flight: if this process dies, the row becomes unknown, never
      // resent. Stopped before it, the row goes back to the queue and the next claim resumes here.
      if (!(await startSend(delivery, rules, { total: parts.length, key: partsKey }))) return;
      const started = performance.now();
      try {
        messageIds.push(await withTimeout(parts[k]!.post()));
        metrics.sendSeconds(platform, (performance.now() - started) / 1000);
      } catch (err) {
        if (!(err instanceof SendTimeout)) {
          await recordFailure(c, publisher, err, { part: k, parts: parts.length, messageIds });
          return;
        }
        // It may have been posted: never tried again; the others still go out.
        unanswered.push(k + 1);
        log.warn({ delivery: delivery.id, platform, part: k + 1, parts: parts.length }, 'a part of a briefing had no answer in time; not sent again, the next parts go on');
      }
      done = k + 1;
      if (done < parts.length && !(await recordProgress(delivery, { messageIds, partsDone: done, partsTotal: parts.length, partsKey }))) return;
    }
    // Parts without an answer, from this claim or an earlier one.
    const missing = done - messageIds.length;
    const outcome: DeliveryOutcome =
      missing > 0
        ? { status: 'unknown', messageIds, error: `${missing} of ${parts.length} parts had no answer in time or were in flight when a sender stopped${unanswered.length > 0 ? ` (part ${unanswered.join(', ')})` : ''}; they may have been posted, and were not sent again; the other parts were sent` }
        : { status: 'sent', messageIds };
    if (await recordAfterSend(delivery.id, outcome, delivery.attempts)) metrics.delivered(platform, outcome.status);
  }

  /**
   * Records the parts done so far, tried again a few times; when the store still refuses, the row
   * stays in flight for recovery to mark unknown (never sent again). False then, or when the row
   * is no longer this claim's: the send stops.
   */
  async function recordProgress(delivery: ClaimedDelivery['delivery'], progress: PartsProgress): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        if (await store.recordParts(delivery.id, delivery.attempts, progress, clock.now().getTime())) return true;
        log.warn({ delivery: delivery.id }, 'a briefing sent in parts is no longer this claim\'s; its other parts are left to it');
        return false;
      } catch (err) {
        if (attempt >= opts.recordAttempts) {
          log.error({ delivery: delivery.id, err: (err as Error).message, parts: progress.partsDone }, 'a part was sent, but the ledger could not record it; left in flight for recovery to mark unknown (never sent again)');
          return false;
        }
        await sleep(opts.baseBackoffMs / 4 * 2 ** (attempt - 1));
      }
    }
  }

  /**
   * Records the outcome of a send that went out. A failed write is tried again a few times; if
   * the store still refuses, the row stays `sending`, so that recovery marks it `unknown`: it is
   * never put back to `pending` (which would send it twice).
   */
  async function recordAfterSend(id: string, outcome: DeliveryOutcome, attempts: number): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        await store.completeDelivery(id, outcome, clock.now().getTime(), attempts);
        return true;
      } catch (err) {
        if (attempt >= opts.recordAttempts) {
          log.error({ delivery: id, err: (err as Error).message, attempts: attempt }, 'sent, but the ledger could not record it; left in flight for recovery to mark unknown (never sent again)');
          return false;
        }
        log.warn({ delivery: id, err: (err as Error).message, attempt }, 'sent, but recording it failed; trying the write again');
        await sleep(opts.baseBackoffMs / 4 * 2 ** (attempt - 1));
      }
    }
  }

  /**
   * Records a failed send by its class: gone, moved, rate limited, permanent (failed at once), or
   * transient (retried with backoff). For a part of a briefing sent in parts, a retry resumes at
   * that part; one given up on after parts were posted ends the row `partial` with their ids.
   */
  async function recordFailure(c: ClaimedDelivery, publisher: Publisher, err: unknown, inParts?: { part: number; parts: number; messageIds: string[] }): Promise<void> {
    const { delivery, subscription: sub } = c;
    const platform = sub.platform;
    // Which part failed, when the briefing goes in several.
    const which = inParts && inParts.parts > 1 ? `part ${inParts.part + 1} of ${inParts.parts}: ` : '';
    // Given up on: failed when nothing was posted, partial with the parts posted otherwise
    // (unknown when the parts before it all went unanswered).
    const end = async (error: string): Promise<void> => {
      const posted = inParts?.messageIds ?? [];
      const outcome: DeliveryOutcome =
        posted.length > 0
          ? { status: 'partial', messageIds: posted, error: `${which}${error}; the parts before it were sent, the rest were not` }
          : inParts && inParts.part > 0
            ? { status: 'unknown', error: `${which}${error}; the parts before it had no answer in time, the rest were not sent` }
            : { status: 'failed', error: `${which}${error}` };
      await store.completeDelivery(delivery.id, outcome, clock.now().getTime(), delivery.attempts);
      metrics.delivered(platform, outcome.status);
    };
    const destinationKey = `dest:${platform}:${sub.destination}`;
    const now = clock.now().getTime();
    if (err instanceof SendTimeout) {
      // The platform may have delivered it: never send it again.
      await store.completeDelivery(delivery.id, { status: 'unknown', error: `send timed out: ${err.message}` }, now, delivery.attempts);
      metrics.delivered(platform, 'unknown');
      log.warn({ delivery: delivery.id, platform }, 'send timed out; marked unknown, not retried');
      return;
    }
    const cls = publisher.classify(err);
    if (cls.kind === 'gone') {
      await store.setSubscriptionStatus(sub.id, 'paused', cls.reason, now);
      await end(`destination gone: ${cls.reason}`);
      log.info({ subscription: sub.id, platform, reason: cls.reason }, 'destination gone; subscription paused');
    } else if (cls.kind === 'migrate') {
      await store.migrateDestination(platform, sub.destination, cls.destination, now);
      await store.completeDelivery(delivery.id, { status: 'pending', nextAttemptAt: now, error: `${which}moved to ${cls.destination}` }, now, delivery.attempts);
      metrics.delivered(platform, 'retry');
      log.info({ subscription: sub.id, platform, to: cls.destination }, 'destination migrated; retrying');
    } else if (cls.kind === 'retry-after') {
      const until = now + cls.seconds * 1000;
      limiter.block(destinationKey, until);
      await store.completeDelivery(delivery.id, { status: 'pending', nextAttemptAt: until, error: `${which}rate limited: retry after ${cls.seconds} s` }, now, delivery.attempts);
      metrics.delivered(platform, 'retry');
    } else if (cls.kind === 'permanent' || delivery.attempts >= opts.maxAttempts) {
      // A message the platform refused as such would be refused again: no retry.
      await end(cls.kind === 'permanent' ? `refused by the platform: ${cls.reason}` : `gave up after ${delivery.attempts} attempts: ${cls.reason}`);
      log.warn({ delivery: delivery.id, platform, reason: cls.reason }, 'delivery failed for good');
    } else {
      await store.completeDelivery(delivery.id, { status: 'pending', nextAttemptAt: now + backoff(delivery.attempts), error: `${which}${cls.reason}` }, now, delivery.attempts);
      metrics.delivered(platform, 'retry');
    }
  }

  /** Runs one batch, known to stop() until it ends. */
  function runBatch(): Promise<number> {
    const batch = runOneBatch();
    batches.add(batch);
    return batch.finally(() => batches.delete(batch));
  }

  /** Claims one batch and sends it with bounded concurrency; returns the batch size. */
  async function runOneBatch(): Promise<number> {
    if (stopping) return 0;
    const claimed = await store.claimDeliveries(deps.owner, opts.batchSize, clock.now().getTime());
    if (claimed.length === 0) return 0;
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < claimed.length) {
        const c = claimed[next++]!;
        if (stopping) {
          // Stopping: a claimed row not yet started goes back to the queue untouched.
          await store.completeDelivery(c.delivery.id, { status: 'pending', nextAttemptAt: clock.now().getTime(), error: 'released at shutdown' }, clock.now().getTime(), c.delivery.attempts);
          continue;
        }
        active++;
        try {
          await deliverOne(c);
        } catch (err) {
          // The store failed while recording: the row stays `sending` and is recovered as unknown.
          log.error({ delivery: c.delivery.id, err: (err as Error).message }, 'could not record a delivery outcome');
        } finally {
          active--;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, claimed.length) }, worker));
    return claimed.length;
  }

  async function run(): Promise<void> {
    while (running) {
      let n = 0;
      try {
        n = await runBatch();
      } catch (err) {
        // A store that drops mid-run: wait and try again; the ledger keeps every row.
        log.error({ err: (err as Error).message }, 'delivery batch failed; retrying');
        await sleep(opts.pollMs);
      }
      if (n === 0 && running) {
        await new Promise<void>((resolve) => {
          wakeUp = resolve;
          setTimeout(resolve, opts.pollMs).unref?.();
        });
        wakeUp = undefined;
      }
    }
  }

  return {
    start() {
      if (running) return;
      running = true;
      startHeartbeat();
      startRecovery();
      loop = recoverOnce()
        .catch((err: Error) => log.warn({ err: err.message }, 'recovery of stale deliveries failed; tried again later'))
        .then(heartbeat)
        .then(run);
    },
    wake() {
      wakeUp?.();
    },
    async drain() {
      if (stopping) return 0;
      const wasRunning = running;
      running = true;
      let total = 0;
      const beating = heartbeatTimer !== undefined;
      startHeartbeat();
      try {
        await recoverOnce();
        await heartbeat();
        for (let n = await runBatch(); n > 0 && !stopping; n = await runBatch()) total += n;
      } finally {
        running = wasRunning;
        if (!beating) stopHeartbeat();
      }
      return total;
    },
    async stop(graceMs = opts.sendTimeoutMs) {
      running = false;
      stopping = true;
      wakeUp?.();
      stopHeartbeat();
      // Sends waiting for a join go back to the queue.
      join?.open();
      join = undefined;
      clearInterval(recoveryTimer);
      recoveryTimer = undefined;
      // Sends in flight finish and are recorded (at most the send timeout); rows claimed but not
      // started go back to the queue. Whether the loop runs or a drain (the start-up catch-up).
      const pending = [...(loop ? [loop] : []), ...batches];
      if (pending.length > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([Promise.allSettled(pending), new Promise<void>((r) => (timer = setTimeout(r, graceMs)))]);
        clearTimeout(timer);
      }
      if (loop || lastBeat !== undefined) {
        // The others take this instance's share of the rate limits at their next heartbeat.
        await store.leave(deps.owner).catch((err: Error) => log.warn({ err: err.message }, 'could not leave the instance list'));
        lastBeat = undefined;
      }
    },
    inFlight() {
      return active;
    },
    recover,
  };
}
