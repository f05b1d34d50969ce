/**
 * One poll of a source that keeps its articles as they arrive (a feed): read it as usual (with
 * its validators, backoff and health, see feed-source.ts), and keep what it carries in the store,
 * each article with the time it was first seen. A feed that keeps its last 20 items loses none of
 * the night's news when it is polled more often than 20 items are published.
 */
import type { ArticleSource } from '../core/ports.js';
import type { Article } from '../core/types.js';

/** Where arrivals are kept (the Store implements it). */
export interface ArrivalStore {
  putArrivals(sourceKey: string, articles: readonly Article[], arrivedAt: number): Promise<number>;
}

/** What one poll did. */
export interface PollResult {
  /** Articles the feed carried. */
  seen: number;
  /** Articles not kept before (they arrived now). */
  added: number;
  /** Problems with single items (the feed as a whole was read). */
  errors: Error[];
}

/**
 * Polls `source` once and keeps its articles under its arrival key. Throws what the source throws
 * (a failing, backing-off or paused feed): the caller logs it and tries at the next interval.
 */
export async function pollSource(source: ArticleSource, store: ArrivalStore, now: () => Date): Promise<PollResult> {
  const key = source.arrivalKey;
  if (!key) throw new Error(`${source.name} cannot be polled (it has no arrival key): only feeds are polled.`);
  const { articles, errors } = await source.fetchArticles();
  const added = await store.putArrivals(key, articles, now().getTime());
  return { seen: articles.length, added, errors };
}
