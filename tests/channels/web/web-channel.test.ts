import { parseAtomFeed } from 'feedsmith';
import { DOMParser, parseHTML } from 'linkedom';
import { afterEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/channels/web/index.js';
import { HOSTILE_HEADLINE, startWeb, type WebFixture } from './web-fixture.js';

let fixture: WebFixture | undefined;
afterEach(async () => {
  await fixture?.close();
  fixture = undefined;
});

const TOKEN = 'test-admin-token-0123456789abcdef';
const doc = (text: string): Document => parseHTML(text).document as unknown as Document;
const squash = (s: string | null | undefined): string => (s ?? '').replace(/\s+/g, ' ').trim();

describe('createWebChannel: pages', () => {
  it('lists the briefings on / as right-to-left Arabic HTML with a CSP that allows no script', async () => {
    fixture = await startWeb();
    const res = await fetch(`${fixture.base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src|unsafe-inline/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const d = doc(await res.text());
    expect(d.documentElement.getAttribute('lang')).toBe('ar');
    expect(d.documentElement.getAttribute('dir')).toBe('rtl');
    expect([...d.querySelectorAll('main a')].map((a) => a.getAttribute('href'))).toEqual(['/b/morning/', '/b/morning/archive', '/b/morning/feed.atom']);
    expect(d.querySelectorAll('script, [style]')).toHaveLength(0);
  });

  it('names a briefing\'s time zone by the Arabic place the chat answers use, on the home page and before its first edition («بتوقيت الرياض»), not as Asia/Riyadh', async () => {
    fixture = await startWeb();
    const home = squash(doc(await (await fetch(`${fixture.base}/`)).text()).querySelector('main')?.textContent);
    expect(home).toContain('الساعة 07:00 بتوقيت الرياض');
    expect(home).not.toContain('Asia/Riyadh');
    const { renderNoEditionPage } = await import('../../../src/channels/web/edition-page.js');
    const { parseDeliveryTime } = await import('../../../src/service/index.js');
    const empty = squash(doc(renderNoEditionPage({ stylesheetPath: '/s.css' }, { id: 'cairo', title: 'موجز القاهرة', timeZone: 'Africa/Cairo', deliveryTime: '08:00' })).querySelector('main')?.textContent);
    // Cairo, not a name of a wider zone («شرق أوروبا») or of the country: the place the bot reads back as Africa/Cairo.
    expect(empty).toContain('الساعة 08:00 بتوقيت القاهرة');
    expect(parseDeliveryTime(/الساعة \S+ بتوقيت [^.]+/.exec(empty)![0])).toEqual({ time: '08:00', zone: 'Africa/Cairo' });
    // A zone with no Arabic place: the runtime's Arabic name when it is a name, else its id, isolated.
    const utc = doc(renderNoEditionPage({ stylesheetPath: '/s.css' }, { id: 'utc', title: 'موجز', timeZone: 'Etc/GMT-3', deliveryTime: '08:00' }));
    expect(squash(utc.querySelector('main')?.textContent)).toContain('بتوقيت Etc/GMT-3');
    expect(utc.querySelector('main bdi')?.textContent).toBe('Etc/GMT-3');
    const kolkata = doc(renderNoEditionPage({ stylesheetPath: '/s.css' }, { id: 'in', title: 'موجز', timeZone: 'Asia/Kolkata', deliveryTime: '08:00' }));
    expect(squash(kolkata.querySelector('main')?.textContent)).toMatch(/بتوقيت (الهند|Asia\/Kolkata)\./);
  });

  it('shows the latest edition with every item, bullet, key figure and source, topics as sections', async () => {
    fixture = await startWeb();
    const res = await fetch(`${fixture.base}/b/morning/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=60');
    const d = doc(await res.text());
    const briefing = fixture.morning.briefing;
    const groups = briefing.groups.filter((g) => g.items.length > 0);
    expect(groups.length).toBeGreaterThan(1);
    expect([...d.querySelectorAll('section.topic > h2')].map((h) => squash(h.textContent))).toEqual(groups.map((g) => g.topic));
    const items = groups.flatMap((g) => g.items);
    const articles = [...d.querySelectorAll('article.item')];
    expect(articles).toHaveLength(items.length);
    items.forEach((item, i) => {
      const a = articles[i]!;
      expect(squash(a.querySelector('h3')?.textContent)).toBe(squash(item.digest.headline));
      expect([...a.querySelectorAll('.bullets li')].map((li) => squash(li.textContent))).toEqual(item.digest.bullets.map((b) => squash(b.text)));
      for (const f of item.digest.keyFigures) expect(squash(a.querySelector('.figures')?.textContent)).toContain(squash(f));
      for (const s of item.sources) expect(squash(a.querySelector('.sources')?.textContent)).toContain(s.name);
    });
    // The bundled samples are local files: their server paths are not shown as links.
    expect(d.querySelectorAll('.sources a')).toHaveLength(0);
    expect(d.querySelector('link[rel=canonical]')).toBeNull();
    expect(d.querySelector('meta[property="og:title"]')?.getAttribute('content')).toBe('موجز الصباح — 2026-11-29');
    expect(d.querySelector('meta[property="og:description"]')?.getAttribute('content')).toContain(squash(items[0]!.digest.headline));
  });

  it('shows a hostile feed title as text: no element, no attribute, no javascript: link comes through', async () => {
    fixture = await startWeb({ hostile: true });
    const text = await (await fetch(`${fixture.base}/b/morning/2026-11-29/1800`)).text();
    const d = doc(text);
    expect(d.querySelectorAll('script, img, i, main b')).toHaveLength(0);
    expect(squash(d.querySelector('article.item h3')?.textContent)).toBe(squash(HOSTILE_HEADLINE));
    expect(text).not.toContain('<script>document');
    expect(text).not.toContain('javascript:');
    const links = [...d.querySelectorAll('.sources a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://feeds.example.com/ar/1?a=1&b=%222%22']);
    expect(links[0]!.getAttribute('rel')).toBe('noopener noreferrer nofollow');
    // Latin names keep their own direction inside the Arabic line.
    expect([...d.querySelectorAll('.bullets bdi')].map((b) => b.textContent)).toContain('Aramco');
  });

  it('serves an edition\'s own page for good: immutable, with an ETag answered by 304', async () => {
    fixture = await startWeb();
    const res = await fetch(`${fixture.base}/b/morning/2026-11-29/0700`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const again = await fetch(`${fixture.base}/b/morning/2026-11-29/0700`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await fetch(`${fixture.base}/b/morning/2026-11-29/0700`, { headers: { 'if-none-match': '"other"' } })).status).toBe(200);
  });

  it('gives the feed and an edition\'s page a Last-Modified, the time the newest edition in them was stored, answered by 304 to If-Modified-Since', async () => {
    fixture = await startWeb({ hostile: true });
    const stored = new Date(fixture.evening!.createdAt).toUTCString();
    for (const path of ['/b/morning/feed.atom', '/b/morning/2026-11-29/1800', '/b/morning/']) {
      const res = await fetch(`${fixture.base}${path}`);
      expect(res.headers.get('last-modified'), path).toBe(stored);
      const since = await fetch(`${fixture.base}${path}`, { headers: { 'if-modified-since': stored } });
      expect(since.status, path).toBe(304);
      // An older copy, or an ETag that does not match (it decides when given), gets the page.
      expect((await fetch(`${fixture.base}${path}`, { headers: { 'if-modified-since': new Date(fixture.evening!.createdAt - 60_000).toUTCString() } })).status, path).toBe(200);
      expect((await fetch(`${fixture.base}${path}`, { headers: { 'if-modified-since': stored, 'if-none-match': '"other"' } })).status, path).toBe(200);
    }
  });

  it('shows a day\'s editions latest slot first; a day long past is immutable, today is not', async () => {
    fixture = await startWeb({ hostile: true });
    const today = await fetch(`${fixture.base}/b/morning/2026-11-29`);
    expect(today.headers.get('cache-control')).toBe('public, max-age=60');
    const d = doc(await today.text());
    expect([...d.querySelectorAll('article.edition > h2')].map((h) => squash(h.textContent))).toEqual(['نشرة الساعة 18:00', 'نشرة الساعة 07:00']);
    expect(squash(d.querySelector('.meta')?.textContent)).toContain('نشرتان');
    const past = await fetch(`${fixture.base}/b/morning/2026-10-31`);
    expect(past.status).toBe(200);
    expect(past.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('lists the archive by month, newest first, each day linking to its page', async () => {
    fixture = await startWeb();
    const d = doc(await (await fetch(`${fixture.base}/b/morning/archive`)).text());
    expect([...d.querySelectorAll('main h2')].map((h) => squash(h.textContent))).toEqual(['نوفمبر 2026', 'أكتوبر 2026']);
    expect([...d.querySelectorAll('main ul.list a')].map((a) => a.getAttribute('href'))).toEqual(['/b/morning/2026-11-29', '/b/morning/2026-10-31']);
  });

  it('pages an archive of 5,100 editions: the newest months on /archive, a link to every older month, and every day reachable from there', { timeout: 60_000 }, async () => {
    fixture = await startWeb();
    const stored = new Set(['2026-11-29', '2026-10-31']);
    const start = Date.UTC(2023, 0, 1);
    for (let i = 0; i < 5100; i++) {
      const date = new Date(start + Math.floor(i / 4) * 86_400_000).toISOString().slice(0, 10);
      const slot = ['00:00', '06:00', '12:00', '18:00'][i % 4]!;
      stored.add(date);
      await fixture.store.saveEdition({ briefingId: 'morning', date, slot, briefing: { briefingId: 'morning', title: 'موجز الصباح', date, slot, warnings: [], groups: [] } }, start + i * 3_600_000);
    }
    const index = await fetch(`${fixture.base}/b/morning/archive`);
    expect(index.status).toBe(200);
    const body = await index.text();
    expect(body.length).toBeLessThan(250_000);
    const d = doc(body);
    const months = [...d.querySelectorAll('main a')].map((a) => a.getAttribute('href')!).filter((h) => /^\/b\/morning\/archive\/\d{4}-\d\d$/.test(h));
    expect(months.length).toBeGreaterThan(20);
    const reached = new Set([...d.querySelectorAll('main a')].map((a) => /^\/b\/morning\/(\d{4}-\d\d-\d\d)$/.exec(a.getAttribute('href')!)?.[1]).filter(Boolean));
    for (const month of new Set(months)) {
      const page = await fetch(`${fixture.base}${month}`);
      expect(page.status, month).toBe(200);
      const m = doc(await page.text());
      expect(squash(m.querySelector('h1')?.textContent)).toContain('أرشيف');
      for (const a of m.querySelectorAll('main a')) {
        const date = /^\/b\/morning\/(\d{4}-\d\d-\d\d)$/.exec(a.getAttribute('href')!)?.[1];
        if (date) {
          expect(date.slice(0, 7), month).toBe(month.slice(-7));
          reached.add(date);
        }
      }
    }
    expect([...stored].filter((date) => !reached.has(date))).toEqual([]);
    expect((await fetch(`${fixture.base}/b/morning/archive/2023-02/`, { redirect: 'manual' })).headers.get('location')).toBe('/b/morning/archive/2023-02');
    expect((await fetch(`${fixture.base}/b/morning/archive/2019-01`)).status).toBe(404);
    expect((await fetch(`${fixture.base}/b/morning/archive/2023-13`)).status).toBe(404);
  });

  it('answers 404 for an unknown briefing, a bad date, a missing slot; /b/<id> redirects to /b/<id>/', async () => {
    fixture = await startWeb();
    for (const path of ['/b/evening/', '/b/morning/2026-13-01', '/b/morning/2026-11-30', '/b/morning/2026-11-29/0800', '/b/morning/2026-11-29/7am', '/b/evening/feed.atom', '/assets/style.css', '/assets/fonts/x.woff2']) {
      const res = await fetch(`${fixture.base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
    }
    const res = await fetch(`${fixture.base}/b/morning`, { redirect: 'manual' });
    expect(res.status).toBe(301);
    expect(res.headers.get('location')).toBe('/b/morning/');
  });

  it('answers a link cut inside a percent-encoded Arabic letter, a very long one, or a path that climbs out, with the Arabic 404 page, not a bare error', async () => {
    fixture = await startWeb();
    const paths = ['/b/morning/archive%D8', '/b/%D8%B5%D8%A8%D8%A7%D8%AD%D8', '/%E0%A4%A', `/b/morning/${'%D8%B5'.repeat(400)}`, '/b/morning/..%2F..%2Fpackage.json', '/assets/fonts/..%2F..%2F..%2Fpackage.json', `/${'a'.repeat(8000)}`];
    for (const path of paths) {
      for (const method of ['GET', 'HEAD']) {
        const res = await fetch(`${fixture.base}${path}`, { method });
        expect(res.status, `${method} ${path.slice(0, 40)}`).toBe(404);
        expect(res.headers.get('content-type'), path.slice(0, 40)).toBe('text/html; charset=utf-8');
        expect(res.headers.get('content-security-policy'), path.slice(0, 40)).toBe(CONTENT_SECURITY_POLICY);
        const body = await res.text();
        if (method === 'GET') expect(doc(body).querySelector('html')?.getAttribute('lang'), path.slice(0, 40)).toBe('ar');
        expect(body, path.slice(0, 40)).not.toContain('"name": "arabic-briefing-bot"');
      }
    }
  });

  it('answers an edition that is not there with the Arabic 404 page that links to the briefing\'s latest edition and archive', async () => {
    fixture = await startWeb();
    // An old link whose edition retention has removed, or a slot that never was.
    const res = await fetch(`${fixture.base}/b/morning/2024-01-05/0700`);
    expect(res.status).toBe(404);
    const d = doc(await res.text());
    expect(d.documentElement.getAttribute('dir')).toBe('rtl');
    expect([...d.querySelectorAll('main a')].map((a) => a.getAttribute('href'))).toEqual(expect.arrayContaining(['/b/morning/', '/b/morning/archive']));
  });

  it('redirects a page address with a trailing slash to the page, and answers any other unknown address with the Arabic 404 page', async () => {
    fixture = await startWeb();
    for (const [from, to] of [['/b/morning/2026-11-29/0700/', '/b/morning/2026-11-29/0700'], ['/b/morning/2026-11-29/', '/b/morning/2026-11-29'], ['/b/morning/archive/', '/b/morning/archive'], ['/b/morning/feed.atom/', '/b/morning/feed.atom']]) {
      const res = await fetch(`${fixture.base}${from}`, { redirect: 'manual' });
      expect(res.status, from).toBe(301);
      expect(res.headers.get('location'), from).toBe(to);
    }
    // A link shared with a campaign tag keeps it (the tag counts the visit on the page it lands on).
    const tagged = await fetch(`${fixture.base}/b/morning/archive/?utm_source=telegram&q=%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9`, { redirect: 'manual' });
    expect(tagged.headers.get('location')).toBe('/b/morning/archive?utm_source=telegram&q=%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9');
    const short = await fetch(`${fixture.base}/b/morning?utm_source=slack`, { redirect: 'manual' });
    expect(short.headers.get('location')).toBe('/b/morning/?utm_source=slack');
    for (const path of ['/B/morning/', '/b/morning/2026-11-29/0700/extra', '/favicon.ico', '/b/evening/2026-11-29/']) {
      const res = await fetch(`${fixture.base}${path}`, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type'), path).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy'), path).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text(), path).toContain('الصفحة غير موجودة');
    }
  });

  it('uses the public URL for canonical and og:url links', async () => {
    fixture = await startWeb({ web: { publicUrl: 'https://briefing.example.com' } });
    const d = doc(await (await fetch(`${fixture.base}/b/morning/`)).text());
    expect(d.querySelector('link[rel=canonical]')?.getAttribute('href')).toBe('https://briefing.example.com/b/morning/2026-11-29/0700');
    expect(d.querySelector('meta[property="og:url"]')?.getAttribute('content')).toBe('https://briefing.example.com/b/morning/2026-11-29/0700');
  });

  it('behind a proxy that serves it under a path of the public URL (https://example.com/news → this instance\'s /), links, the stylesheet, its fonts, redirects and the sign-in cookie carry that path', async () => {
    fixture = await startWeb({ web: { publicUrl: 'https://example.com/news', adminToken: TOKEN } });
    const local = (body: string): string[] => [...body.matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)].map((m) => m[1]!);
    for (const path of ['/', '/b/morning/', '/b/morning/2026-11-29', '/b/morning/2026-11-29/0700', '/b/morning/archive', '/b/morning/archive/2026-11', '/b/nowhere', '/admin']) {
      const links = local(await (await fetch(`${fixture.base}${path}`)).text());
      expect(links.length, path).toBeGreaterThan(0);
      expect(links.filter((l) => !l.startsWith('/news/')), path).toEqual([]);
    }
    const d = doc(await (await fetch(`${fixture.base}/`)).text());
    const sheet = d.querySelector('link[rel=stylesheet]')!.getAttribute('href')!;
    const css = await (await fetch(`${fixture.base}${sheet.slice('/news'.length)}`)).text();
    const fonts = [...css.matchAll(/url\(([^)]+)\)/g)].map((m) => m[1]!);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.filter((f) => !f.startsWith('/news/assets/fonts/'))).toEqual([]);
    for (const [from, to] of [['/b/morning', '/news/b/morning/'], ['/b/morning/archive/', '/news/b/morning/archive']]) {
      expect((await fetch(`${fixture.base}${from}`, { redirect: 'manual' })).headers.get('location'), from).toBe(to);
    }
    const form = await fetch(`${fixture.base}/admin`);
    expect(form.headers.get('set-cookie')).toContain('Path=/news/admin;');
    // The feed's links were absolute under the public URL already.
    const feed = parseAtomFeed(await (await fetch(`${fixture.base}/b/morning/feed.atom`)).text());
    expect(feed.entries?.[0]?.links?.[0]?.href).toBe('https://example.com/news/b/morning/2026-11-29/0700');
  });

  it('serves its stylesheet and the self-hosted Arabic font, kept for good', async () => {
    fixture = await startWeb();
    const d = doc(await (await fetch(`${fixture.base}/`)).text());
    const href = d.querySelector('link[rel=stylesheet]')!.getAttribute('href')!;
    expect(href).toMatch(/^\/assets\/style\.[0-9a-f]{16}\.css$/);
    const css = await fetch(`${fixture.base}${href}`);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const sheet = await css.text();
    expect(sheet).not.toMatch(/text-align:\s*justify|text-justify/);
    expect([...sheet.matchAll(/letter-spacing:\s*([^;]+);/g)].map((m) => m[1])).toEqual(['normal']);
    expect(sheet).toContain('prefers-color-scheme: dark');
    expect(sheet).toContain('@media print');
    const fontPath = /url\((\/assets\/fonts\/[^)]+arabic-400[^)]+)\)/.exec(sheet)![1]!;
    const font = await fetch(`${fixture.base}${fontPath}`);
    expect(font.status).toBe(200);
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(Buffer.from(await font.arrayBuffer()).subarray(0, 4).toString('latin1')).toBe('wOF2');
  });

  it('answers HEAD like GET without a body', async () => {
    fixture = await startWeb();
    const res = await fetch(`${fixture.base}/b/morning/`, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeTruthy();
    expect(await res.text()).toBe('');
  });

  it('tells the length of every page, feed and font, to HEAD as to GET; answers If-None-Match: * with 304', async () => {
    fixture = await startWeb();
    const css = doc(await (await fetch(`${fixture.base}/`)).text()).querySelector('link[rel=stylesheet]')!.getAttribute('href')!;
    for (const path of ['/', '/b/morning/', '/b/morning/2026-11-29/0700', '/b/morning/archive', '/b/morning/feed.atom', css, '/b/nowhere/']) {
      const get = await fetch(`${fixture.base}${path}`);
      const bytes = Buffer.from(await get.arrayBuffer()).length;
      expect(get.headers.get('content-length'), path).toBe(String(bytes));
      const head = await fetch(`${fixture.base}${path}`, { method: 'HEAD' });
      expect(head.headers.get('content-length'), path).toBe(String(bytes));
    }
    const any = await fetch(`${fixture.base}/b/morning/2026-11-29/0700`, { headers: { 'if-none-match': '*' } });
    expect(any.status).toBe(304);
  });

  it('answers 503 with an Arabic page and one log line when the store fails', async () => {
    fixture = await startWeb();
    await fixture.store.close();
    const res = await fetch(`${fixture.base}/b/morning/archive`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('تعذّر عرض الصفحة الآن');
    expect(fixture.logs.filter((l) => l.msg === 'web page failed')).toHaveLength(1);
    fixture.store = { close: async () => undefined } as never;
  });
});

describe('createWebChannel: Atom feed', () => {
  it('gives one valid Atom entry per edition, hostile titles kept as text, parsed back by feedsmith', async () => {
    fixture = await startWeb({ hostile: true, web: { publicUrl: 'https://briefing.example.com' } });
    const res = await fetch(`${fixture.base}/b/morning/feed.atom`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    const feed = parseAtomFeed(xml);
    expect(feed.title?.value).toBe('موجز الصباح');
    expect(feed.id).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(feed.links?.find((l) => l.rel === 'self')?.href).toBe('https://briefing.example.com/b/morning/feed.atom');
    expect(feed.entries?.map((e) => e.links?.[0]?.href)).toEqual([
      'https://briefing.example.com/b/morning/2026-11-29/1800',
      'https://briefing.example.com/b/morning/2026-11-29/0700',
      'https://briefing.example.com/b/morning/2026-10-31/0700',
    ]);
    expect(feed.entries?.[1]?.id).toBe(`urn:uuid:${fixture.morning.id}`);
    expect(feed.entries?.[0]?.title?.value).toBe('موجز الصباح — الأحد، 29 نوفمبر 2026، الساعة 18:00');
    const content = doc(`<!doctype html><body>${feed.entries![0]!.content!.value}</body>`);
    expect(content.querySelectorAll('script, img, i, entry')).toHaveLength(0);
    expect(squash(content.querySelector('h3')?.textContent)).toBe(squash(HOSTILE_HEADLINE));
    expect(squash(content.querySelector('.bullets li:last-child')?.textContent)).toContain(']]></content><entry>');
    expect(xml).toMatch(/<feed xmlns="http:\/\/www\.w3\.org\/2005\/Atom" xml:lang="ar">/);
    // Atom requires <updated> on the feed and on every entry, and an author.
    expect(feed.updated).toBeTruthy();
    expect(feed.entries?.every((e) => e.updated)).toBe(true);
    expect(feed.authors?.[0]?.name).toBe('موجز');
  });

  it('gives a title with & < > and quotes exactly as written, with no line breaks or indentation around it (a text title keeps every character)', async () => {
    fixture = await startWeb({ hostile: true });
    const { renderAtomFeed } = await import('../../../src/channels/web/atom-feed.js');
    const title = 'أخبار S&P <500> و"الأسواق" اليوم';
    const editions = [fixture.evening!, fixture.morning].map((e) => ({ ...e, briefing: { ...e.briefing, title } }));
    const xml = renderAtomFeed({ stylesheetPath: '/style.css' }, { id: 'markets', title, timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, editions);
    const feed = new DOMParser().parseFromString(xml, 'text/xml');
    expect(feed.querySelector('feed > title')!.textContent).toBe(title);
    expect([...feed.querySelectorAll('entry > title')].map((t) => t.textContent)).toEqual([`${title} — الأحد، 29 نوفمبر 2026، الساعة 18:00`, `${title} — الأحد، 29 نوفمبر 2026، الساعة 07:00`]);
    // The hostile edition's summary holds < and &: it too is the text, not the text padded.
    const summary = feed.querySelector('entry > summary')!.textContent!;
    expect(summary).toBe(summary.trim());
    expect(summary).toContain('<script>');
  });

  it('gives each entry\'s content ids of its own, so that a reader showing several entries on one page names each section by its own heading', async () => {
    fixture = await startWeb({ hostile: true });
    const feed = parseAtomFeed(await (await fetch(`${fixture.base}/b/morning/feed.atom`)).text());
    const ids: string[] = [];
    for (const entry of feed.entries ?? []) {
      const content = doc(`<!doctype html><body>${entry.content!.value}</body>`);
      ids.push(...[...content.querySelectorAll('[id]')].map((el) => el.getAttribute('id')!));
      for (const section of content.querySelectorAll('[aria-labelledby]')) {
        for (const id of section.getAttribute('aria-labelledby')!.split(' ')) expect(content.getElementById(id), id).not.toBeNull();
      }
    }
    expect(ids.length).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('dates the feed of a briefing with no edition yet now, not 1 January 1970', async () => {
    const { renderAtomFeed } = await import('../../../src/channels/web/atom-feed.js');
    const xml = renderAtomFeed({ stylesheetPath: '/style.css' }, { id: 'weekly', title: 'الموجز الأسبوعي', timeZone: 'Asia/Riyadh', deliveryTime: '09:00' }, [], Date.parse('2026-11-29T07:00:00Z'));
    const feed = new DOMParser().parseFromString(xml, 'text/xml');
    expect(feed.querySelector('feed > updated')!.textContent).toBe('2026-11-29T07:00:00.000Z');
    expect(feed.querySelectorAll('entry')).toHaveLength(0);
  });

  it('keeps the feed id when the public URL changes, and uses relative links without one', async () => {
    fixture = await startWeb();
    const a = parseAtomFeed(await (await fetch(`${fixture.base}/b/morning/feed.atom`)).text());
    await fixture.close();
    fixture = await startWeb({ web: { publicUrl: 'https://other.example.net' } });
    const b = parseAtomFeed(await (await fetch(`${fixture.base}/b/morning/feed.atom`)).text());
    expect(a.id).toBe(b.id);
    expect(a.entries?.[0]?.links?.[0]?.href).toBe('/b/morning/2026-11-29/0700');
  });
});

describe('createWebChannel: dashboard', () => {
  it('is not there without ADMIN_TOKEN', async () => {
    fixture = await startWeb({ figures: true });
    expect((await fetch(`${fixture.base}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(404);
  });

  it('refuses a visitor without the token (401 and the sign-in form), and a wrong bearer', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    const res = await fetch(`${fixture.base}/admin`);
    expect(res.status).toBe(401);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const d = doc(await res.text());
    expect(d.querySelector('form.login')?.getAttribute('action')).toBe('/admin/login');
    expect(d.querySelector('table')).toBeNull();
    const wrong = await fetch(`${fixture.base}/admin`, { headers: { authorization: 'Bearer not-the-token-at-all-0000' } });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('shows the figures to a bearer of the token: editions with their counts, subscriptions, feed health, charts', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    const res = await fetch(`${fixture.base}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('referrer-policy')).toBe('same-origin');
    const d = doc(await res.text());
    const tables = [...d.querySelectorAll('table')];
    const rows = (t: Element): string[][] => [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => squash(td.textContent)));
    // Editions: date, slot, sent, partial, failed, unknown, skipped, in progress.
    expect(rows(tables[0]!)).toEqual([
      ['2026-11-29', '07:00', '11', '0', '2', '1', '0', '1'],
      ['2026-11-27', '07:00', '0', '0', '0', '0', '15', '0'],
      ['2026-10-31', '07:00', '0', '0', '0', '0', '0', '0'],
    ]);
    expect(rows(tables[1]!)).toEqual(expect.arrayContaining([
      ['تيليجرام', 'نشط', '—', '11'],
      ['تيليجرام', 'موقوف', 'Forbidden: bot was blocked by the user', '1'],
      ['سلاك', 'نشط', '—', '2'],
      ['سلاك', 'موقوف', 'channel_not_found', '1'],
    ]));
    const feeds = rows(tables[2]!);
    expect(feeds[0]![0]).toContain('وكالة المثال');
    expect(feeds[0]![2]).toBe('0');
    expect(feeds[0]![4]).toBe('سليمة');
    expect(feeds[1]!.slice(2)).toEqual(['4', '2026-11-29 11:00', 'تتعثر', 'HTTP 503 <Service Unavailable>']);
    const charts = [...d.querySelectorAll('svg.chart[role=img]')];
    expect(charts).toHaveLength(2);
    expect(squash(charts[0]!.querySelector('title')?.textContent)).toBe('التسليمات في اليوم، آخر 14 يوما');
    expect(squash(charts[0]!.querySelector('desc')?.textContent)).toBe('أُرسل: 11، أُرسل جزئيا: 0، فشل: 2، غير معروف: 1، فات موعده: 15، قيد الإرسال: 1');
    expect(charts[0]!.querySelectorAll('rect.s-sent')).toHaveLength(1);
    expect(charts[1]!.querySelectorAll('rect.s-failing')).toHaveLength(2);
  });

  it('signs in through the form: CSRF-checked, a signed HttpOnly SameSite=Strict cookie, then the figures; signs out', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    const form = await fetch(`${fixture.base}/admin`);
    const formCookie = form.headers.get('set-cookie')!;
    expect(formCookie).toMatch(/^briefing_admin_form=[\w-]{24}; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=3600$/);
    const field = doc(await form.text()).querySelector('input[name=csrf]')!.getAttribute('value')!;
    const post = (body: Record<string, string>, headers: Record<string, string> = {}) =>
      fetch(`${fixture!.base}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie.split(';')[0]!, ...headers },
        body: new URLSearchParams(body).toString(),
      });

    expect((await post({ token: TOKEN })).status).toBe(403);
    expect((await post({ token: TOKEN, csrf: field.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) })).status).toBe(403);
    expect((await post({ token: TOKEN, csrf: field }, { origin: 'https://evil.example' })).status).toBe(403);
    const other = await fetch(`${fixture.base}/admin`);
    expect((await post({ token: TOKEN, csrf: doc(await other.text()).querySelector('input[name=csrf]')!.getAttribute('value')! })).status).toBe(403);
    const wrong = await post({ token: 'nearly-the-token-but-not', csrf: field });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('الرمز غير صحيح');

    const ok = await post({ token: TOKEN, csrf: field });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/admin');
    const session = ok.headers.getSetCookie().find((c) => c.startsWith('briefing_admin='))!;
    expect(session).toMatch(/^briefing_admin=v1\.\d+\.[\w-]{43}; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=43200$/);
    expect(session).not.toContain(TOKEN);
    const cookie = session.split(';')[0]!;
    const dash = await fetch(`${fixture.base}/admin`, { headers: { cookie } });
    expect(dash.status).toBe(200);
    const d = doc(await dash.text());
    expect(d.querySelectorAll('table').length).toBeGreaterThanOrEqual(3);

    // Another instance with the same token accepts the cookie (the key comes from the token).
    const second = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    expect((await fetch(`${second.base}/admin`, { headers: { cookie } })).status).toBe(200);
    await second.close();
    const third = await startWeb({ figures: true, web: { adminToken: `${TOKEN}-rotated` } });
    expect((await fetch(`${third.base}/admin`, { headers: { cookie } })).status).toBe(401);
    await third.close();

    // Signing out needs the form's field, bound to the cookie.
    const signOut = d.querySelector('form[action="/admin/logout"] input[name=csrf]')!.getAttribute('value')!;
    const out = (csrf: string) =>
      fetch(`${fixture!.base}/admin/logout`, { method: 'POST', redirect: 'manual', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: `csrf=${csrf}` });
    expect((await out('forged')).status).toBe(403);
    const done = await out(signOut);
    expect(done.status).toBe(303);
    expect(done.headers.get('set-cookie')).toMatch(/^briefing_admin=; Path=\/admin; HttpOnly; SameSite=Strict; Max-Age=0$/);
  });

  it('signs in behind a reverse proxy that passes on its own Host (a bare nginx proxy_pass): the browser\'s Origin is the public URL\'s; another site is still refused', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN, publicUrl: 'https://briefing.example.com' } });
    const form = await fetch(`${fixture.base}/admin`);
    const formCookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const field = doc(await form.text()).querySelector('input[name=csrf]')!.getAttribute('value')!;
    const { request } = await import('node:http');
    const url = new URL(`${fixture.base}/admin/login`);
    // What nginx sends upstream by default: Host is the upstream's address, Origin the browser's.
    const post = (origin: string): Promise<{ status: number; body: string; cookies: string[] }> =>
      new Promise((resolve, reject) => {
        const body = new URLSearchParams({ token: TOKEN, csrf: field }).toString();
        const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { host: '127.0.0.1:3000', origin, cookie: formCookie, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body: text, cookies: res.headers['set-cookie'] ?? [] }));
        });
        req.on('error', reject);
        req.end(body);
      });
    const evil = await post('https://evil.example');
    expect(evil.status).toBe(403);
    expect(evil.body).toContain('رُفض الطلب لأنه جاء من موقع آخر');
    const ok = await post('https://briefing.example.com');
    expect(ok.body).not.toContain('موقع آخر');
    expect(ok.status).toBe(303);
    // The browser is on the https public URL: the sign-in cookie is Secure, though the proxy said nothing of https.
    expect(ok.cookies.find((c) => c.startsWith('briefing_admin='))).toMatch(/; Secure$/);
  });

  it('refuses a tampered or expired cookie', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    const form = await fetch(`${fixture.base}/admin`);
    const formCookie = form.headers.get('set-cookie')!.split(';')[0]!;
    const field = doc(await form.text()).querySelector('input[name=csrf]')!.getAttribute('value')!;
    const ok = await fetch(`${fixture.base}/admin/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
      body: new URLSearchParams({ token: TOKEN, csrf: field }).toString(),
    });
    const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('briefing_admin='))!.split(';')[0]!;
    const [, exp, sig] = /^briefing_admin=v1\.(\d+)\.(.+)$/.exec(cookie)!;
    expect((await fetch(`${fixture.base}/admin`, { headers: { cookie: `briefing_admin=v1.${Number(exp) + 86_400_000}.${sig}` } })).status).toBe(401);
    fixture.setNow(new Date(Number(exp) + 1).toISOString());
    expect((await fetch(`${fixture.base}/admin`, { headers: { cookie } })).status).toBe(401);
  });

  it('locks an address out after 10 wrong tokens, and never logs the token', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    const attempt = async (token: string) => {
      const form = await fetch(`${fixture!.base}/admin`);
      const formCookie = form.headers.get('set-cookie')!.split(';')[0]!;
      const field = doc(await form.text()).querySelector('input[name=csrf]')!.getAttribute('value')!;
      return fetch(`${fixture!.base}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie },
        body: new URLSearchParams({ token, csrf: field }).toString(),
      });
    };
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}-xxxxxxxxxxxxxxxx`)).status).toBe(401);
    const locked = await attempt(TOKEN);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    // Bearer guesses are refused too while the address is locked out, even the right token.
    expect((await fetch(`${fixture.base}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(429);
    fixture.setNow('2026-11-29T07:16:00Z');
    expect((await attempt(TOKEN)).status).toBe(303);
    expect((await fetch(`${fixture.base}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    expect(JSON.stringify(fixture.logs)).not.toContain(TOKEN);
    expect(fixture.logs.filter((l) => l.msg === 'dashboard: a wrong token was refused')).toHaveLength(10);
  });

  it('behind a reverse proxy it is told to trust (TRUST_PROXY), locks out the address the proxy forwards, not every operator with it; without it, the header is not read', async () => {
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN, trustProxy: true } });
    const attempt = async (token: string, from: string) => {
      const form = await fetch(`${fixture!.base}/admin`, { headers: { 'x-forwarded-for': from } });
      const formCookie = form.headers.get('set-cookie')!.split(';')[0]!;
      const field = doc(await form.text()).querySelector('input[name=csrf]')!.getAttribute('value')!;
      return fetch(`${fixture!.base}/admin/login`, {
        method: 'POST',
        redirect: 'manual',
        // The proxy appends the address it saw; what came before it is the client's to write.
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: formCookie, 'x-forwarded-for': `10.9.9.9, ${from}` },
        body: new URLSearchParams({ token, csrf: field }).toString(),
      });
    };
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}-xxxxxxxxxxxxxxxx`, '203.0.113.66')).status).toBe(401);
    expect((await attempt(TOKEN, '203.0.113.66')).status).toBe(429);
    // Another operator, behind the same proxy, signs in.
    expect((await attempt(TOKEN, '198.51.100.7')).status).toBe(303);
    // Not told to trust a proxy: a client cannot dodge the lockout by writing X-Forwarded-For.
    await fixture.close();
    fixture = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}-xxxxxxxxxxxxxxxx`, `203.0.113.${i}`)).status).toBe(401);
    expect((await attempt(TOKEN, '198.51.100.7')).status).toBe(429);
  });
});
