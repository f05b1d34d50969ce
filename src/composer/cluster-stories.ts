/**
 * Cross-outlet story clustering: the same event told by several outlets becomes one story.
 * Method: TF-IDF vectors of light-stemmed content words of the title (counted twice) and the lead
 * sentence, IDF taken over the day's articles; each article, most important first, joins the
 * story whose centroid it is most similar to, when the cosine reaches `threshold`, its title
 * shares enough with the story's first title (`titleThreshold`), and the two were published
 * within `windowHours`; otherwise it starts a story. Centroids (not single links)
 * keep one chain of loosely similar articles from merging different events.
 *
 * Near-linear in the day's articles:
 * - Only stories sharing a stem with the article are compared (an inverted index from stem to
 *   stories), and the article's most common stems are not used to look stories up: the stems are
 *   taken from the most common (highest document frequency) down while their weights' norm in
 *   the article's unit vector stays below `threshold` (0.7 of it). By Cauchy–Schwarz a story that shares
 *   only those stems has a cosine below `threshold` and could never be joined, so this cutoff
 *   changes no result; it skips the long lists of stories that share «قال» or «اليوم».
 * - A stem found in more than `maxLookupDf` of the day's articles is never used to look stories
 *   up, whatever the article: such a stem matches hundreds of stories and says nothing about
 *   which (an article's own rarer words find its story). It still counts in every cosine. This
 *   is the one approximation: it bounds the work per article, so that a day ten times larger
 *   costs about ten times more.
 * - Stories are scored from the stems' lists of (story, centroid weight), summed per story, and
 *   a story whose partial sum plus the norm of the stems not looked up cannot reach the best
 *   cosine so far is dropped before its centroid is read.
 * - A story's centroid norm is kept as members join (|c + v|² = |c|² + 2 c·v + |v|²), not
 *   recomputed over the whole centroid at every join.
 */
import { parsePublished } from '../core/published-time.js';
import { contentStems } from './text-features.js';

/** Options for {@link clusterStories}. */
export interface ClusterOptions {
  /** Lowest cosine between an article and a story's centroid to join it (default 0.45). */
  threshold: number;
  /** Articles published further apart than this are never one story (default 48 h). */
  windowHours: number;
  /**
   * Lowest cosine between the article's title and the story's first title (TF-IDF of title
   * stems; default 0.1): retellings of one event share a headline word beyond the subject's
   * vocabulary, which a storm report and a rain forecast, say, do not.
   */
  titleThreshold: number;
  /**
   * A stem in more of the day's articles than this is never used to look up stories (default
   * 500); it still counts in every cosine. This bounds the stories read per article whatever
   * the size of the day, which keeps clustering near-linear.
   */
  maxLookupDf: number;
}

/**
 * Chosen by reading the largest multi-outlet clusters of one day of ten Saudi papers
 * (SaudiNewsNet, 1 August 2015) at 0.2 to 0.5: at 0.3 some clusters mixed events on one subject
 * (euro-zone and Egyptian inflation; a sand storm and rain forecasts); at 0.45 all but one of the
 * ten largest were one event each; 0.5 split more retellings apart. The title check at 0.1 took
 * the sand-storm report out of the day's rain forecasts (0.2 and 0.3 split true retellings too).
 */
export const DEFAULT_CLUSTER_OPTIONS: Readonly<ClusterOptions> = { threshold: 0.45, windowHours: 48, titleThreshold: 0.1, maxLookupDf: 500 };

/** What clustering needs of an article. */
export interface ClusterInput {
  title: string;
  lead: string;
  /** ISO 8601 or RFC 822 (see parsePublished); articles without a readable date are compared with every other. */
  published?: string;
}

/** A sparse vector over interned stem ids, sorted by id. */
interface Vec {
  ids: Int32Array;
  ws: Float64Array;
}

function sparse(counts: Map<number, number>, weight: (id: number, tf: number) => number): Vec {
  const ids = Int32Array.from(counts.keys()).sort();
  const ws = new Float64Array(ids.length);
  let norm = 0;
  for (let k = 0; k < ids.length; k++) {
    const w = weight(ids[k]!, counts.get(ids[k]!)!);
    ws[k] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < ws.length; k++) ws[k]! /= norm;
  return { ids, ws };
}

/**
 * The share of `threshold` the stems not looked up may weigh together (their norm in the article's
 * unit vector). Lower: fewer lists read, but a looser bound to check against each story found.
 */
const PREFIX_SHARE = 0.7;

/** Dot product of two sorted sparse vectors. */
function dotSorted(a: Vec, b: Vec): number {
  let dot = 0;
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.ws[i++]! * b.ws[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/** Articles handled between two pauses of {@link clusterStoriesAsync}. */
const STEP_ITEMS = 256;

/** Groups articles (given most important first) into stories; returns lists of input indexes, the lead article first. */
export function clusterStories(items: readonly ClusterInput[], options: Partial<ClusterOptions> = {}): number[][] {
  const steps = clusterSteps(items, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/**
 * {@link clusterStories}, giving the event loop a turn every {@link STEP_ITEMS} articles: a
 * 10,000-article day clusters in seconds, during which health checks, webhooks and Slack's
 * 3-second acks are still answered. Same result.
 */
export async function clusterStoriesAsync(items: readonly ClusterInput[], options: Partial<ClusterOptions> = {}): Promise<number[][]> {
  const steps = clusterSteps(items, options);
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The clustering, as steps: it yields every {@link STEP_ITEMS} articles and returns the stories. */
function* clusterSteps(items: readonly ClusterInput[], options: Partial<ClusterOptions>): Generator<void, number[][]> {
  const { threshold, windowHours, titleThreshold, maxLookupDf } = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  // Stems are interned as small integers: vectors become typed arrays, centroids maps of numbers.
  const stemIds = new Map<string, number>();
  const intern = (s: string): number => {
    let id = stemIds.get(s);
    if (id === undefined) {
      id = stemIds.size;
      stemIds.set(s, id);
    }
    return id;
  };
  const bodyCounts: Map<number, number>[] = [];
  const titleCounts: Map<number, number>[] = [];
  const df: number[] = [];
  for (const [n, it] of items.entries()) {
    if (n % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const title = new Map<number, number>();
    for (const s of contentStems(it.title)) {
      const id = intern(s);
      title.set(id, (title.get(id) ?? 0) + 1);
    }
    const body = new Map<number, number>();
    for (const [id, c] of title) body.set(id, 2 * c);
    for (const s of contentStems(it.lead)) {
      const id = intern(s);
      body.set(id, (body.get(id) ?? 0) + 1);
    }
    for (const id of body.keys()) {
      while (df.length <= id) df.push(0);
      df[id]!++;
    }
    bodyCounts.push(body);
    titleCounts.push(title);
  }
  const n = Math.max(1, items.length);
  const idf = df.map((d) => Math.log(1 + n / d));
  const vectors = bodyCounts.map((c) => sparse(c, (id, tf) => tf * idf[id]!));
  // Title vectors weigh each occurrence by IDF alone.
  const titleVectors = titleCounts.map((c) => sparse(c, (id, tf) => tf * idf[id]!));
  bodyCounts.length = 0;
  titleCounts.length = 0;
  const indexable = df.map((d) => d <= maxLookupDf);

  const times = items.map((it) => parsePublished(it.published));
  const windowMs = windowHours * 3_600_000;

  const members: number[][] = [];
  const norms: number[] = [];
  // Stem → the stories whose centroid has it, with the centroid's weight for it (parallel arrays):
  // only stories sharing a looked-up stem are compared, and their dot products are summed from
  // these lists without reading the centroids.
  // (Arrays are allocated whole: writing past the end of a JS array would make it a slow sparse one.)
  const postStory: (number[] | undefined)[] = new Array<number[] | undefined>(df.length).fill(undefined);
  const postWeight: (number[] | undefined)[] = new Array<number[] | undefined>(df.length).fill(undefined);
  // Story → stem → position of the story in that stem's lists (its centroid, by reference).
  const slots: Map<number, number>[] = [];
  // Per story, for the article at hand: the partial dot product, and the article it belongs to.
  const acc = new Float64Array(items.length);
  const accFor = new Int32Array(items.length).fill(-1);
  const touched: number[] = [];
  const limit = (PREFIX_SHARE * threshold) ** 2;
  const order: number[] = [];
  const inPrefix: boolean[] = [];
  for (let i = 0; i < vectors.length; i++) {
    if (i % STEP_ITEMS === STEP_ITEMS - 1) yield;
    const v = vectors[i]!;
    // The article's stems, most common first; those whose weights together stay below
    // PREFIX_SHARE × threshold are not looked up (see the module's comment).
    order.length = 0;
    for (let k = 0; k < v.ids.length; k++) order.push(k);
    order.sort((a, b) => df[v.ids[b]!]! - df[v.ids[a]!]! || v.ids[a]! - v.ids[b]!);
    let prefixSq = 0;
    let skipped = 0;
    while (skipped < order.length) {
      const w = v.ws[order[skipped]!]!;
      if (prefixSq + w * w >= limit) break;
      prefixSq += w * w;
      skipped++;
    }
    inPrefix.length = v.ids.length;
    inPrefix.fill(false);
    for (let o = 0; o < skipped; o++) inPrefix[order[o]!] = true;
    touched.length = 0;
    for (let o = skipped; o < order.length; o++) {
      const x = order[o]!;
      const id = v.ids[x]!;
      if (!indexable[id]) {
        inPrefix[x] = true;
        continue;
      }
      const stories = postStory[id];
      if (!stories) continue;
      const weights = postWeight[id]!;
      const w = v.ws[x]!;
      for (let p = 0; p < stories.length; p++) {
        const k = stories[p]!;
        if (accFor[k] !== i) {
          accFor[k] = i;
          acc[k] = 0;
          touched.push(k);
        }
        acc[k]! += w * weights[p]!;
      }
    }
    // Stems skipped by the hard cutoff weigh in the bound like the prefix.
    let restSq = 0;
    for (let x = 0; x < v.ids.length; x++) if (inPrefix[x]) restSq += v.ws[x]! * v.ws[x]!;
    const restNorm = Math.sqrt(restSq);
    let best = -1;
    let bestSim = threshold;
    for (const k of touched) {
      const norm = norms[k] || 1;
      // What the stems not looked up can add is at most their norm (Cauchy–Schwarz).
      if (acc[k]! / norm + restNorm < bestSim) continue;
      const lead = members[k]![0]!;
      if (Number.isFinite(times[i]!) && Number.isFinite(times[lead]!) && Math.abs(times[i]! - times[lead]!) > windowMs) continue;
      let dot = acc[k]!;
      const slot = slots[k]!;
      for (let x = 0; x < v.ids.length; x++) {
        if (!inPrefix[x]) continue;
        const id = v.ids[x]!;
        const pos = slot.get(id);
        if (pos !== undefined) dot += v.ws[x]! * postWeight[id]![pos]!;
      }
      const sim = dot / norm;
      if (sim < bestSim) continue;
      // An article without a title is judged by its lead alone.
      if (titleThreshold > 0 && titleVectors[i]!.ids.length > 0 && titleVectors[lead]!.ids.length > 0 && dotSorted(titleVectors[i]!, titleVectors[lead]!) < titleThreshold) continue;
      if (sim > bestSim || (sim === bestSim && best < 0) || (sim === bestSim && k < best)) {
        bestSim = sim;
        best = k;
      }
    }
    if (best < 0) {
      best = members.length;
      members.push([]);
      slots.push(new Map());
      norms.push(0);
    }
    members[best]!.push(i);
    const slot = slots[best]!;
    // |c + v|² = |c|² + 2 c·v + |v|², with |v| = 1 (or 0 for an article without content words).
    let dot = 0;
    let vv = 0;
    for (let x = 0; x < v.ids.length; x++) {
      const id = v.ids[x]!;
      const w = v.ws[x]!;
      const pos = slot.get(id);
      if (pos === undefined) {
        let stories = postStory[id];
        if (!stories) {
          stories = [];
          postStory[id] = stories;
          postWeight[id] = [];
        }
        slot.set(id, stories.length);
        stories.push(best);
        postWeight[id]!.push(w);
      } else {
        const weights = postWeight[id]!;
        dot += weights[pos]! * w;
        weights[pos]! += w;
      }
      vv += w * w;
    }
    norms[best] = Math.sqrt(Math.max(0, norms[best]! * norms[best]! + 2 * dot + vv));
  }
  return members;
}
