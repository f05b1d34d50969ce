/**
 * The figures of the operator's dashboard: per briefing, the last editions with their delivery
 * counts, deliveries per day, subscriptions by platform and state, and the health of its feeds.
 */
import type { Clock, Store } from '../core/ports.js';
import type { BriefingDefinition, DeliveryStatus, FeedHealth, Platform, SubscriptionStatus } from '../core/types.js';
import { previousDate, toLocalParts } from '../core/time.js';

/**
 * Ledger rows of an edition (or a day) by outcome; `partial` went out as some of its messages
 * only; `inProgress` is pending, claimed or sending.
 */
export interface DeliveryCounts {
  sent: number;
  partial: number;
  failed: number;
  unknown: number;
  skipped: number;
  inProgress: number;
}

/** One edition on the dashboard. */
export interface EditionReport {
  date: string;
  slot: string;
  /** Epoch milliseconds. */
  createdAt: number;
  deliveries: DeliveryCounts;
}

/** A feed of a briefing with its health (none when it was never fetched). */
export interface FeedReport {
  name: string;
  url: string;
  health?: FeedHealth;
}

/** Subscriptions of one platform in one state (and why, when paused or gone). */
export interface SubscriptionGroup {
  platform: Platform;
  status: SubscriptionStatus;
  reason?: string;
  count: number;
}

/** Everything the dashboard shows about one briefing. */
export interface BriefingReport {
  id: string;
  title: string;
  /** The briefing's IANA zone: its dates are local dates there. */
  timeZone: string;
  /** The last editions, newest first. */
  editions: EditionReport[];
  /** One entry per local date of the last days, oldest first (days without editions count zero). */
  deliveriesPerDay: ({ date: string } & DeliveryCounts)[];
  subscriptions: SubscriptionGroup[];
  feeds: FeedReport[];
}

/**
 * The LLM guard's rejections on this instance since it started (LLM mode only; absent in
 * extractive mode): the last ones, newest first, and counts by reason.
 */
export interface GuardReport {
  rejections: { at: number; briefingId: string; reason: string }[];
  /** Rejections by reason (number, quote, name, novel, language, length, link, parse). */
  counts?: Record<string, number>;
}

/** The whole dashboard. */
export interface OperationsReport {
  /** Epoch milliseconds. */
  generatedAt: number;
  briefings: BriefingReport[];
  /** Feeds with health in the store that no configured briefing reads any more. */
  otherFeeds: FeedHealth[];
  /** LLM mode only (see {@link GuardReport}). */
  guard?: GuardReport;
}

/** What {@link createOperationsReport} needs. */
export interface OperationsReportDeps {
  store: Pick<Store, 'listEditions' | 'countDeliveriesByEdition' | 'countSubscriptions' | 'listFeedHealth'>;
  definitions: readonly BriefingDefinition[];
  clock: Clock;
  /** The guard's journal (LLM mode): its report fills the dashboard's section on rejections. */
  guard?: () => GuardReport;
}

/** Options for {@link createOperationsReport}. */
export interface OperationsReportOptions {
  /** Editions listed per briefing (default 10). */
  editions: number;
  /** Days in the deliveries-per-day series (default 14). */
  days: number;
}

/** Default {@link OperationsReportOptions}. */
export const DEFAULT_OPERATIONS_REPORT_OPTIONS: OperationsReportOptions = { editions: 10, days: 14 };

const ZERO: DeliveryCounts = { sent: 0, partial: 0, failed: 0, unknown: 0, skipped: 0, inProgress: 0 };

/** Folds a status count into the dashboard's five outcomes. */
export function toDeliveryCounts(byStatus: Partial<Record<DeliveryStatus, number>> = {}): DeliveryCounts {
  return {
    sent: byStatus.sent ?? 0,
    partial: byStatus.partial ?? 0,
    failed: byStatus.failed ?? 0,
    unknown: byStatus.unknown ?? 0,
    skipped: byStatus.skipped ?? 0,
    inProgress: (byStatus.pending ?? 0) + (byStatus.claimed ?? 0) + (byStatus.sending ?? 0),
  };
}

function add(a: DeliveryCounts, b: DeliveryCounts): DeliveryCounts {
  return { sent: a.sent + b.sent, partial: a.partial + b.partial, failed: a.failed + b.failed, unknown: a.unknown + b.unknown, skipped: a.skipped + b.skipped, inProgress: a.inProgress + b.inProgress };
}

/**
 * Creates the report builder; each call reads the store afresh (the dashboard is not cached).
 *
 * @example
 * const report = createOperationsReport({ store, definitions: config.briefings, clock });
 * const { briefings } = await report();
 */
export function createOperationsReport(deps: OperationsReportDeps, options: Partial<OperationsReportOptions> = {}): () => Promise<OperationsReport> {
  const opts = { ...DEFAULT_OPERATIONS_REPORT_OPTIONS, ...options };
  return async () => {
    const now = deps.clock.now();
    const [subscriptions, feeds] = await Promise.all([deps.store.countSubscriptions(), deps.store.listFeedHealth()]);
    const feedByUrl = new Map(feeds.map((f) => [f.url, f]));
    const configured = new Set<string>();
    const briefings: BriefingReport[] = [];
    for (const def of deps.definitions) {
      const today = toLocalParts(now, def.timeZone).date;
      const days = [today];
      while (days.length < opts.days) days.unshift(previousDate(days[0]!));
      const recent = await deps.store.listEditions(def.id, { fromDate: days[0]! });
      const latest = await deps.store.listEditions(def.id, { limit: opts.editions });
      const ids = [...new Set([...recent, ...latest].map((e) => e.id))];
      const counts = await deps.store.countDeliveriesByEdition(ids);
      const perDay = new Map(days.map((d) => [d, { ...ZERO }]));
      for (const e of recent) {
        const day = perDay.get(e.date);
        if (day) perDay.set(e.date, add(day, toDeliveryCounts(counts[e.id])));
      }
      briefings.push({
        id: def.id,
        title: def.title,
        timeZone: def.timeZone,
        editions: latest.map((e) => ({ date: e.date, slot: e.slot, createdAt: e.createdAt, deliveries: toDeliveryCounts(counts[e.id]) })),
        deliveriesPerDay: days.map((date) => ({ date, ...perDay.get(date)! })),
        subscriptions: subscriptions
          .filter((s) => s.briefingId === def.id)
          .map((s) => ({ platform: s.platform, status: s.status, ...(s.reason ? { reason: s.reason } : {}), count: s.count })),
        feeds: def.sources
          .filter((s) => s.kind === 'feed')
          .map((s) => {
            configured.add(s.url);
            const health = feedByUrl.get(s.url);
            return { name: s.name, url: s.url, ...(health ? { health } : {}) };
          }),
      });
    }
    return { generatedAt: now.getTime(), briefings, otherFeeds: feeds.filter((f) => !configured.has(f.url)), ...(deps.guard ? { guard: deps.guard() } : {}) };
  };
}
