/**
 * One reader for what a person points the CLI at: a URL, a file, or standard input ("-"). Pages
 * and the command-line tools share it, so a target is fetched, read and decoded one way.
 */
import { basename, extname } from 'node:path';
import type { Article } from '../core/types.js';
import { feedItemToArticle } from './feed-source.js';
import { parseFeedText } from './feed-parse.js';
import { parseJsonArticle } from './folder-source.js';
import { extractArticle, pageToArticle } from './page-source.js';
import { parseTextArticle } from './parse-text-article.js';
import { isHttpUrl, readTarget } from './read-target.js';

/** What a target held: one article, or a feed's articles. */
export type InputRead = { kind: 'article'; article: Article } | { kind: 'feed'; title: string; articles: Article[] };

/**
 * Reads what `npm run compose` and `npm run extract` are given: a URL (an article page or a
 * feed, told apart by what comes back), a file (.txt, .md, .json article or JSON Feed, .html
 * page, .xml/.rss/.atom feed), or standard input ("-", plain text). A URL is fetched under the
 * same address policy as the app's sources (`allowHosts` lets internal hosts through).
 */
export async function readInput(target: string, options: { now?: Date; allowHosts?: readonly string[] } = {}): Promise<InputRead> {
  const now = options.now ?? new Date();
  const name = target === '-' ? 'stdin' : isHttpUrl(target) ? new URL(target).host : basename(target);
  const { text, url, plain } = await readTarget(target, { sourceName: name, ...(options.allowHosts ? { allowHosts: options.allowHosts } : {}) });
  const ext = extname(target).toLowerCase();
  const head = text.trimStart().slice(0, 500);
  const looksFeed = /^<\?xml|^<(rss|feed|rdf:RDF)[\s>]/i.test(head) || /"version"\s*:\s*"https:\/\/jsonfeed\.org/.test(head) || ['.xml', '.rss', '.atom'].includes(ext);
  if (looksFeed && !/<html[\s>]/i.test(head)) {
    const feed = parseFeedText(text, url, now, name);
    return { kind: 'feed', title: feed.title || name, articles: feed.items.map((item) => feedItemToArticle(item, feed.title || name)) };
  }
  if (isHttpUrl(target) || ext === '.html' || ext === '.htm' || /<html[\s>]/i.test(head)) {
    return { kind: 'article', article: pageToArticle({ ...(await extractArticle(text, url, plain, { sourceName: name })), url }, name) };
  }
  if (ext === '.json') return { kind: 'article', article: parseJsonArticle(text, target, name) };
  return { kind: 'article', article: parseTextArticle(text, { id: name, source: { name, url: target } }) };
}
