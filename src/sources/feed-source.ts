/**
 * A feed as a source of articles: polite fetching (see http-fetch.ts), decoding (decode.ts),
 * parsing (feed-parse.ts), and health: consecutive failures, the last error, the next try with
 * capped exponential backoff, and a pause after too many failures (reported, never retried in a
 * tight loop). Items whose description is a teaser are completed from their page when asked.
 */
import type { ArticleSource } from '../core/ports.js';
import type { Article, FeedHealth } from '../core/types.js';
import { SourceError } from '../core/errors.js';
import { MAX_RETRY_AFTER_MS } from '../core/retry-after.js';
import { canonicalUrl, contentHash } from './canonical-url.js';
import { decodeBytes } from './decode.js';
import { parseFeedText, type FeedItem } from './feed-parse.js';
import { fetchResource, type FetchOptions } from './http-fetch.js';
import { extractPageOffThread, type OffThreadExtractOptions } from './page-extract-pool.js';

/** Where feed health is kept (the Store implements it). */
export interface FeedHealthStore {
  getFeedHealth(url: string): Promise<FeedHealth | undefined>;
  putFeedHealth(health: FeedHealth): Promise<void>;
}

/** Options for {@link createFeedSource}. */
export interface FeedSourceOptions {
  url: string;
  name: string;
  topics?: string[];
  health: FeedHealthStore;
  now?: () => Date;
  fetch?: Partial<FetchOptions>;
  /** Complete teaser items from their pages (default false). */
  fullText?: boolean;
  /** How those pages are read: in a worker thread, with limits and a time limit (defaults in page-extract-pool.ts). */
  extract?: Partial<OffThreadExtractOptions>;
  /** A description shorter than this many words is a teaser (default 60). */
  teaserWords?: number;
  /** Backoff after the first failure, doubled each time up to `maxBackoffMs` (defaults 5 min, 6 h). */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** Consecutive failures after which the feed is paused: tried once a day only, until it answers again (default 12). */
  pauseAfter?: number;
  /** Most items read per fetch (default 100). */
  maxItems?: number;
}

/** How often a paused feed is still tried: a site back after a long outage is taken back, without anyone resuming it. */
const PAUSED_RETRY_MS = 24 * 3_600_000;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

/**
 * The article of a feed item: its canonical URL as id (a content hash without a link), the page's
 * text when it was fetched (teaser completion), else the item's content or summary. The source's
 * pinned `topics` and the item's own `<category>` values are kept apart (a briefing maps the latter).
 */
export function feedItemToArticle(item: FeedItem, sourceName: string, topics: readonly string[] = [], page?: { text: string[]; published?: string }): Article {
  const body = page && page.text.length > 0 ? page.text : (item.content ?? item.summary).split('\n');
  const url = item.link ? canonicalUrl(item.link) : undefined;
  return {
    id: url ?? contentHash(`${item.title}\n${body.join('\n')}`),
    title: item.title,
    published: item.dated ? item.published : (page?.published ?? item.published),
    source: { name: sourceName, ...(url ? { url } : {}) },
    sections: [{ paragraphs: body.map((p) => p.trim()).filter((p) => p.length > 0) }],
    topics: [...topics],
    ...(item.categories.length > 0 ? { categories: [...item.categories] } : {}),
  };
}

/** Creates a feed source. Errors of the feed as a whole are thrown as SourceError; errors of single pages are returned. */
export function createFeedSource(options: FeedSourceOptions): ArticleSource & { readonly arrivalKey: string; lastItems(): FeedItem[] } {
  const now = options.now ?? (() => new Date());
  const base = options.baseBackoffMs ?? 5 * 60_000;
  const cap = options.maxBackoffMs ?? 6 * 3_600_000;
  const pauseAfter = options.pauseAfter ?? 12;
  const teaserWords = options.teaserWords ?? 60;
  // The items of the last good fetch: a 304 means "the same as before", so they are reused.
  let items: FeedItem[] | undefined;

  async function recordFailure(health: FeedHealth | undefined, err: SourceError): Promise<never> {
    const failures = (health?.consecutiveFailures ?? 0) + 1;
    const t = now().getTime();
    const paused = failures >= pauseAfter;
    const next: FeedHealth = {
      url: options.url,
      consecutiveFailures: failures,
      lastError: `${err.code}: ${err.message}`,
      ...(health?.lastSuccessAt !== undefined ? { lastSuccessAt: health.lastSuccessAt } : {}),
      // A server that said how long to wait (429, 503 with Retry-After) is not tried before, up to a day.
      nextTryAt: t + (paused ? PAUSED_RETRY_MS : Math.max(Math.min(cap, base * 2 ** (failures - 1)), Math.min(err.retryAfterMs ?? 0, MAX_RETRY_AFTER_MS))),
      paused,
      ...(health?.etag ? { etag: health.etag } : {}),
      ...(health?.lastModified ? { lastModified: health.lastModified } : {}),
      ...(health?.movedTo ? { movedTo: health.movedTo } : {}),
    };
    await options.health.putFeedHealth(next);
    if (next.paused) {
      throw new SourceError('paused', options.name, `${options.url} failed ${failures} times in a row (last: ${err.message}); it is paused, tried again once a day until it answers: fix or remove it in the briefing.`, { cause: err });
    }
    throw err;
  }

  // Pages completed for teaser items, by link: a feed polled all day keeps its items for hours,
  // and each page is read once, not at every poll. Only the current items' pages are kept.
  let pages = new Map<string, { text: string[]; published?: string }>();

  return {
    name: options.name,
    arrivalKey: options.url,
    lastItems: () => items ?? [],
    async fetchArticles() {
      const health = await options.health.getFeedHealth(options.url);
      const t = now().getTime();
      if (health?.paused && health.nextTryAt > t) {
        throw new SourceError('paused', options.name, `${options.url} is paused after ${health.consecutiveFailures} failures (last: ${health.lastError ?? 'unknown'}); next try at ${new Date(health.nextTryAt).toISOString()}: fix or remove it in the briefing.`);
      }
      if (health && health.nextTryAt > t && health.consecutiveFailures > 0) {
        throw new SourceError('backing_off', options.name, `${options.url} failed ${health.consecutiveFailures} time(s); next try at ${new Date(health.nextTryAt).toISOString()}.`);
      }
      const target = health?.movedTo ?? options.url;
      let result;
      try {
        result = await fetchResource(target, {
          ...options.fetch,
          sourceName: options.name,
          // Validators only when the items they stand for are in memory.
          ...(items && health?.etag ? { etag: health.etag } : {}),
          ...(items && health?.lastModified ? { lastModified: health.lastModified } : {}),
        });
      } catch (err) {
        return recordFailure(health, err instanceof SourceError ? err : new SourceError('fetch_failed', options.name, String(err)));
      }
      if (result.status === 'ok') {
        try {
          const decoded = decodeBytes(result.bytes, result.contentType);
          if (decoded.text.trim().length === 0) throw new SourceError('empty', options.name, `${target} sent an empty body: it will be tried again later.`);
          items = parseFeedText(decoded.text, result.finalUrl, now(), options.name).items.slice(0, options.maxItems ?? 100);
        } catch (err) {
          return recordFailure(health, err instanceof SourceError ? err : new SourceError('parse_failed', options.name, `${target}: ${(err as Error).message}`));
        }
      }
      await options.health.putFeedHealth({
        url: options.url,
        consecutiveFailures: 0,
        lastSuccessAt: t,
        nextTryAt: t,
        paused: false,
        ...(result.status === 'ok' && result.etag ? { etag: result.etag } : health?.etag && result.status === 'not-modified' ? { etag: health.etag } : {}),
        ...(result.status === 'ok' && result.lastModified ? { lastModified: result.lastModified } : health?.lastModified && result.status === 'not-modified' ? { lastModified: health.lastModified } : {}),
        ...(result.permanentUrl ? { movedTo: result.permanentUrl } : health?.movedTo ? { movedTo: health.movedTo } : {}),
      });
      const errors: Error[] = [];
      if (result.permanentUrl && result.permanentUrl !== health?.movedTo) {
        errors.push(new SourceError('moved', options.name, `${options.url} moved permanently to ${result.permanentUrl}: it is fetched from there now; update the briefing's URL.`));
      }
      const articles: Article[] = [];
      const seen = new Set<string>();
      const completed = new Map<string, { text: string[]; published?: string }>();
      for (const item of items ?? []) {
        let page: { text: string[]; published?: string } | undefined = item.link ? pages.get(item.link) : undefined;
        if (page && item.link) completed.set(item.link, page);
        else if (options.fullText && item.link && !item.content && wordCount(item.summary) < teaserWords) {
          try {
            const res = await fetchResource(item.link, { ...options.fetch, sourceName: options.name });
            if (res.status === 'ok') {
              const p = await extractPageOffThread(decodeBytes(res.bytes, res.contentType).text, res.finalUrl, { ...options.extract, sourceName: options.name });
              page = { text: p.sections.flatMap((s) => s.paragraphs), ...(p.published ? { published: p.published } : {}) };
              completed.set(item.link, page);
            }
          } catch (err) {
            // The teaser stays; the page's failure is reported, the feed goes on.
            errors.push(err as Error);
          }
        }
        const article = feedItemToArticle(item, options.name, options.topics ?? [], page);
        if (seen.has(article.id)) continue;
        seen.add(article.id);
        articles.push(article);
      }
      pages = completed;
      return { articles, errors };
    },
  };
}
