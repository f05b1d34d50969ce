/** The story-clustering report of `npm run eval -- clusters`: one day of news from several outlets, merged into stories. */
import { readFileSync } from 'node:fs';
import { byImportance, clusterDigests, composeDigest } from '../composer/index.js';
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

/**
 * The day's digests as the briefing clusters them: every row composed, those with a bullet kept,
 * most important first (byImportance), with the time composing took.
 */
export function corpusDigests(corpusFile: string): { rows: number; digests: Digest[]; composeMs: number } {
  const rows = readFileSync(corpusFile, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as CorpusRow);
  const started = performance.now();
  const digests = rows.map((r, i) => composeDigest(rowArticle(r, i))).filter((d) => d.bullets.length > 0);
  const composeMs = performance.now() - started;
  digests.sort(byImportance);
  return { rows: rows.length, digests, composeMs };
}

/** The day's stories as article ids, the lead first, clustered exactly as the briefing does (clusterDigests). */
export function corpusClusters(corpusFile: string): { rows: number; digests: Digest[]; clusters: string[][]; composeMs: number; clusterMs: number } {
  const { rows, digests, composeMs } = corpusDigests(corpusFile);
  const started = performance.now();
  const clusters = clusterDigests(digests);
  const clusterMs = performance.now() - started;
  return { rows, digests, clusters: clusters.map((c) => c.map((i) => digests[i]!.articleId)), composeMs, clusterMs };
}

/**
 * Clusters a corpus file (JSON lines with `id`, `title`, `text`, `outlet`, `published`) as the
 * briefing does (each article composed into a digest, clustered on its headline and first
 * bullet's source sentence; dates in ISO 8601 or RFC 822), and returns the count of stories, of
 * stories with several outlets, those stories (largest first), and the time of composing and of
 * clustering. Used by `npm run eval -- clusters`.
 */
export function clusterReport(corpusFile: string): { articles: number; digests: number; stories: number; multiOutlet: ClusterRow[]; composeMs: number; clusterMs: number } {
  const { rows, digests, composeMs } = corpusDigests(corpusFile);
  const started = performance.now();
  const clusters = clusterDigests(digests);
  const clusterMs = performance.now() - started;
  const outlet = (i: number): string => digests[i]!.source.name;
  const multiOutlet = clusters
    .filter((c) => new Set(c.map(outlet)).size > 1)
    .sort((a, b) => b.length - a.length || a[0]! - b[0]!)
    .map((c) => ({ size: c.length, outlets: new Set(c.map(outlet)).size, titles: c.map((i) => ({ outlet: outlet(i), title: digests[i]!.headline })) }));
  return { articles: rows, digests: digests.length, stories: clusters.length, multiOutlet, composeMs, clusterMs };
}
