/**
 * One look at a declared source, for the operator's `sources check`: fetched once (no
 * validators, no stored health, no backoff), decoded and parsed as the app would, and reported
 * with what a person needs to decide: how many items, the newest date, the encoding, and what
 * is wrong or merely odd.
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { SourceError } from '../core/errors.js';
import { withoutUrlSecrets } from '../core/url-secrets.js';
import type { SourceDefinition } from '../core/types.js';
import { decodeBytes, declaredCharset, headerCharset, type Decoded } from './decode.js';
import { parseFeedText } from './feed-parse.js';
import { createFolderSource } from './folder-source.js';
import { fetchResource, type FetchOptions } from './http-fetch.js';
import { extractArticle } from './page-source.js';
import { isPlainTextBody } from './read-target.js';

/** The health of one source as `sources check` prints it. */
export interface SourceCheck {
  source: SourceDefinition;
  /** False when the source cannot be used: unreachable, not a feed, no items, no article. */
  ok: boolean;
  /** Items of a feed, articles of a folder, 1 for a readable page. */
  items: number;
  /** ISO 8601 date of the newest dated item, if any is dated. */
  newest?: string;
  /** The encoding the text was decoded with (feeds and pages). */
  encoding?: string;
  /** Usable, but worth a look: a misdeclared encoding that was recovered, a permanent redirect, undated items. */
  warnings: string[];
  /** Why the source is not usable. */
  errors: string[];
}

/** Options for {@link checkSource}. */
export interface CheckSourceOptions {
  /** Folder sources' paths are relative to this (the project root). */
  root: string;
  /** Fetch options (timeout, size cap) on top of the fetcher's defaults. */
  fetch: Partial<FetchOptions>;
  /** The fetch time given to undated items (default: now). */
  now: () => Date;
  /**
   * The language of an article as the composer reads it ("ar", "en", "fr", or undefined for one
   * it cannot use), to say when a source holds no Arabic; without it languages are not looked at.
   */
  languageOf?: (article: { title: string; sections: { paragraphs: string[] }[] }) => string | undefined;
}

/** Defaults for {@link CheckSourceOptions}. */
export const DEFAULT_CHECK_SOURCE_OPTIONS: Readonly<CheckSourceOptions> = { root: '.', fetch: {}, now: () => new Date() };

/**
 * Warnings about how the bytes were decoded: a charset declared (HTTP header or the document)
 * that the bytes contradict was recovered from, which works but should be fixed at the source;
 * bytes with no declaration decoded by a statistical guess may be guessed wrong.
 * "ISO-8859-1" declared on windows-1256 bytes → one warning naming both.
 */
export function encodingWarnings(bytes: Uint8Array, contentType: string | null | undefined, decoded: Decoded): string[] {
  if (decoded.how !== 'detected') return [];
  const declared = headerCharset(contentType) ?? declaredCharset(bytes);
  if (declared && declared !== decoded.encoding) {
    return [`declared encoding ${declared} does not match the bytes: decoded as ${decoded.encoding} (tell the publisher)`];
  }
  if (!declared) return [`no encoding declared: ${decoded.encoding} was guessed from the bytes`];
  return [];
}

function messageOf(err: unknown): string {
  return err instanceof SourceError ? err.message : (err as Error)?.message ?? String(err);
}

async function fetchText(url: string, def: SourceDefinition, options: CheckSourceOptions, check: SourceCheck): Promise<{ text: string; finalUrl: string; plain?: boolean }> {
  // A page may be a saved file; a feed is always fetched (the app reads no feed from a file).
  if (!/^https?:\/\//i.test(url) && def.kind !== 'feed') {
    const bytes = await readFile(isAbsolute(url) ? url : join(options.root, url)).catch((err: unknown) => {
      throw new SourceError('file_unreadable', def.name, `cannot read ${url}: check the path.`, { cause: err });
    });
    const decoded = decodeBytes(bytes);
    check.encoding = decoded.encoding;
    check.warnings.push(...encodingWarnings(bytes, null, decoded));
    return { text: decoded.text, finalUrl: url };
  }
  const res = await fetchResource(url, { ...options.fetch, sourceName: def.name });
  if (res.status !== 'ok') throw new SourceError('not_modified', def.name, `${url} answered 304 to an unconditional request: try again.`);
  if (res.permanentUrl) check.warnings.push(`moved permanently to ${res.permanentUrl}: update the URL in the briefing`);
  const decoded = decodeBytes(res.bytes, res.contentType);
  check.encoding = decoded.encoding;
  check.warnings.push(...encodingWarnings(res.bytes, res.contentType, decoded));
  return { text: decoded.text, finalUrl: res.finalUrl, ...(isPlainTextBody(res.contentType, decoded.text) ? { plain: true } : {}) };
}

/**
 * What to say when none of a source's articles is in Arabic: an error when the composer can use
 * none of them in any mode (Urdu or Persian, in the same script), a warning when only the AI mode
 * can (it translates English and French). Nothing when one of them is Arabic.
 */
function languageProblem(languages: readonly (string | undefined)[], check: SourceCheck, what: string): void {
  if (languages.length === 0 || languages.includes('ar')) return;
  if (languages.every((l) => l !== 'en' && l !== 'fr')) {
    check.errors.push(`${what} in Arabic (nor in English or French, which the AI mode translates): the briefing would leave ${languages.length === 1 ? 'it' : 'every one'} out; check the URL, or remove the source`);
  } else {
    check.warnings.push(`${what} in Arabic: used only in the AI mode (COMPOSER_MODE=llm), which translates English and French`);
  }
}

function newestOf(dates: readonly string[]): string | undefined {
  let best: number | undefined;
  for (const d of dates) {
    const t = Date.parse(d);
    if (Number.isFinite(t) && (best === undefined || t > best)) best = t;
  }
  return best === undefined ? undefined : new Date(best).toISOString();
}

/**
 * Checks one source: a feed is fetched and parsed (no items is a failure), a page fetched and
 * its article extracted, a folder read. Never throws: every problem is in `errors`.
 */
export async function checkSource(source: SourceDefinition, options: Partial<CheckSourceOptions> = {}): Promise<SourceCheck> {
  const opts = { ...DEFAULT_CHECK_SOURCE_OPTIONS, ...options };
  const check: SourceCheck = { source, ok: false, items: 0, warnings: [], errors: [] };
  try {
    if (source.kind === 'folder') {
      const path = isAbsolute(source.url) ? source.url : join(opts.root, source.url);
      const { articles, errors } = await createFolderSource({ path, name: source.name }).fetchArticles();
      check.items = articles.length;
      const newest = newestOf(articles.flatMap((a) => (a.published ? [a.published] : [])));
      if (newest) check.newest = newest;
      check.warnings.push(...errors.map(messageOf));
      if (articles.length === 0) check.errors.push(`${source.url} has no readable article (.txt, .md, .json, .html)`);
    } else if (source.kind === 'feed') {
      const { text, finalUrl } = await fetchText(source.url, source, opts, check);
      if (text.trim().length === 0) throw new SourceError('empty', source.name, `${source.url} sent an empty body.`);
      const feed = parseFeedText(text, finalUrl, opts.now(), source.name);
      check.items = feed.items.length;
      const dated = feed.items.filter((i) => i.dated);
      const newest = newestOf(dated.map((i) => i.published));
      if (newest) check.newest = newest;
      if (feed.items.length === 0) check.errors.push(`${source.url} is a ${feed.format} feed with no items`);
      else if (dated.length < feed.items.length) check.warnings.push(`${feed.items.length - dated.length} of ${feed.items.length} items have no readable date (the fetch time is used)`);
      if (opts.languageOf) {
        const languages = feed.items.map((i) => opts.languageOf!({ title: i.title, sections: [{ paragraphs: [i.content ?? i.summary] }] }));
        languageProblem(languages, check, feed.items.length === 1 ? 'its one item is not' : `none of its ${feed.items.length} items is`);
      }
    } else {
      const { text, finalUrl, plain } = await fetchText(source.url, source, opts, check);
      const page = await extractArticle(text, finalUrl, plain, { sourceName: source.name });
      if (page.sections.length === 0) check.errors.push(`${source.url} has no readable article text: check that it is an article page`);
      else check.items = 1;
      if (opts.languageOf && page.sections.length > 0) languageProblem([opts.languageOf(page)], check, 'its article is not');
      if (page.published) check.newest = newestOf([page.published]) ?? page.published;
    }
  } catch (err) {
    check.errors.push(messageOf(err));
  }
  check.ok = check.errors.length === 0;
  // What check prints is pasted into issues and CI logs: never with a feed's key.
  check.warnings = check.warnings.map(withoutUrlSecrets);
  check.errors = check.errors.map(withoutUrlSecrets);
  return check;
}
