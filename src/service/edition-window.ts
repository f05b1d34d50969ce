/**
 * What an edition covers when feeds are polled all day: the articles that arrived since the
 * previous edition of the same briefing and slot (every subscriber of the slot received that
 * one), within a maximum window; and the stories the slot's earlier editions already sent.
 */
import type { Edition, Store } from '../core/ports.js';
import type { BriefingItem } from '../core/types.js';
import { toLocalParts } from '../core/time.js';

/** Arrivals in [from, to), epoch ms. */
export interface EditionWindow {
  from: number;
  to: number;
}

const DAY_MS = 86_400_000;

/**
 * How far a window reaches back into the previous one: a poll that took its arrival time just
 * before the previous edition read the store, and wrote just after, is read by this one. What the
 * previous edition sent of that overlap is left out as already sent (story-updates.ts).
 */
export const WINDOW_OVERLAP_MS = 60_000;

/**
 * The window of an edition composed at `now`: from where the previous edition's window ended (its
 * composing time for editions stored before windows were recorded), less {@link WINDOW_OVERLAP_MS},
 * but never more than `maxWindowMs` back; to `now`.
 */
export function windowAfter(previous: Pick<Edition, 'createdAt' | 'briefing'> | undefined, now: number, maxWindowMs: number): EditionWindow {
  const floor = now - maxWindowMs;
  const end = previous ? (previous.briefing.coverage?.to ?? previous.createdAt) - WINDOW_OVERLAP_MS : floor;
  return { from: Math.min(now, Math.max(floor, end)), to: now };
}

/** The editions of `briefingId` at `slot` before `date` composed within `lookbackMs` of `now`, newest first. */
export async function earlierEditions(store: Store, key: { briefingId: string; date: string; slot: string; timeZone: string }, now: number, lookbackMs: number): Promise<Edition[]> {
  const fromDate = toLocalParts(new Date(now - lookbackMs - DAY_MS), key.timeZone).date;
  const listed = await store.listEditions(key.briefingId, { fromDate });
  const out: Edition[] = [];
  for (const e of listed) {
    if (e.slot !== key.slot || e.date >= key.date) continue;
    const full = await store.getEdition(e.briefingId, e.date, e.slot);
    if (full) out.push(full);
  }
  return out;
}

/** The items the editions sent (the stories a new edition must not repeat), within the lookback. */
export function sentItems(editions: readonly Edition[], now: number, lookbackMs: number): BriefingItem[] {
  return editions.filter((e) => e.createdAt >= now - lookbackMs).flatMap((e) => e.briefing.groups.flatMap((g) => g.items));
}
