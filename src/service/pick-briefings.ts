/** Which of the configured briefings a person named («evening», «موجز المساء», «morning, evening»), for every channel. */
import { normalizeArabic, stripBidiControls } from '../arabic/index.js';
import type { BriefingDefinition, ChannelRef, Subscription } from '../core/types.js';
import type { BriefingService } from './briefing-service.js';
import { zoneOfPlace } from './parse-delivery-time.js';

const key = (s: string): string => normalizeArabic(stripBidiControls(s)).replace(/\s+/g, ' ').trim().toLowerCase();

/** What a briefing's title opens with that people leave out when they name it («موجز المساء» is «المساء»). */
const TITLE_HEADS = new Set(['موجز', 'نشره', 'نشرة', 'ملخص'].map(key));

/**
 * The short names of a briefing: its title without the word «موجز» in front, with and without the
 * article («موجز المساء» → «المساء», «مساء»), unless that names a place (a «موجز دبي» is not «دبي»,
 * which /time reads as Dubai's zone).
 */
function shortKeys(title: string): string[] {
  const [head, ...rest] = key(title).split(' ');
  if (!head || !TITLE_HEADS.has(head) || rest.length === 0) return [];
  const short = rest.join(' ');
  const names = rest.length === 1 && short.startsWith('ال') && short.length > 4 ? [short, short.slice(2)] : [short];
  return zoneOfPlace(short) === undefined ? names : [];
}

/**
 * The briefings named in `text`, by id (any case) or title (diacritics and hamza forms aside;
 * the title without its «موجز» too, see shortKeys): the whole text as one title, else each part
 * between commas, else each run of words (the longest first), «و» or «and» between them read past.
 * `unknown` holds the words that named none. Without repeats, in the order named.
 *
 * @example
 * pickBriefings('evening morning', defs)  // → { found: [evening, morning], unknown: [] }
 * pickBriefings('موجز المساء', defs)      // → { found: [evening], unknown: [] }
 * pickBriefings('موجز الصباح وموجز المساء', defs) // → { found: [morning, evening], unknown: [] }
 */
export function pickBriefings(text: string, definitions: readonly BriefingDefinition[]): { found: BriefingDefinition[]; unknown: string[] } {
  const byName = (name: string): BriefingDefinition | undefined => {
    const k = key(name);
    if (!k) return undefined;
    return definitions.find((d) => d.id.toLowerCase() === k || key(d.title) === k) ?? definitions.find((d) => shortKeys(d.title).includes(k));
  };
  const found: BriefingDefinition[] = [];
  const unknown: string[] = [];
  const add = (d: BriefingDefinition): void => void (found.includes(d) || found.push(d));
  const whole = byName(text);
  if (whole) return { found: [whole], unknown };
  for (const part of text.split(/[,،\n]/).map((p) => p.trim()).filter(Boolean)) {
    const d = byName(part);
    if (d) {
      add(d);
      continue;
    }
    // Word by word, each run of words that names a briefing taken whole («موجز الصباح evening»),
    // read past «و» (and), alone or before a name («موجز الصباح وموجز المساء»).
    const words = part.split(/\s+/);
    for (let i = 0; i < words.length; i++) {
      if (AND.has(words[i]!.toLowerCase())) continue;
      let taken = 0;
      for (let n = words.length - i; n >= 1 && !taken; n--) {
        const run = words.slice(i, i + n).join(' ');
        const d = byName(run) ?? (run.startsWith('و') ? byName(run.slice(1)) : undefined);
        if (d) (add(d), (taken = n));
      }
      if (taken) i += taken - 1;
      else unknown.push(words[i]!);
    }
  }
  return { found, unknown };
}

/** «and» between names, as people write it. */
const AND = new Set(['و', 'and', '&']);

/** What a channel knows of the briefings: the one people subscribe to by default, and every briefing. */
export interface ChannelBriefings {
  briefing: BriefingDefinition;
  briefings?: readonly BriefingDefinition[];
}

/** Every briefing of the app, the default first. */
export function briefingsOf(deps: ChannelBriefings): readonly BriefingDefinition[] {
  return [deps.briefing, ...(deps.briefings ?? []).filter((b) => b.id !== deps.briefing.id)];
}

/** The definition of a briefing id, if it is still configured. */
export function definitionOf(deps: ChannelBriefings, id: string): BriefingDefinition | undefined {
  return briefingsOf(deps).find((b) => b.id === id);
}

/**
 * The briefings a command that names none may mean for a destination with these subscriptions:
 * the default one when it subscribes to it or to none, else those it subscribes to (the default
 * first, then as configured). One means that one; several (only non-default subscriptions) mean
 * the command should ask which.
 *
 * @example
 * unnamedBriefings(deps, [])                                  // → [default]
 * unnamedBriefings(deps, [{ briefingId: 'evening', … }])      // → [evening]
 */
export function unnamedBriefings(deps: ChannelBriefings, subs: readonly Pick<Subscription, 'briefingId'>[]): BriefingDefinition[] {
  const subscribed = briefingsOf(deps).filter((d) => subs.some((s) => s.briefingId === d.id));
  return subscribed.length === 0 || subscribed.includes(deps.briefing) ? [deps.briefing] : subscribed;
}

/** What an on-demand request answers: which briefing, the words asked about, and the filters that hold. */
export interface OnDemandChoice {
  definition: BriefingDefinition;
  /** The words asked about, without the briefing's name. */
  query: string;
  /** The -words and muted outlets of the destination's subscription to that briefing, if it has one. */
  filters?: Subscription['filters'];
}

/**
 * The briefing a destination asks for on demand (/briefing in Telegram or Slack): the one its
 * first word names («/briefing evening النفط»), else the default one when the destination
 * subscribes to it or to none, else the first it subscribes to (a chat that chose «موجز المساء»
 * gets that). The filters of the destination's subscription to the chosen briefing come along.
 *
 * @example
 * await onDemandBriefing(service, deps, ref, 'evening النفط') // → { definition: evening, query: 'النفط' }
 */
export async function onDemandBriefing(service: Pick<BriefingService, 'subscriptionsOf'>, deps: ChannelBriefings, ref: ChannelRef, text: string): Promise<OnDemandChoice> {
  const all = briefingsOf(deps);
  const trimmed = text.trim();
  const words = trimmed.split(/\s+/).filter(Boolean);
  const subs = await service.subscriptionsOf(ref);
  let definition: BriefingDefinition | undefined;
  let query = trimmed;
  if (all.length > 1 && words.length > 0) {
    // Longest leading run of words that names one briefing: a title may have several words.
    for (let n = words.length; n >= 1 && !definition; n--) {
      const picked = pickBriefings(words.slice(0, n).join(' '), all);
      if (picked.found.length === 1 && picked.unknown.length === 0) {
        definition = picked.found[0]!;
        query = words.slice(n).join(' ');
      }
    }
  }
  definition ??= unnamedBriefings(deps, subs)[0]!;
  const filters = subs.find((s) => s.briefingId === definition.id)?.filters;
  return { definition, query, ...(filters ? { filters } : {}) };
}
