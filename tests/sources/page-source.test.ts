/** Page sources on a local server: a body served as plain text is an article, read line by line. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { SourceError } from '../../src/core/errors.js';
import { checkSource, createPageSource, createSourceCatalog, readInput } from '../../src/sources/index.js';
import { HAS_SHARED, ROOT, SHARED_DIR } from '../helpers.js';
import { createServer } from 'node:http';
import { serveRoutes, type Route } from './local-feeds.js';

const LOCAL = { allowHosts: ['127.0.0.1'] };
const TEXT = 'الحكومة تعلن خطة لدعم المزارعين\n\nأعلنت الحكومة اليوم خطة جديدة لدعم المزارعين في المناطق الجنوبية بقيمة مليار دينار.\n\nوقال وزير الزراعة إن الخطة تشمل قروضا ميسرة وبذورا محسنة خلال الموسم المقبل.\n';
const SHARED_TEXT = join(SHARED_DIR, 'fixtures', 'broken', 'ar_windows-1256_plain-text_no-metadata.charset_normalizer.txt');
let server: { base: string; close(): Promise<void> };

beforeAll(async () => {
  const routes: Record<string, Route> = {
    // A plain-text article in windows-1256, the charset declared nowhere (as older Arabic servers send it).
    '/note.txt': { status: 200, headers: { 'content-type': 'text/plain' }, body: iconv.encode(TEXT, 'windows-1256') },
    // HTML under the wrong type is still a page.
    '/page-as-text': { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `<!doctype html><html lang="ar"><head><title>عنوان الصفحة</title></head><body><nav>الرئيسية | رياضة</nav><article><h1>عنوان الصفحة</h1><p>${TEXT.split('\n')[2]}</p><p>${TEXT.split('\n')[4]}</p></article></body></html>` },
  };
  if (HAS_SHARED && existsSync(SHARED_TEXT)) routes['/shared.txt'] = { status: 200, headers: { 'content-type': 'text/plain' }, body: readFileSync(SHARED_TEXT) };
  server = await serveRoutes(routes);
});
afterAll(async () => {
  await server.close();
});

describe('a page source served as text/plain', () => {
  it('is read as a text file is: the first line the title, the others paragraphs (the extractor found no article)', async () => {
    const { articles } = await createPageSource({ url: `${server.base}/note.txt`, name: 'نشرة', fetch: LOCAL }).fetchArticles();
    expect(articles).toHaveLength(1);
    expect(articles[0]!.title).toBe('الحكومة تعلن خطة لدعم المزارعين');
    expect(articles[0]!.sections.flatMap((s) => s.paragraphs)).toEqual([TEXT.split('\n')[2], TEXT.split('\n')[4]]);
    const input = await readInput(`${server.base}/note.txt`, LOCAL);
    expect(input.kind === 'article' && input.article.sections.flatMap((s) => s.paragraphs)).toHaveLength(2);
    const check = await checkSource({ kind: 'page', url: `${server.base}/note.txt`, name: 'نشرة', language: 'ar', topics: [] }, { fetch: LOCAL });
    expect(check.errors).toEqual([]);
    expect(check.items).toBe(1);
  });

  it('is still a page when it holds HTML', async () => {
    const { articles } = await createPageSource({ url: `${server.base}/page-as-text`, name: 'صفحة', fetch: LOCAL }).fetchArticles();
    expect(articles[0]!.title).toBe('عنوان الصفحة');
    expect(articles[0]!.sections.flatMap((s) => s.paragraphs).join(' ')).not.toContain('الرئيسية');
  });

  it.skipIf(!HAS_SHARED || !existsSync(SHARED_TEXT))('reads the shared undeclared windows-1256 plain text', async () => {
    const { articles } = await createPageSource({ url: `${server.base}/shared.txt`, name: 'نص', fetch: LOCAL }).fetchArticles();
    const paragraphs = articles[0]!.sections.flatMap((s) => s.paragraphs);
    expect(articles[0]!.title).toMatch(/^بالموازاة/);
    expect(paragraphs.length).toBeGreaterThanOrEqual(2);
  });
});

describe('fetch.timeoutMs', () => {
  it('is the time the app\'s sources give a site (default 10 s), and the timeout error names it', async () => {
    expect(loadConfig({ root: ROOT, env: {} }).fetch.timeoutMs).toBe(10_000);
    const slow = createServer((_req, res) => void setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end(TEXT), 1_500));
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', () => r()));
    try {
      const url = `http://127.0.0.1:${(slow.address() as { port: number }).port}/slow.txt`;
      const def = { id: 'b', title: 'موجز', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', sources: [{ kind: 'page' as const, url, name: 'بطيء', language: 'ar', topics: [] }], topics: [], categories: {}, maxItems: 10, maxChars: 3500, bulletsPerItem: 2 };
      const health = { getFeedHealth: async () => undefined, putFeedHealth: async () => undefined };
      const [quick] = createSourceCatalog({ health, now: () => new Date(), root: ROOT, allowHosts: ['127.0.0.1'], timeoutMs: 1_000 })(def);
      const err = await quick!.fetchArticles().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SourceError);
      expect((err as SourceError).code).toBe('timeout');
      expect((err as SourceError).message).toMatch(/raise fetch\.timeoutMs/);
      const [patient] = createSourceCatalog({ health, now: () => new Date(), root: ROOT, allowHosts: ['127.0.0.1'], timeoutMs: 3_000 })(def);
      expect((await patient!.fetchArticles()).articles).toHaveLength(1);
    } finally {
      await new Promise<void>((r) => slow.close(() => r()));
    }
  });
});
