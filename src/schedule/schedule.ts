/**
 * The schedule: the project's only node-cron user. Every minute it finds the (briefing, zone,
 * time) slots whose local delivery time has come, has each edition composed once, and adds one
 * ledger row per subscription; the delivery engine sends them. Idempotent, so restarts and
 * several instances are safe: the ledger's unique (subscription, edition) key decides.
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock, Logger, PurgeCounts, Store } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import { previousDate, toLocalParts, zonedTimeToInstant } from '../core/time.js';
import type { BriefingService } from '../service/index.js';

/** What the schedule needs. */
export interface ScheduleDeps {
  service: BriefingService;
  store: Store;
  definitions: readonly BriefingDefinition[];
  clock: Clock;
  log: Logger;
  /** Deliveries missed by at most this many minutes still go out (default 180); older ones are recorded as skipped. */
  catchUpMinutes?: number;
  /** Called after rows were added (wakes the delivery engine). */
  onEnqueued?: () => void;
  /** Days each kind of data is kept; the daily clean-up (at 03:17, the server's time) forgets what is older. None: no clean-up. */
  retention?: RetentionDays;
  /**
   * Minutes before its slot that an edition is composed (default 0: at the slot). A model takes
   * seconds per story; composed ahead, the edition is ready when it is due. The instance that
   * holds the edition's claim composes; the others neither wait nor compose again.
   */
  aheadMinutes?: number;
}

/** How long each kind of data is kept, in days (see Store.purge). */
export interface RetentionDays {
  articlesDays: number;
  digestsDays: number;
  ledgerDays: number;
  editionsDays: number;
}

/** What one tick did. */
export interface TickResult {
  /** Rows added as pending, per "briefing|date|time|zone". */
  enqueued: Record<string, number>;
  /** Rows added as skipped (too late), likewise. */
  skipped: Record<string, number>;
}

/** A running schedule. */
export interface Schedule {
  /** Starts the minute tick. */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
  /** Runs one tick now (the cron job calls this; tests call it with a fixed clock). */
  tick(): Promise<TickResult>;
  /** Runs the retention clean-up now (a daily cron job calls it); nothing without retention settings. */
  cleanUp(): Promise<PurgeCounts | undefined>;
  /** When the last tick began (epoch ms, the schedule's clock); undefined before the first. */
  lastTickAt(): number | undefined;
}

const DAY_MS = 86_400_000;
/**
 * Two briefings of one subscription fall due at least this far apart: a time moved across midnight
 * (23:30, then 00:30) would send nearly the same briefing again an hour later. Measured between the
 * slots' due times, not the times rows were written (a row recovered after a crash, or a late
 * catch-up, does not hold back the next day's briefing).
 */
const MIN_DELIVERY_GAP_MS = 3 * 3_600_000;

/** Creates the schedule. */
export function createSchedule(deps: ScheduleDeps): Schedule {
  const windowMs = (deps.catchUpMinutes ?? 180) * 60_000;
  const aheadMs = (deps.aheadMinutes ?? 0) * 60_000;
  // Editions whose ahead-of-time composition was started, by "briefing|date|time".
  const aheadStarted = new Set<string>();
  const byId = new Map(deps.definitions.map((d) => [d.id, d]));
  // Slots already planned, with the subscription count seen: planned again only when it changes.
  const planned = new Map<string, number>();
  const unknownBriefings = new Set<string>();
  let task: ScheduledTask | undefined;
  let cleanUpTask: ScheduledTask | undefined;
  let lastTick: number | undefined;
  let running: Promise<unknown> = Promise.resolve();

  /** One tick, known to stop() until it ends (whether cron or the app started it). */
  function tick(): Promise<TickResult> {
    lastTick = deps.clock.now().getTime();
    const p = planDue();
    running = p.catch(() => undefined);
    return p;
  }

  async function planDue(): Promise<TickResult> {
    const now = deps.clock.now().getTime();
    const result: TickResult = { enqueued: {}, skipped: {} };
    const slots = await deps.store.listSlots();
    for (const slot of slots) {
      const def = byId.get(slot.briefingId);
      if (!def) {
        if (!unknownBriefings.has(slot.briefingId)) deps.log.warn({ briefing: slot.briefingId }, 'subscriptions name a briefing that is not configured; skipped');
        unknownBriefings.add(slot.briefingId);
        continue;
      }
      const today = toLocalParts(new Date(now), slot.timeZone).date;
      for (const date of [previousDate(today), today]) {
        const dueAt = zonedTimeToInstant(date, slot.deliveryTime, slot.timeZone);
        const late = now - dueAt;
        if (late < 0 || late >= DAY_MS) continue;
        const due = late <= windowMs;
        // Yesterday's slot matters only when its catch-up window reaches past midnight.
        if (!due && date !== today) continue;
        const key = `${slot.briefingId}|${date}|${slot.deliveryTime}|${slot.timeZone}`;
        if (planned.get(key) === slot.subscriptions) continue;
        try {
          const edition = await deps.service.getOrComposeEdition(def, date, slot.deliveryTime);
          const n = await deps.store.enqueueDeliveries(edition.id, slot, due ? 'pending' : 'skipped', now, undefined, { dueAt, minGapMs: MIN_DELIVERY_GAP_MS });
          planned.set(key, slot.subscriptions);
          if (n > 0) {
            (due ? result.enqueued : result.skipped)[key] = n;
            if (due) deps.log.info({ slot: key, deliveries: n }, 'deliveries due');
            else deps.log.info({ slot: key, deliveries: n, lateMinutes: Math.round(late / 60_000) }, 'deliveries skipped: past the catch-up window');
          }
        } catch (err) {
          // One failing slot never stops the others; it is planned again next tick.
          deps.log.error({ slot: key, err: (err as Error).message }, 'planning a slot failed');
        }
      }
    }
    if (aheadMs > 0) composeAhead(slots, now);
    if (Object.keys(result.enqueued).length > 0) deps.onEnqueued?.();
    if (planned.size > 10_000) planned.clear();
    return result;
  }

  /**
   * Starts, without waiting for it, the composition of each edition due within `aheadMinutes`
   * (once per edition and instance; an instance that finds another composing it leaves it be).
   */
  function composeAhead(slots: readonly { briefingId: string; timeZone: string; deliveryTime: string }[], now: number): void {
    const compose = deps.service.composeAhead?.bind(deps.service);
    if (!compose) return;
    for (const slot of slots) {
      const def = byId.get(slot.briefingId);
      if (!def) continue;
      const dates = new Set([toLocalParts(new Date(now), slot.timeZone).date, toLocalParts(new Date(now + aheadMs), slot.timeZone).date]);
      for (const date of dates) {
        const early = zonedTimeToInstant(date, slot.deliveryTime, slot.timeZone) - now;
        if (early <= 0 || early > aheadMs) continue;
        const key = `${slot.briefingId}|${date}|${slot.deliveryTime}`;
        if (aheadStarted.has(key)) continue;
        aheadStarted.add(key);
        deps.log.info({ edition: key, minutesAhead: Math.round(early / 60_000) }, 'composing an edition ahead of its slot');
        compose(def, date, slot.deliveryTime).then(
          (edition) => {
            if (!edition) deps.log.info({ edition: key }, 'another instance is composing this edition ahead; not composed here');
          },
          (err: unknown) => {
            // Composed again at the slot, when due.
            aheadStarted.delete(key);
            deps.log.error({ edition: key, err: (err as Error).message }, 'composing ahead failed; tried again at the slot');
          },
        );
      }
    }
    if (aheadStarted.size > 10_000) aheadStarted.clear();
  }

  async function cleanUp(): Promise<PurgeCounts | undefined> {
    const r = deps.retention;
    if (!r) return undefined;
    const now = deps.clock.now().getTime();
    const days = (n: number): number => now - n * DAY_MS;
    // Editions by local date: the oldest zone's date is no later than UTC's by more than a day.
    const counts = await deps.store.purge({
      articlesBefore: days(r.articlesDays),
      digestsBefore: days(r.digestsDays),
      ledgerBefore: days(r.ledgerDays),
      editionsBefore: new Date(days(r.editionsDays)).toISOString().slice(0, 10),
      // Telegram retries an update for a day at most: a claim older than two is of no more use.
      updatesBefore: days(2),
    });
    deps.log.info({ ...counts }, 'retention clean-up done');
    return counts;
  }

  return {
    start() {
      task = cron.schedule(
        '* * * * *',
        () => tick().then(
          () => undefined,
          (err: unknown) => deps.log.error({ err: (err as Error).message }, 'tick failed'),
        ),
        { noOverlap: true, name: 'briefing-tick' },
      );
      if (deps.retention) {
        cleanUpTask = cron.schedule(
          '17 3 * * *',
          () => cleanUp().then(
            () => undefined,
            (err: unknown) => deps.log.error({ err: (err as Error).message }, 'retention clean-up failed; tried again tomorrow'),
          ),
          { noOverlap: true, name: 'retention-clean-up' },
        );
      }
    },
    async stop() {
      await task?.destroy();
      await cleanUpTask?.destroy();
      task = cleanUpTask = undefined;
      await running;
    },
    tick,
    cleanUp,
    lastTickAt: () => lastTick,
  };
}
