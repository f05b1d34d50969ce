import { describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.js';
import type { SourceDefinition } from '../../src/core/types.js';
import { feedUrlKey, sourcesFromOpml, sourcesToOpml } from '../../src/sources/index.js';

const FEEDS: SourceDefinition[] = [
  { kind: 'feed', url: 'https://news.example/ar/rss.xml?section=economy&lang=ar', name: 'أخبار الاقتصاد', language: 'ar', topics: ['economy'], fullText: true },
  { kind: 'feed', url: 'https://sport.example/feed', name: 'الرياضة اليوم', language: 'ar', topics: ['sports', 'football'] },
  { kind: 'feed', url: 'https://world.example/atom.xml', name: 'World "Desk" <EN>', language: 'en', topics: [] },
];
const FOLDER: SourceDefinition = { kind: 'folder', url: 'briefings/samples', name: 'العينات', language: 'ar', topics: [] };

describe('sourcesToOpml / sourcesFromOpml', () => {
  it('round-trips feed sources: names, URLs with &, language, topics and fullText come back the same', () => {
    const opml = sourcesToOpml([...FEEDS, FOLDER], { title: 'موجز الصباح' });
    expect(opml).toContain('<opml version="2.0">');
    expect(opml).toContain('<title>موجز الصباح</title>');
    expect(opml).toContain('category="/sports,/football"');
    const back = sourcesFromOpml(opml);
    expect(back.skipped).toEqual([]);
    expect(back.sources).toEqual(FEEDS);
  });

  it('leaves folder and page sources out, and refuses a list with no feed', () => {
    expect(sourcesFromOpml(sourcesToOpml([FOLDER, FEEDS[1]!])).sources.map((s) => s.url)).toEqual(['https://sport.example/feed']);
    expect(() => sourcesToOpml([FOLDER])).toThrow(SourceError);
  });

  it('reads a feed reader\'s OPML: nested folders flattened, each feed once, names from text or title, others skipped', () => {
    const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>قارئ الأخبار</title></head><body>
  <outline text="عربي">
    <outline type="rss" text="صحيفة الصباح" xmlUrl="https://sabah.example/rss" htmlUrl="https://sabah.example/" category="/الأخبار/سياسة"/>
    <outline type="rss" title="المساء" xmlUrl="https://masaa.example/feed/"/>
  </outline>
  <outline type="rss" text="الصباح مرة أخرى" xmlUrl="https://SABAH.example/rss#top"/>
  <outline type="rss" text="ملف محلي" xmlUrl="file:///etc/passwd"/>
  <outline text="رابط بلا خلاصة" htmlUrl="https://nofeed.example/"/>
</body></opml>`;
    const { sources, skipped } = sourcesFromOpml(opml);
    expect(sources).toEqual([
      { kind: 'feed', url: 'https://sabah.example/rss', name: 'صحيفة الصباح', language: 'ar', topics: ['سياسة'] },
      { kind: 'feed', url: 'https://masaa.example/feed/', name: 'المساء', language: 'ar', topics: [] },
    ]);
    expect(skipped).toEqual(['ملف محلي: file:///etc/passwd is not an http(s) URL', 'رابط بلا خلاصة: no feed URL (xmlUrl)']);
  });

  it('says plainly when the text is not OPML', () => {
    expect(() => sourcesFromOpml('<rss version="2.0"><channel><title>ليس OPML</title></channel></rss>', 'feeds.opml')).toThrow(/feeds\.opml is not an OPML document/);
    expect(() => sourcesFromOpml('not xml at all', 'x.opml')).toThrow(SourceError);
  });
});

describe('feedUrlKey', () => {
  it('treats host case, a fragment and a trailing slash as the same feed, but not another path or query', () => {
    expect(feedUrlKey('https://Example.com/rss/#x')).toBe(feedUrlKey('https://example.com/rss'));
    expect(feedUrlKey('https://example.com/rss?a=1')).not.toBe(feedUrlKey('https://example.com/rss'));
    expect(feedUrlKey('https://example.com/rss2')).not.toBe(feedUrlKey('https://example.com/rss'));
  });
});
