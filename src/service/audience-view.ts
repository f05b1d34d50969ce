/**
 * What one reader sees of an edition. The one place that narrows a briefing to a subscription's
 * topics and filters (+words, -words, muted outlets), or to the words a person asked about on demand; the delivery engine (through the
 * service) and every channel's on-demand answer go through it.
 */
import { normalizeArabic } from '../arabic/index.js';
import { contentStems } from '../composer/index.js';
import type { Audience, Briefing, BriefingDefinition, BriefingItem } from '../core/types.js';
import { compileFilters, itemStems, type CompiledFilters } from './subscription-filters.js';

type Group = Briefing['groups'][number];

/**
 * The id of a group's topic: recorded on the group, or (editions stored before ids were) the id of
 * the definition's topic with that title.
 */
function topicIdOf(group: Group, definition: BriefingDefinition | undefined): string | undefined {
  return group.topicId ?? definition?.topics.find((t) => t.title === group.topic)?.id;
}

/**
 * A topic title as a person may type it: normalized, each word without its article (and a «و» or
 * «ف» before it) or a leading «و» («السياسة والأمن» and «سياسة وأمن» are one, «الفنون» is
 * «فنون»), at least three letters kept.
 */
function titleKey(text: string): string {
  return normalizeArabic(text)
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/^(?:[وف]ال|ال|و)(?=\S{3})/, ''))
    .join(' ');
}

/** Whether every light-stemmed content word of `words` is in the item's headline or bullets. */
function itemMentions(item: BriefingItem, wordStems: readonly string[]): boolean {
  if (wordStems.length === 0) return false;
  const stems = itemStems(item);
  return wordStems.every((s) => stems.has(s));
}

/**
 * The item as a subscriber who muted some outlets sees it: without their links; undefined when
 * every outlet that reported it is muted (an item with no outlets listed counts its digest's).
 */
function withoutMuted(item: BriefingItem, filters: CompiledFilters): BriefingItem | undefined {
  const outlets = item.sources.length > 0 ? item.sources : [item.digest.source];
  const kept = outlets.filter((s) => !filters.mutes(s));
  if (kept.length === 0) return undefined;
  if (item.sources.length === 0 || kept.length === item.sources.length) return item;
  return { ...item, sources: kept };
}

/**
 * The briefing as `audience` is to see it:
 * - `topics` (ids of the briefing's topics) keep those topics' groups; none keeps all; items of
 *   other groups that mention a `+word` of the filters are kept too, in their own group;
 * - `query`, when it names a topic (its title, with or without the article, or its id in any
 *   case; diacritics and hamza forms ignored), keeps
 *   that topic; otherwise it keeps the items whose headline and bullets hold every one of its
 *   light-stemmed words («النفط» finds «نفط», «للنفط»);
 * - then the items that mention a `-word` go, and those whose every outlet is muted; an item with
 *   a muted outlet among others stays, without that outlet's link.
 * So a subscription receives (its topics ∪ +words) − -words − muted outlets. Groups left empty
 * are dropped; `leftOut` counts the stories left out, `hiddenByFilters` those of them that the
 * topics and query kept and the -words and muted outlets then took out. Pure; the edition itself is never changed.
 *
 * @example
 * viewFor(edition.briefing, { topics: ['sports'] }, morning)      // the «رياضة» group only
 * viewFor(edition.briefing, { topics: [], query: 'اقتصاد' }, morning) // the «اقتصاد» group
 * viewFor(edition.briefing, { topics: [], query: 'النفط' }, morning)  // any item about oil
 * viewFor(edition.briefing, { topics: ['sports'], filters: { include: ['النفط'], exclude: ['كرة'], muted: ['الجزيرة'] } }, morning)
 */
export function viewFor(briefing: Briefing, audience: Audience, definition?: BriefingDefinition): Briefing {
  const query = audience.query?.trim() ?? '';
  const filters = compileFilters(audience.filters);
  if (audience.topics.length === 0 && !query && filters.none) return briefing;
  let groups = briefing.groups;
  if (audience.topics.length > 0) {
    const wanted = new Set(audience.topics);
    groups = groups.map((g) => {
      const id = topicIdOf(g, definition);
      if (id !== undefined && wanted.has(id)) return g;
      return { ...g, items: filters.hasInclude ? g.items.filter((item) => filters.includes(item)) : [] };
    });
  }
  groups = groups.filter((g) => g.items.length > 0);
  if (query) {
    // A topic is named by its title with or without the article («الرياضة» is «رياضة», not the
    // word «الرياض» looked for in every story) or by its id in any case («Sports», typed on a phone).
    const q = titleKey(query);
    const named = groups.filter((g) => titleKey(g.topic) === q || topicIdOf(g, definition)?.toLowerCase() === query.toLowerCase());
    if (named.length > 0) groups = named;
    else {
      const stems = contentStems(query);
      groups = groups.map((g) => ({ ...g, items: g.items.filter((item) => itemMentions(item, stems)) }));
    }
  }
  const count = (gs: readonly Group[]): number => gs.reduce((n, g) => n + g.items.length, 0);
  const matched = count(groups);
  if (!filters.none) {
    groups = groups.map((g) => ({
      ...g,
      items: g.items.filter((item) => !filters.excludes(item)).flatMap((item) => withoutMuted(item, filters) ?? []),
    }));
  }
  groups = groups.filter((g) => g.items.length > 0);
  // How many stories the reader does not see, and how many of them only their -words and muted
  // outlets hid: a view left empty says so, rather than «no news yet» or «nothing about that».
  const leftOut = count(briefing.groups) - count(groups);
  const hiddenByFilters = matched - count(groups);
  return { ...briefing, groups, ...(leftOut > 0 ? { leftOut } : {}), ...(hiddenByFilters > 0 ? { hiddenByFilters } : {}) };
}
