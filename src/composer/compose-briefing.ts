/**
 * Turns a day's digests into one briefing in three steps, so that stories exist before anything
 * writes them: cluster (digests of the same event → one story, {@link clusterDigests}), write (the
 * extractive digests as they are, or a model behind the guard: see write-stories.ts), and rank
 * (importance, topics, budget, groups: {@link rankStories}). {@link composeBriefing} is cluster →
 * rank, the extractive path.
 */
import { normalizeArabic } from '../arabic/index.js';
import type { TopicClass } from '../core/topic-classes.js';
import { bulletBasis, type Briefing, type BriefingItem, type Digest, type SourceRef, type TopicDefinition } from '../core/types.js';
import { DEFAULT_TOPIC_THRESHOLD } from './topics/classify-topic.js';
import { contentStems } from './text-features.js';
import { clusterStories, clusterStoriesAsync, DEFAULT_CLUSTER_OPTIONS, type ClusterInput } from './cluster-stories.js';
import { withoutSent, withoutSentAsync } from './story-updates.js';

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
  /** An outlet's category (a feed's `<category>`, as written) → the class it means, e.g. { "رياضة": "sport" } (default none). */
  categories: Readonly<Record<string, TopicClass>>;
  /** A topic takes a story by its class when the classifier's best class has at least this probability (default 0.3, the classifier's threshold). */
  classThreshold: number;
  /** Items earlier editions sent: their stories are left out, or marked as updates when new outlets or facts joined (story-updates.ts; default none). */
  earlier: readonly BriefingItem[];
}

/** Defaults for {@link BriefingOptions} (the id, title, date and topics come from the definition). */
export const DEFAULT_BRIEFING_OPTIONS = {
  maxItems: 12,
  maxChars: 3500,
  bulletsPerItem: 2,
  sameStoryThreshold: DEFAULT_CLUSTER_OPTIONS.threshold,
  categories: {} as Readonly<Record<string, TopicClass>>,
  classThreshold: DEFAULT_TOPIC_THRESHOLD,
  earlier: [] as readonly BriefingItem[],
} as const;

/** Title of the group for items that match no declared topic. */
export const OTHER_TOPIC = 'منوعات';

/** A briefing's means of placing a story under a topic (see {@link topicOf}). */
interface TopicRules {
  topics: readonly TopicDefinition[];
  /** Normalized outlet category → class. */
  categories: ReadonlyMap<string, TopicClass>;
  classThreshold: number;
}

/**
 * The keyword topic: the one whose keywords (light-stemmed, all words of a keyword present) the
 * story's text matches most, among those it matches at least `minKeywords` of.
 */
function keywordTopic(d: Digest, topics: readonly TopicDefinition[]): TopicDefinition | undefined {
  const stems = new Set(contentStems(`${d.headline} ${d.bullets.map(bulletBasis).join(' ')}`));
  let best: { topic: TopicDefinition; hits: number } | undefined;
  for (const t of topics) {
    // A keyword written two ways («أمطار», «الأمطار») is one keyword: counted once.
    const matched = new Set<string>();
    for (const k of t.keywords) {
      const ks = contentStems(k);
      if (ks.length > 0 && ks.every((x) => stems.has(x))) matched.add(ks.join(' '));
    }
    const hits = matched.size;
    if (hits > 0 && hits >= (t.minKeywords ?? 1) && (best === undefined || hits > best.hits)) best = { topic: t, hits };
  }
  return best?.topic;
}

/**
 * The topic of a story, first match wins: a topic its source pins (by id or title); else a topic
 * whose keywords come first (`keywordsFirst`) and which the story matches; else the first topic that
 * takes the classifier's class, when the classifier is sure enough (threshold); else the
 * topic whose keywords it matches most; else the first topic that takes the class its outlet's own
 * category maps to (the briefing's `categories`); else none («منوعات»).
 */
function topicOf(d: Digest, rules: TopicRules): TopicDefinition | undefined {
  const { topics } = rules;
  const pinned = topics.find((t) => d.topics.includes(t.id) || d.topics.includes(t.title));
  if (pinned) return pinned;
  const first = topics.filter((t) => t.keywordsFirst);
  const byKeywordFirst = first.length > 0 ? keywordTopic(d, first) : undefined;
  if (byKeywordFirst) return byKeywordFirst;
  const label = d.classification && d.classification.confidence >= rules.classThreshold ? d.classification.label : null;
  const byClass = label ? topics.find((t) => t.classes?.includes(label)) : undefined;
  if (byClass) return byClass;
  const byKeyword = keywordTopic(d, topics);
  if (byKeyword) return byKeyword;
  for (const category of d.categories ?? []) {
    const cls = rules.categories.get(normalizeArabic(category.trim()));
    const t = cls && topics.find((x) => x.classes?.includes(cls));
    if (t) return t;
  }
  return undefined;
}

function itemChars(digest: Pick<Digest, 'headline' | 'bullets'>, bullets: number): number {
  return digest.headline.length + digest.bullets.slice(0, bullets).reduce((c, b) => c + b.text.length + 1, 0);
}

/** One story: the digests of every outlet that told one event, led by the most important. */
export interface Story {
  /** The lead digest: what the briefing shows (its headline and bullets; a writer may replace them). */
  lead: Digest;
  /** Every outlet's digest of the story, the lead first. */
  members: Digest[];
  /** Every outlet, once. */
  sources: SourceRef[];
  /** The lead's importance plus a bonus per extra outlet: a story several outlets carry matters more. */
  importance: number;
  /** Set for a story whose article is not in Arabic (kept only when a model may translate it). */
  foreign?: boolean;
  /** Set for a story an earlier edition sent that new outlets or facts joined since (shown «تحديث»; story-updates.ts). */
  update?: boolean;
}

/** What clustering gives: the stories, most important first, and what was left out and why. */
export interface ClusteredStories {
  stories: Story[];
  warnings: string[];
}

/** Options of {@link clusterDigests}. */
export interface ClusterDigestsOptions {
  sameStoryThreshold: number;
  /**
   * Keep articles the extractive composer could not read because they are not in Arabic (LLM
   * mode: a model digests them into Arabic), each as a story of its own (default false: they are
   * left out with the composer's warning).
   */
  keepForeign: boolean;
  /** Items earlier editions sent: their stories are left out, or marked as updates when new outlets or facts joined (story-updates.ts; default none). */
  earlier: readonly BriefingItem[];
  /** Bullets an item shows (what counts as a story's facts; default 2). */
  bulletsPerItem: number;
}

const byImportance = (a: Story, b: Story): number => b.importance - a.importance || a.lead.articleId.localeCompare(b.lead.articleId);

/** The median importance of the stories (0 when none): what a translated story is ranked by before it is written. */
function medianImportance(stories: readonly Story[]): number {
  if (stories.length === 0) return 0;
  const xs = stories.map((s) => s.importance).sort((a, b) => a - b);
  return xs[Math.floor((xs.length - 1) / 2)]!;
}

/**
 * Step 1, cluster: merges digests of the same story (the most important digest leads, every
 * outlet is kept as a source) and ranks the stories by importance (the lead's score plus 0.25 per
 * extra outlet). Digests with nothing in them are left out and reported, except, with
 * `keepForeign`, articles that are only not in Arabic: each becomes a story of its own, ranked
 * at the median importance, for a model to translate. Deterministic.
 */
export function clusterDigests(digests: readonly Digest[], options: Partial<ClusterDigestsOptions> = {}): ClusteredStories {
  const day = clusterInputs(digests, options);
  const stories = storiesOf(day, clusterStories(day.inputs, { threshold: day.threshold }));
  return finishStories(day, withoutSent(stories, options.earlier ?? [], updateOptions(day, options)), options.earlier);
}

/** {@link clusterDigests}, giving the event loop a turn while it clusters, and while it compares with earlier editions (see clusterStoriesAsync). Same result. */
export async function clusterDigestsAsync(digests: readonly Digest[], options: Partial<ClusterDigestsOptions> = {}): Promise<ClusteredStories> {
  const day = clusterInputs(digests, options);
  const stories = storiesOf(day, await clusterStoriesAsync(day.inputs, { threshold: day.threshold }));
  return finishStories(day, await withoutSentAsync(stories, options.earlier ?? [], updateOptions(day, options)), options.earlier);
}

/** The digests a day clusters, what clustering reads of each, and what is left out. */
interface ClusterDay {
  threshold: number;
  usable: Digest[];
  foreign: Digest[];
  warnings: string[];
  inputs: ClusterInput[];
}

function clusterInputs(digests: readonly Digest[], options: Partial<ClusterDigestsOptions>): ClusterDay {
  const threshold = options.sameStoryThreshold ?? DEFAULT_BRIEFING_OPTIONS.sameStoryThreshold;
  const warnings: string[] = [];
  const foreign: Digest[] = [];
  const usable = digests
    .filter((d) => {
      if (d.bullets.length === 0) {
        if (options.keepForeign && d.warnings.some((w) => w.code === 'not-arabic')) {
          foreign.push(d);
          return false;
        }
        warnings.push(`${d.source.name}: ${d.warnings.map((w) => w.message).join('; ') || 'nothing to summarize'}`);
        return false;
      }
      return true;
    })
    .sort((a, b) => b.importance - a.importance || a.articleId.localeCompare(b.articleId));

  // The same event from several outlets is one story, led by its most important digest.
  const inputs = usable.map((d) => ({ title: d.headline, lead: d.bullets[0] ? bulletBasis(d.bullets[0]) : '', ...(d.published ? { published: d.published } : {}) }));
  return { threshold, usable, foreign, warnings, inputs };
}

/**
 * What clustering reads of a day's digests, in its order: the digests with bullets, most important
 * first (then by article id), and for each its headline, its first bullet's basis and its time.
 * For checks of the clustering against a reference on a real day.
 */
export function storyClusterInputs(digests: readonly Digest[]): { digests: Digest[]; inputs: ClusterInput[]; threshold: number } {
  const day = clusterInputs(digests, {});
  return { digests: day.usable, inputs: day.inputs, threshold: day.threshold };
}

/** The stories of a day's clusters: each led by its most important digest, every outlet kept. */
function storiesOf(day: ClusterDay, clusters: number[][]): Story[] {
  return clusters.map((members) => {
    const digestsOf = members.map((m) => day.usable[m]!);
    const lead = digestsOf[0]!;
    const sources: SourceRef[] = [];
    for (const d of digestsOf) {
      if (!sources.some((s) => s.name === d.source.name && s.url === d.source.url)) sources.push(d.source);
    }
    // A story several outlets carry matters more.
    return { lead, members: digestsOf, sources, importance: lead.importance + 0.25 * (members.length - 1) };
  });
}

/** What story-updates.ts is told: the day's threshold, and the bullets an item shows. */
function updateOptions(day: ClusterDay, options: Partial<ClusterDigestsOptions>): { threshold: number; bullets: number } {
  return { threshold: day.threshold, bullets: options.bulletsPerItem ?? DEFAULT_BRIEFING_OPTIONS.bulletsPerItem };
}

/**
 * The day's stories without the repeats of earlier editions, the stories to translate added (but
 * not an article an earlier edition already sent translated), most important first.
 */
function finishStories(day: ClusterDay, fresh: { stories: Story[]; repeats: number }, earlier: readonly BriefingItem[] = []): ClusteredStories {
  const warnings = [...day.warnings];
  const stories = [...fresh.stories];
  const median = medianImportance(stories);
  const sentArticles = new Set(earlier.map((i) => i.digest.articleId));
  let repeats = fresh.repeats;
  for (const d of [...day.foreign].sort((a, b) => a.articleId.localeCompare(b.articleId))) {
    if (sentArticles.has(d.articleId)) {
      repeats++;
      continue;
    }
    stories.push({ lead: d, members: [d], sources: [d.source], importance: median, foreign: true });
  }
  // Feeds read all day (story-updates.ts): a story an earlier edition sent is left out, unless new outlets or facts joined it.
  if (repeats > 0) warnings.push(`${repeats} stories left out: sent in an earlier edition, nothing new since.`);
  stories.sort(byImportance);
  return { stories, warnings };
}

/** Options of {@link rankStories}. */
export type RankOptions = Pick<BriefingOptions, 'briefingId' | 'title' | 'date' | 'topics'> & Partial<BriefingOptions>;

/**
 * Step 3, rank: orders the (written) stories by importance, keeps the best `maxItems` within
 * `maxChars` (a story left without bullets, e.g. a translation the model did not write, is left
 * out and reported), and groups them by topic (see topicOf: pinned, class, keywords, outlet
 * category, «منوعات»), the group of the top story first. Deterministic.
 */
export function rankStories(clustered: ClusteredStories, options: RankOptions): Briefing {
  const opts = { ...DEFAULT_BRIEFING_OPTIONS, ...options };
  const rules: TopicRules = {
    topics: opts.topics,
    categories: new Map(Object.entries(opts.categories).map(([k, v]) => [normalizeArabic(k.trim()), v])),
    classThreshold: opts.classThreshold,
  };
  const warnings = [...clustered.warnings];
  const stories = clustered.stories.filter((s) => {
    if (s.lead.bullets.length > 0) return true;
    warnings.push(`${s.lead.source.name}: ${s.lead.warnings.map((w) => w.message).join('; ') || 'nothing to summarize'}${s.foreign ? ' (not translated: the model did not write it)' : ''}`);
    return false;
  });
  stories.sort(byImportance);

  const items: BriefingItem[] = [];
  let chars = 0;
  for (const s of stories) {
    if (items.length >= opts.maxItems) break;
    const digest = { ...s.lead, bullets: s.lead.bullets.slice(0, opts.bulletsPerItem) };
    // The cost first: a story over the budget never pays for its topic (on a big day most do not fit).
    const cost = itemChars(digest, opts.bulletsPerItem);
    if (chars + cost > opts.maxChars) {
      if (items.length === 0) warnings.push('The top story alone is over the character budget.');
      continue;
    }
    const topic = topicOf(s.lead, rules);
    items.push({ digest, sources: s.sources, topic: topic?.title ?? OTHER_TOPIC, ...(topic ? { topicId: topic.id } : {}), ...(s.update ? { update: true } : {}) });
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

/**
 * The extractive briefing: {@link clusterDigests} then {@link rankStories}. Merges digests of the
 * same story (every outlet kept as a source), ranks stories by importance (a story several
 * outlets carry matters more), keeps the best `maxItems` within `maxChars`, and groups them by
 * topic, the group of the top story first. Deterministic.
 *
 * @example
 * composeBriefing([digestA, digestB], { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] })
 *   .groups[0].items[0].sources // → every outlet that told the top story
 */
export function composeBriefing(digests: readonly Digest[], options: RankOptions): Briefing {
  return rankStories(
    clusterDigests(digests, {
      sameStoryThreshold: options.sameStoryThreshold ?? DEFAULT_BRIEFING_OPTIONS.sameStoryThreshold,
      ...(options.earlier ? { earlier: options.earlier, bulletsPerItem: options.bulletsPerItem ?? DEFAULT_BRIEFING_OPTIONS.bulletsPerItem } : {}),
    }),
    options,
  );
}
