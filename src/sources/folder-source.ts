/** Articles from a local folder: .txt, .md, .json and saved .html pages (the offline default). */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Article } from '../core/types.js';
import type { ArticleSource } from '../core/ports.js';
import { SourceError } from '../core/errors.js';
import { parseTextArticle } from './parse-text-article.js';
import { decodeBytes } from './decode.js';
import { extractPage } from './page-extract.js';
import { pageToArticle } from './page-source.js';
import { contentHash } from './canonical-url.js';

/** Options for {@link createFolderSource}. */
export interface FolderSourceOptions {
  /** Folder to read. */
  path: string;
  /** Name for logs, errors and the articles' source (default: the folder's name). */
  name?: string;
  /** Topics given to every article. */
  topics?: string[];
  /** Files larger than this are skipped with an error (default 5 MB). */
  maxFileBytes?: number;
}

const EXTENSIONS = new Set(['.txt', '.md', '.json', '.html', '.htm']);

interface JsonArticle {
  title?: unknown;
  text?: unknown;
  paragraphs?: unknown;
  url?: unknown;
  published?: unknown;
  source?: unknown;
  topics?: unknown;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.trim().length > 0 ? v.trim() : undefined;
}

/** Parses a JSON article: `{ title?, text | paragraphs[], url?, published?, source?, topics? }`. */
export function parseJsonArticle(raw: string, file: string, fallbackSource: string): Article {
  let json: JsonArticle;
  try {
    json = JSON.parse(raw.replace(/^\uFEFF/, '')) as JsonArticle;
  } catch (err) {
    // The parser's words alone ("Expected ',' or '}' after property value in JSON at position 33") name no file.
    throw new SourceError('not_json', fallbackSource, `${file} is not valid JSON (${(err as Error).message.split('\n')[0]}): a .json article is { "title": "…", "text": "…" }; fix the file.`, { cause: err });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new SourceError('not_json', fallbackSource, `${file} holds JSON that is not an object: a .json article is { "title": "…", "text": "…" }; fix the file.`);
  }
  const paragraphs = Array.isArray(json.paragraphs)
    ? json.paragraphs.filter((p): p is string => typeof p === 'string')
    : (str(json.text) ?? '').split(/\r?\n/);
  const title = str(json.title);
  const url = str(json.url);
  const published = str(json.published);
  const topics = Array.isArray(json.topics) ? json.topics.filter((t): t is string => typeof t === 'string') : undefined;
  return {
    id: contentHash(raw),
    ...(title ? { title } : {}),
    ...(published ? { published } : {}),
    source: { name: str(json.source) ?? fallbackSource, url: url ?? file },
    sections: [{ paragraphs: paragraphs.map((p) => p.trim()).filter((p) => p.length > 0) }],
    ...(topics ? { topics } : {}),
  };
}

/**
 * A source that reads every .txt, .md, .json and .html file of a folder (not recursive), in name order.
 * A file that cannot be read or parsed is reported as a {@link SourceError}; the others still load.
 */
export function createFolderSource(options: FolderSourceOptions): ArticleSource {
  const name = options.name ?? basename(options.path);
  const maxBytes = options.maxFileBytes ?? 5 * 1024 * 1024;
  return {
    name,
    async fetchArticles() {
      let entries: string[];
      try {
        entries = (await readdir(options.path)).filter((f) => EXTENSIONS.has(extname(f).toLowerCase())).sort();
      } catch (err) {
        throw new SourceError('folder_unreadable', name, `Cannot read the folder ${options.path}: check that it exists and is readable.`, { cause: err });
      }
      const articles: Article[] = [];
      const errors: Error[] = [];
      for (const file of entries) {
        const path = join(options.path, file);
        try {
          const info = await stat(path);
          if (info.size > maxBytes) {
            errors.push(new SourceError('file_too_large', name, `${path} is ${info.size} bytes, over the ${maxBytes}-byte limit: split or shorten it.`));
            continue;
          }
          const ext = extname(file).toLowerCase();
          const bytes = await readFile(path);
          let article: Article;
          if (ext === '.html' || ext === '.htm') {
            const page = extractPage(decodeBytes(bytes).text);
            if (page.sections.length === 0) throw new Error('no readable article text in the page');
            article = pageToArticle({ ...page, url: path }, name);
          } else {
            const raw = decodeBytes(bytes).text;
            // Files that hold no article are said, not counted as articles the composer then drops in silence.
            if (raw.includes('\u0000')) {
              errors.push(new SourceError('file_unreadable', name, `${path} is binary data, not text: remove it from the folder.`));
              continue;
            }
            article = ext === '.json' ? parseJsonArticle(raw, path, name) : parseTextArticle(raw, { id: contentHash(raw), source: { name, url: path } });
            if (article.sections.every((s) => s.paragraphs.length === 0)) {
              const form = ext === '.json' ? 'a .json article needs "text" or "paragraphs" (and a "title")' : 'the first line is the title, the text follows';
              errors.push(new SourceError('file_unreadable', name, `${path} has no article text: ${form}; fix or remove the file.`));
              continue;
            }
          }
          if (options.topics && options.topics.length > 0) article.topics = [...(article.topics ?? []), ...options.topics];
          articles.push(article);
        } catch (err) {
          errors.push(
            err instanceof SourceError
              ? new SourceError(err.code, name, err.message.replace(/fix the file\.$/, 'fix or remove the file.'), { cause: err })
              : new SourceError('file_unreadable', name, `${path} could not be read as an article (${(err as Error).message}): fix or remove the file.`, { cause: err }),
          );
        }
      }
      return { articles, errors };
    },
  };
}
