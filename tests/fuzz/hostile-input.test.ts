/**
 * Fuzzing with fast-check: the feed parser, the page extractor, the HTML-to-text reader and both
 * renderers fed hostile input (random markup, deep nesting, cut-off documents, mentions, lone
 * surrogates, bidi overrides). Each either gives a well-formed result or a SourceError, fast;
 * renders stay within their platform's limits and carry no control sequence they did not write.
 * Run counts are kept small so that `npm test` stays quick; a failure prints its seed to replay.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderSlack, SLACK_MAX_BLOCKS, SLACK_MAX_SECTION_CHARS } from '../../src/channels/slack/render.js';
import { renderTelegram, telegramLength, TELEGRAM_MAX_CHARS } from '../../src/channels/telegram/render.js';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import { SourceError } from '../../src/core/errors.js';
import type { Briefing, BriefingItem } from '../../src/core/types.js';
import { extractPage, feedItemToArticle, htmlToText, parseFeedText } from '../../src/sources/index.js';
import { foreignControls, sourceUrlsOf, textsOf } from '../channels/slack-render-controls.js';
import { hostileFeed, hostileHtml, hostileText } from './arbitraries.js';

// Bounded in time: a property stops after 20 s of runs and shrinking (a failure found by then is
// still reported), so that a slow, loaded machine makes the suite shorter, never stuck.
fc.configureGlobal({ interruptAfterTimeLimit: 20_000 });

const FETCHED = new Date('2026-11-29T05:00:00Z');
const isWellFormed = (s: string): boolean => !/\p{Cs}/u.test(s);

/** Runs `fn`; a thrown error must be a SourceError with a code and a message that says something. */
function resultOrSourceError<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof SourceError)) throw err;
    expect(err.code).toMatch(/^[a-z_0-9]+$/);
    expect(err.message.length).toBeGreaterThan(15);
    return undefined;
  }
}

describe('fuzz: parseFeedText', () => {
  it('gives items with text fields, absolute links and ISO dates, or a SourceError; never another error', () => {
    fc.assert(
      fc.property(hostileFeed, (doc) => {
        const feed = resultOrSourceError(() => parseFeedText(doc, 'https://news.example.com/rss.xml', FETCHED, 'fuzz'));
        for (const item of feed?.items ?? []) {
          expect(typeof item.title).toBe('string');
          expect(typeof item.summary).toBe('string');
          expect(Number.isFinite(Date.parse(item.published))).toBe(true);
          if (item.link) expect(() => new URL(item.link!)).not.toThrow();
        }
      }),
      { numRuns: 80 },
    );
  });
});

describe('fuzz: htmlToText', () => {
  it('turns any fragment into clean text, without throwing and without bidi controls', () => {
    fc.assert(
      fc.property(hostileHtml, (html) => {
        const text = htmlToText(html);
        expect(typeof text).toBe('string');
        expect(text).not.toMatch(/[\u200E\u200F\u202A-\u202E\u2066-\u2069]/);
      }),
      { numRuns: 60 },
    );
  });
});

describe('fuzz: extractPage', () => {
  it('gives a title and sections of strings, or a SourceError (too deep, too many elements)', () => {
    fc.assert(
      fc.property(hostileHtml, (html) => {
        const page = resultOrSourceError(() => extractPage(html, 'https://news.example.com/a'));
        if (!page) return;
        expect(typeof page.title).toBe('string');
        for (const s of page.sections) for (const p of s.paragraphs) expect(typeof p).toBe('string');
        if (page.published) expect(Number.isFinite(Date.parse(page.published))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });
});

const itemOf = (headline: string, bullets: string[], sources: { name: string; url?: string }[], topic: string): BriefingItem => ({
  topic,
  sources,
  digest: { headline, bullets: bullets.map((text) => ({ text, section: 0, sourceSentence: text })), keyFigures: [], source: sources[0]!, articleId: headline, topics: [], importance: 1, warnings: [] },
});

const hostileBriefing: fc.Arbitrary<Briefing> = fc
  .record({
    title: hostileText(30),
    date: fc.oneof(fc.constant('2026-11-29'), hostileText(4)),
    groups: fc.array(
      fc.record({
        topic: hostileText(8),
        items: fc.array(
          fc.record({
            headline: fc.oneof(hostileText(20), fc.string({ unit: 'binary', minLength: 3000, maxLength: 6000 })),
            bullets: fc.array(hostileText(40), { maxLength: 6 }),
            sources: fc.array(fc.record({ name: hostileText(8), url: fc.option(fc.oneof(hostileText(6), hostileText(6).map((t) => `https://example.com/${t}`)), { nil: undefined }) }), { minLength: 1, maxLength: 12 }),
          }),
          { minLength: 1, maxLength: 12 },
        ),
      }),
      { maxLength: 5 },
    ),
  })
  .map(({ title, date, groups }) => ({
    briefingId: 'fuzz',
    title,
    date,
    warnings: [],
    groups: groups.map((g) => ({ topic: g.topic, items: g.items.map((i) => itemOf(i.headline, i.bullets, i.sources.map((s) => (s.url === undefined ? { name: s.name } : { name: s.name, url: s.url })), g.topic)) })),
  }));

/** Telegram's HTML as its parser sees it: only <b> and <a href>, balanced, every & < > escaped. */
function isValidTelegramHtml(html: string): boolean {
  const stack: string[] = [];
  const re = /<(\/?)([a-z]+)([^>]*)>|[<>]|&(?!(amp|lt|gt|quot);)/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    if (!m[2]) return false;
    const [, close, tag, attrs] = m;
    if (tag !== 'b' && tag !== 'a') return false;
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

describe('fuzz: renderTelegram', () => {
  it('always gives valid, well-formed HTML of at most 4096 units per message', () => {
    fc.assert(
      fc.property(hostileBriefing, (b) => {
        for (const m of renderTelegram(b)) {
          expect(telegramLength(m)).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
          expect(isValidTelegramHtml(m)).toBe(true);
          expect(isWellFormed(m)).toBe(true);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('fuzz: renderSlack', () => {
  it('stays within Block Kit\'s limits and carries no control sequence it did not write', () => {
    fc.assert(
      fc.property(hostileBriefing, (b) => {
        const urls = sourceUrlsOf(b);
        for (const m of renderSlack(b)) {
          expect(m.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
          expect(m.text.length).toBeLessThanOrEqual(3000);
          for (const bl of m.blocks) {
            if (bl.type === 'section') expect(bl.text.text.length).toBeLessThanOrEqual(SLACK_MAX_SECTION_CHARS);
            if (bl.type === 'header') expect(bl.text.text.length).toBeLessThanOrEqual(150);
          }
          for (const t of textsOf(m)) {
            expect(foreignControls(t, urls), t).toEqual([]);
            expect(isWellFormed(t)).toBe(true);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('fuzz: feed to message', () => {
  it('a hostile feed, composed and rendered, gives messages within limits with no foreign mention or link', () => {
    fc.assert(
      fc.property(hostileFeed, (doc) => {
        const feed = resultOrSourceError(() => parseFeedText(doc, 'https://news.example.com/rss.xml', FETCHED, 'fuzz'));
        if (!feed || feed.items.length === 0) return;
        const digests = feed.items.map((i) => composeDigest(feedItemToArticle(i, 'مصدر')));
        const b = composeBriefing(digests, { briefingId: 'fuzz', title: 'موجز', date: '2026-11-29', topics: [], maxChars: 20_000 });
        for (const m of renderTelegram(b)) expect(telegramLength(m) <= TELEGRAM_MAX_CHARS && isValidTelegramHtml(m)).toBe(true);
        const urls = sourceUrlsOf(b);
        for (const m of renderSlack(b)) for (const t of textsOf(m)) expect(foreignControls(t, urls)).toEqual([]);
      }),
      { numRuns: 40 },
    );
  });
});
