import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.js';
import { parseFeedText } from '../../src/sources/index.js';

const FETCHED = new Date('2026-11-29T05:00:00Z');
const BASE = 'https://news.example.com/ar/rss.xml';

const rss2 = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title><link>https://news.example.com/</link>
<item><title>ارتفاع أسعار النفط</title><link>/ar/economy/oil-1?utm_source=rss</link>
<description><![CDATA[<p>ارتفعت أسعار النفط&nbsp;<b>بنسبة 3 في المئة</b> اليوم.</p><img src="x.jpg"/>]]></description>
<pubDate>Sun, 18 Feb 2018 21:35:43 +0400</pubDate><guid isPermaLink="false">oil-1</guid><category>اقتصاد</category></item>
<item><title>خبر بلا تاريخ</title><link>https://news.example.com/ar/2</link><description>نص الخبر الثاني.</description></item>
<item><title>خبر بتوقيت غرينتش</title><link>https://news.example.com/ar/3</link><description>نص.</description><pubDate>Mon, 19 Feb 2018 10:00:00 GMT</pubDate></item>
</channel></rss>`;

const rdf = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://news.example.com/"><title>أخبار RDF</title><link>https://news.example.com/</link><description>x</description></channel>
<item rdf:about="https://news.example.com/rdf/1"><title>افتتاح معرض الكتاب</title><link>https://news.example.com/rdf/1</link><description>افتتح معرض الكتاب أبوابه.</description><dc:date>2018-02-18T10:00:00+03:00</dc:date></item>
</rdf:RDF>`;

const atom = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>أخبار أتوم</title><id>urn:x</id><updated>2018-02-18T10:00:00Z</updated>
<entry><title type="html">فوز &lt;b&gt;المنتخب&lt;/b&gt;</title><link rel="alternate" href="sport/1"/><id>urn:1</id>
<published>2018-02-18T09:00:00+02:00</published><updated>2018-02-18T10:00:00Z</updated>
<summary type="html">&lt;p&gt;فاز المنتخب بهدفين.&lt;/p&gt;</summary></entry></feed>`;

const jsonFeed = JSON.stringify({
  version: 'https://jsonfeed.org/version/1.1',
  title: 'أخبار JSON',
  items: [{ id: 'j1', url: 'https://news.example.com/j/1', title: 'هطول أمطار غزيرة', content_html: '<p>هطلت أمطار غزيرة.</p>', date_published: '2018-02-18T08:00:00Z' }],
});

describe('parseFeedText', () => {
  it('reads a date without a zone as UTC whatever the machine\'s zone, as the composer does', () => {
    const feed = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>افتتاح المكتبة العامة</title><link>https://news.example.com/ar/9</link><description>افتتحت المكتبة.</description><pubDate>2018-02-18 21:35:43</pubDate></item>
</channel></rss>`;
    const saved = process.env.TZ;
    try {
      for (const zone of ['Asia/Riyadh', 'America/New_York', 'UTC']) {
        process.env.TZ = zone;
        expect(parseFeedText(feed, BASE, FETCHED).items[0]!.published, zone).toBe('2018-02-18T21:35:43.000Z');
      }
    } finally {
      if (saved === undefined) delete process.env.TZ;
      else process.env.TZ = saved;
    }
  });

  it('reads RSS 2.0: CDATA and HTML to text, relative links resolved, RFC 822 dates with an offset', () => {
    const f = parseFeedText(rss2, BASE, FETCHED);
    expect(f.format).toBe('rss');
    const [oil] = f.items;
    expect(oil).toMatchObject({ title: 'ارتفاع أسعار النفط', link: 'https://news.example.com/ar/economy/oil-1?utm_source=rss', published: '2018-02-18T17:35:43.000Z', dated: true, categories: ['اقتصاد'] });
    expect(oil!.summary).toBe('ارتفعت أسعار النفط بنسبة 3 في المئة اليوم.');
  });
  it('gives the fetch time to an item without a date, and reads GMT dates', () => {
    const f = parseFeedText(rss2, BASE, FETCHED);
    expect(f.items[1]).toMatchObject({ published: FETCHED.toISOString(), dated: false });
    expect(f.items[2]!.published).toBe('2018-02-19T10:00:00.000Z');
  });
  it('reads dates written in Arabic (month names of Egypt, the Levant and the Maghreb, Arabic-Indic digits) and day-first numeric dates, a time without a zone as UTC', () => {
    const dated = (pubDate: string): { published: string; dated: boolean } => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title><item><title>خبر</title><link>https://news.example.com/ar/1</link><description>نص.</description><pubDate>${pubDate}</pubDate></item></channel></rss>`;
      const [item] = parseFeedText(xml, BASE, FETCHED).items;
      return { published: item!.published, dated: item!.dated };
    };
    expect(dated('الأحد، 29 نوفمبر 2026 04:30')).toEqual({ published: '2026-11-29T04:30:00.000Z', dated: true });
    expect(dated('٢٨ نوفمبر ٢٠٢٦ - ١٠:١٥')).toEqual({ published: '2026-11-28T10:15:00.000Z', dated: true });
    expect(dated('السبت 28 تشرين الثاني 2026')).toEqual({ published: '2026-11-28T00:00:00.000Z', dated: true });
    expect(dated('الجمعة 27 كانون الأول 2024')).toEqual({ published: '2024-12-27T00:00:00.000Z', dated: true });
    expect(dated('12 جويلية 2026 09:00')).toEqual({ published: '2026-07-12T09:00:00.000Z', dated: true });
    expect(dated('28/11/2026 22:05')).toEqual({ published: '2026-11-28T22:05:00.000Z', dated: true });
    expect(dated('2026/11/28 22:05:10')).toEqual({ published: '2026-11-28T22:05:10.000Z', dated: true });
    expect(dated('03-11-2026')).toEqual({ published: '2026-11-03T00:00:00.000Z', dated: true });
    // Not a date: the fetch time, as before.
    expect(dated('قبل ساعتين')).toEqual({ published: FETCHED.toISOString(), dated: false });
    expect(dated('31/02/2026')).toEqual({ published: FETCHED.toISOString(), dated: false });
  });

  it('subtracts a zone written after the time of an Arabic or numeric date (Z, GMT, UTC, GMT+0300, +03:00, +0300, +3)', () => {
    const published = (pubDate: string): string => {
      const xml = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title><item><title>خبر</title><link>https://news.example.com/ar/1</link><description>نص.</description><pubDate>${pubDate}</pubDate></item></channel></rss>`;
      return parseFeedText(xml, BASE, FETCHED).items[0]!.published;
    };
    expect(published('2026/11/28 10:00 GMT+0300')).toBe('2026-11-28T07:00:00.000Z');
    expect(published('28/11/2026 22:05 +0300')).toBe('2026-11-28T19:05:00.000Z');
    expect(published('28/11/2026 22:05 +03:00')).toBe('2026-11-28T19:05:00.000Z');
    expect(published('28/11/2026 01:30 +3')).toBe('2026-11-27T22:30:00.000Z');
    expect(published('28/11/2026 22:05 -0430')).toBe('2026-11-29T02:35:00.000Z');
    expect(published('5 أوت 2026 15:00 +0100')).toBe('2026-08-05T14:00:00.000Z');
    expect(published('٥ أوت ٢٠٢٦ ٠٣:٠٠ م +٠١٠٠')).toBe('2026-08-05T14:00:00.000Z');
    expect(published('28/11/2026 22:05 GMT')).toBe('2026-11-28T22:05:00.000Z');
    expect(published('28/11/2026 22:05 UTC')).toBe('2026-11-28T22:05:00.000Z');
    expect(published('28/11/2026 22:05Z')).toBe('2026-11-28T22:05:00.000Z');
    expect(published('الخميس 5 آذار 2026 08:00 UTC+2')).toBe('2026-03-05T06:00:00.000Z');
    // No zone: UTC, as before.
    expect(published('28/11/2026 22:05')).toBe('2026-11-28T22:05:00.000Z');
    // «آب» is also written without its hamza, as «اذار» and «ايار» are.
    expect(published('14 اب 2026 09:15')).toBe('2026-08-14T09:15:00.000Z');
  });
  it('reads RSS 1.0 (RDF) with dc:date', () => {
    const f = parseFeedText(rdf, BASE, FETCHED);
    expect(f.items[0]).toMatchObject({ title: 'افتتاح معرض الكتاب', link: 'https://news.example.com/rdf/1', published: '2018-02-18T07:00:00.000Z' });
  });
  it('reads Atom: HTML titles and summaries, alternate links against the feed URL', () => {
    const f = parseFeedText(atom, BASE, FETCHED);
    expect(f.format).toBe('atom');
    expect(f.items[0]).toMatchObject({ title: 'فوز المنتخب', summary: 'فاز المنتخب بهدفين.', link: 'https://news.example.com/ar/sport/1', published: '2018-02-18T07:00:00.000Z' });
  });
  it('reads JSON Feed', () => {
    const f = parseFeedText(jsonFeed, BASE, FETCHED);
    expect(f.format).toBe('json');
    expect(f.items[0]).toMatchObject({ title: 'هطول أمطار غزيرة', content: 'هطلت أمطار غزيرة.', link: 'https://news.example.com/j/1' });
  });
  it('says a cut-off feed is cut off', () => {
    expect(() => parseFeedText(rss2.slice(0, rss2.indexOf('</item>') + 7), BASE, FETCHED)).toThrow(/cut off .*the server failed while sending it; it will be tried again later/);
  });
  it('says a cut-off file is an incomplete file, not a server to try again', () => {
    const cut = rss2.slice(0, rss2.indexOf('</item>') + 7);
    expect(() => parseFeedText(cut, 'saved/news.xml', FETCHED)).toThrow('saved/news.xml is cut off (no closing tag): the file holds part of a feed; save the whole feed again.');
    expect(() => parseFeedText(cut, 'saved/news.xml', FETCHED)).not.toThrow(/tried again/);
  });
  it('says an HTML page is not a feed, and what to do', () => {
    const err = (() => {
      try {
        parseFeedText('<!doctype html><html><body>صفحة</body></html>', BASE, FETCHED, 'مصدر');
      } catch (e) {
        return e as SourceError;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(SourceError);
    expect(err!.source).toBe('مصدر');
    expect(err!.message).toMatch(/HTML page, not a feed: use its feed URL/);
  });
  it('names the feed an HTML page links to (<link rel="alternate">), resolved against the page', () => {
    const page = `<!doctype html><html lang="ar" dir="rtl"><head><title>الرئيسية</title>
<link rel="alternate" hreflang="en" href="/en/">
<link rel="alternate" type="application/rss+xml" title="آخر الأخبار" href="/rss/latest.xml?lang=ar">
<link rel="Alternate" type="application/atom+xml" title="رياضة" href="https://sport.news.example/atom">
</head><body><p>مرحبا</p></body></html>`;
    const message = (() => {
      try {
        parseFeedText(page, 'https://news.example/ar/', FETCHED, 'مصدر');
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toMatch(/HTML page, not a feed/);
    expect(message).toContain('https://news.example/rss/latest.xml?lang=ar');
    expect(message).toContain('https://sport.news.example/atom');
    expect(message).not.toContain('/en/');
  });
  it('says text that is not XML is not a feed', () => {
    expect(() => parseFeedText('this is not xml at all', BASE, FETCHED)).toThrow(SourceError);
  });
});

describe('parseFeedText limits', () => {
  const deepFeed = (n: number): string => `<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title><item><title>خبر</title><description>${'<b>'.repeat(n)}نص${'</b>'.repeat(n)}</description></item></channel></rss>`;

  it('ends deeply nested feed XML in a clear SourceError before parsing, not a stack overflow', () => {
    const err = (() => {
      try {
        parseFeedText(deepFeed(20_000), BASE, FETCHED, 'عميق');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(SourceError);
    expect(err).toMatchObject({ code: 'too_deep', source: 'عميق' });
    expect((err as SourceError).message).toMatch(/more than 128 deep/);
  });

  it('reads the text of a description whose HTML (in CDATA) nests 20,000 deep, without building a tree', () => {
    const doc = `<?xml version="1.0"?><rss version="2.0"><channel><title>أخبار</title><item><title>خبر</title><description><![CDATA[${'<div>'.repeat(20_000)}نص الخبر${'</div>'.repeat(20_000)}]]></description></item></channel></rss>`;
    const feed = parseFeedText(doc, BASE, FETCHED);
    expect(feed.items[0]!.summary).toBe('نص الخبر');
  });

  it('refuses a feed with more elements than the limit', () => {
    const doc = `<rss version="2.0"><channel><title>أخبار</title><item><title>خبر</title>${'<x/>'.repeat(1000)}</item></channel></rss>`;
    expect(() => parseFeedText(doc, BASE, FETCHED, 'عريض', { maxDepth: 128, maxNodes: 500 })).toThrow(expect.objectContaining({ code: 'too_many_elements' }));
  });
});
