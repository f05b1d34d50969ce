/** Row ↔ object mapping shared by the SQL stores (column names are the same in both). */
import type { Arrival, Article, Heartbeat, SubscriptionFilters, Delivery, DeliveryStatus, Edition, EditionSummary, FeedHealth, SubscriptionCount, Subscription, SubscriptionStatus, Platform, Briefing } from '../core/index.js';

/** A subscriptions row. */
export interface SubscriptionRow {
  id: string;
  platform: string;
  destination: string;
  thread_id: string;
  briefing_id: string;
  topics: string;
  /** JSON of the subscriber's filters ('{}' when none; migration 5). */
  filters?: string;
  delivery_time: string;
  time_zone: string;
  status: string;
  status_reason: string | null;
  created_at: number | string;
  updated_at: number | string;
}

export function toSubscription(r: SubscriptionRow): Subscription {
  return {
    id: r.id,
    platform: r.platform as Platform,
    destination: r.destination,
    ...(r.thread_id ? { threadId: r.thread_id } : {}),
    briefingId: r.briefing_id,
    topics: JSON.parse(r.topics) as string[],
    filters: parseFilters(r.filters),
    deliveryTime: r.delivery_time,
    timeZone: r.time_zone,
    status: r.status as SubscriptionStatus,
    ...(r.status_reason ? { statusReason: r.status_reason } : {}),
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** The filters column as stored: '{}' (or a missing column) is no filter. */
function parseFilters(json: string | undefined): SubscriptionFilters {
  const f = (json ? JSON.parse(json) : {}) as Partial<SubscriptionFilters>;
  return { include: f.include ?? [], exclude: f.exclude ?? [], muted: f.muted ?? [] };
}

/** The filters to write, or null to keep what is stored. */
export function filtersJson(filters: SubscriptionFilters | undefined): string | null {
  return filters ? JSON.stringify({ include: filters.include, exclude: filters.exclude, muted: filters.muted }) : null;
}

/** A deliveries row. */
export interface DeliveryRow {
  id: number | string;
  subscription_id: string;
  edition_id: string;
  status: string;
  attempts: number;
  last_error: string | null;
  message_ids: string;
  /** Migration 10. */
  parts_done?: number | string;
  parts_total?: number | string;
  parts_key?: string | null;
  next_attempt_at: number | string;
  updated_at: number | string;
}

/** Why recovery put back a briefing in parts whose part (not its last) was in flight when its sender stopped. */
export const RESUMED_AFTER_STOP = 'a part was in flight when its sender stopped (it may have been posted; not sent again): the next parts go on';

export function toDelivery(r: DeliveryRow): Delivery {
  return {
    id: String(r.id),
    subscriptionId: r.subscription_id,
    editionId: r.edition_id,
    status: r.status as DeliveryStatus,
    attempts: Number(r.attempts),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    messageIds: JSON.parse(r.message_ids) as string[],
    partsDone: Number(r.parts_done ?? 0),
    partsTotal: Number(r.parts_total ?? 0),
    ...(r.parts_key ? { partsKey: r.parts_key } : {}),
    nextAttemptAt: Number(r.next_attempt_at),
    updatedAt: Number(r.updated_at),
  };
}

/** An editions row. */
export interface EditionRow {
  id: string;
  briefing_id: string;
  local_date: string;
  slot: string;
  briefing_json: string;
  created_at: string;
}

export function toEdition(r: EditionRow): Edition {
  return {
    id: r.id,
    briefingId: r.briefing_id,
    date: r.local_date,
    slot: r.slot,
    briefing: JSON.parse(r.briefing_json) as Briefing,
    createdAt: Date.parse(r.created_at),
  };
}

/** An editions row without its content. */
export function toEditionSummary(r: Omit<EditionRow, 'briefing_json'>): EditionSummary {
  return { id: r.id, briefingId: r.briefing_id, date: r.local_date, slot: r.slot, createdAt: Date.parse(r.created_at) };
}

/** A row of subscriptions grouped by briefing, platform, status and reason. */
export function toSubscriptionCount(r: { briefing_id: string; platform: string; status: string; status_reason: string | null; n: number | string }): SubscriptionCount {
  return {
    briefingId: r.briefing_id,
    platform: r.platform as Platform,
    status: r.status as SubscriptionStatus,
    ...(r.status_reason ? { reason: r.status_reason } : {}),
    count: Number(r.n),
  };
}

/** A feed_health row. */
export interface FeedHealthRow {
  url: string;
  consecutive_failures: number;
  last_error: string | null;
  last_success_at: number | string | null;
  next_try_at: number | string;
  paused: number | boolean;
  etag?: string | null;
  last_modified?: string | null;
  moved_to?: string | null;
}

export function toFeedHealth(r: FeedHealthRow): FeedHealth {
  return {
    url: r.url,
    consecutiveFailures: Number(r.consecutive_failures),
    ...(r.last_error ? { lastError: r.last_error } : {}),
    ...(r.last_success_at !== null ? { lastSuccessAt: Number(r.last_success_at) } : {}),
    nextTryAt: Number(r.next_try_at),
    paused: Boolean(r.paused),
    ...(r.etag ? { etag: r.etag } : {}),
    ...(r.last_modified ? { lastModified: r.last_modified } : {}),
    ...(r.moved_to ? { movedTo: r.moved_to } : {}),
  };
}

/** An arrivals row (the columns read back). */
export interface ArrivalRow {
  source_key: string;
  article_json: string;
  arrived_at: number | string;
}

export function toArrival(r: ArrivalRow): Arrival {
  return { sourceKey: r.source_key, article: JSON.parse(r.article_json) as Article, arrivedAt: Number(r.arrived_at) };
}

/** Error text stored in the ledger: bounded, single line. */
export function clip(text: string, max = 500): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * A heartbeat's answer from the other live instances' rows: how many there are and the least
 * share any of them recorded (null when none; 0 for a row of a version that records no share).
 */
export function toHeartbeat(others: number | string, leastShare: number | string | null): Heartbeat {
  const instances = 1 + Number(others);
  return { instances, acknowledged: instances === 1 || Number(leastShare ?? 0) >= instances };
}
