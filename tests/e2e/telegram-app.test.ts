/** The app with its Telegram channel on, against the project's fake Bot API over HTTP: webhook and long polling. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type BriefingApp } from '../../src/app.js';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { loadConfig } from '../../src/config/index.js';
import { deriveWebhookSecret } from '../../src/channels/telegram/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { instanceRoot } from './instances.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** The update types the bot acts on: commands and their edits, in chats and channels, buttons, and its own membership. */
const HANDLED = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'my_chat_member'];
let fake: FakeBotApi;
let app: BriefingApp | undefined;

beforeEach(async () => {
  fake = await startFakeBotApi({ token: TOKEN });
});
afterEach(async () => {
  await app?.stop();
  app = undefined;
  await fake.close();
});

async function startApp(env: Record<string, string>): Promise<BriefingApp> {
  const root = instanceRoot({ concurrency: 4 });
  const config = loadConfig({ root, env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, SQLITE_PATH: join(root, 'data', 'b.db'), ...env } });
  const a = await createApp(config, { root, log: SILENT_LOGGER, now: () => new Date('2026-11-29T02:00:00Z') });
  await a.start();
  return a;
}

const update = (id: number, text: string) => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'علي' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] },
});

async function waitFor(pred: () => boolean, ms = 5000): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) if (pred()) return;
  throw new Error('timed out');
}

describe('Telegram channel in the app', () => {
  it('webhook: checks the secret token on every request (401 otherwise) and answers /start', async () => {
    app = await startApp({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: 's3cr3t-token' });
    const url = `http://127.0.0.1:${app.port()}/telegram/webhook`;
    const post = (headers: Record<string, string>) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update(1, '/start')) });
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-telegram-bot-api-secret-token': 'wrong-secret' })).status).toBe(401);
    expect(fake.messages).toHaveLength(0);
    expect(await fake.postWebhook(url, 's3cr3t-token', update(2, '/start'))).toBe(200);
    await waitFor(() => fake.messages.length > 0);
    expect(fake.messages[0]!.text).toContain('أهلاً بك في بوت «موجز الصباح»');
  });

  it('webhook without a configured secret: one is derived from the token and set; a forged update is refused and stores nothing', async () => {
    app = await startApp({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook' });
    const url = `http://127.0.0.1:${app.port()}/telegram/webhook`;
    expect(fake.webhook).toEqual({ url: 'https://bot.example.com/telegram/webhook', secret: deriveWebhookSecret(TOKEN) });
    expect(fake.webhook.secret).toMatch(/^[A-Za-z0-9_-]{32,256}$/);
    const forged = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(update(1, '/subscribe')) });
    expect(forged.status).toBe(401);
    expect(await app.store.listSubscriptions()).toEqual([]);
    expect(await fake.postWebhook(url, deriveWebhookSecret(TOKEN), update(2, '/subscribe'))).toBe(200);
    await waitFor(() => fake.messages.length > 0);
    expect(await app.store.listSubscriptions()).toHaveLength(1);
  });

  it('webhook: setWebhook names every update type the bot handles (Telegram keeps a narrower list an earlier use of the token left)', async () => {
    fake.allowedUpdates = ['message'];
    app = await startApp({ TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook' });
    expect(fake.calls.find((c) => c.method === 'setWebhook')!.params.allowed_updates).toEqual(expect.arrayContaining(HANDLED));
    expect(fake.allowedUpdates).toEqual(expect.arrayContaining(HANDLED));
  });

  it('long polling: getUpdates names them too, so a button press and the bot blocked by the user arrive though an earlier use of the token asked for messages only', async () => {
    fake.allowedUpdates = ['message'];
    app = await startApp({});
    fake.pushUpdate(update(20, '/subscribe'));
    await waitFor(() => fake.messages.length > 0);
    fake.pushUpdate({ update_id: 21, callback_query: { id: 'press-1', from: { id: 77, is_bot: false, first_name: 'علي' }, chat_instance: 'ci', data: 'topic:sports', message: { message_id: 1, date: 0, chat: { id: 77, type: 'private' } } } } as never);
    await waitFor(() => fake.calls.some((c) => c.method === 'answerCallbackQuery'));
    const me = { id: 123456, is_bot: true, first_name: 'موجز' };
    fake.pushUpdate({ update_id: 22, my_chat_member: { chat: { id: 77, type: 'private' }, from: { id: 77, is_bot: false, first_name: 'علي' }, date: 0, old_chat_member: { status: 'member', user: me }, new_chat_member: { status: 'kicked', user: me, until_date: 0 } } } as never);
    for (let i = 0; i < 100 && (await app.store.listSubscriptions())[0]?.status !== 'paused'; i++) await new Promise((r) => setTimeout(r, 20));
    expect(await app.store.listSubscriptions()).toMatchObject([{ topics: ['sports'], status: 'paused' }]);
    expect(fake.allowedUpdates).toEqual(expect.arrayContaining(HANDLED));
  });

  it('long polling: answers /briefing with today\'s edition', async () => {
    app = await startApp({});
    fake.pushUpdate(update(10, '/briefing'));
    await waitFor(() => fake.messages.some((m) => m.text.includes('موجز الصباح')));
    expect(fake.messages[0]!.chatId).toBe('77');
  });
});
