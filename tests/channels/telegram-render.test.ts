import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { startsRightToLeft } from '../../src/arabic/index.js';
import { escapeHtml, renderTelegram, telegramLength, TELEGRAM_MAX_CHARS, TELEGRAM_TEXT_CAPS, visibleText } from '../../src/channels/telegram/render.js';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import type { Briefing, BriefingItem } from '../../src/core/types.js';
import { sampleArticle } from '../helpers.js';

const ALLOWED = new Set(['b', 'a']);

/** Valid Telegram HTML as its parser sees it: only known tags, balanced, nothing unescaped. */
function isValidTelegramHtml(html: string): boolean {
  const stack: string[] = [];
  const re = /<(\/?)([a-z]+)([^>]*)>|[<>]|&(?!(amp|lt|gt|quot);)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (!m[2]) return false; // a bare < > or & outside an entity
    const [, close, tag, attrs] = m;
    if (!ALLOWED.has(tag!)) return false;
    if (close) {
      if (stack.pop() !== tag) return false;
    } else {
      if (tag === 'a' && !/^ href="[^"<>]*"$/.test(attrs!)) return false;
      if (tag === 'b' && attrs !== '') return false;
      stack.push(tag!);
    }
  }
  return stack.length === 0;
}

const item = (headline: string, bullets: string[], sources: { name: string; url?: string }[] = [{ name: 'المصدر', url: 'https://example.com/a' }], topic = 'عام'): BriefingItem => ({
  topic,
  sources,
  digest: {
    headline, bullets: bullets.map((text) => ({ text, section: 0, sourceSentence: text })), keyFigures: [], source: sources[0]!,
    articleId: headline, topics: [], importance: 1, warnings: [],
  },
});
const briefing = (items: BriefingItem[]): Briefing => ({ briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', groups: [{ topic: 'عام', items }], warnings: [] });

describe('renderTelegram', () => {
  it('renders the sample briefing as one message: bold headline, bullets, linked sources, every line right to left', () => {
    const b = composeBriefing([composeDigest(sampleArticle())], { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] });
    const [msg, ...rest] = renderTelegram(b);
    expect(rest).toEqual([]);
    expect(msg).toContain('<b>المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر</b>');
    expect(isValidTelegramHtml(msg!)).toBe(true);
    for (const l of visibleText(msg!).split('\n').filter((x) => x.trim())) expect(startsRightToLeft(l), l).toBe(true);
  });

  it('escapes < > & " in text and links', () => {
    const [msg] = renderTelegram(briefing([item('أسعار <النفط> & "الغاز"', ['ارتفع السعر 5% & أكثر <عاجل>'], [{ name: 'S&P "عربي"', url: 'https://example.com/?a=1&b=<2>' }])]));
    expect(msg).toContain('أسعار &lt;النفط&gt; &amp; &quot;الغاز&quot;');
    expect(msg).toContain('href="https://example.com/?a=1&amp;b=&lt;2&gt;"');
    expect(isValidTelegramHtml(msg!)).toBe(true);
  });

  it('isolates a headline that starts in Latin so the line stays right to left', () => {
    const [msg] = renderTelegram(briefing([item('BBC: انفجار في بيروت', ['CNN تقول إن الانفجار وقع في الميناء'])]));
    for (const l of visibleText(msg!).split('\n').filter((x) => x.trim())) expect(startsRightToLeft(l), l).toBe(true);
    expect(msg).toContain('\u2068BBC\u2069');
  });

  it('splits a long briefing between items, within 4096 UTF-16 units, losing none', () => {
    const items = Array.from({ length: 60 }, (_, i) => item(`الخبر رقم ${i} عن الاقتصاد والسياسة في المنطقة`, Array.from({ length: 3 }, () => 'أعلنت الحكومة عن خطة جديدة لدعم الاقتصاد 🇸🇦 بقيمة مليار دولار خلال العام المقبل في جميع المناطق.')));
    const msgs = renderTelegram(briefing(items));
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) {
      expect(telegramLength(m)).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
      expect(isValidTelegramHtml(m)).toBe(true);
    }
    const all = msgs.join('\n');
    for (let i = 0; i < 60; i++) expect(all.split(`الخبر رقم ${i} عن`).length - 1).toBe(1);
  });

  it('property: random Arabic/Latin/emoji text with <>&" always renders to valid HTML of ≤ 4096 units per message and loses no item', () => {
    const chunk = fc.constantFrom('خبر', 'عاجل', 'الرياض', 'BBC', 'CNN News', '<', '>', '&', '"', '🇸🇦', '😀', '٣٧', '3.5%', 'a&b', '</b>', '<a href="x">', ' ');
    const text = fc.array(chunk, { minLength: 1, maxLength: 40 }).map((a) => `خبر ${a.join(' ')}`);
    const gen = fc.array(fc.record({ headline: text, bullets: fc.array(text, { minLength: 1, maxLength: 4 }), source: text, url: fc.constantFrom(undefined, 'https://example.com/x?a=1&b=2') }), { minLength: 1, maxLength: 80 });
    fc.assert(
      fc.property(gen, (specs) => {
        const items = specs.map((s, i) => item(`${i}# ${s.headline}`, s.bullets, [{ name: s.source, ...(s.url ? { url: s.url } : {}) }]));
        const msgs = renderTelegram(briefing(items));
        for (const m of msgs) {
          if (telegramLength(m) > TELEGRAM_MAX_CHARS || !isValidTelegramHtml(m)) return false;
          if (!visibleText(m).split('\n').filter((l) => l.trim()).every(startsRightToLeft)) return false;
        }
        const shown = msgs.map(visibleText).join('\n');
        return items.every((it, i) => shown.includes(`${i}# `));
      }),
      { numRuns: 150 },
    );
  });
});

describe('renderTelegram: length whatever a feed carries', () => {
  it('cuts a 4,900-character feed title at a word with «…», in a briefing whose maxChars was raised', () => {
    const words = Array.from({ length: 700 }, (_, i) => `كلمة${i}`).join(' ');
    expect(words.length).toBeGreaterThan(4900);
    const digest = composeDigest({ id: 'x', title: words, source: { name: 'مصدر', url: 'https://example.com/x' }, sections: [{ paragraphs: ['أعلنت الحكومة اليوم عن خطة جديدة لدعم الاقتصاد بقيمة مليار دولار خلال العام المقبل.'] }] });
    const b = composeBriefing([digest], { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [], maxChars: 20_000 });
    const msgs = renderTelegram(b);
    for (const m of msgs) {
      expect(telegramLength(m)).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
      expect(isValidTelegramHtml(m)).toBe(true);
    }
    const headline = /<b>(كلمة0 [^<]*)<\/b>/.exec(msgs.join('\n'))![1]!;
    expect(headline.length).toBeLessThanOrEqual(TELEGRAM_TEXT_CAPS.headline);
    expect(headline).toMatch(/ كلمة\d+…$/);
  });

  it('keeps an item with 40 long outlet names and six long bullets within the limit, saying how many outlets it left out', () => {
    const sources = Array.from({ length: 40 }, (_, i) => ({ name: `وكالة الأنباء رقم ${i} `.repeat(8), url: `https://example.com/${i}` }));
    const msgs = renderTelegram(briefing([item('عنوان '.repeat(400), Array.from({ length: 6 }, () => 'جملة طويلة '.repeat(120)), sources)]));
    for (const m of msgs) expect(telegramLength(m)).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
    expect(visibleText(msgs.join('\n'))).toMatch(/و30 أخرى/);
  });

  it('property: titles, topics, headlines, bullets and names of any length never make a message over maxChars (1,000 to 4,096)', () => {
    const word = fc.constantFrom('خبر', 'عاجل', 'BBC', '<b>', '&', '"', '😀', 'كلمةطويلةجدا'.repeat(30));
    const text = fc.array(word, { maxLength: 600 }).map((a) => a.join(' '));
    const spec = fc.record({ headline: text, bullets: fc.array(text, { maxLength: 6 }), sources: fc.array(fc.record({ name: text }), { minLength: 1, maxLength: 15 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: TELEGRAM_MAX_CHARS }), text, text, fc.array(spec, { minLength: 1, maxLength: 4 }), (maxChars, title, topic, specs) => {
        const items = specs.map((x, i) => item(x.headline, x.bullets, x.sources.map((y) => (i % 2 ? { ...y, url: 'https://example.com/?a=1&b=2' } : y)), topic));
        const b: Briefing = { briefingId: 'morning', title, date: '2026-11-29', groups: [{ topic, items }], warnings: [] };
        return renderTelegram(b, maxChars).every((m) => telegramLength(m) <= maxChars && isValidTelegramHtml(m));
      }),
      { numRuns: 60 },
    );
  });
});

describe('escapeHtml', () => {
  it('escapes the four characters Telegram needs', () => {
    expect(escapeHtml('<b>"x" & y</b>')).toBe('&lt;b&gt;&quot;x&quot; &amp; y&lt;/b&gt;');
  });
});
