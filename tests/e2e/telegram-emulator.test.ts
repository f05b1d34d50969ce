/**
 * Message flows against the telegram-test-api emulator over HTTP: the bot is pointed at the
 * emulator with apiRoot; the emulator's getUpdates ignores offset and timeout, so the helper below
 * polls it and hands each update to the bot, in place of long polling.
 */
import { createServer } from 'node:net';
import { join } from 'node:path';
import type { Bot } from 'grammy';
// The emulator's server class, from its lib path (the package's main export does not expose it).
import { TelegramServer } from 'telegram-test-api/lib/telegramServer.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramBot } from '../../src/channels/telegram/index.js';
import { stripBidiControls } from '../../src/arabic/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import type { BriefingDefinition } from '../../src/core/types.js';
import { createBriefingService } from '../../src/service/index.js';
import { createFolderSource } from '../../src/sources/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { BOT_INFO, morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = '123456:EMULATOR-TOKEN-xxxxxxxxxxxx';
const morning = morningDefinition({
  sources: [SAMPLES_SOURCE],
  topics: [{ id: 'sports', title: 'رياضة', keywords: ['المنتخب'] }, { id: 'economy', title: 'اقتصاد', keywords: ['الأسعار'] }],
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

type Client = ReturnType<TelegramServer['getClient']>;
let server: TelegramServer;
let client: Client;
let bot: Bot;
let store: Store;

/** Stands in for long polling: fetch the emulator's pending updates and hand them to the bot. */
async function pump(): Promise<void> {
  const res = await fetch(`${server.config.apiURL}/bot${TOKEN}/getUpdates`, { method: 'POST' });
  const body = (await res.json()) as { result: Parameters<Bot['handleUpdate']>[0][] };
  for (const u of body.result) await bot.handleUpdate(u);
}

async function say(text: string): Promise<{ text: string; reply_markup?: unknown }[]> {
  await client.sendCommand(client.makeCommand(text));
  await pump();
  const updates = await client.getUpdates();
  // What a reader sees: the texts without the bidi marks that keep them right to left.
  return updates.result.map((u) => { const m = u.message as unknown as { text: string; reply_markup?: unknown }; return { ...m, text: stripBidiControls(m.text) }; });
}

async function press(data: string): Promise<void> {
  await client.sendCallback(client.makeCallbackQuery(data, { message: { message_id: 1 } }));
  await pump();
}

beforeEach(async () => {
  const port = await freePort();
  server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 60 });
  await server.start();
  client = server.getClient(TOKEN, { chatId: 501, userId: 501, firstName: 'منى', timeout: 3000 });
  store = createSqliteStore({ path: ':memory:' });
  const service = samplesService(store);
  bot = createTelegramBot({
    token: TOKEN, service, briefing: morning, log: SILENT_LOGGER, apiRoot: server.config.apiURL,
    botInfo: { ...BOT_INFO, id: 1 },
  });
});
afterEach(async () => {
  await server.stop();
  await store.close();
});

describe('Telegram bot through the telegram-test-api emulator', () => {
  it('/start answers in Arabic with a subscribe button, and the button subscribes', async () => {
    const [welcome] = await say('/start');
    expect(welcome!.text).toContain('أهلاً بك في بوت «موجز الصباح»');
    expect(JSON.stringify(welcome!.reply_markup)).toContain('subscribe');
    await press('subscribe');
    expect((await store.listSubscriptions())[0]).toMatchObject({ destination: '501', deliveryTime: '07:00', status: 'active' });
  });

  it('/briefing sends today\'s edition; with a topic only the matching items', async () => {
    const [all] = await say('/briefing');
    expect(all!.text).toContain('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    const [sports] = await say('/briefing رياضة');
    expect(sports!.text).toContain('المنتخب');
    expect(sports!.text).not.toContain('المغرب يدعو');
  });

  it('/subscribe, /time with Arabic-Indic digits, a topic button, /settings, and /unsubscribe confirmed with its button', async () => {
    await say('/subscribe');
    expect((await say('/time ٠٨:١٥ Africa/Cairo'))[0]!.text).toBe('سيصلك الموجز الساعة 08:15 بتوقيت القاهرة.');
    await press('topic:economy');
    const [settings] = await say('/settings');
    expect(settings!.text).toContain('الوقت: 08:15');
    expect(settings!.text).toContain('المواضيع: اقتصاد');
    const [ask] = await say('/unsubscribe');
    expect(ask!.text).toContain('هل تريد إيقاف كل ما يصل هنا؟');
    expect(JSON.stringify(ask!.reply_markup)).toContain('unsub:all');
    expect(await store.listSubscriptions()).toHaveLength(1);
    await press('unsub:all');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('/help, /topics, a time button, and an unknown command', async () => {
    expect((await say('/help'))[0]!.text).toContain('/briefing');
    expect(JSON.stringify((await say('/topics'))[0]!.reply_markup)).toContain('topic:sports');
    await press('time:06:30');
    expect((await store.listSubscriptions())[0]!.deliveryTime).toBe('06:30');
    expect((await say('/weather'))[0]!.text).toContain('لا أعرف هذا الأمر');
  });
});
