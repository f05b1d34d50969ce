/**
 * Cross-outlet story clustering: the same event told by several outlets becomes one story.
 * Method: TF-IDF vectors of light-stemmed content words of the title (counted twice) and the lead
 * sentence, IDF taken over the day's articles; each article, most important first, joins the
 * story whose centroid it is most similar to, when the cosine reaches `threshold`, its title
 * shares enough with the story's first title (`titleThreshold`), and the two were published
 * within `windowHours`; otherwise it starts a story. Centroids (not single links)
 * keep one chain of loosely similar articles from merging different events.
 */
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
}

/**
 * Chosen by reading the largest multi-outlet clusters of one day of ten Saudi papers
 * (SaudiNewsNet, 1 August 2015) at 0.2 to 0.5: at 0.3 some clusters mixed events on one subject
 * (euro-zone and Egyptian inflation; a sand storm and rain forecasts); at 0.45 all but one of the
 * ten largest were one event each; 0.5 split more retellings apart. The title check at 0.1 took
 * the sand-storm report out of the day's rain forecasts (0.2 and 0.3 split true retellings too).
 */
export const DEFAULT_CLUSTER_OPTIONS: Readonly<ClusterOptions> = { threshold: 0.45, windowHours: 48, titleThreshold: 0.1 };

/** What clustering needs of an article. */
export interface ClusterInput {
  title: string;
  lead: string;
  /** ISO 8601; articles without a date are compared with every other. */
  published?: string;
}

/** Groups articles (given most important first) into stories; returns lists of input indexes, the lead article first. */
export function clusterStories(items: readonly ClusterInput[], options: Partial<ClusterOptions> = {}): number[][] {
  const { threshold, windowHours, titleThreshold } = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const bags = items.map((it) => [...contentStems(it.title), ...contentStems(it.title), ...contentStems(it.lead)]);
  const df = new Map<string, number>();
  for (const bag of bags) for (const s of new Set(bag)) df.set(s, (df.get(s) ?? 0) + 1);
  const n = Math.max(1, items.length);
  const vectors = bags.map((bag) => {
    const v = new Map<string, number>();
    for (const s of bag) v.set(s, (v.get(s) ?? 0) + 1);
    let norm = 0;
    for (const [s, tf] of v) {
      const w = tf * Math.log(1 + n / df.get(s)!);
      v.set(s, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [s, w] of v) v.set(s, w / norm);
    return v;
  });
  const titleVectors = items.map((it) => {
    const v = new Map<string, number>();
    for (const st of contentStems(it.title)) v.set(st, (v.get(st) ?? 0) + Math.log(1 + n / df.get(st)!));
    let norm = 0;
    for (const w of v.values()) norm += w * w;
    norm = Math.sqrt(norm) || 1;
    for (const [st, w] of v) v.set(st, w / norm);
    return v;
  });
  const titleCosine = (a: number, b: number): number => {
    let dot = 0;
    for (const [st, w] of titleVectors[a]!) {
      const c = titleVectors[b]!.get(st);
      if (c !== undefined) dot += w * c;
    }
    return dot;
  };
  const times = items.map((it) => (it.published ? Date.parse(it.published) : Number.NaN));
  const windowMs = windowHours * 3_600_000;

  const stories: { members: number[]; centroid: Map<string, number>; norm: number }[] = [];
  // Stem → stories whose centroid has it: only stories sharing a word are compared.
  const index = new Map<string, number[]>();
  vectors.forEach((v, i) => {
    const candidates = new Set<number>();
    for (const s of v.keys()) for (const k of index.get(s) ?? []) candidates.add(k);
    let best = -1;
    let bestSim = threshold;
    for (const k of candidates) {
      const story = stories[k]!;
      const lead = story.members[0]!;
      if (Number.isFinite(times[i]!) && Number.isFinite(times[lead]!) && Math.abs(times[i]! - times[lead]!) > windowMs) continue;
      let dot = 0;
      for (const [s, w] of v) {
        const c = story.centroid.get(s);
        if (c !== undefined) dot += w * c;
      }
      const sim = dot / (story.norm || 1);
      // An article without a title is judged by its lead alone.
      if (titleThreshold > 0 && titleVectors[i]!.size > 0 && titleVectors[lead]!.size > 0 && titleCosine(i, lead) < titleThreshold) continue;
      if (sim > bestSim || (sim === bestSim && best < 0) || (sim === bestSim && k < best)) {
        bestSim = sim;
        best = k;
      }
    }
    let story = best >= 0 ? stories[best]! : undefined;
    if (!story) {
      story = { members: [], centroid: new Map(), norm: 0 };
      best = stories.push(story) - 1;
    }
    story.members.push(i);
    for (const [s, w] of v) {
      if (!story.centroid.has(s)) {
        const list = index.get(s);
        if (list) list.push(best);
        else index.set(s, [best]);
      }
      story.centroid.set(s, (story.centroid.get(s) ?? 0) + w);
    }
    let norm = 0;
    for (const w of story.centroid.values()) norm += w * w;
    story.norm = Math.sqrt(norm);
  });
  return stories.map((s) => s.members);
}
