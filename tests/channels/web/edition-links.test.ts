/** Telegram and Slack messages end with a link to the edition's web page; Telegram previews that page only. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../../src/bench/fakes/fake-slack-api.js';
import { createSlackPublisher, renderSlack } from '../../../src/channels/slack/index.js';
import { createTelegramPublisher, renderTelegram, telegramLength, TELEGRAM_MAX_CHARS } from '../../../src/channels/telegram/index.js';
import { editionUrl } from '../../../src/channels/web/index.js';
import type { Briefing, BriefingItem } from '../../../src/core/types.js';

const URL_ = 'https://briefing.example.com/b/morning/2026-11-29/0700';
const item = (i: number): BriefingItem => ({
  topic: 'اقتصاد',
  sources: [{ name: 'وكالة المثال', url: `https://news.example.com/${i}?a=1&b=2` }],
  digest: {
    headline: `الخبر رقم ${i}: ارتفاع أسعار الذهب في الأسواق المحلية`,
    bullets: Array.from({ length: 3 }, () => ({ text: 'ارتفعت أسعار الذهب في السوق المحلية اليوم بنسبة 3% بعد تراجع الدولار أمام العملات الرئيسية.', section: 0, sourceSentence: '' })),
    keyFigures: [],
    source: { name: 'وكالة المثال' },
    articleId: String(i),
    topics: [],
    importance: 1,
    warnings: [],
  },
});
const briefing = (n: number): Briefing => ({ briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', slot: '07:00', warnings: [], groups: [{ topic: 'اقتصاد', items: Array.from({ length: n }, (_, i) => item(i)) }] });

describe('renderTelegram with an edition URL', () => {
  it('ends the last message with «الموجز كاملا» linking to the page, within 4096 units', () => {
    const [one] = renderTelegram(briefing(2), undefined, { editionUrl: URL_ });
    expect(one!.endsWith(`\n\n<a href="${URL_}">الموجز كاملا</a>`)).toBe(true);
    const many = renderTelegram(briefing(60), undefined, { editionUrl: `${URL_}?x=1&y=2` });
    expect(many.length).toBeGreaterThan(1);
    for (const m of many) expect(telegramLength(m)).toBeLessThanOrEqual(TELEGRAM_MAX_CHARS);
    expect(many.filter((m) => m.includes('الموجز كاملا'))).toHaveLength(1);
    expect(many.at(-1)!.endsWith('<a href="https://briefing.example.com/b/morning/2026-11-29/0700?x=1&amp;y=2">الموجز كاملا</a>')).toBe(true);
  });

  it('adds nothing without a URL or with one that is not http(s)', () => {
    expect(renderTelegram(briefing(2))).toEqual(renderTelegram(briefing(2), undefined, { editionUrl: 'javascript:alert(1)' }));
    expect(renderTelegram(briefing(2)).join('')).not.toContain('الموجز كاملا');
  });
});

describe('renderSlack with an edition URL', () => {
  it('ends the last message with «الموجز كاملا» in its closing line, within Block Kit\'s limits', () => {
    const msgs = renderSlack(briefing(130), { editionUrl: URL_ });
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(m.blocks.length).toBeLessThanOrEqual(50);
    const last = msgs.at(-1)!.blocks.at(-1)!;
    expect(last).toEqual({ type: 'context', elements: [{ type: 'mrkdwn', text: 'موجز يوم 2026-11-29' }, { type: 'mrkdwn', text: `<${URL_}|الموجز كاملا>` }] });
    expect(JSON.stringify(msgs.slice(0, -1))).not.toContain('الموجز كاملا');
    expect(JSON.stringify(renderSlack(briefing(2)))).not.toContain('الموجز كاملا');
  });
});

describe('the publishers with an edition URL', () => {
  let server: Server | undefined;
  let slack: FakeSlackApi | undefined;
  afterEach(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await slack?.close();
    server = undefined;
    slack = undefined;
  });

  it('Telegram: previews the edition page in the last message only, never the sources', async () => {
    const bodies: Record<string, unknown>[] = [];
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result: { message_id: bodies.length, date: 0, chat: { id: 1, type: 'private' } } }));
      });
    });
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    const publisher = createTelegramPublisher({ token: '123456:TEST-TOKEN', apiRoot: `http://127.0.0.1:${port}`, editionUrl: (b) => editionUrl('https://briefing.example.com', b) });
    const { messageIds } = await publisher.send({ platform: 'telegram', destination: '42' }, briefing(60));
    expect(messageIds.length).toBeGreaterThan(1);
    expect(bodies.slice(0, -1).map((b) => b.link_preview_options)).toEqual(bodies.slice(0, -1).map(() => ({ is_disabled: true })));
    expect(bodies.at(-1)!.link_preview_options).toEqual({ url: URL_, prefer_small_media: true, show_above_text: false });
    expect(String(bodies.at(-1)!.text)).toContain(`<a href="${URL_}">الموجز كاملا</a>`);

    // Without a public URL: no link, no preview.
    bodies.length = 0;
    await createTelegramPublisher({ token: '123456:TEST-TOKEN', apiRoot: `http://127.0.0.1:${port}` }).send({ platform: 'telegram', destination: '42' }, briefing(2));
    expect(bodies.map((b) => b.link_preview_options)).toEqual([{ is_disabled: true }]);
    expect(String(bodies[0]!.text)).not.toContain('الموجز كاملا');
  });

  it('Slack: the last message links to the edition page, links still not unfurled', async () => {
    slack = await startFakeSlackApi();
    slack.memberOf.add('C1');
    const publisher = createSlackPublisher({ token: 'xoxb-test', apiUrl: slack.apiUrl, editionUrl: (b) => editionUrl('https://briefing.example.com', b) });
    await publisher.send({ platform: 'slack', destination: 'C1' }, briefing(2));
    const posts = slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(JSON.stringify(posts[0]!.body.blocks)).toContain(`<${URL_}|الموجز كاملا>`);
    expect(String(posts[0]!.body.unfurl_links)).toBe('false');
  });
});
