/**
 * The web pages in a real browser: Debian's headless Chromium driven by playwright-core. Skipped,
 * with a message, when no `chromium` is on PATH (CHROMIUM_PATH may name another binary); .ci/run
 * installs it. Screenshots go to artifacts/screenshots/ (ignored by git); with
 * UPDATE_README_SCREENSHOTS=1, the README's two pictures are written to docs/ from the bundled
 * samples only.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import axe from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_HEADLINE, hostileBriefing, startWeb, type WebFixture } from './web-fixture.js';
import { ROOT } from '../../helpers.js';

/** The chromium binary: CHROMIUM_PATH, else `chromium` on PATH. */
function findChromium(): string | undefined {
  if (process.env.CHROMIUM_PATH) return existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined;
  return (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'chromium')).find((p) => existsSync(p));
}

const CHROMIUM = findChromium();
if (!CHROMIUM) console.warn('browser tests skipped: no chromium binary (apt-get install -y chromium, or set CHROMIUM_PATH to one)');
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];
const TOKEN = 'browser-admin-token-0123456789abcdef';
const ARTIFACTS = join(ROOT, 'artifacts', 'screenshots');
const WIDTHS = [360, 1280] as const;

let browser: Browser;
let web: WebFixture;

/** Opens a page at a width, in light or dark mode. */
async function open(path: string, width: number, options: { dark?: boolean; headers?: Record<string, string> } = {}): Promise<{ page: Page; status: number; close: () => Promise<void> }> {
  const context = await browser.newContext({
    viewport: { width, height: 800 },
    colorScheme: options.dark ? 'dark' : 'light',
    ...(options.headers ? { extraHTTPHeaders: options.headers } : {}),
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`a dialog opened: ${d.message()}`);
  });
  const res = await page.goto(`${web.base}${path}`, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return { page, status: res?.status() ?? 0, close: () => context.close() };
}

/** Runs axe-core in the page (evaluated through the DevTools protocol, which the page's CSP does not govern). */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The ids of every axe-core violation of the page, whatever its impact. */
async function violationIds(page: Page): Promise<string[]> {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations.map((v) => v.id);
}

const hasNoHorizontalOverflow = (page: Page): Promise<{ scroll: number; client: number }> =>
  page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));

describe.skipIf(!CHROMIUM)('the web pages in headless Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    web = await startWeb({ hostile: true, figures: true, web: { adminToken: TOKEN } });
    browser = await chromium.launch({ executablePath: CHROMIUM!, args: FLAGS, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  for (const width of WIDTHS) {
    it(`shows the edition at ${width} px with no horizontal overflow, every bullet right to left, in the Arabic font`, { timeout: 60_000 }, async () => {
      const { page, status, close } = await open('/b/morning/2026-11-29/0700', width);
      try {
        expect(status).toBe(200);
        const { scroll, client } = await hasNoHorizontalOverflow(page);
        expect(scroll).toBeLessThanOrEqual(client);
        const bullets = await page.evaluate(() => [...document.querySelectorAll('.bullets li')].map((li) => getComputedStyle(li).direction));
        expect(bullets.length).toBeGreaterThan(4);
        expect(new Set(bullets)).toEqual(new Set(['rtl']));
        const font = await page.evaluate(() => ({
          loaded: [...document.fonts].filter((f) => f.family.replace(/"/g, '') === 'Noto Naskh Arabic' && f.status === 'loaded').length,
          check: document.fonts.check('16px "Noto Naskh Arabic"', 'موجز'),
          family: getComputedStyle(document.querySelector('.bullets li')!).fontFamily,
        }));
        expect(font.loaded).toBeGreaterThan(0);
        expect(font.check).toBe(true);
        expect(font.family).toMatch(/^"?Noto Naskh Arabic"?,/);
        await page.screenshot({ path: join(ARTIFACTS, `edition-${width}.png`), fullPage: true });
      } finally {
        await close();
      }
    });

    it(`shows the dashboard at ${width} px with no horizontal overflow, its dates on one line and its charts' words at a readable size`, { timeout: 60_000 }, async () => {
      const { page, status, close } = await open('/admin', width, { headers: { authorization: `Bearer ${TOKEN}` } });
      try {
        expect(status).toBe(200);
        const { scroll, client } = await hasNoHorizontalOverflow(page);
        expect(scroll).toBeLessThanOrEqual(client);
        // A date or time in a table is never broken across lines («2026-» above «11-29»).
        const broken = await page.evaluate(() =>
          [...document.querySelectorAll('td a, td time')].filter((el) => el.getClientRects().length > 1).map((el) => el.textContent),
        );
        expect(broken).toEqual([]);
        // A feed's address breaks between its parts (after a slash or a dot), not every few letters.
        const urlLines = await page.evaluate(() => [...document.querySelectorAll('td .url')].map((el) => el.getClientRects().length));
        expect(urlLines.length).toBeGreaterThan(0);
        expect(Math.max(...urlLines)).toBeLessThanOrEqual(3);
        // The charts' labels as drawn on the screen, in CSS pixels.
        const sizes = await page.evaluate(() =>
          [...document.querySelectorAll('svg.chart text')].map((t) => (t as SVGTextElement).getBoundingClientRect().height).filter((h) => h > 0),
        );
        expect(sizes.length).toBeGreaterThan(0);
        expect(Math.min(...sizes)).toBeGreaterThanOrEqual(11);
        // A chart wider than the screen opens on its newest days (today's bars), not on two weeks ago.
        const todayShown = await page.evaluate(() => {
          const bars = [...document.querySelectorAll('svg.chart rect.s-sent')].map((r) => r.getBoundingClientRect());
          return bars.some((b) => b.width > 0 && b.left >= 0 && b.right <= document.documentElement.clientWidth);
        });
        expect(todayShown).toBe(true);
        await page.screenshot({ path: join(ARTIFACTS, `dashboard-${width}.png`), fullPage: true });
      } finally {
        await close();
      }
    });
  }

  it('shows a feed title holding <script> as text, runs no script, and blocks one injected later (CSP)', { timeout: 60_000 }, async () => {
    const { page, close } = await open('/b/morning/2026-11-29/1800', 360);
    try {
      const seen = await page.evaluate(() => ({
        headline: document.querySelector('article.item h3')!.textContent,
        title: document.title,
        scripts: document.querySelectorAll('script').length,
      }));
      expect(seen.headline?.replace(/\s+/g, ' ').trim()).toBe(HOSTILE_HEADLINE);
      expect(seen.title).not.toBe('pwned');
      expect(seen.scripts).toBe(0);
      const ran = await page.evaluate(
        () =>
          new Promise<{ ran: boolean; violation: string }>((resolve) => {
            document.addEventListener('securitypolicyviolation', (e) => resolve({ ran: (window as unknown as { __ran?: boolean }).__ran === true, violation: e.effectiveDirective }));
            const s = document.createElement('script');
            s.textContent = 'window.__ran = true';
            document.body.append(s);
            setTimeout(() => resolve({ ran: (window as unknown as { __ran?: boolean }).__ran === true, violation: '' }), 2000);
          }),
      );
      expect(ran).toEqual({ ran: false, violation: 'script-src-elem' });
      const { scroll, client } = await hasNoHorizontalOverflow(page);
      expect(scroll).toBeLessThanOrEqual(client);
      await page.screenshot({ path: join(ARTIFACTS, 'hostile-360.png'), fullPage: true });
    } finally {
      await close();
    }
  });

  it('shows a web address, 5G, C++, a hashtag, a handle and an English quotation inside an Arabic bullet as they are written, left to right', { timeout: 60_000 }, async () => {
    const tokens = ['https://example.com/a/b?x=1&y=2', '5G', 'C++', '#Bitcoin', '@elonmusk', '"We will not comment."'];
    const bullets = ['زوروا https://example.com/a/b?x=1&y=2 للمزيد', 'أطلقت الشركة شبكات 5G وتقنية C++ اليوم', 'تابعوا #Bitcoin على حساب @elonmusk الآن', 'وقال المتحدث: "We will not comment." ثم غادر.'];
    const item = hostileBriefing('2026-11-01').groups[0]!.items[0]!;
    await web.store.saveEdition(
      {
        briefingId: 'morning',
        date: '2026-11-01',
        slot: '07:00',
        briefing: { ...hostileBriefing('2026-11-01'), slot: '07:00', groups: [{ topic: 'تقنية', items: [{ ...item, digest: { ...item.digest, headline: 'عناوين على الشبكة', bullets: bullets.map((text) => ({ text, section: 0, sourceSentence: '' })) } }] }] },
      },
      Date.parse('2026-11-01T04:00:00Z'),
    );
    const { page, close } = await open('/b/morning/2026-11-01/0700', 1280);
    try {
      // Each bullet's characters in the order they appear on screen, from left to right.
      const shown = await page.evaluate(() =>
        [...document.querySelectorAll('.bullets li')].map((li) => {
          const chars: { c: string; x: number }[] = [];
          const walker = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
          for (let n = walker.nextNode(); n; n = walker.nextNode()) {
            for (let i = 0; i < n.textContent!.length; i++) {
              const r = document.createRange();
              r.setStart(n, i);
              r.setEnd(n, i + 1);
              const box = r.getBoundingClientRect();
              chars.push({ c: n.textContent![i]!, x: box.left + box.width / 2 });
            }
          }
          return chars.sort((a, b) => a.x - b.x).map((ch) => ch.c).join('');
        }),
      );
      expect(shown).toHaveLength(4);
      for (const token of tokens) expect(shown.some((line) => line.includes(token)), `${token} in ${JSON.stringify(shown)}`).toBe(true);
    } finally {
      await close();
    }
  });

  it('serves an Atom feed that a strict XML parser (Chromium\'s) reads without error, hostile texts and all', { timeout: 60_000 }, async () => {
    const { renderAtomFeed } = await import('../../../src/channels/web/atom-feed.js');
    // Every character XML 1.0 forbids, a lone surrogate, a CDATA end and markup, in every text an edition holds.
    const nasty = `${Array.from({ length: 32 }, (_, c) => String.fromCharCode(c)).join('')}\u007F\uFFFE\uFFFF\uD800]]><![CDATA[&amp;</content></feed>`;
    const item = hostileBriefing('2026-11-29').groups[0]!.items[0]!;
    const briefing = {
      ...hostileBriefing('2026-11-29'),
      title: `موجز${nasty}`,
      groups: [{ topic: `اقتصاد${nasty}`, items: [{ ...item, sources: [{ name: `وكالة${nasty}`, url: 'https://example.com/a?b="c"&d=<e>' }], digest: { ...item.digest, headline: `عنوان${nasty}`, bullets: [{ text: `نقطة${nasty}`, section: 0, sourceSentence: '' }], keyFigures: [`رقم${nasty}`] } }] }],
    };
    const stored = await web.store.saveEdition({ briefingId: 'nasty', date: '2026-11-29', slot: '07:00', briefing }, Date.parse('2026-11-29T04:00:00Z'));
    const generated = renderAtomFeed({ stylesheetPath: '/s.css', publicUrl: 'https://briefing.example.com' }, { id: 'nasty', title: `موجز${nasty}`, timeZone: 'UTC', deliveryTime: '07:00' }, [stored]);
    const served = await (await fetch(`${web.base}/b/morning/feed.atom`)).text();
    const { page, close } = await open('/b/morning/', 360);
    try {
      for (const xml of [served, Buffer.from(generated, 'utf8').toString('utf8')]) {
        const read = await page.evaluate((text) => {
          const d = new DOMParser().parseFromString(text, 'application/xml');
          const ns = 'http://www.w3.org/2005/Atom';
          return {
            error: d.getElementsByTagName('parsererror')[0]?.textContent ?? null,
            root: d.documentElement.namespaceURI,
            lang: d.documentElement.getAttributeNS('http://www.w3.org/XML/1998/namespace', 'lang'),
            entries: [...d.getElementsByTagNameNS(ns, 'entry')].map((e) => ({
              id: e.getElementsByTagNameNS(ns, 'id')[0]?.textContent,
              updated: e.getElementsByTagNameNS(ns, 'updated')[0]?.textContent,
              alternate: [...e.getElementsByTagNameNS(ns, 'link')].find((l) => l.getAttribute('rel') === 'alternate')?.getAttribute('href'),
              contentType: e.getElementsByTagNameNS(ns, 'content')[0]?.getAttribute('type'),
              content: e.getElementsByTagNameNS(ns, 'content')[0]?.textContent ?? '',
            })),
          };
        }, xml);
        expect(read.error).toBeNull();
        expect(read.root).toBe('http://www.w3.org/2005/Atom');
        expect(read.lang).toBe('ar');
        expect(read.entries.length).toBeGreaterThan(0);
        for (const e of read.entries) {
          expect(e.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
          expect(Number.isNaN(Date.parse(e.updated ?? ''))).toBe(false);
          expect(e.alternate).toMatch(/^(https:\/\/briefing\.example\.com)?\/b\/(morning|nasty)\/\d{4}-\d\d-\d\d\/\d{4}$/);
          expect(e.contentType).toBe('html');
          // The entry's HTML, read as HTML, holds no element a feed item smuggled in.
          const smuggled = await page.evaluate((h) => new DOMParser().parseFromString(h, 'text/html').querySelectorAll('script, img, entry, feed, content').length, e.content);
          expect(smuggled).toBe(0);
        }
      }
    } finally {
      await close();
    }
  });

  it('refuses the dashboard to a visitor without the token, and shows the figures after signing in with it', { timeout: 60_000 }, async () => {
    const { page, status, close } = await open('/admin', 1280);
    try {
      expect(status).toBe(401);
      expect(await page.locator('table').count()).toBe(0);
      await page.fill('#token', 'a-wrong-token-of-some-length');
      await Promise.all([page.waitForURL(/\/admin\/login$/), page.click('button[type=submit]')]);
      expect(await page.locator('.error').textContent()).toBe('الرمز غير صحيح.');
      await page.fill('#token', TOKEN);
      await Promise.all([page.waitForURL(/\/admin$/), page.click('button[type=submit]')]);
      const figures = await page.evaluate(() => [...document.querySelectorAll('table')].map((t) => t.querySelector('caption')?.textContent));
      expect(figures).toEqual(['آخر الأعداد', 'الاشتراكات', 'التغذيات']);
      // The evening edition (no deliveries), then the morning one with its ledger.
      const editions = page.locator('table').first().locator('tbody tr');
      expect(await editions.nth(0).locator('td').allTextContents()).toEqual(['2026-11-29', '18:00', '0', '0', '0', '0', '0', '0']);
      expect(await editions.nth(1).locator('td').allTextContents()).toEqual(['2026-11-29', '07:00', '11', '0', '2', '1', '0', '1']);
      const cookies = await page.context().cookies();
      const session = cookies.find((c) => c.name === 'briefing_admin')!;
      expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/admin' });
      expect(session.value).not.toContain(TOKEN);
      expect(page.url()).not.toContain(TOKEN);
      await page.screenshot({ path: join(ARTIFACTS, 'dashboard-signed-in-1280.png'), fullPage: true });
    } finally {
      await close();
    }
  });

  const SIGNED_IN = { authorization: `Bearer ${TOKEN}` };
  const SCANS = {
    light: [['/b/morning/2026-11-29/0700', undefined], ['/b/morning/2026-11-29/1800', undefined], ['/b/morning/2026-11-29', undefined], ['/b/morning/archive', undefined], ['/admin', SIGNED_IN], ['/admin', undefined]],
    dark: [['/b/morning/2026-11-29/0700', undefined], ['/admin', SIGNED_IN]],
  } as const;
  for (const dark of [false, true]) {
    it(`passes an axe-core scan of the edition, day, archive, login and dashboard pages at 1280 and 360 px with no serious or critical violation (${dark ? 'dark' : 'light'})`, { timeout: 180_000 }, async () => {
      for (const [path, headers] of SCANS[dark ? 'dark' : 'light']) for (const width of [1280, 360]) {
        const { page, close } = await open(path, width, { dark, ...(headers ? { headers } : {}) });
        try {
          expect(await seriousViolations(page), `${path}${headers ? ' (signed in)' : ''} at ${width} px`).toEqual([]);
          // A day of two editions has two «اقتصاد» sections: each region is told apart by its edition.
          if (path === '/b/morning/2026-11-29') expect(await violationIds(page)).not.toContain('landmark-unique');
          if (dark && width === 1280 && path === '/b/morning/2026-11-29/0700') await page.screenshot({ path: join(ARTIFACTS, 'edition-1280-dark.png'), fullPage: true });
        } finally {
          await close();
        }
      }
    });
  }

  it.runIf(process.env.UPDATE_README_SCREENSHOTS === '1')('writes the README\'s pictures from the bundled samples only', { timeout: 120_000 }, async () => {
    const samples = await startWeb({ figures: true, web: { adminToken: TOKEN } });
    const saved = web;
    web = samples;
    try {
      const edition = await open('/b/morning/', 420);
      await edition.page.screenshot({ path: join(ROOT, 'docs', 'web-edition.png'), fullPage: true });
      await edition.close();
      const dashboard = await open('/admin', 1000, { headers: { authorization: `Bearer ${TOKEN}` } });
      await dashboard.page.screenshot({ path: join(ROOT, 'docs', 'web-dashboard.png'), fullPage: true });
      await dashboard.close();
    } finally {
      web = saved;
      await samples.close();
    }
  });
});
