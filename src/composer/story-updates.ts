/**
 * Stories already sent: when feeds are read all day, an edition must not tell again a story an
 * earlier edition sent, unless something joined it since. Method: the earlier editions' items and
 * this edition's stories are clustered together, with the same clustering (and threshold) that
 * makes this edition's stories (cluster-stories.ts); a story that lands with an earlier item, or
 * shares an article with one, was sent before. It is an update when an outlet that the earlier
 * items did not name tells it now, or when it brings new facts: a key figure the earlier text did
 * not carry, or a sentence (of those an item shows) most of whose content words the earlier text
 * did not have; an article sent before brings nothing new. Otherwise
 * it is a repeat, and is left out. Deterministic; pure.
 */
import { bulletBasis, type BriefingItem, type Digest } from '../core/types.js';
import { clusterStories, clusterStoriesAsync, DEFAULT_CLUSTER_OPTIONS, type ClusterInput } from './cluster-stories.js';
import { valuesOf } from './stages/extract-key-figures.js';
import { contentStems } from './text-features.js';

/** Options for {@link compareWithEarlier}. */
export interface StoryUpdateOptions {
  /** The same-story threshold of the edition's clustering. */
  threshold: number;
  /** A sentence is a new fact when at least this share of its content stems is new (default 0.5)… */
  newSentenceShare: number;
  /** …and at least this many of them (default 4). */
  newSentenceStems: number;
  /** Bullets of each digest that count (what an item shows: the briefing's bulletsPerItem; default 2). */
  bullets: number;
}

/** Defaults for {@link StoryUpdateOptions}. */
export const DEFAULT_STORY_UPDATE_OPTIONS: Readonly<StoryUpdateOptions> = { threshold: DEFAULT_CLUSTER_OPTIONS.threshold, newSentenceShare: 0.5, newSentenceStems: 4, bullets: 2 };

/** What a story of this edition is, next to what earlier editions sent. */
export type StoryNews = 'new' | 'update' | 'repeat';

const ARABIC_DIGITS = /[\u0660-\u0669]/g;
/** A figure as compared: Latin digits, single spaces. */
function figureKey(text: string): string {
  return text.replace(ARABIC_DIGITS, (d) => String(d.charCodeAt(0) - 0x0660)).replace(/\s+/g, ' ').trim();
}

function clusterInput(d: Pick<Digest, 'headline' | 'bullets' | 'published'>): { title: string; lead: string; published?: string } {
  return { title: d.headline, lead: d.bullets[0] ? bulletBasis(d.bullets[0]) : '', ...(d.published ? { published: d.published } : {}) };
}

/**
 * For each story (its digests, the lead first), whether it is new, an update of a story the
 * `earlier` items sent, or a repeat of one.
 *
 * @example
 * compareWithEarlier([[todaysDigest]], yesterdaysItems) // → ['repeat'] when nothing joined yesterday's story
 */
export function compareWithEarlier(stories: readonly (readonly Digest[])[], earlier: readonly BriefingItem[], options: Partial<StoryUpdateOptions> = {}): StoryNews[] {
  const opts = { ...DEFAULT_STORY_UPDATE_OPTIONS, ...options };
  if (earlier.length === 0) return stories.map(() => 'new');
  return newsOf(stories, earlier, clusterStories(comparedInputs(stories, earlier), { threshold: opts.threshold }), opts);
}

/** {@link compareWithEarlier}, giving the event loop a turn while it clusters (a day of thousands of stories). Same result. */
export async function compareWithEarlierAsync(stories: readonly (readonly Digest[])[], earlier: readonly BriefingItem[], options: Partial<StoryUpdateOptions> = {}): Promise<StoryNews[]> {
  const opts = { ...DEFAULT_STORY_UPDATE_OPTIONS, ...options };
  if (earlier.length === 0) return stories.map(() => 'new');
  return newsOf(stories, earlier, await clusterStoriesAsync(comparedInputs(stories, earlier), { threshold: opts.threshold }), opts);
}

/** What is clustered: the earlier items first (they start the clusters that this edition's stories may join), then each story's lead. */
function comparedInputs(stories: readonly (readonly Digest[])[], earlier: readonly BriefingItem[]): ClusterInput[] {
  return [...earlier.map((it) => clusterInput(it.digest)), ...stories.map((members) => clusterInput(members[0]!))];
}

/** Each story's news, from the clusters of {@link comparedInputs}. */
function newsOf(stories: readonly (readonly Digest[])[], earlier: readonly BriefingItem[], clusters: readonly (readonly number[])[], opts: StoryUpdateOptions): StoryNews[] {
  const clusterOf = new Map<number, number>();
  clusters.forEach((members, k) => members.forEach((i) => clusterOf.set(i, k)));

  const earlierIds = new Map<string, number>();
  earlier.forEach((it, j) => {
    earlierIds.set(it.digest.articleId, j);
    for (const s of it.sources) if (s.url) earlierIds.set(s.url, j);
  });

  return stories.map((members, i) => {
    const matched = new Set<number>();
    const k = clusterOf.get(earlier.length + i);
    earlier.forEach((_, j) => {
      if (clusterOf.get(j) === k) matched.add(j);
    });
    for (const d of members) {
      for (const id of [d.articleId, d.source.url]) {
        const j = id === undefined ? undefined : earlierIds.get(id);
        if (j !== undefined) matched.add(j);
      }
    }
    if (matched.size === 0) return 'new';
    const before = [...matched].map((j) => earlier[j]!);
    const outlets = new Set(before.flatMap((it) => it.sources.map((s) => s.name)));
    if (members.some((d) => !outlets.has(d.source.name))) return 'update';
    // An article sent before brings nothing new; the others are read as an item would show them.
    const unsent = members.filter((d) => !earlierIds.has(d.articleId) && !(d.source.url !== undefined && earlierIds.has(d.source.url)));
    const text = before.flatMap((it) => [it.digest.headline, ...it.digest.bullets.flatMap((b) => [b.text, bulletBasis(b)])]).join('\n');
    const figures = new Set(before.flatMap((it) => it.digest.keyFigures.map(figureKey)));
    const plain = figureKey(text);
    // A value the earlier items lack: every value of the article, a key figure or not («قتل 45
    // شخصا» has no label), by its key, so that «نحو 45 شخصا» and «45 شخصاً» are one value. Digests
    // composed before values were recorded compare their key figures' text instead.
    if (before.every((it) => it.digest.figureValues !== undefined) && unsent.every((d) => d.figureValues !== undefined)) {
      // (An item stored by the version that kept values as written holds «نحو 20 ألف زائر»: its key too.)
      const values = new Set(before.flatMap((it) => it.digest.figureValues!.flatMap((v) => [v, ...valuesOf(v).map((x) => x.key)])));
      for (const line of text.split('\n')) for (const { key } of valuesOf(line)) values.add(key);
      if (unsent.some((d) => d.figureValues!.some((v) => !values.has(v)))) return 'update';
    } else if (unsent.some((d) => d.keyFigures.some((f) => !figures.has(figureKey(f)) && !plain.includes(figureKey(f))))) return 'update';
    const known = new Set(contentStems(text));
    for (const d of unsent) {
      for (const b of d.bullets.slice(0, opts.bullets)) {
        const stems = [...new Set(contentStems(bulletBasis(b)))];
        const fresh = stems.filter((s) => !known.has(s)).length;
        if (fresh >= opts.newSentenceStems && fresh >= opts.newSentenceShare * stems.length) return 'update';
      }
    }
    return 'repeat';
  });
}

/**
 * Which digest of an update leads it (its index among the story's digests, most important
 * first): the first one that no earlier item sent, so that the reader sees what is new.
 */
export function updateLead(members: readonly Digest[], earlier: readonly BriefingItem[]): number {
  const sent = new Set(earlier.flatMap((it) => [it.digest.articleId, ...it.sources.flatMap((s) => (s.url ? [s.url] : []))]));
  const i = members.findIndex((d) => !sent.has(d.articleId) && !(d.source.url !== undefined && sent.has(d.source.url)));
  return Math.max(0, i);
}

/** What {@link withoutSent} needs of a story (compose-briefing.ts's Story). */
interface StoryLike {
  lead: Digest;
  members: Digest[];
  foreign?: boolean;
  update?: boolean;
}

/**
 * The stories without those `earlier` items sent with nothing new (counted as `repeats`); a story
 * that new outlets or facts joined stays, marked `update`, led by its first digest not sent before
 * (its rank unchanged). A story not in Arabic (left for a model to translate) is kept as it is.
 */
export function withoutSent<S extends StoryLike>(stories: readonly S[], earlier: readonly BriefingItem[], options: Partial<StoryUpdateOptions> = {}): { stories: S[]; repeats: number } {
  if (earlier.length === 0) return { stories: [...stories], repeats: 0 };
  const compared = stories.filter((s) => !s.foreign);
  return applyNews(stories, compared, compareWithEarlier(compared.map((s) => s.members), earlier, options), earlier);
}

/** {@link withoutSent}, giving the event loop a turn while it clusters. Same result. */
export async function withoutSentAsync<S extends StoryLike>(stories: readonly S[], earlier: readonly BriefingItem[], options: Partial<StoryUpdateOptions> = {}): Promise<{ stories: S[]; repeats: number }> {
  if (earlier.length === 0) return { stories: [...stories], repeats: 0 };
  const compared = stories.filter((s) => !s.foreign);
  return applyNews(stories, compared, await compareWithEarlierAsync(compared.map((s) => s.members), earlier, options), earlier);
}

function applyNews<S extends StoryLike>(stories: readonly S[], compared: readonly S[], newsList: readonly StoryNews[], earlier: readonly BriefingItem[]): { stories: S[]; repeats: number } {
  const news = new Map(newsList.map((n, k) => [compared[k]!, n]));
  const out: S[] = [];
  for (const s of stories) {
    const n = news.get(s) ?? 'new';
    if (n === 'repeat') continue;
    if (n === 'new') {
      out.push(s);
      continue;
    }
    const lead = s.members[updateLead(s.members, earlier)]!;
    out.push({ ...s, lead, members: [lead, ...s.members.filter((d) => d !== lead)], update: true });
  }
  return { stories: out, repeats: stories.length - out.length };
}
