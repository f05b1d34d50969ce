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
<p>الآراء الواردة في التعليقات تخص كاتبيها، ولا يتحمل الموقع مسؤوليتها.</p></article>
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
    expect(cleanTitle('الوادي نيوز - البرازيل: مهرجان للطائرات الورقية يجمع ألف طفل')).toBe('البرازيل: مهرجان للطائرات الورقية يجمع ألف طفل');
    expect(cleanTitle('بالصور.. سوق الخضار الجديد يفتح أبوابه | بوابة أخبار المدينة')).toBe('بالصور.. سوق الخضار الجديد يفتح أبوابه');
  });
  it('removes the Arabic letter mark (U+061C) with the other bidi controls', () => {
    expect(cleanTitle('\u061Cعاصفة رملية تجتاح الرياض\u061C | موقع الطقس')).toBe('عاصفة رملية تجتاح الرياض');
  });
  it('keeps a headline\'s own colon, spaced as Maghreb sites write it: who spoke, or where', () => {
    expect(cleanTitle('وزير المالية : الميزانية الجديدة لن ترفع الضرائب')).toBe('وزير المالية : الميزانية الجديدة لن ترفع الضرائب');
    expect(cleanTitle('صفاقس : افتتاح سوق جديد للخضر والغلال - إذاعة الاختبار')).toBe('صفاقس : افتتاح سوق جديد للخضر والغلال');
  });
  it('drops only the site name, not a part of the headline written with the same dash', () => {
    expect(cleanTitle('الأهلي - الزمالك: موعد المباراة والقنوات الناقلة - اليوم السابع', 'اليوم السابع')).toBe('الأهلي - الزمالك: موعد المباراة والقنوات الناقلة');
    expect(cleanTitle('مصر والسودان - اتفاق على تقاسم المياه | الجزيرة نت', 'الجزيرة نت')).toBe('مصر والسودان - اتفاق على تقاسم المياه');
    expect(cleanTitle('موقع الاختبار | تونس - الجزائر: لقاء ودي في العاصمة', 'موقع الاختبار')).toBe('تونس - الجزائر: لقاء ودي في العاصمة');
  });
  it('keeps a title without separators', () => {
    expect(cleanTitle('عاصفة رملية تجتاح الرياض')).toBe('عاصفة رملية تجتاح الرياض');
  });
});

describe('isBoilerplate', () => {
  it('recognises comment rules and bare date lines, not article sentences', () => {
    expect(isBoilerplate('ترحب الشبكة بالنقاش، ننصحك بمراجعة إرشادات الاستخدام قبل التعليق.')).toBe(true);
    expect(isBoilerplate('الخميس، 12 أيلول/سبتمبر 2019، آخر تحديث 14:05 (GMT+0400)')).toBe(true);
    expect(isBoilerplate('قال الوزير إن الأسعار ارتفعت بنسبة 4 في المئة في أغسطس 2013.')).toBe(false);
  });

  it('recognises the short furniture real Arabic pages leave in: copy link, a photo credit, a label, a date alone, follow prompts', () => {
    for (const line of ['©', 'انسخ الرابط', 'REUTERS / SAMI HADDAD', '© AFP / Getty', 'الموضوع:', 'November 9, 2020', 'الاثنين 9 نوفمبر 2020', '09/11/2020', 'مواضيع ساخنة اخرى', 'كل جديد الموقع تجدونه عبر Google News']) {
      expect(isBoilerplate(line), line).toBe(true);
    }
    for (const line of ['وقع الطرفان الاتفاق في 9 نوفمبر 2020 بحضور الوزير.', 'وحذفت إدارة الصفحة عشرات التعليقات المسيئة بعد المباراة.', 'أثارت التعليقات الساخرة على صورة اللاعب نقاشا واسعا حول التنمر الإلكتروني بين الشباب.', 'فاز منتخب الطائرة بثلاثة أشواط لواحد (25/ 17، 22/ 25، 25/ 20، 25/ 23).', 'قالت وكالة رويترز إن المحادثات ستستأنف الأسبوع المقبل.', 'شهادة مكتوبة: وصف الحارس ما رآه تلك الليلة.', 'المنتخب يفوز 2-1']) {
      expect(isBoilerplate(line), line).toBe(false);
    }
  });

  it('does not repeat the headline as the first section heading (the page\'s own <h1> inside the article)', () => {
    const p = ['تجمع مئات المزارعين أمام مقر وزارة الزراعة في العاصمة صباح اليوم احتجاجا على ارتفاع أسعار الأسمدة والبذور للموسم الثاني على التوالي.', 'وحمل المحتجون لافتات تقارن كلفة زراعة الهكتار قبل عامين بكلفتها اليوم، وقد تضاعفت.', 'ومن المنتظر أن يستقبل الوزير وفدا منهم مساء الغد.'];
    const html = `<!doctype html><html lang="ar"><head><title>مزارعون يحتجون على أسعار الأسمدة - الموقع</title></head><body><div id="main"><h1>مزارعون يحتجون على أسعار الأسمدة</h1>${p.map((x) => `<p>${x}</p>`).join('')}<h2>خلفية</h2><p>${p[0]}</p></div></body></html>`;
    const page = extractPage(html, 'https://news.example/ar/2');
    expect(page.title).toBe('مزارعون يحتجون على أسعار الأسمدة');
    expect(page.sections.map((s) => s.heading)).toEqual([undefined, 'خلفية']);
    expect(page.sections[0]!.paragraphs).toEqual(p);
  });

  it('leaves that furniture out of a page\'s article, the paragraphs kept in order', () => {
    const p = ['أعلنت وزارة الصحة اليوم تسجيل ثلاثين إصابة جديدة بالفيروس في العاصمة وعدد من المحافظات الأخرى، وقالت إن الحالات كلها مستقرة.', 'وأوضح المتحدث باسم الوزارة أن الفرق الطبية تتابع المخالطين في المنازل، وأن المستشفيات مستعدة لاستقبال أي حالات جديدة خلال الأيام المقبلة.', 'وأضاف أن الوزارة ستعلن غدا عن إجراءات إضافية للحد من انتشار العدوى في المدارس والجامعات والأماكن العامة المزدحمة.'];
    const html = `<!doctype html><html lang="ar" dir="rtl"><head><title>الصحة تسجل ثلاثين إصابة جديدة</title></head><body><article><h1>الصحة تسجل ثلاثين إصابة جديدة</h1><p class="meta"><span>November 9, 2020</span></p><p><span>انسخ الرابط</span></p><p>${p[0]}</p><figure><img src="x.jpg"><figcaption><p>©</p><p>REUTERS / SAMI HADDAD</p></figcaption></figure><p>${p[1]}</p><p>${p[2]}</p><p><a href="https://news.google.com/x">آخر المستجدات عبر جوجل نيوز</a></p><div><p>الموضوع:</p></div></article></body></html>`;
    const page = extractPage(html, 'https://news.example/ar/1');
    expect(page.sections.flatMap((s) => s.paragraphs)).toEqual(p);
  });
});

describe('extractPage on a page whose article is in its JSON-LD only', () => {
  const body = [
    'أعلنت وزارة النقل اليوم افتتاح طريق سريع جديد يربط مدن الشمال بموانئ الجنوب، وقال الوزير إن الطريق يختصر زمن الرحلة إلى النصف.',
    'وأضاف أن المرحلة الثانية تشمل جسورا وأنفاقا، على أن تنتهي الأعمال خلال ثلاث سنوات وفق الجدول الذي أعلنته الحكومة.',
    'وأشار إلى أن الرسوم ستكون رمزية في السنوات الأولى من التشغيل، وأن الشركات المنفذة وظفت آلاف العمال من أبناء المحافظات.',
  ];
  const ld = (article: unknown): string => `<script type="application/ld+json">${JSON.stringify(article)}</script>`;
  const shell = (head: string, main = ''): string =>
    `<!doctype html><html lang="ar" dir="rtl"><head><title>طريق سريع جديد | موقع الاختبار</title>${head}</head><body><div id="root">${main}</div><script src="/app.js"></script></body></html>`;

  it('reads the articleBody of a NewsArticle when the page itself shows no text (a script-built page)', () => {
    const page = extractPage(shell(ld({ '@context': 'https://schema.org', '@type': 'NewsArticle', headline: 'طريق سريع جديد', datePublished: '2026-12-01T06:00:00+03:00', articleBody: body.join('\n') })), 'https://news.example/a/1');
    expect(page.sections.flatMap((s) => s.paragraphs)).toEqual(body);
    expect(page.title).toBe('طريق سريع جديد');
    expect(page.published).toBe('2026-12-01T03:00:00.000Z');
  });
  it('finds the article in an @graph, and prefers it to a one-line teaser the page shows', () => {
    const graph = { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebSite', name: 'موقع الاختبار' }, { '@type': ['ReportageNewsArticle'], articleBody: `<p>${body[0]}</p><p>${body[1]}</p><p>${body[2]}</p>` }] };
    const page = extractPage(shell(ld(graph), `<p>${body[0]}</p>`), 'https://news.example/a/2');
    expect(page.sections.flatMap((s) => s.paragraphs)).toEqual(body);
  });
  it('keeps what the page shows when it is the whole article', () => {
    const page = extractPage(shell(ld({ '@type': 'NewsArticle', articleBody: body[0] }), `<article>${body.map((p) => `<p>${p}</p>`).join('')}</article>`), 'https://news.example/a/3');
    expect(page.sections.flatMap((s) => s.paragraphs)).toEqual(body);
  });
  const other = [
    'افتتحت البلدية حديقة عامة جديدة على ضفة النهر بعد عامين من الأشغال، وتضم ملاعب للأطفال ومسارات طويلة للدراجات والمشي.',
    'وقال رئيس البلدية إن الدخول سيبقى مجانيا طوال العام، وإن حافلات إضافية ستنقل الزوار من وسط المدينة في عطلة نهاية الأسبوع.',
    'وزرع المتطوعون مئات الأشجار في محيط الحديقة خلال الشهر الماضي، ويتوقع أن تستقبل آلاف الأسر مع بداية فصل الربيع المقبل.',
  ];
  it('takes the article whose url, @id or mainEntityOfPage is the page, not a related story listed before it', () => {
    const related = { '@type': 'NewsArticle', url: 'https://news.example/a/90', articleBody: other.join('\n') };
    const graph = { '@context': 'https://schema.org', '@graph': [related, { '@type': 'NewsArticle', mainEntityOfPage: { '@id': 'https://news.example/a/4/' }, articleBody: body.join('\n') }] };
    expect(extractPage(shell(ld(graph)), 'https://news.example/a/4').sections.flatMap((s) => s.paragraphs)).toEqual(body);
    const list = [related, { '@type': 'NewsArticle', '@id': 'https://news.example/a/4#article', articleBody: body.join('\n') }];
    expect(extractPage(shell(ld(list)), 'https://news.example/a/4?ref=home').sections.flatMap((s) => s.paragraphs)).toEqual(body);
    const byString = [related, { '@type': 'NewsArticle', mainEntityOfPage: 'https://news.example/a/4', articleBody: body.join('\n') }];
    expect(extractPage(shell(ld(byString)), 'https://news.example/a/4/').sections.flatMap((s) => s.paragraphs)).toEqual(body);
  });
  it('matches the article against the page\'s canonical URL too', () => {
    const list = [{ '@type': 'NewsArticle', url: 'https://news.example/a/90', articleBody: other.join('\n') }, { '@type': 'NewsArticle', url: 'https://news.example/story/4', articleBody: body.join('\n') }];
    const head = `<link rel="canonical" href="https://news.example/story/4/">${ld(list)}`;
    expect(extractPage(shell(head), 'https://m.news.example/s?id=4').sections.flatMap((s) => s.paragraphs)).toEqual(body);
  });
  it('reads no articleBody when several articles carry one and none is the page: the page\'s own text stays', () => {
    const list = [{ '@type': 'NewsArticle', url: 'https://news.example/a/90', articleBody: other.join('\n') }, { '@type': 'NewsArticle', url: 'https://news.example/a/91', articleBody: body.join('\n') }];
    const page = extractPage(shell(ld(list), `<p>${body[0]}</p>`), 'https://news.example/a/5');
    expect(page.sections.flatMap((s) => s.paragraphs)).not.toContain(other[0]);
    expect(page.sections.flatMap((s) => s.paragraphs)).not.toContain(body[1]);
    // One article with a body and another without: that one is the page's.
    const one = [{ '@type': 'NewsArticle', url: 'https://news.example/a/90', headline: 'حديقة' }, { '@type': 'NewsArticle', articleBody: body.join('\n') }];
    expect(extractPage(shell(ld(one)), 'https://news.example/a/6').sections.flatMap((s) => s.paragraphs)).toEqual(body);
    // Unless the page's own article says it is the page and carries none: another story's is not read.
    const ownWithout = [{ '@type': 'NewsArticle', url: 'https://news.example/a/7', headline: 'طريق' }, { '@type': 'NewsArticle', url: 'https://news.example/a/90', articleBody: other.join('\n') }];
    expect(extractPage(shell(ld(ownWithout), `<p>${body[0]}</p>`), 'https://news.example/a/7').sections.flatMap((s) => s.paragraphs)).not.toContain(other[0]);
  });
});
