/** The web's URLs: one place that knows how an edition, a day, an archive and a feed are addressed. */
import type { Briefing } from '../../core/types.js';

/** A local date, YYYY-MM-DD. */
export const DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
/** A slot in a URL: HHMM (the stored slot is HH:MM). */
const SLOT_RE = /^([01]\d|2[0-3])[0-5]\d$/;

/** "07:30" → "0730". */
export function slotToPath(slot: string): string {
  return slot.replace(':', '');
}

/** "0730" → "07:30" (undefined when it is not a time). */
export function slotFromPath(segment: string): string | undefined {
  return SLOT_RE.test(segment) ? `${segment.slice(0, 2)}:${segment.slice(2)}` : undefined;
}

/** Paths of the web pages (without the public URL's own path). */
export const webPaths = {
  home: (): string => '/',
  latest: (briefingId: string): string => `/b/${encodeURIComponent(briefingId)}/`,
  day: (briefingId: string, date: string): string => `/b/${encodeURIComponent(briefingId)}/${date}`,
  edition: (briefingId: string, date: string, slot: string): string => `/b/${encodeURIComponent(briefingId)}/${date}/${slotToPath(slot)}`,
  archive: (briefingId: string): string => `/b/${encodeURIComponent(briefingId)}/archive`,
  archiveMonth: (briefingId: string, month: string): string => `/b/${encodeURIComponent(briefingId)}/archive/${month}`,
  feed: (briefingId: string): string => `/b/${encodeURIComponent(briefingId)}/feed.atom`,
  admin: (): string => '/admin',
};

/**
 * The page of a briefing's edition under a public base URL: its slot's page when the briefing
 * knows its slot, else its day's page. What Telegram and Slack messages link to.
 *
 * @example
 * editionUrl('https://briefing.example.com', { briefingId: 'morning', date: '2026-11-29', slot: '07:00', … })
 * // → 'https://briefing.example.com/b/morning/2026-11-29/0700'
 */
export function editionUrl(publicUrl: string, briefing: Pick<Briefing, 'briefingId' | 'date' | 'slot'>): string {
  const path = briefing.slot ? webPaths.edition(briefing.briefingId, briefing.date, briefing.slot) : webPaths.day(briefing.briefingId, briefing.date);
  return `${publicUrl.replace(/\/+$/, '')}${path}`;
}
