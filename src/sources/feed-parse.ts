/**
 * Feed documents → items, through `feedsmith` (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed): titles
 * and descriptions as clean text (HTML and CDATA stripped), links resolved against the feed's
 * URL, dates in the formats outlets use (RFC 822 with "+0400" or "GMT", ISO 8601), a missing or
 * unreadable date replaced by the fetch time.
 */
import { parseFeed } from 'feedsmith';
import { SourceError } from '../core/errors.js';
import { htmlToText } from './html-text.js';
import { checkMarkupLimits, type MarkupLimits } from './markup-limits.js';

/**
 * Limits on a feed document before it is parsed. A feed nests five or six deep (rss, channel,
 * item, field; an Atom entry's XHTML content a few more); 20,000 nested elements overflow the
 * parser's stack. 250,000 elements is a 5 MB feed of 40,000 small items, read in about 3 s.
 */
export const DEFAULT_FEED_LIMITS: Readonly<MarkupLimits> = { maxDepth: 128, maxNodes: 250_000 };

/** One item of a feed. */
export interface FeedItem {
  /** guid / id / link, whichever the feed gives first. */
  id: string;
  title: string;
  /** Absolute URL of the article. */
  link?: string;
  /** The description or summary as clean text (often a teaser). */
  summary: string;
  /** Full content as clean text when the feed carries it. */
  content?: string;
  /** ISO 8601; the fetch time when the feed gives none. */
  published: string;
  /** Whether `published` came from the feed (false: the fetch time). */
  dated: boolean;
  categories: string[];
}

/** A parsed feed. */
export interface ParsedFeed {
  format: string;
  title: string;
  items: FeedItem[];
}

type Loose = Record<string, unknown>;

function text(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v && typeof v === 'object') {
    const o = v as Loose;
    if (typeof o.value === 'string') return o.value;
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}

function absolute(link: string | undefined, base: string): string | undefined {
  if (!link) return undefined;
  try {
    return new URL(link.trim(), base).toString();
  } catch {
    return undefined;
  }
}

function isoOr(value: unknown, fallback: string): { iso: string; dated: boolean } {
  const s = text(Array.isArray(value) ? value[0] : value).trim();
  if (s) {
    // "Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43Z", "2018-02-18 21:35:43"
    const t = Date.parse(s.includes('T') || /[a-z]/i.test(s) ? s : s.replace(' ', 'T'));
    if (Number.isFinite(t)) return { iso: new Date(t).toISOString(), dated: true };
  }
  return { iso: fallback, dated: false };
}

function atomLink(links: unknown): string | undefined {
  if (!Array.isArray(links)) return undefined;
  const alt = (links as Loose[]).find((l) => !l.rel || l.rel === 'alternate') ?? (links[0] as Loose | undefined);
  return typeof alt?.href === 'string' ? alt.href : undefined;
}

function categories(v: unknown): string[] {
  if (!Array.isArray(v)) return [];
  return (v as unknown[]).map((c) => (typeof c === 'string' ? c : text((c as Loose)?.name) || text((c as Loose)?.term) || text((c as Loose)?.label) || text(c))).filter((c) => c.length > 0);
}

/**
 * Parses a feed document; throws SourceError when it is not a feed (HTML, truncated XML, JSON
 * that is not a feed) and, before parsing, when it nests deeper or holds more elements than
 * `limits` (`too_deep`, `too_many_elements`).
 */
export function parseFeedText(doc: string, feedUrl: string, fetchedAt: Date, sourceName = feedUrl, limits: MarkupLimits = DEFAULT_FEED_LIMITS): ParsedFeed {
  const json = doc.trimStart().startsWith('{');
  // A file (compose, a saved feed) is not fetched again: what is wrong with it is said as such.
  const remote = /^https?:\/\//i.test(feedUrl);
  const cutOff = remote
    ? `${feedUrl} is cut off (no closing tag): the server failed while sending it; it will be tried again later.`
    : `${feedUrl} is cut off (no closing tag): the file holds part of a feed; save the whole feed again.`;
  if (!json) checkMarkupLimits(doc, limits, { source: sourceName, what: `The feed ${feedUrl}`, xml: true });
  let parsed: { format: string; feed: Loose };
  try {
    const input = json ? (JSON.parse(doc) as unknown) : doc;
    parsed = parseFeed(input as string) as unknown as { format: string; feed: Loose };
  } catch (err) {
    const looksHtml = /<html[\s>]/i.test(doc.slice(0, 2000));
    const startsLikeFeed = /^\s*(<\?xml[^>]*>\s*)?<(rss|feed|rdf:RDF)[\s>]/i.test(doc.slice(0, 2000));
    if (startsLikeFeed && !/<\/(rss|feed|rdf:RDF)>\s*$/i.test(doc.trimEnd())) {
      throw new SourceError('truncated', sourceName, cutOff, { cause: err });
    }
    throw new SourceError(
      'not_a_feed',
      sourceName,
      looksHtml
        ? `${feedUrl} is an HTML page, not a feed: use its feed URL, or declare it as a "page" source.`
        : `${feedUrl} is not a readable feed (${(err as Error).message.split('\n')[0]}): it may be cut off or broken${remote ? '; it will be tried again later' : ''}.`,
      { cause: err },
    );
  }
  const feed = parsed.feed;
  // A document cut off mid-way (a server exception in the middle of the feed) parses leniently
  // into a feed without items: say so instead of reporting an empty feed.
  const closed = parsed.format === 'json' || /<\/(rss|feed|rdf:RDF|RDF)>\s*$/i.test(doc.trimEnd());
  if (!closed) {
    throw new SourceError('truncated', sourceName, cutOff);
  }
  const fallback = fetchedAt.toISOString();
  const raw = (feed.items ?? feed.entries ?? []) as Loose[];
  const items: FeedItem[] = [];
  for (const it of raw) {
    const link = absolute(
      (typeof it.link === 'string' ? it.link : undefined) ?? atomLink(it.links) ?? (typeof it.url === 'string' ? it.url : undefined) ?? text((it.guid as Loose | undefined)?.isPermaLink === false ? undefined : it.guid),
      feedUrl,
    );
    const summaryHtml = text(it.description) || text(it.summary) || text(it.content_text) || '';
    const contentHtml = text((it.content as Loose | undefined)?.encoded) || text(it.content) || text(it.content_html) || '';
    const date = isoOr(it.pubDate ?? it.published ?? it.date_published ?? it.updated ?? it.date_modified ?? (it.dc as Loose | undefined)?.date ?? (it.dc as Loose | undefined)?.dates, fallback);
    const title = htmlToText(text(it.title));
    const summary = htmlToText(summaryHtml);
    const content = contentHtml ? htmlToText(contentHtml) : undefined;
    const id = text(it.guid) || text(it.id) || link || `${title}|${date.iso}`;
    if (!title && !summary && !content) continue;
    items.push({ id, title, ...(link ? { link } : {}), summary, ...(content && content !== summary ? { content } : {}), published: date.iso, dated: date.dated, categories: categories(it.categories ?? it.tags) });
  }
  return { format: parsed.format, title: htmlToText(text(feed.title)), items };
}
