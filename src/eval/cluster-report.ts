/** The story-clustering report of `npm run eval -- clusters`: one day of news from several outlets, merged into stories. */
import { readFileSync } from 'node:fs';
import { clusterStories } from '../composer/index.js';

/** One multi-outlet story of the clustering report. */
export interface ClusterRow {
  size: number;
  outlets: number;
  titles: { outlet: string; title: string }[];
}

/**
 * Clusters a corpus file (JSON lines with `title`, `text`, `outlet`, `published`) as the briefing
 * does, and returns the count of stories, of stories with several outlets, and those stories,
 * largest first. Used by `npm run eval -- clusters`.
 */
export function clusterReport(corpusFile: string): { articles: number; stories: number; multiOutlet: ClusterRow[] } {
  const rows = readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { title?: string; text?: string; outlet?: string; published?: string });
  const items = rows.map((r) => ({
    title: r.title ?? '',
    lead: (r.text ?? '').split('\n').map((x) => x.trim()).find((x) => x.split(/\s+/).length > 6) ?? '',
    ...(r.published ? { published: r.published.replace(' ', 'T') } : {}),
  }));
  const clusters = clusterStories(items);
  const multiOutlet = clusters
    .filter((c) => new Set(c.map((i) => rows[i]!.outlet)).size > 1)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
    .map((c) => ({ size: c.length, outlets: new Set(c.map((i) => rows[i]!.outlet)).size, titles: c.map((i) => ({ outlet: rows[i]!.outlet ?? '', title: rows[i]!.title ?? '' })) }));
  return { articles: rows.length, stories: clusters.length, multiOutlet };
}
