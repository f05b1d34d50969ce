/** Turns a day's digests into one briefing: one item per story, ranked, grouped by topic, within a budget. */
import type { Briefing, BriefingItem, Digest, SourceRef, TopicDefinition } from '../core/types.js';
import { contentStems } from './text-features.js';
import { clusterStories, DEFAULT_CLUSTER_OPTIONS } from './cluster-stories.js';

/** Options for {@link composeBriefing}. */
export interface BriefingOptions {
  briefingId: string;
  title: string;
  /** Local date of the edition, YYYY-MM-DD. */
  date: string;
  topics: readonly TopicDefinition[];
  /** Most items in the briefing (default 12). */
  maxItems: number;
  /** Character budget for headlines and bullets together, in UTF-16 units (default 3500). */
  maxChars: number;
  /** Bullets shown per item (default 2). */
  bulletsPerItem: number;
  /** Two digests are one story when TF-IDF cosine to the story's centroid reaches this (see clusterStories; default 0.45). */
  sameStoryThreshold: number;
}

/** Defaults for {@link BriefingOptions} (the id, title, date and topics come from the definition). */
export const DEFAULT_BRIEFING_OPTIONS = { maxItems: 12, maxChars: 3500, bulletsPerItem: 2, sameStoryThreshold: DEFAULT_CLUSTER_OPTIONS.threshold } as const;

/** Title of the group for items that match no declared topic. */
export const OTHER_TOPIC = 'منوعات';

/** The topic whose keywords (light-stemmed, all words of a keyword present) the story's text matches most; undefined for none. */
function topicOf(d: Digest, topics: readonly TopicDefinition[]): TopicDefinition | undefined {
  const stems = new Set(contentStems(`${d.headline} ${d.bullets.map((b) => b.sourceSentence).join(' ')}`));
  let best: { topic: TopicDefinition; hits: number } | undefined;
  for (const t of topics) {
    let hits = 0;
    for (const k of t.keywords) {
      const ks = contentStems(k);
      if (ks.length > 0 && ks.every((x) => stems.has(x))) hits++;
    }
    if (d.topics.includes(t.id) || d.topics.includes(t.title)) hits += 2;
    if (hits > 0 && (best === undefined || hits > best.hits)) best = { topic: t, hits };
  }
  return best?.topic;
}

function itemChars(item: BriefingItem, bullets: number): number {
  return item.digest.headline.length + item.digest.bullets.slice(0, bullets).reduce((c, b) => c + b.text.length + 1, 0);
}

/**
 * Merges digests of the same story (the most important digest leads, every outlet is kept as a
 * source), ranks stories by importance (the digest's score plus a bonus per extra outlet:
 * a story several outlets carry matters more), keeps the best `maxItems` within `maxChars`,
 * and groups them by topic, the group of the top story first. Deterministic.
 *
 * @example
 * composeBriefing([digestA, digestB], { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] })
 *   .groups[0].items[0].sources // → every outlet that told the top story
 */
export function composeBriefing(
  digests: readonly Digest[],
  options: Pick<BriefingOptions, 'briefingId' | 'title' | 'date' | 'topics'> & Partial<BriefingOptions>,
): Briefing {
  const opts = { ...DEFAULT_BRIEFING_OPTIONS, ...options };
  const warnings: string[] = [];
  const usable = digests
    .filter((d) => {
      if (d.bullets.length === 0) {
        warnings.push(`${d.source.name}: ${d.warnings.map((w) => w.message).join('; ') || 'nothing to summarize'}`);
        return false;
      }
      return true;
    })
    .sort((a, b) => b.importance - a.importance || a.articleId.localeCompare(b.articleId));

  // The same event from several outlets is one story, led by its most important digest.
  const clusters = clusterStories(
    usable.map((d) => ({ title: d.headline, lead: d.bullets[0]?.sourceSentence ?? '', ...(d.published ? { published: d.published } : {}) })),
    { threshold: opts.sameStoryThreshold },
  );
  const stories = clusters.map((members) => {
    const lead = usable[members[0]!]!;
    const sources: SourceRef[] = [];
    for (const m of members) {
      const src = usable[m]!.source;
      if (!sources.some((s) => s.name === src.name && s.url === src.url)) sources.push(src);
    }
    // A story several outlets carry matters more.
    return { lead, sources, importance: lead.importance + 0.25 * (members.length - 1) };
  });
  stories.sort((a, b) => b.importance - a.importance || a.lead.articleId.localeCompare(b.lead.articleId));

  const items: BriefingItem[] = [];
  let chars = 0;
  for (const s of stories) {
    if (items.length >= opts.maxItems) break;
    const digest = { ...s.lead, bullets: s.lead.bullets.slice(0, opts.bulletsPerItem) };
    const topic = topicOf(s.lead, opts.topics);
    const item: BriefingItem = { digest, sources: s.sources, topic: topic?.title ?? OTHER_TOPIC, ...(topic ? { topicId: topic.id } : {}) };
    const cost = itemChars(item, opts.bulletsPerItem);
    if (chars + cost > opts.maxChars) {
      if (items.length === 0) warnings.push('The top story alone is over the character budget.');
      continue;
    }
    items.push(item);
    chars += cost;
  }
  const dropped = stories.length - items.length;
  if (dropped > 0) warnings.push(`${dropped} stories left out (budget of ${opts.maxItems} items / ${opts.maxChars} characters).`);

  const groups: Briefing['groups'] = [];
  for (const item of items) {
    const g = groups.find((x) => x.topic === item.topic);
    if (g) g.items.push(item);
    else groups.push({ topic: item.topic, ...(item.topicId ? { topicId: item.topicId } : {}), items: [item] });
  }
  return { briefingId: opts.briefingId, title: opts.title, date: opts.date, groups, warnings };
}
