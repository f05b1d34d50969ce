/** The story-clustering report of `npm run eval -- clusters`: one day of news from several outlets, merged into stories. */
import { readFileSync } from 'node:fs';
import { clusterDigests, composeDigest } from '../composer/index.js';
import type { Article, Digest } from '../core/types.js';

/** One multi-outlet story of the clustering report. */
export interface ClusterRow {
  size: number;
  outlets: number;
  titles: { outlet: string; title: string }[];
}

/** A row of a corpus file. */
interface CorpusRow {
  id?: string;
  title?: string | null;
  text?: string | null;
  outlet?: string;
  published?: string;
}

/** The article a corpus row stands for: its outlet as the source, its date as written, one paragraph per line. */
function rowArticle(r: CorpusRow, line: number): Article {
  return {
    id: r.id ?? `line-${line + 1}`,
    ...(r.title ? { title: r.title } : {}),
    ...(r.published ? { published: r.published } : {}),
    source: { name: r.outlet ?? 'corpus' },
    sections: [{ paragraphs: (r.text ?? '').split('\n').map((p) => p.trim()).filter((p) => p.length > 0) }],
  };
}

/** The day's digests, as composed for the briefing, with the time composing took. */
export function corpusDigests(corpusFile: string): { rows: number; digests: Digest[]; composeMs: number } {
  const rows = readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRow);
  const started = performance.now();
  const digests = rows.map((r, i) => composeDigest(rowArticle(r, i)));
  return { rows: rows.length, digests, composeMs: performance.now() - started };
}

/**
 * The day's stories as lists of digests, clustered by the briefing's own first step
 * (clusterDigests: digests without bullets left out, most important first, headline and first
 * bullet's basis), with the time clustering took.
 */
function storiesOf(digests: readonly Digest[]): { stories: Digest[][]; clusterMs: number } {
  const started = performance.now();
  const { stories } = clusterDigests(digests);
  return { stories: stories.map((s) => s.members), clusterMs: performance.now() - started };
}

/** The day's stories as article ids, the lead first, clustered exactly as the briefing does. */
export function corpusClusters(corpusFile: string): { rows: number; clusters: string[][]; composeMs: number; clusterMs: number } {
  const { rows, digests, composeMs } = corpusDigests(corpusFile);
  const { stories, clusterMs } = storiesOf(digests);
  return { rows, clusters: stories.map((s) => s.map((d) => d.articleId)), composeMs, clusterMs };
}

/**
 * Clusters a corpus file (JSON lines with `id`, `title`, `text`, `outlet`, `published`) as the
 * briefing does (each article composed into a digest, clustered by the briefing's clusterDigests;
 * dates in ISO 8601 or RFC 822), and returns the count of stories, of stories with several
 * outlets, those stories (largest first), and the time of composing and of clustering. Used by
 * `npm run eval -- clusters`.
 */
export function clusterReport(corpusFile: string): { articles: number; digests: number; stories: number; multiOutlet: ClusterRow[]; composeMs: number; clusterMs: number } {
  const { rows, digests, composeMs } = corpusDigests(corpusFile);
  const { stories, clusterMs } = storiesOf(digests);
  const outlets = (s: readonly Digest[]): number => new Set(s.map((d) => d.source.name)).size;
  const multiOutlet = stories
    .filter((s) => outlets(s) > 1)
    .sort((a, b) => b.length - a.length)
    .map((s) => ({ size: s.length, outlets: outlets(s), titles: s.map((d) => ({ outlet: d.source.name, title: d.headline })) }));
  return { articles: rows, digests: digests.filter((d) => d.bullets.length > 0).length, stories: stories.length, multiOutlet, composeMs, clusterMs };
}
