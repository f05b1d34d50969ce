/**
 * What one reader sees of an edition. The one place that narrows a briefing to a subscription's
 * topics and filters (+words, -words, muted outlets), or to the words a person asked about on demand; the delivery engine (through the
 * service) and every channel's on-demand answer go through it.
 */
import { normalizeArabic, stripBidiControls } from '../arabic/index.js';
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

// What separates the parts of a query besides spaces: commas, and a «و» standing alone.
const QUERY_SEPARATORS = /[\s,\u060C]+/u;

/** A topic as a person may name it: by its title or its id; `value` is what naming it gives. */
interface NameableTopic<T> {
  value: T;
  id: string | undefined;
  title: string;
}

/**
 * The topics a text names, and its other words, in order; the one reading of topic names for an
 * on-demand query and for choosing topics. By title (of one word or several: «سياسة وأمن»; with
 * `partialTitles`, where every word is meant as a topic's name, also one word of a title of several
 * that no other title has: «سياسة»), or by id in any case; diacritics,
 * tatweel, hamza forms and direction marks aside; commas, a lone «و», «and» or «&» between names.
 */
function readTopicNames<T>(text: string, topics: readonly NameableTopic<T>[], partialTitles: boolean): { named: T[]; rest: string[]; folded: string[] } {
  const words = stripBidiControls(text)
    .split(QUERY_SEPARATORS)
    .filter((w) => !['', 'و', 'and', '&'].includes(normalizeArabic(w).toLowerCase()));
  const folded = words.map((w) => normalizeArabic(w).toLowerCase());
  // Each word as a title's word is compared: without its article or «و» («الرياضة» is «رياضة», not
  // the word «الرياض» looked for in every story).
  const keys = words.map(titleKey);
  const titles = topics.map((t) => ({ value: t.value, idKey: t.id === undefined ? undefined : normalizeArabic(t.id).toLowerCase(), words: titleKey(t.title).split(' ').filter(Boolean) }));
  const named: T[] = [];
  const rest: string[] = [];
  for (let i = 0; i < words.length; ) {
    // The longest title that starts here, or an id.
    let best: { value: T; length: number } | undefined;
    for (const t of titles) {
      if (best === undefined && t.idKey !== undefined && folded[i] === t.idKey) best = { value: t.value, length: 1 };
      const n = t.words.length;
      if (n === 0 || i + n > words.length || (best !== undefined && best.length >= n)) continue;
      if (t.words.every((w, k) => w === keys[i + k])) best = { value: t.value, length: n };
    }
    // Else one word of a title of several that no other title has («سياسة» for «سياسة وأمن»).
    if (!best && partialTitles && keys[i]!.length >= 3) {
      const partOf = titles.filter((t) => t.words.length > 1 && t.words.includes(keys[i]!));
      if (partOf.length === 1) best = { value: partOf[0]!.value, length: 1 };
    }
    if (best) {
      if (!named.includes(best.value)) named.push(best.value);
      i += best.length;
    } else rest.push(words[i++]!);
  }
  return { named, rest, folded };
}

/**
 * The topics a query names ({@link readTopicNames}) and its other words, in order: «رياضة طقس»
 * names two topics; «رياضة النفط» one topic and a word. A word of a title of several is looked for
 * in the stories («الأمن» finds «الأمن الغذائي» in economy; «مجلس الأمن» is two words to find).
 */
function readQuery(query: string, groups: readonly Group[], definition: BriefingDefinition | undefined): { named: Set<Group>; rest: string[] } {
  const { named, rest } = readTopicNames(query, groups.map((g) => ({ value: g, id: topicIdOf(g, definition), title: g.topic })), false);
  return { named: new Set(named), rest };
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
 * - `query` keeps the topics it names (by title, with or without the article, or by id in any
 *   case; diacritics and hamza forms ignored; one or several: «رياضة طقس», «الرياضة والاقتصاد»),
 *   and, from the other topics, the items whose headline and bullets hold every one of its other
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
    const { named, rest } = readQuery(query, groups, definition);
    const stems = contentStems(rest.join(' '));
    groups = groups.map((g) => (named.has(g) ? g : { ...g, items: g.items.filter((item) => itemMentions(item, stems)) }));
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

/** Words that mean every topic («/briefing topics الكل»), normalized; «المواضيع» may follow them. */
const EVERY_TOPIC = new Set(['الكل', 'كل', 'all', 'جميع', 'الجميع']);
const TOPICS_WORD = new Set(['المواضيع', 'مواضيع', 'topics']);

/**
 * The topics of `definition` a person named to choose them (/briefing topics in Slack): by title,
 * of one word or several, with or without the article or a «و» before it («الرياضة واقتصاد»), or
 * by id in any case, or by one word of a title of several that no other title has («سياسة» for
 * «سياسة وأمن»); diacritics, tatweel, hamza forms, Arabic-Indic digits and direction marks aside;
 * commas and a lone «و» between names. `ids` in the order named, without repeats;
 * `unknown` the words that named none; `all` when the words ask for every topic («الكل», «all»,
 * «كل المواضيع»).
 *
 * @example
 * pickTopics('الرياضة و Economy', morning) // → { ids: ['sports', 'economy'], unknown: [], all: false }
 * pickTopics('رياضه طقس', morning)        // → { ids: ['sports'], unknown: ['طقس'], all: false }
 */
export function pickTopics(text: string, definition: Pick<BriefingDefinition, 'topics'>): { ids: string[]; unknown: string[]; all: boolean } {
  const { named, rest, folded } = readTopicNames(text, definition.topics.map((t) => ({ value: t.id, id: t.id, title: t.title })), true);
  if (folded.length > 0 && folded.some((w) => EVERY_TOPIC.has(w)) && folded.every((w) => EVERY_TOPIC.has(w) || TOPICS_WORD.has(w))) return { ids: [], unknown: [], all: true };
  return { ids: named, unknown: rest, all: false };
}
