import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { articleLanguage } from '../../src/composer/index.js';
import type { SourceDefinition } from '../../src/core/types.js';
import { checkSource } from '../../src/sources/index.js';
import { HAS_SHARED, ROOT, SHARED_DIR } from '../helpers.js';
import { craftedRoutes, serveRoutes, type Route } from './local-feeds.js';

// The test server is on 127.0.0.1, which the fetcher refuses unless it is allowed by name.
const LOCAL = { fetch: { allowHosts: ['127.0.0.1'] } };
const feed = (url: string, name = 'مصدر'): SourceDefinition => ({ kind: 'feed', url, name, language: 'ar', topics: [] });
let server: { base: string; close(): Promise<void> };

beforeAll(async () => {
  const routes: Record<string, Route> = craftedRoutes();
  const rss = (items: [string, string][]): string =>
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>feed</title>${items.map(([t, d], i) => `<item><title>${t}</title><link>https://news.example/${i}</link><description>${d}</description></item>`).join('')}</channel></rss>`;
  // Urdu, right to left in the Arabic script: no Arabic source for all that.
  routes['/urdu.xml'] = {
    status: 200,
    headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
    body: rss([
      ['کراچی میں پولیو مہم کا تیسرا مرحلہ', 'رضاکاروں نے شہر کی یونین کونسلوں میں گھر گھر جا کر بچوں کو قطرے پلائے۔'],
      ['وزیر اعظم کا مہنگائی پر بیان', 'وزیر اعظم نے کہا ہے کہ حکومت مہنگائی پر قابو پانے کے لیے نئے اقدامات کر رہی ہے۔'],
    ]),
  };
  // A server that labels a plain body gzip (a misconfigured compression module).
  routes['/lying-gzip.xml'] = { status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8', 'content-encoding': 'gzip' }, body: rss([['خبر', 'نص الخبر']]) };
  routes['/english.xml'] = {
    status: 200,
    headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
    body: rss([['Central bank holds rates', 'The central bank said on Monday that it would keep its rates unchanged for the rest of the year.']]),
  };
  if (HAS_SHARED) {
    const fixtures = join(SHARED_DIR, 'fixtures');
    // Real bytes: windows-1256 declared in the document, "utf-8" in the header (a misconfigured server).
    routes['/shared-1256.xml'] = { status: 200, headers: { 'content-type': 'application/rss+xml; charset=utf-8' }, body: readFileSync(join(fixtures, 'feeds/derived/BBC.rss.windows-1256.xml')) };
    // Real bytes: ISO-8859-1 with no declaration anywhere.
    routes['/shared-undeclared.xml'] = { status: 200, headers: { 'content-type': 'application/xml' }, body: readFileSync(join(fixtures, 'broken/fr_lecerclepsy_no-xml-decl_iso-8859-1-bytes.miniflux.xml')) };
  }
  server = await serveRoutes(routes);
});
afterAll(async () => {
  await server.close();
});

describe('checkSource', () => {
  it('reports a good feed: its items, the newest dated item, UTF-8, one warning for the undated item', async () => {
    const c = await checkSource(feed(`${server.base}/good.xml`), LOCAL);
    expect(c.ok).toBe(true);
    expect(c.items).toBe(3);
    expect(c.newest).toBe('2026-12-01T03:15:00.000Z');
    expect(c.encoding).toBe('utf-8');
    expect(c.errors).toEqual([]);
    expect(c.warnings).toEqual(['1 of 3 items have no readable date (the fetch time is used)']);
  });

  it('fails a 404 with the fetcher\'s advice', async () => {
    const c = await checkSource(feed(`${server.base}/missing.xml`), LOCAL);
    expect(c.ok).toBe(false);
    expect(c.items).toBe(0);
    expect(c.errors[0]).toMatch(/HTTP 404: check the URL/);
  });

  it('recovers windows-1256 bytes declared ISO-8859-1, with a warning that names both', async () => {
    const c = await checkSource(feed(`${server.base}/misdeclared.xml`), LOCAL);
    expect(c.ok).toBe(true);
    expect(c.items).toBe(2);
    expect(c.encoding).toBe('windows-1256');
    expect(c.warnings).toEqual(['declared encoding iso-8859-1 does not match the bytes: decoded as windows-1256 (tell the publisher)']);
  });

  it('says of a feed URL written without its scheme what the app will say, not that a file is missing (feeds are never files)', async () => {
    const c = await checkSource(feed('www.news.example/ar/rss.xml'), LOCAL);
    expect(c.ok).toBe(false);
    expect(c.errors).toEqual(['www.news.example/ar/rss.xml is not a URL (no http:// or https://): write it whole: https://www.news.example/ar/rss.xml (check the briefing).']);
  });

  it('fails an HTML page declared as a feed, and a feed with no items', async () => {
    const page = await checkSource(feed(`${server.base}/page.html`), LOCAL);
    expect(page.ok).toBe(false);
    expect(page.errors[0]).toMatch(/HTML page, not a feed/);
    const empty = await checkSource(feed(`${server.base}/empty.xml`), LOCAL);
    expect(empty.ok).toBe(false);
    expect(empty.errors).toEqual([`${server.base}/empty.xml is a rss feed with no items`]);
  });

  it('never quotes a key in a feed address: a feed with no items, addressed with ?apikey=', async () => {
    const c = await checkSource(feed(`${server.base}/empty.xml?apikey=SECRET-77&lang=ar`), LOCAL);
    expect(c.ok).toBe(false);
    expect(c.errors).toEqual([`${server.base}/empty.xml?apikey=***&lang=ar is a rss feed with no items`]);
  });

  it('fails a feed none of whose items is in Arabic (Urdu in the same script), warns for one the AI mode could translate', async () => {
    const urdu = await checkSource(feed(`${server.base}/urdu.xml`), { ...LOCAL, languageOf: articleLanguage });
    expect(urdu.ok).toBe(false);
    expect(urdu.items).toBe(2);
    expect(urdu.errors.join(' ')).toMatch(/none of its 2 items is in Arabic .*check the URL, or remove the source/);
    const english = await checkSource(feed(`${server.base}/english.xml`), { ...LOCAL, languageOf: articleLanguage });
    expect(english.ok).toBe(true);
    expect(english.warnings.join(' ')).toMatch(/its one item is not in Arabic: used only in the AI mode/);
    const good = await checkSource(feed(`${server.base}/good.xml`), { ...LOCAL, languageOf: articleLanguage });
    expect(good.errors).toEqual([]);
    expect(good.warnings.join(' ')).not.toMatch(/Arabic/);
  });

  it('says a body that is not the compression its header names is the server\'s mislabel, not a network to check', async () => {
    const c = await checkSource(feed(`${server.base}/lying-gzip.xml`), LOCAL);
    expect(c.ok).toBe(false);
    expect(c.errors.join(' ')).toMatch(/sent a body that is not gzip as its Content-Encoding header says .*tell the publisher/);
    expect(c.errors.join(' ')).not.toMatch(/could not be reached/);
  });

  it('fails an unreachable host without throwing', async () => {
    const closed = await serveRoutes({});
    await closed.close();
    const c = await checkSource(feed(`${closed.base}/rss.xml`), { fetch: { timeoutMs: 5_000, ...LOCAL.fetch } });
    expect(c.ok).toBe(false);
    expect(c.errors[0]).toMatch(/could not be reached/);
  });

  it('counts the articles of a folder source (the bundled samples)', async () => {
    const c = await checkSource({ kind: 'folder', url: 'briefings/samples', name: 'العينات', language: 'ar', topics: [] }, { root: ROOT });
    expect(c.ok).toBe(true);
    expect(c.items).toBe(4);
    const missing = await checkSource({ kind: 'folder', url: 'briefings/no-such-folder', name: 'لا شيء', language: 'ar', topics: [] }, { root: ROOT });
    expect(missing.ok).toBe(false);
  });

  describe.skipIf(!HAS_SHARED)('on the shared fixtures', () => {
    it('recovers a real windows-1256 feed served as UTF-8, with a warning', async () => {
      const c = await checkSource(feed(`${server.base}/shared-1256.xml`), LOCAL);
      expect(c.ok).toBe(true);
      expect(c.items).toBe(40);
      expect(c.encoding).toBe('windows-1256');
      expect(c.warnings.join('\n')).toMatch(/declared encoding utf-8 does not match the bytes: decoded as windows-1256/);
    });

    it('warns that the encoding of an undeclared legacy feed was guessed', async () => {
      const c = await checkSource(feed(`${server.base}/shared-undeclared.xml`), LOCAL);
      expect(c.ok).toBe(true);
      expect(c.items).toBeGreaterThan(0);
      expect(c.warnings.join('\n')).toMatch(/no encoding declared: .+ was guessed from the bytes/);
    });
  });
});
