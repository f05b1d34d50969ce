import { describe, expect, it } from 'vitest';
import { cleanTitle, extractPage, isBoilerplate } from '../../src/sources/index.js';

const para = (n: number): string =>
  `<p>الفقرة ${n}: أعلنت الهيئة العامة للطيران المدني اليوم عن توسعة جديدة في مطار المدينة تشمل صالة للمسافرين ومدرجا إضافيا، وقالت إن الأعمال ستنتهي خلال عامين.</p>`;
const html = `<!doctype html><html lang="en-US"><head>
<title>&#x202B;توسعة مطار المدينة&#160;- اليوم السابع</title>
<meta property="og:site_name" content="اليوم السابع">
<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2026-11-28T09:15:00+02:00"}</script>
</head><body>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/a">أخبار</a></li><li><a href="/b">رياضة</a></li></ul></nav>
<article><h1>توسعة مطار المدينة</h1>${para(1)}${para(2)}<h2>تفاصيل المشروع</h2>${para(3)}${para(4)}
<p>الآراء الواردة أدناه لا تعبر عن رأي الموقع، بل تعكس وجهات نظر أصحابها فقط.</p></article>
<aside><h3>الأكثر قراءة</h3><ul><li><a href="/x">خبر آخر</a></li></ul></aside>
<footer>جميع الحقوق محفوظة ٢٠٢٦</footer></body></html>`;

describe('extractPage', () => {
  const page = extractPage(html, 'https://www.youm7.com/story/1');
  it('keeps the article as sections under their headings', () => {
    const headings = page.sections.map((s) => s.heading);
    expect(headings).toContain('تفاصيل المشروع');
    const all = page.sections.flatMap((s) => s.paragraphs);
    expect(all.filter((p) => p.startsWith('الفقرة'))).toHaveLength(4);
  });
  it('leaves out navigation, widgets, comment rules and the footer', () => {
    const all = page.sections.flatMap((s) => s.paragraphs).join('\n');
    expect(all).not.toMatch(/الرئيسية|الأكثر قراءة|جميع الحقوق|الآراء الواردة/);
  });
  it('cleans the title: bidi control, &#160; and the site name go', () => {
    expect(page.title).toBe('توسعة مطار المدينة');
  });
  it('reads the publication date from JSON-LD', () => {
    expect(page.published).toBe('2026-11-28T07:15:00.000Z');
  });
  it('gives empty sections for a page with no article', () => {
    expect(extractPage('<html><body><nav><a href="/">الرئيسية</a></nav></body></html>').sections).toEqual([]);
  });
});

describe('cleanTitle', () => {
  it('drops a site name before or after the headline', () => {
    expect(cleanTitle('المدينة نيوز - أميركا: 50 ألفا حصيلة الوفيات بسبب فيروس كورونا')).toBe('أميركا: 50 ألفا حصيلة الوفيات بسبب فيروس كورونا');
    expect(cleanTitle('36 عامًا.. سر رحيل نعيمة عاكف في سن مبكر | بوابة أخبار اليوم')).toBe('36 عامًا.. سر رحيل نعيمة عاكف في سن مبكر');
  });
  it('keeps a title without separators', () => {
    expect(cleanTitle('عاصفة رملية تجتاح الرياض')).toBe('عاصفة رملية تجتاح الرياض');
  });
});

describe('isBoilerplate', () => {
  it('recognises comment rules and bare date lines, not article sentences', () => {
    expect(isBoilerplate('ترحب الشبكة بالنقاش، ننصحك بمراجعة إرشادات الاستخدام قبل التعليق.')).toBe(true);
    expect(isBoilerplate('الأحد، 04 آب/اغسطس 2013، آخر تحديث 02:21 (GMT+0400)')).toBe(true);
    expect(isBoilerplate('قال الوزير إن الأسعار ارتفعت بنسبة 4 في المئة في أغسطس 2013.')).toBe(false);
  });
});
