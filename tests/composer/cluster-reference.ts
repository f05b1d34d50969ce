/**
 * The story clustering as it was before it was reworked for scale (quadratic: every story sharing
 * a stem is compared, centroid norms recomputed at each join), kept as the oracle the fast one is
 * checked against: without the document-frequency cutoff both must give the same stories.
 */
import { contentStems, type ClusterInput } from '../../src/composer/index.js';
import { parsePublished } from '../../src/composer/index.js';

const DEFAULTS = { threshold: 0.45, windowHours: 48, titleThreshold: 0.1 };

export function referenceClusters(items: readonly ClusterInput[], options: Partial<typeof DEFAULTS> = {}): number[][] {
  const { threshold, windowHours, titleThreshold } = { ...DEFAULTS, ...options };
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
  const times = items.map((it) => parsePublished(it.published));
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
