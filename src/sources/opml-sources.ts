/**
 * A briefing's feeds as OPML 2 and back (feedsmith reads and writes the OPML), so that an
 * operator can move a list of feeds between this bot and a feed reader. Each feed is one
 * outline: `text`/`title` the outlet's name, `type="rss"`, `xmlUrl`, `language`, `category` the
 * topics as OPML's slash-delimited categories ("/economy,/sports"), and `fullText="true"` when
 * teasers are completed from their pages (an extra attribute other readers ignore).
 */
import { generateOpml, parseOpml } from 'feedsmith';
import { SourceError } from '../core/errors.js';
import type { SourceDefinition } from '../core/types.js';

const EXTRA = ['fullText'] as const;

/** Options for {@link sourcesToOpml}. */
export interface OpmlExportOptions {
  /** The document's title (default "Feeds"). */
  title: string;
  /** Written as `dateCreated` when given. */
  created?: Date;
}

/**
 * OPML 2 for the feed sources of a list (folder and page sources have no place in OPML and are
 * left out; the caller says so). Throws a SourceError when there is no feed: feedsmith, like
 * most readers, holds an OPML without outlines invalid.
 */
export function sourcesToOpml(sources: readonly SourceDefinition[], options: Partial<OpmlExportOptions> = {}): string {
  const outlines = sources
    .filter((s) => s.kind === 'feed')
    .map((s) => ({
      text: s.name,
      title: s.name,
      type: 'rss',
      xmlUrl: s.url,
      language: s.language,
      ...(s.topics.length > 0 ? { category: s.topics.map((t) => `/${t}`).join(',') } : {}),
      ...(s.fullText ? { fullText: 'true' } : {}),
    }));
  if (outlines.length === 0) throw new SourceError('no_feeds', options.title ?? 'OPML', 'there is no feed source to write as OPML.');
  return generateOpml<typeof EXTRA>(
    { head: { title: options.title ?? 'Feeds', ...(options.created ? { dateCreated: options.created } : {}) }, body: { outlines } },
    { extraOutlineAttributes: EXTRA },
  );
}

/** What {@link sourcesFromOpml} found. */
export interface OpmlSources {
  /** Feed sources, in document order (nested outlines flattened), each URL once. */
  sources: SourceDefinition[];
  /** Outlines that could not become a source, with why (no feed URL, not http(s)). */
  skipped: string[];
}

type Outline = { text?: string; title?: string; xmlUrl?: string; language?: string; category?: string; fullText?: string; outlines?: Outline[] };

/** "/economy,/world/africa" → ["economy", "africa"]: the last segment of each category path. */
function topicsOf(category: string | undefined): string[] {
  if (!category) return [];
  const topics = category
    .split(',')
    .map((c) => c.trim().split('/').filter(Boolean).at(-1) ?? '')
    .filter((t) => t.length > 0);
  return [...new Set(topics)];
}

/**
 * The key under which two feed URLs are the same feed: the parsed URL without its fragment and
 * trailing slash ("https://Example.com/rss/#x" and "https://example.com/rss" match).
 */
export function feedUrlKey(url: string): string {
  try {
    const u = new URL(url.trim());
    u.hash = '';
    return u.href.replace(/\/+$/, '');
  } catch {
    return url.trim();
  }
}

/**
 * The feed sources of an OPML document. Throws a SourceError when the text is not OPML; an
 * outline that is not a usable feed is reported in `skipped`, the others still come through.
 */
export function sourcesFromOpml(text: string, origin = 'OPML'): OpmlSources {
  let doc: { body?: { outlines?: Outline[] } };
  try {
    doc = parseOpml(text, { extraOutlineAttributes: EXTRA }) as typeof doc;
  } catch (err) {
    throw new SourceError('not_opml', origin, `${origin} is not an OPML document (${(err as Error).message.split('\n')[0]}): export the list from the feed reader as OPML.`, { cause: err });
  }
  const sources: SourceDefinition[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  const visit = (outlines: readonly Outline[] | undefined): void => {
    for (const o of outlines ?? []) {
      const name = (o.text ?? o.title ?? '').trim();
      if (o.xmlUrl) {
        const url = o.xmlUrl.trim();
        if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) {
          skipped.push(`${name || url}: ${url} is not an http(s) URL`);
        } else if (!seen.has(feedUrlKey(url))) {
          seen.add(feedUrlKey(url));
          sources.push({
            kind: 'feed',
            url,
            name: name || new URL(url).host,
            language: o.language?.trim() || 'ar',
            topics: topicsOf(o.category),
            ...(o.fullText === 'true' ? { fullText: true } : {}),
          });
        }
      } else if (!o.outlines?.length && name) {
        skipped.push(`${name}: no feed URL (xmlUrl)`);
      }
      visit(o.outlines);
    }
  };
  visit(doc.body?.outlines);
  return { sources, skipped };
}
