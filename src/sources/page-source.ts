/** One article page (a URL, or a saved .html file) as a source. */
import type { ArticleSource } from '../core/ports.js';
import type { Article } from '../core/types.js';
import { SourceError } from '../core/errors.js';
import { canonicalUrl, contentHash } from './canonical-url.js';
import type { FetchOptions } from './http-fetch.js';
import type { ExtractedPage } from './page-extract.js';
import { extractPageOffThread, type OffThreadExtractOptions } from './page-extract-pool.js';
import { parseTextArticle } from './parse-text-article.js';
import { readTarget } from './read-target.js';

/**
 * The article of a fetched body: a page's main text by the extractor (in a worker thread, with
 * limits), or, for a body served as plain text, its lines as a text file's are read (the first
 * is the title, the others paragraphs): the extractor finds no article in text without markup.
 */
export async function extractArticle(text: string, url: string, plain: boolean | undefined, extract: Partial<OffThreadExtractOptions> = {}): Promise<ExtractedPage> {
  if (!plain) return extractPageOffThread(text, url, extract);
  const article = parseTextArticle(text, { id: url, source: { name: extract.sourceName ?? url, url } });
  return { title: article.title ?? '', sections: article.sections.filter((s) => s.paragraphs.length > 0) };
}

/** Reads a page (http(s) URL or file path) and extracts its article in a worker thread, with limits. */
export async function readPage(target: string, options: Partial<FetchOptions> = {}, extract: Partial<OffThreadExtractOptions> = {}): Promise<ExtractedPage & { url: string }> {
  const { text, url, plain } = await readTarget(target, options);
  const page = await extractArticle(text, url, plain, { ...extract, ...(options.sourceName ? { sourceName: options.sourceName } : {}) });
  if (page.sections.length === 0) throw new SourceError('no_article', target, `${target} has no readable article text: check that it is an article page, not a list or a video.`);
  return { ...page, url };
}

/** An article from an extracted page. */
export function pageToArticle(page: ExtractedPage & { url: string }, sourceName: string, topics: string[] = []): Article {
  const url = /^https?:/i.test(page.url) ? canonicalUrl(page.url) : page.url;
  return {
    id: /^https?:/i.test(url) ? url : contentHash(page.sections.flatMap((s) => s.paragraphs).join('\n')),
    title: page.title,
    ...(page.published ? { published: page.published } : {}),
    source: { name: page.siteName ?? sourceName, url },
    sections: page.sections,
    topics,
  };
}

/** A source that reads one page. */
export function createPageSource(options: { url: string; name: string; topics?: string[]; fetch?: Partial<FetchOptions>; extract?: Partial<OffThreadExtractOptions> }): ArticleSource {
  return {
    name: options.name,
    async fetchArticles() {
      const page = await readPage(options.url, { ...options.fetch, sourceName: options.name }, options.extract);
      return { articles: [pageToArticle(page, options.name, options.topics)], errors: [] };
    },
  };
}
