import { describe, expect, it } from 'vitest';
import { arabicText, escapeHtml, html, webUrl } from '../../../src/channels/web/index.js';
import { editionUrl, slotFromPath, slotToPath } from '../../../src/channels/web/index.js';
import { niceMax } from '../../../src/channels/web/svg-charts.js';

describe('html', () => {
  it('escapes every interpolated text, keeps nested templates, joins lists, drops null and false', () => {
    const title = '<script>alert("x")</script> & \'y\'';
    expect(html`<h3 title="${title}">${title}</h3>`.value).toBe(
      '<h3 title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;</h3>',
    );
    expect(html`<ul>${['أ', '<ب>'].map((t) => html`<li>${t}</li>`)}</ul>${null}${false}${undefined}`.value).toBe('<ul><li>أ</li><li>&lt;ب&gt;</li></ul>');
  });

  it('drops control characters, which HTML and XML cannot carry', () => {
    expect(escapeHtml('أ\u0000ب\u0007ج\tد\n')).toBe('أبج\tد\n');
  });
});

describe('arabicText', () => {
  it('puts each Latin run of an Arabic line in <bdi>, escaped', () => {
    expect(arabicText('قالت وكالة Reuters إن شركة Saudi Aramco رفعت الإنتاج').value).toBe('قالت وكالة <bdi>Reuters</bdi> إن شركة <bdi>Saudi Aramco</bdi> رفعت الإنتاج');
    expect(arabicText('BBC: انفجار في بيروت').value).toBe('<bdi>BBC</bdi>: انفجار في بيروت');
    expect(arabicText('خبر <b>عاجل</b>').value).toBe('خبر &lt;<bdi>b</bdi>&gt;عاجل&lt;/<bdi>b</bdi>&gt;');
  });

  it('puts a web address in one <bdi>, its query escaped inside it', () => {
    expect(arabicText('التفاصيل على https://example.com/news?id=5&lang=ar.').value).toBe('التفاصيل على <bdi>https://example.com/news?id=5&amp;lang=ar</bdi>.');
  });

  it('isolates a line with no Arabic letter whole, and folds whitespace', () => {
    expect(arabicText('  Reuters\n  World  ').value).toBe('<bdi>Reuters World</bdi>');
    expect(arabicText('2026').value).toBe('2026');
  });
});

describe('webUrl', () => {
  it('keeps http(s) links only', () => {
    expect(webUrl('https://example.com/a?b=1')).toBe('https://example.com/a?b=1');
    expect(webUrl('javascript:alert(1)')).toBeUndefined();
    expect(webUrl('/home/user/briefings/samples/a.txt')).toBeUndefined();
    expect(webUrl('data:text/html,<script>')).toBeUndefined();
    expect(webUrl(undefined)).toBeUndefined();
  });
});

describe('editionUrl', () => {
  it('links to the slot page of an edition, or to its day when the slot is unknown', () => {
    expect(editionUrl('https://briefing.example.com', { briefingId: 'morning', date: '2026-11-29', slot: '07:30' })).toBe('https://briefing.example.com/b/morning/2026-11-29/0730');
    expect(editionUrl('https://briefing.example.com/', { briefingId: 'morning', date: '2026-11-29' })).toBe('https://briefing.example.com/b/morning/2026-11-29');
  });

  it('turns a slot into its path segment and back, refusing what is not a time', () => {
    expect(slotToPath('07:30')).toBe('0730');
    expect(slotFromPath('0730')).toBe('07:30');
    expect(slotFromPath('2460')).toBeUndefined();
    expect(slotFromPath('07:30')).toBeUndefined();
  });
});

describe('niceMax', () => {
  it('rounds an axis top up to 1, 2 or 5 times a power of ten', () => {
    expect([0, 1, 3, 7, 12, 180, 1001].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 2000]);
  });
});

describe('renderLayout under a public URL with a path', () => {
  it('puts the path, escaped and taken literally ($& is no replacement pattern), before every link to the site, and leaves absolute links alone', async () => {
    const { renderLayout } = await import('../../../src/channels/web/page-layout.js');
    const page = renderLayout({ stylesheetPath: '/assets/s.css', publicUrl: 'https://example.com/a$&b', basePath: '/a$&b' }, { title: 'ت', path: '/b/x/', feed: { path: '/b/x/feed.atom', title: 'ت' }, body: html`<a href="https://other.example/x">خارج</a>` });
    expect(page).toContain('href="/a$&amp;b/assets/s.css"');
    expect(page).toContain('href="/a$&amp;b/b/x/feed.atom"');
    expect(page).toContain('href="/a$&amp;b/"');
    expect(page).toContain('href="https://other.example/x"');
  });
});
