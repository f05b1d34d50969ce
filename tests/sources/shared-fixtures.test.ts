/**
 * The sources against the real fixtures of ../shared, served over local HTTP with real headers
 * (skipped when ../shared is absent; CI has it).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractionReport } from '../../src/eval/index.js';
import { isArabicText } from '../../src/arabic/index.js';
import { SourceError } from '../../src/core/errors.js';
import type { FeedHealth } from '../../src/core/types.js';
import { createFeedSource } from '../../src/sources/index.js';
import { HAS_SHARED, SHARED_DIR } from '../helpers.js';

const FIXTURES = join(SHARED_DIR, 'fixtures');
// The test server is on 127.0.0.1, which the fetcher refuses unless it is allowed by name.
const LOCAL = { allowHosts: ['127.0.0.1'] };
let server: Server;
let base = '';

function health() {
  const all = new Map<string, FeedHealth>();
  return { getFeedHealth: async (u: string) => all.get(u), putFeedHealth: async (h: FeedHealth) => void all.set(h.url, h) };
}

describe.skipIf(!HAS_SHARED || !existsSync(FIXTURES))('sources on the shared fixtures', () => {
  beforeAll(async () => {
    server = createServer((req, res) => {
      const route = (req.url ?? '/').split('?')[0]!;
      // Real headers on a real feed: ETag then 304, gzip, a 301, a 500, a hang.
      if (route === '/moved') return void res.writeHead(301, { location: '/feeds/derived/BBC.rss.xml' }).end();
      if (route === '/error') return void res.writeHead(500).end('Internal Server Error');
      if (route === '/hang') return;
      // windows-1256 bytes under an ISO-8859-6 header: the misdeclaration of older Arabic servers.
      if (route.startsWith('/as-iso-8859-6/')) {
        return void res.writeHead(200, { 'content-type': 'text/xml; charset=iso-8859-6' }).end(readFileSync(join(FIXTURES, 'feeds', 'derived', route.slice('/as-iso-8859-6/'.length))));
      }
      if (route === '/etag-gzip') {
        if (req.headers['if-none-match'] === '"bbc-1"') return void res.writeHead(304).end();
        const body = readFileSync(join(FIXTURES, 'feeds', 'derived', 'BBC.rss.xml'));
        return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"bbc-1"', 'content-encoding': 'gzip' }).end(gzipSync(body));
      }
      const rel = decodeURIComponent((req.url ?? '/').slice(1));
      const path = join(FIXTURES, rel);
      if (!path.startsWith(FIXTURES) || !existsSync(path)) return void res.writeHead(404).end();
      // UTF-8 files are served with their charset; legacy-encoded ones with none (as such servers do).
      const legacy = /windows-1256|iso-8859|windows-125/.test(rel);
      res.writeHead(200, { 'content-type': legacy ? 'text/xml' : 'application/xml; charset=utf-8', etag: `"${rel.length}"` });
      res.end(readFileSync(path));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('reads every derived Arabic feed, and the windows-1256 variants give the same titles as UTF-8', async () => {
    const dir = join(FIXTURES, 'feeds', 'derived');
    const titles = new Map<string, string[]>();
    for (const file of readdirSync(dir)) {
      const src = createFeedSource({ url: `${base}/feeds/derived/${file}`, name: file, health: health(), fetch: LOCAL });
      const { articles } = await src.fetchArticles();
      expect(articles.length, file).toBeGreaterThan(10);
      expect(articles.every((a) => isArabicText(`${a.title} ${a.sections[0]?.paragraphs.join(' ')}`, 0.5, 5)), file).toBe(true);
      titles.set(file, articles.map((a) => a.title ?? ''));
    }
    for (const [file, t] of titles) {
      if (!file.includes('windows-1256')) continue;
      expect(t, file).toEqual(titles.get(file.replace('.windows-1256', '')));
    }
  });

  it('reads the windows-1256 feeds served as ISO-8859-6 with the same titles as UTF-8', async () => {
    const dir = join(FIXTURES, 'feeds', 'derived');
    for (const file of readdirSync(dir).filter((f) => f.includes('.windows-1256'))) {
      const misdeclared = await createFeedSource({ url: `${base}/as-iso-8859-6/${file}`, name: file, health: health(), fetch: LOCAL }).fetchArticles();
      const utf8 = await createFeedSource({ url: `${base}/feeds/derived/${file.replace('.windows-1256', '')}`, name: file, health: health(), fetch: LOCAL }).fetchArticles();
      expect(misdeclared.articles.length, file).toBeGreaterThan(10);
      expect(misdeclared.articles.map((a) => a.title), file).toEqual(utf8.articles.map((a) => a.title));
    }
  });

  it('serves a real feed with ETag then 304 and gzip, follows a 301, backs off on a 500, and times out a hang', async () => {
    const h = health();
    const src = createFeedSource({ url: `${base}/etag-gzip`, name: 'BBC', health: h, fetch: LOCAL });
    const first = await src.fetchArticles();
    expect(first.articles.length).toBe(40);
    const second = await src.fetchArticles(); // 304: nothing sent, the same items
    expect(second.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
    expect((await createFeedSource({ url: `${base}/moved`, name: 'moved', health: health(), fetch: LOCAL }).fetchArticles()).articles.length).toBe(40);
    await expect(createFeedSource({ url: `${base}/error`, name: 'err', health: h, fetch: LOCAL }).fetchArticles()).rejects.toMatchObject({ code: 'http_500' });
    await expect(createFeedSource({ url: `${base}/hang`, name: 'hang', health: health(), fetch: { timeoutMs: 300, ...LOCAL } }).fetchArticles()).rejects.toMatchObject({ code: 'timeout' });
  });

  it('reads the right-to-left Urdu feeds, and none of their items is taken for Arabic', async () => {
    for (const file of readdirSync(join(FIXTURES, 'feeds', 'urdu'))) {
      const { articles } = await createFeedSource({ url: `${base}/feeds/urdu/${file}`, name: file, health: health(), fetch: LOCAL }).fetchArticles();
      expect(articles.length, file).toBeGreaterThan(5);
      const arabic = articles.filter((a) => isArabicText(`${a.title} ${a.sections.flatMap((s) => s.paragraphs).join(' ')}`));
      expect(arabic.map((a) => a.title), file).toEqual([]);
    }
  });

  it('ends every broken input either in articles decoded without mojibake or in a SourceError naming the source', async () => {
    const outcomes: string[] = [];
    for (const file of readdirSync(join(FIXTURES, 'broken'))) {
      const src = createFeedSource({ url: `${base}/broken/${file}`, name: `broken:${file}`, health: health(), fetch: LOCAL });
      try {
        const { articles } = await src.fetchArticles();
        expect(articles.length, file).toBeGreaterThan(0);
        expect(articles.some((a) => /Ã|Ù|Ø§/.test(a.title ?? '')), `${file} mojibake`).toBe(false);
        outcomes.push(`${file}: ${articles.length} items`);
      } catch (err) {
        expect(err, file).toBeInstanceOf(SourceError);
        expect((err as SourceError).source).toBe(`broken:${file}`);
        expect((err as SourceError).message.length, file).toBeGreaterThan(20);
        outcomes.push(`${file}: ${(err as SourceError).code}`);
      }
    }
    expect(outcomes.find((o) => o.startsWith('en_reuters_truncated'))).toMatch(/truncated/);
    expect(outcomes.find((o) => o.startsWith('en_nshipster_gzip'))).toMatch(/items/);
  });

  it('extracts every page with expected text: recall ≥ 0.90 of its Arabic body and leakage ≤ 0.05', () => {
    const rows = extractionReport(join(FIXTURES, 'pages'));
    expect(rows.length).toBeGreaterThanOrEqual(8);
    for (const r of rows) {
      expect(r.arabicRecall, r.file).toBeGreaterThanOrEqual(0.9);
      expect(r.leakage, r.file).toBeLessThanOrEqual(0.05);
    }
  });
});
