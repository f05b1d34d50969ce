/** The Telegram publisher against the project's fake Bot API server, which enforces Telegram's rules. */
import { Api, GrammyError, HttpError } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { classifyTelegramError, createTelegramPublisher, telegramRateRules } from '../../src/channels/telegram/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import type { Briefing } from '../../src/core/types.js';
import { createDeliveryEngine } from '../../src/delivery/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { wholeEdition } from '../support/fixtures.js';

const TOKEN = '123456:TEST-TOKEN';
const briefing: Briefing = {
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: [{ topic: 'اقتصاد', items: [{ topic: 'اقتصاد', sources: [{ name: 'العربية', url: 'https://example.com/1' }], digest: { headline: 'ارتفاع أسعار النفط', bullets: [{ text: 'ارتفعت أسعار النفط 3% اليوم.', section: 0, sourceSentence: 'ارتفعت أسعار النفط 3% اليوم.' }], keyFigures: [], source: { name: 'العربية' }, articleId: 'a', topics: [], importance: 1, warnings: [] } }] }],
};

let fake: FakeBotApi;
beforeEach(async () => {
  fake = await startFakeBotApi({ token: TOKEN });
});
afterEach(async () => fake.close());

async function sendRaw(chatId: string, text: string, parseMode = 'HTML'): Promise<{ status: number; body: { ok: boolean; error_code?: number; description?: string; parameters?: { retry_after?: number } } }> {
  const res = await fetch(`${fake.apiRoot}/bot${TOKEN}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: chatId, text, parse_mode: parseMode }) });
  return { status: res.status, body: await res.json() };
}

describe('the fake Bot API', () => {
  it('answers 429 with retry_after past 1 message per second to one chat', async () => {
    expect((await sendRaw('1', 'خبر')).status).toBe(200);
    const r = await sendRaw('1', 'خبر آخر');
    expect(r.status).toBe(429);
    expect(r.body.parameters?.retry_after).toBe(1);
  });
  it('answers 429 past 30 messages per second overall', async () => {
    const results = await Promise.all(Array.from({ length: 31 }, (_, i) => sendRaw(String(1000 + i), 'خبر')));
    expect(results.filter((r) => r.status === 200)).toHaveLength(30);
    expect(results.filter((r) => r.status === 429)).toHaveLength(1);
  });
  it('answers 429 past 20 messages per minute to a group', async () => {
    // The per-chat interval is shortened so that 20 messages fit in a test; the group window is Telegram's minute.
    const quick = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 5 } });
    const send = async (i: number) =>
      fetch(`${quick.apiRoot}/bot${TOKEN}/sendMessage`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: '-100555', text: `خبر ${i}` }) });
    for (let i = 0; i < 20; i++) {
      expect((await send(i)).status).toBe(200);
      await new Promise((r) => setTimeout(r, 6));
    }
    const r = await send(20);
    expect(r.status).toBe(429);
    expect(((await r.json()) as { parameters: { retry_after: number } }).parameters.retry_after).toBeGreaterThan(50);
    await quick.close();
  });
  it('answers 403 for a chat that blocked the bot', async () => {
    fake.blocked.add('42');
    expect((await sendRaw('42', 'خبر')).body).toMatchObject({ error_code: 403, description: 'Forbidden: bot was blocked by the user' });
  });
  it('answers 400 for invalid HTML and for a text over 4096 UTF-16 units after entity parsing', async () => {
    expect((await sendRaw('7', '<b>خبر</i>')).status).toBe(400);
    expect((await sendRaw('8', 'خبر & عاجل')).status).toBe(400);
    expect((await sendRaw('9', `${'&amp;'.repeat(4096)}`)).status).toBe(200); // 4096 visible units
    expect((await sendRaw('10', `${'😀'.repeat(2049)}`, '')).body.description).toBe('Bad Request: message is too long'); // 4098 UTF-16 units
  });
  it('posts webhook updates with the secret-token header', async () => {
    const { createServer } = await import('node:http');
    let secret: string | undefined;
    const hook = createServer((req, res) => {
      secret = req.headers['x-telegram-bot-api-secret-token'] as string;
      res.writeHead(200).end();
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/telegram/webhook`;
    expect(await fake.postWebhook(url, 's3cr3t', { update_id: 1 })).toBe(200);
    expect(secret).toBe('s3cr3t');
    hook.close();
  });
});

describe('createTelegramPublisher', () => {
  it('sends the briefing as HTML with link previews off, to a forum topic when the subscription has one', async () => {
    const pub = createTelegramPublisher({ token: TOKEN, apiRoot: fake.apiRoot });
    const r = await pub.send({ platform: 'telegram', destination: '-100777', threadId: '12' }, briefing);
    expect(r.messageIds).toEqual(['1']);
    expect(fake.messages[0]).toMatchObject({ chatId: '-100777', threadId: 12 });
    expect(fake.messages[0]!.text).toContain('<b>ارتفاع أسعار النفط</b>');
  });

  it('classifies the fake\'s answers: 403 gone, migrate, 429 retry-after, 400 gone for a missing chat', async () => {
    const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
    fake.blocked.add('5');
    fake.migrated.set('-200', '-100200');
    const err = async (chat: string): Promise<unknown> => api.sendMessage(chat, 'خبر').then(() => undefined, (e: unknown) => e);
    expect(classifyTelegramError(await err('5'))).toEqual({ kind: 'gone', reason: 'Forbidden: bot was blocked by the user' });
    expect(classifyTelegramError(await err('-200'))).toEqual({ kind: 'migrate', destination: '-100200' });
    await api.sendMessage('6', 'خبر');
    expect(classifyTelegramError(await err('6'))).toEqual({ kind: 'retry-after', seconds: 1 });
    const notFound = new GrammyError('Call to sendMessage failed', { ok: false, error_code: 400, description: 'Bad Request: chat not found' }, 'sendMessage', {});
    expect(classifyTelegramError(notFound).kind).toBe('gone');
    const topicClosed = new GrammyError('x', { ok: false, error_code: 400, description: 'Bad Request: TOPIC_CLOSED' }, 'sendMessage', {});
    expect(classifyTelegramError(topicClosed).kind).toBe('gone');
    const server = new GrammyError('x', { ok: false, error_code: 502, description: 'Bad Gateway' }, 'sendMessage', {});
    expect(classifyTelegramError(server).kind).toBe('transient');
    expect(classifyTelegramError(new HttpError('Network request failed', new Error('ECONNRESET'))).kind).toBe('transient');
  });

  it('declares Telegram\'s limits: 30/s overall (paced at 29), 1/s per chat (paced at 1 per 1.1 s), 20/min more for groups', () => {
    expect(telegramRateRules({ destination: '42' }).map((r) => [r.limit, r.perMs])).toEqual([[29, 1000], [1, 34], [1, 1100]]);
    expect(telegramRateRules({ destination: '-100' }).map((r) => [r.limit, r.perMs])).toEqual([[29, 1000], [1, 34], [1, 1100], [20, 60_000]]);
  });

  it('through the delivery engine: every chat once, a blocked chat paused, a migrated group followed, no 429', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const chats = ['1', '2', '3', '4', '-300', 'blocked'];
    fake.blocked.add('blocked');
    fake.migrated.set('-300', '-100300');
    for (const c of chats) await store.upsertSubscription({ platform: 'telegram', destination: c, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 0);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    const engine = createDeliveryEngine({ store, publishers: { telegram: createTelegramPublisher({ token: TOKEN, apiRoot: fake.apiRoot }) }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 't' });
    for (let i = 0; i < 5 && (await engine.drain()) > 0; i++);
    expect(fake.messages.map((m) => m.chatId).sort()).toEqual(['-100300', '1', '2', '3', '4']);
    expect(fake.stats.tooManyRequests).toBe(0);
    expect((await store.findSubscription({ platform: 'telegram', destination: 'blocked' }, 'morning'))!.status).toBe('paused');
    await store.close();
  });
});
