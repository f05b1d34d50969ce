/** Sources bring articles in: local folders, feeds (RSS, RDF, Atom, JSON Feed) and article pages. */
export { createFolderSource, parseJsonArticle } from './folder-source.js';
export type { FolderSourceOptions } from './folder-source.js';
export { parseTextArticle } from './parse-text-article.js';
export { createFeedSource, feedItemToArticle } from './feed-source.js';
export type { FeedHealthStore, FeedSourceOptions } from './feed-source.js';
export { parseFeedText } from './feed-parse.js';
export type { FeedItem, ParsedFeed } from './feed-parse.js';
export { createPageSource, readPage, pageToArticle } from './page-source.js';
export { extractPage, cleanTitle, isBoilerplate } from './page-extract.js';
export type { ExtractedPage } from './page-extract.js';
export { fetchResource, DEFAULT_FETCH_OPTIONS } from './http-fetch.js';
export type { FetchOptions, FetchResult } from './http-fetch.js';
export { decodeBytes, declaredCharset, headerCharset, unpackGzip } from './decode.js';
export { htmlToText, cleanText } from './html-text.js';
export { canonicalUrl, contentHash } from './canonical-url.js';
