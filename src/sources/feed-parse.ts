/**
 * Feed documents → items, through `feedsmith` (RSS 2.0, RSS 1.0/RDF, Atom, JSON Feed): titles
 * and descriptions as clean text (HTML and CDATA stripped), links resolved against the feed's
 * URL, dates in the formats outlets use (RFC 822 with "+0400" or "GMT", ISO 8601, Arabic month
 * names and day-first numeric dates: feed-date.ts), a missing or unreadable date replaced by the
 * fetch time.
 */
import { parsePublished } from '../core/published-time.js';
import { parseFeed } from 'feedsmith';
import { Parser } from 'htmlparser2';
import { SourceError } from '../core/errors.js';
import { parseArabicDate, parseDayFirstDate } from './feed-date.js';
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
    // "28/11/2026 22:05" is day first, as Arab sites write it (Date.parse would read a month first).
    const dayFirst = parseDayFirstDate(s);
    if (Number.isFinite(dayFirst)) return { iso: new Date(dayFirst).toISOString(), dated: true };
    // "Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43Z", "2018-02-18 21:35:43" (no zone: UTC, as the composer reads it)
    const t = parsePublished(s);
    if (Number.isFinite(t)) return { iso: new Date(t).toISOString(), dated: true };
    // "الأحد، 29 نوفمبر 2026 04:30"
    const arabic = parseArabicDate(s);
    if (Number.isFinite(arabic)) return { iso: new Date(arabic).toISOString(), dated: true };
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

const FEED_TYPE = /^application\/(?:(?:rss|atom|rdf|feed)\+(?:xml|json)|json)$/;

/**
 * The feeds an HTML page names in its head (`<link rel="alternate" type="application/rss+xml" href>`,
 * Atom, JSON Feed), absolute, at most three: what to put in the briefing instead of the page.
 */
export function feedLinksOf(html: string, pageUrl: string): string[] {
  const end = html.search(/<\/head\s*>/i);
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name !== 'link' || found.length >= 3) return;
      const rel = (attrs.rel ?? '').toLowerCase().split(/\s+/);
      if (!rel.includes('alternate') || !FEED_TYPE.test((attrs.type ?? '').toLowerCase().trim())) return;
      const href = absolute(attrs.href, pageUrl);
      if (href && !found.includes(href)) found.push(href);
    },
  });
  parser.end(end > 0 ? html.slice(0, end) : html);
  return found;
}

/** What to say of an HTML page given as a feed: the feed it links to, when it names one. */
function htmlNotFeed(doc: string, feedUrl: string): string {
  // A saved file is no base for a relative link: only the page's absolute links are named then.
  const links = feedLinksOf(doc, feedUrl);
  if (links.length === 0) return `${feedUrl} is an HTML page, not a feed: use its feed URL, or declare it as a "page" source.`;
  return `${feedUrl} is an HTML page, not a feed; the page names its feed${links.length > 1 ? 's' : ''}: ${links.join(' , ')}: put ${links.length > 1 ? 'one of them' : 'it'} in the briefing as the source's url (or declare the page as a "page" source).`;
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
        ? htmlNotFeed(doc, feedUrl)
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
