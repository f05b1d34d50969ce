/** One change (words, mutes) applied to every live subscription of a destination, for every channel. */
import { BriefingError } from '../core/errors.js';
import type { BriefingDefinition, ChannelRef, SourceRef, Subscription, SubscriptionChange } from '../core/types.js';
import type { BriefingService } from './briefing-service.js';
import { compileFilters } from './subscription-filters.js';

/** What {@link changeEverySubscription} did: the subscriptions as saved, or why nothing was. */
export type ChangeEveryResult = { subs: Subscription[] } | { error: 'not_subscribed' | 'filters_full' | 'mutes_full' };

/**
 * Applies `change` through `service.updateSubscription` to each live subscription of `ref` whose
 * briefing is still configured. `not_subscribed` when there is none; `filters_full` or
 * `mutes_full` when a limit refused it (the filters are kept alike across them, so the first
 * refuses before any is changed).
 */
export async function changeEverySubscription(service: BriefingService, definitions: readonly BriefingDefinition[], ref: ChannelRef, change: SubscriptionChange): Promise<ChangeEveryResult> {
  const defs = new Map(definitions.map((d) => [d.id, d]));
  const subs = (await service.subscriptionsOf(ref)).filter((s) => defs.has(s.briefingId));
  if (subs.length === 0) return { error: 'not_subscribed' };
  const out: Subscription[] = [];
  try {
    for (const s of subs) out.push(await service.updateSubscription(defs.get(s.briefingId)!, ref, change));
  } catch (err) {
    if (err instanceof BriefingError && (err.code === 'filters_full' || err.code === 'mutes_full')) return { error: err.code };
    throw err;
  }
  return { subs: out };
}

/**
 * The names among `names` that mute no outlet of today's editions of the briefings `subs` receive:
 * a name mistyped, or written otherwise than under the stories, mutes nothing, and /mute says so.
 * Only editions already composed are read (never composes: for answers that must be instant);
 * with none composed, none is named.
 */
export async function namesOfNoOutletToday(service: Pick<BriefingService, 'cachedEdition'>, definitions: readonly BriefingDefinition[], subs: readonly Subscription[], names: readonly string[]): Promise<string[]> {
  const sources: SourceRef[] = [];
  for (const s of subs) {
    const def = definitions.find((d) => d.id === s.briefingId);
    const edition = def && (await service.cachedEdition(def));
    for (const item of edition?.briefing.groups.flatMap((g) => g.items) ?? []) sources.push(...item.sources, item.digest.source);
  }
  if (sources.length === 0) return [];
  return names.filter((name) => {
    const f = compileFilters({ include: [], exclude: [], muted: [name] });
    return !sources.some((source) => f.mutes(source));
  });
}
