/** The feed source against a local HTTP server speaking real HTTP: validators, gzip, charsets, redirects, failures. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.js';
import type { FeedHealth } from '../../src/core/types.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { createFeedSource, fetchResource, type FeedHealthStore } from '../../src/sources/index.js';
import { createBriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';

const ITEM_TEXT = 'أعلنت وزارة المالية اليوم عن خطة جديدة لدعم المشروعات الصغيرة بقيمة مليار دولار، وقال الوزير إن الخطة تبدأ الشهر المقبل في جميع المحافظات.';
const feedXml = (encoding = 'UTF-8', declare = true): string =>
  `${declare ? `<?xml version="1.0" encoding="${encoding}"?>\n` : ''}<rss version="2.0"><channel><title>أخبار الاختبار</title><link>http://127.0.0.1/</link>
<item><title>خطة لدعم المشروعات الصغيرة</title><link>/ar/1</link><description>${ITEM_TEXT}</description><pubDate>Sun, 29 Nov 2026 04:00:00 +0300</pubDate></item>
<item><title>افتتاح مستشفى جديد</title><link>/ar/teaser</link><description>افتتح وزير الصحة مستشفى جديدا.</description><pubDate>Sun, 29 Nov 2026 03:00:00 GMT</pubDate></item>
</channel></rss>`;
const articlePage = `<!doctype html><html><head><title>افتتاح مستشفى جديد | موقع الاختبار</title><meta property="article:published_time" content="2026-11-29T03:00:00Z"></head>
<body><nav><a href="/">الرئيسية</a> <a href="/s">رياضة</a></nav><article><h1>افتتاح مستشفى جديد</h1>
<p>افتتح وزير الصحة اليوم مستشفى جديدا في العاصمة يضم ثلاثمئة سرير وقسما للطوارئ يعمل على مدار الساعة، وقال إن المستشفى سيخدم نحو نصف مليون نسمة.</p>
<p>وأضاف الوزير أن المرحلة الثانية من المشروع تشمل مركزا لعلاج الأورام وآخر لأمراض القلب، على أن تنتهي الأعمال خلال عامين من الآن وفق الجدول المعلن.</p>
<p>وأشار إلى أن الكوادر الطبية تلقت تدريبا مكثفا خلال الأشهر الماضية استعدادا للافتتاح، وأن التسجيل للمواعيد متاح عبر الموقع الإلكتروني للوزارة.</p></article>
<footer>جميع الحقوق محفوظة</footer></body></html>`;

let server: Server;
let base = '';
const hits = new Map<string, number>();
/** Whether /flaky answers with the feed (true) or a 500. */
let flakyUp = false;
const seenHeaders: Record<string, IncomingMessage['headers']> = {};

function route(req: IncomingMessage, res: ServerResponse): void {
  const path = (req.url ?? '/').split('?')[0]!;
  hits.set(path, (hits.get(path) ?? 0) + 1);
  seenHeaders[path] = req.headers;
  switch (path) {
    case '/feed.xml': {
      if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304).end();
      const body = Buffer.from(feedXml());
      const gz = /gzip/.test(String(req.headers['accept-encoding']));
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8', etag: '"v1"', 'last-modified': 'Sun, 29 Nov 2026 04:00:00 GMT', ...(gz ? { 'content-encoding': 'gzip' } : {}) });
      return void res.end(gz ? gzipSync(body) : body);
    }
    case '/win-header.xml':
      return void res.writeHead(200, { 'content-type': 'text/xml; charset=windows-1256' }).end(iconv.encode(feedXml('windows-1256', false), 'windows-1256'));
    case '/win-undeclared.xml':
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end(iconv.encode(feedXml('', false), 'windows-1256'));
    case '/old':
      return void res.writeHead(301, { location: '/feed.xml' }).end();
    case '/temp':
      return void res.writeHead(302, { location: '/feed.xml' }).end();
    case '/500':
      return void res.writeHead(500).end('boom');
    case '/flaky':
      return flakyUp ? void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(feedXml()) : void res.writeHead(500).end('boom');
    case '/busy':
      return void res.writeHead(429, { 'retry-after': '7200' }).end();
    case '/busy-week':
      return void res.writeHead(429, { 'retry-after': String(7 * 24 * 3600) }).end();
    case '/busy-forever':
      return void res.writeHead(503, { 'retry-after': '999999999' }).end();
    case '/maintenance':
      return void res.writeHead(503, { 'retry-after': new Date(Date.now() + 3 * 3_600_000).toUTCString() }).end();
    case '/hang':
      return; // never answers
    case '/truncated':
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end(feedXml().slice(0, 400));
    case '/empty':
      return void res.writeHead(200, { 'content-type': 'text/xml' }).end();
    case '/html':
      return void res.writeHead(200, { 'content-type': 'text/html' }).end(articlePage);
    case '/not-xml':
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('هذا ليس موجزا ولا XML');
    case '/huge-declared':
      res.writeHead(200, { 'content-type': 'text/xml', 'content-length': String(50 * 1024 * 1024) });
      return void res.write(Buffer.alloc(1024, 32));
    case '/huge-chunked': {
      res.writeHead(200, { 'content-type': 'text/xml' });
      const chunk = Buffer.alloc(64 * 1024, 32);
      let sent = 0;
      const pump = (): void => {
        while (sent < 50 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      return pump();
    }
    case '/ar/teaser':
      return void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage);
    default:
      return void res.writeHead(404).end();
  }
}

beforeAll(async () => {
  server = createServer(route);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

function memoryHealth(): FeedHealthStore & { all: Map<string, FeedHealth> } {
  const all = new Map<string, FeedHealth>();
  return { all, getFeedHealth: async (u) => all.get(u), putFeedHealth: async (h) => void all.set(h.url, h) };
}

// The test server is on 127.0.0.1, which the fetcher refuses unless it is allowed by name.
const LOCAL = { allowHosts: ['127.0.0.1'] } as const;
// Local requests get a generous time limit, so that a loaded machine does not turn them into
// timeouts; only the server that never answers is given a short one.
const fast = { timeoutMs: 10_000, maxBytes: 5 * 1024 * 1024, ...LOCAL };

describe('fetchResource', () => {
  it('sends a clear User-Agent and accepts compressed bodies', async () => {
    const r = await fetchResource(`${base}/feed.xml`, LOCAL);
    expect(r.status).toBe('ok');
    expect(String(seenHeaders['/feed.xml']!['user-agent'])).toMatch(/ArabicBriefingBot/);
    expect(String(seenHeaders['/feed.xml']!['accept-encoding'])).toMatch(/gzip/);
  });
  it('times out a server that never answers', async () => {
    // The server never answers: only the time limit can end this request (the test's own limit is 30 s).
    await expect(fetchResource(`${base}/hang`, { timeoutMs: 300, ...LOCAL })).rejects.toMatchObject({ code: 'timeout' });
  });
  it('refuses a 50 MB body, declared or streamed, at the size cap', async () => {
    await expect(fetchResource(`${base}/huge-declared`, fast)).rejects.toMatchObject({ code: 'too_large' });
    await expect(fetchResource(`${base}/huge-chunked`, fast)).rejects.toMatchObject({ code: 'too_large' });
    // The cap is not a setting: the message asks for what the operator can change, the URL.
    const err = await fetchResource(`${base}/huge-chunked`, fast).then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/more than 5 MiB.*check that the URL is a feed or an article page/);
    expect(err?.message).not.toMatch(/raise the limit/);
  });
  it('reports a temporary redirect without a permanent URL', async () => {
    const r = await fetchResource(`${base}/temp`, LOCAL);
    expect(r).toMatchObject({ status: 'ok', finalUrl: `${base}/feed.xml` });
    expect(r.permanentUrl).toBeUndefined();
  });
});

describe('createFeedSource', () => {
  it('reads a feed, then costs nothing on 304 and keeps its items', async () => {
    const health = memoryHealth();
    const src = createFeedSource({ url: `${base}/feed.xml`, name: 'اختبار', health, fetch: fast });
    const first = await src.fetchArticles();
    expect(first.articles.map((a) => a.title)).toEqual(['خطة لدعم المشروعات الصغيرة', 'افتتاح مستشفى جديد']);
    expect(first.articles[0]!.source.url).toBe(`${base}/ar/1`);
    expect(first.articles[0]!.published).toBe('2026-11-29T01:00:00.000Z');
    expect(health.all.get(`${base}/feed.xml`)).toMatchObject({ etag: '"v1"', consecutiveFailures: 0 });
    const second = await src.fetchArticles();
    expect(seenHeaders['/feed.xml']!['if-none-match']).toBe('"v1"');
    expect(second.articles.map((a) => a.id)).toEqual(first.articles.map((a) => a.id));
  });

  it('decodes windows-1256 declared only in the header, and undeclared', async () => {
    for (const path of ['/win-header.xml', '/win-undeclared.xml']) {
      const src = createFeedSource({ url: `${base}${path}`, name: 'ترميز', health: memoryHealth(), fetch: fast });
      const { articles } = await src.fetchArticles();
      expect(articles[0]!.title).toBe('خطة لدعم المشروعات الصغيرة');
      expect(articles[0]!.sections[0]!.paragraphs[0]).toBe(ITEM_TEXT);
    }
  });

  it('follows a permanent redirect and fetches from the new URL from then on', async () => {
    const health = memoryHealth();
    const src = createFeedSource({ url: `${base}/old`, name: 'منقول', health, fetch: fast });
    const before = hits.get('/old') ?? 0;
    const r = await src.fetchArticles();
    expect(r.articles).toHaveLength(2);
    expect(r.errors[0]!.message).toMatch(/moved permanently .*update the briefing's URL/);
    expect(health.all.get(`${base}/old`)!.movedTo).toBe(`${base}/feed.xml`);
    await src.fetchArticles();
    expect(hits.get('/old')).toBe(before + 1);
  });

  it('backs off after a failure (no tight loop) and pauses a feed that keeps failing', async () => {
    let now = new Date('2026-11-29T05:00:00Z');
    const health = memoryHealth();
    const src = createFeedSource({ url: `${base}/500`, name: 'معطل', health, fetch: fast, now: () => now, baseBackoffMs: 60_000, maxBackoffMs: 240_000, pauseAfter: 4 });
    await expect(src.fetchArticles()).rejects.toMatchObject({ code: 'http_500' });
    const h1 = health.all.get(`${base}/500`)!;
    expect(h1).toMatchObject({ consecutiveFailures: 1, paused: false, nextTryAt: now.getTime() + 60_000 });
    expect(h1.lastError).toMatch(/HTTP 500/);
    const hitsBefore = hits.get('/500');
    await expect(src.fetchArticles()).rejects.toMatchObject({ code: 'backing_off' });
    expect(hits.get('/500')).toBe(hitsBefore);
    for (const wait of [60_000, 120_000, 240_000]) {
      now = new Date(now.getTime() + wait);
      await src.fetchArticles().catch(() => undefined);
    }
    const h4 = health.all.get(`${base}/500`)!;
    expect(h4).toMatchObject({ consecutiveFailures: 4, paused: true });
    await expect(src.fetchArticles()).rejects.toThrow(/paused .*fix or remove it in the briefing/);
    expect(health.all.get(`${base}/500`)!.nextTryAt - now.getTime()).toBe(24 * 3_600_000);
  });

  it('waits as long as a 429 or a 503 asks (Retry-After, seconds or a date) before trying again, and says so', async () => {
    const now = new Date('2026-11-29T05:00:00Z');
    const health = memoryHealth();
    const busy = createFeedSource({ url: `${base}/busy`, name: 'مزدحم', health, fetch: fast, now: () => now, baseBackoffMs: 60_000 });
    const err = await busy.fetchArticles().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'http_429' });
    expect((err as Error).message).toMatch(/too many requests.*asks to wait 120 minutes/);
    expect((err as Error).message).not.toMatch(/access rules/);
    expect(health.all.get(`${base}/busy`)!.nextTryAt).toBe(now.getTime() + 7_200_000);
    const down = createFeedSource({ url: `${base}/maintenance`, name: 'صيانة', health, fetch: fast, now: () => now, baseBackoffMs: 60_000 });
    await expect(down.fetchArticles()).rejects.toMatchObject({ code: 'http_503' });
    const wait = health.all.get(`${base}/maintenance`)!.nextTryAt - now.getTime();
    expect(wait).toBeGreaterThan(3 * 3_600_000 - 60_000);
    expect(wait).toBeLessThanOrEqual(3 * 3_600_000);
  });

  it('honours a Retry-After past its own backoff cap, but never waits more than a day', async () => {
    const now = new Date('2026-11-29T05:00:00Z');
    const health = memoryHealth();
    const src = createFeedSource({ url: `${base}/busy`, name: 'مزدحم', health, fetch: fast, now: () => now, baseBackoffMs: 60_000, maxBackoffMs: 3_600_000 });
    await src.fetchArticles().catch(() => undefined);
    expect(health.all.get(`${base}/busy`)!.nextTryAt).toBe(now.getTime() + 7_200_000);
    const week = createFeedSource({ url: `${base}/busy-week`, name: 'مزدحم جدا', health, fetch: fast, now: () => now, baseBackoffMs: 60_000 });
    await week.fetchArticles().catch(() => undefined);
    expect(health.all.get(`${base}/busy-week`)!.nextTryAt).toBe(now.getTime() + 24 * 3_600_000);
  });

  it('says the wait it keeps (a day), not the years a huge Retry-After asks for', async () => {
    const now = new Date('2026-11-29T05:00:00Z');
    const health = memoryHealth();
    const src = createFeedSource({ url: `${base}/busy-forever`, name: 'متوقف', health, fetch: fast, now: () => now, baseBackoffMs: 60_000 });
    const err = await src.fetchArticles().catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'http_503' });
    expect((err as Error).message).toMatch(/the server failed; it asks to wait more than a day, and is not tried for a day/);
    expect((err as Error).message).not.toMatch(/16666667/);
    expect(health.all.get(`${base}/busy-forever`)!.nextTryAt).toBe(now.getTime() + 24 * 3_600_000);
  });

  it('tries a paused feed once a day, and takes it back when it answers again (there is no other way to resume it)', async () => {
    let now = new Date('2026-11-29T05:00:00Z');
    const health = memoryHealth();
    const url = `${base}/flaky`;
    flakyUp = false;
    const src = createFeedSource({ url, name: 'متقطع', health, fetch: fast, now: () => now, baseBackoffMs: 60_000, maxBackoffMs: 240_000, pauseAfter: 2 });
    await src.fetchArticles().catch(() => undefined);
    now = new Date(now.getTime() + 60_000);
    await expect(src.fetchArticles()).rejects.toThrow(/it is paused, tried again once a day until it answers: fix or remove it in the briefing/);
    expect(health.all.get(url)).toMatchObject({ paused: true, nextTryAt: now.getTime() + 24 * 3_600_000 });
    // The site is back; the feed waits for its daily try, without a request before it.
    flakyUp = true;
    const before = hits.get('/flaky');
    now = new Date(now.getTime() + 23 * 3_600_000);
    await expect(src.fetchArticles()).rejects.toThrow(/paused after 2 failures .*next try at 2026-11-30T05:01:00\.000Z/);
    expect(hits.get('/flaky')).toBe(before);
    now = new Date(now.getTime() + 3_600_000);
    const { articles } = await src.fetchArticles();
    expect(articles.map((a) => a.title)).toContain('خطة لدعم المشروعات الصغيرة');
    expect(health.all.get(url)).toMatchObject({ paused: false, consecutiveFailures: 0 });
  });

  it('ends a hang, a cut-off feed, an empty body, a 50 MB body, HTML and plain text each in a SourceError naming the source', async () => {
    const cases: [string, string][] = [['/hang', 'timeout'], ['/truncated', 'truncated'], ['/empty', 'empty'], ['/huge-chunked', 'too_large'], ['/html', 'not_a_feed'], ['/not-xml', 'not_a_feed']];
    for (const [path, code] of cases) {
      const src = createFeedSource({ url: `${base}${path}`, name: `مصدر ${path}`, health: memoryHealth(), fetch: { ...fast, ...(path === '/hang' ? { timeoutMs: 400 } : {}) } });
      const err = await src.fetchArticles().then(() => undefined, (e: unknown) => e);
      expect(err, path).toBeInstanceOf(SourceError);
      expect((err as SourceError).code, path).toBe(code);
      expect((err as SourceError).source).toBe(`مصدر ${path}`);
    }
  });

  it('completes a teaser from its page when the briefing asks for full text', async () => {
    const src = createFeedSource({ url: `${base}/feed.xml`, name: 'كامل', health: memoryHealth(), fetch: fast, fullText: true });
    const { articles } = await src.fetchArticles();
    const teaser = articles.find((a) => a.title === 'افتتاح مستشفى جديد')!;
    expect(teaser.sections[0]!.paragraphs).toHaveLength(3);
    expect(teaser.sections[0]!.paragraphs[0]).toMatch(/^افتتح وزير الصحة اليوم مستشفى جديدا/);
    expect(teaser.sections[0]!.paragraphs.join(' ')).not.toMatch(/الرئيسية|جميع الحقوق/);
  });

  it('a feed polled all day reads each teaser\'s page once, not at every poll', async () => {
    const src = createFeedSource({ url: `${base}/feed.xml`, name: 'كامل', health: memoryHealth(), fetch: fast, fullText: true });
    const before = hits.get('/ar/teaser') ?? 0;
    const first = await src.fetchArticles();
    const second = await src.fetchArticles();
    expect(hits.get('/ar/teaser')).toBe(before + 1);
    expect(second.articles).toEqual(first.articles);
    expect(second.articles.find((a) => a.title === 'افتتاح مستشفى جديد')!.sections[0]!.paragraphs).toHaveLength(3);
  });

  it('one broken feed never stops the others: the edition is composed from the good one', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const good = createFeedSource({ url: `${base}/feed.xml`, name: 'جيد', health: store, fetch: fast });
    const bad = createFeedSource({ url: `${base}/500`, name: 'معطل', health: store, fetch: fast });
    const service = createBriefingService({ store, sourcesFor: () => [bad, good], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    const def = { id: 'morning', title: 'موجز', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', sources: [], topics: [], maxItems: 10, maxChars: 3500, bulletsPerItem: 2 };
    const edition = await service.getOrComposeEdition(def, '2026-11-29', '07:00');
    expect(edition.briefing.groups.flatMap((g) => g.items).length).toBeGreaterThan(0);
    expect((await store.getFeedHealth(`${base}/500`))!.consecutiveFailures).toBe(1);
    await store.close();
  });
});
