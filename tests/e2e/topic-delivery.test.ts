/**
 * "What this subscriber sees", end to end: a Telegram subscriber taps two topics of the shipped
 * morning briefing (and, in the second case, adds words and mutes an outlet), the morning edition
 * is delivered through the fake Bot API over HTTP, and the message holds exactly the items
 * expected.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type BriefingApp } from '../../src/app.js';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { loadConfig } from '../../src/config/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { instanceRoot } from './instances.js';

const TOKEN = '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SECRET = 'topic-test-secret';
const CHAT = { id: 88, type: 'private' as const };
const FROM = { id: 88, is_bot: false, first_name: 'ليلى' };

let fake: FakeBotApi | undefined;
let app: BriefingApp | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = fake = undefined;
});

/**
 * The app with the shipped morning briefing, the Telegram channel on a webhook to the fake Bot
 * API, and a clock at 05:00 in Riyadh (real time runs on: the fake keeps Telegram's one message a
 * second per chat). `post` sends an update; `deliverAt0701` moves the clock past the 07:00 slot,
 * ticks, waits for the one delivery and returns the messages `chatId` got.
 */
async function startAt0500(): Promise<{ app: BriefingApp; post(update: object): Promise<void>; deliverAt0701(chatId: string): Promise<{ text: string }[]> }> {
  const api = await startFakeBotApi({ token: TOKEN });
  fake = api;
  const root = instanceRoot({ concurrency: 2 });
  const config = loadConfig({
    root,
    env: { TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: api.apiRoot, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook', TELEGRAM_WEBHOOK_SECRET: SECRET, SQLITE_PATH: join(root, 'data', 'b.db') },
  });
  let offset = Date.parse('2026-11-29T02:00:00Z') - Date.now();
  const started = await createApp(config, { root, log: SILENT_LOGGER, now: () => new Date(Date.now() + offset) });
  app = started;
  await started.start();
  const url = `http://127.0.0.1:${started.port()}/telegram/webhook`;
  let id = 1;
  return {
    app: started,
    post: async (update) => expect(await api.postWebhook(url, SECRET, { update_id: id++, ...update })).toBe(200),
    async deliverAt0701(chatId) {
      const before = api.messages.length;
      offset = Date.parse('2026-11-29T04:01:00Z') - Date.now(); // 07:01 in Riyadh: the slot is due
      // The tick enqueues the delivery and wakes the running engine, which sends it.
      await started.schedule.tick();
      for (let i = 0; i < 250 && (await started.store.countDeliveries()).sent !== 1; i++) await new Promise((r) => setTimeout(r, 20));
      return api.messages.slice(before).filter((m) => m.chatId === chatId);
    },
  };
}

describe('a subscriber who chose topics', () => {
  it('receives exactly the items of the two topics tapped, and nothing of the others', async () => {
    const { app, post, deliverAt0701 } = await startAt0500();
    await post({ message: { message_id: 1, date: 0, chat: CHAT, from: FROM, text: '/subscribe', entities: [{ type: 'bot_command', offset: 0, length: 10 }] } });
    for (const topic of ['sports', 'economy']) {
      await post({ callback_query: { id: `q${topic}`, from: FROM, chat_instance: 'c', data: `topic:${topic}`, message: { message_id: 1, date: 0, chat: CHAT } } });
    }
    expect((await app.store.listSubscriptions({ platform: 'telegram' }))[0]!.topics).toEqual(['sports', 'economy']);

    const delivered = await deliverAt0701('88');
    expect(delivered).toHaveLength(1);
    const text = delivered[0]!.text;
    // The topic headings and one headline of each chosen topic are there …
    expect(text).toContain('■ رياضة');
    expect(text).toContain('■ اقتصاد');
    expect(text).toContain('المنتخب يتأهل إلى نهائي البطولة العربية');
    expect(text).toContain('موسم التمور يبدأ بأسعار مستقرة');
    // … and nothing of the others.
    expect(text).not.toContain('■ سياسة وأمن');
    expect(text).not.toContain('■ طقس');
    expect(text).not.toContain('المغرب يدعو إلى تعاون استخباراتي');
    expect(text).not.toContain('أمطار غزيرة متوقعة');
  });
});

describe('a subscriber with words and a muted outlet', () => {
  it('receives (chosen topics ∪ +words) − -words − items only the muted outlet reported, and nothing else', async () => {
    const { app, post, deliverAt0701 } = await startAt0500();
    const chat = { id: 89, type: 'private' as const };
    const from = { id: 89, is_bot: false, first_name: 'سلمى' };
    const say = (text: string) => post({ message: { message_id: 1, date: 0, chat, from, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } });
    await say('/subscribe');
    for (const topic of ['sports', 'economy']) {
      await post({ callback_query: { id: `q${topic}`, from, chat_instance: 'c', data: `topic:${topic}`, message: { message_id: 1, date: 0, chat } } });
    }
    // Words with diacritics: one adds the Moroccan story and one the rain (neither in the chosen
    // topics), one leaves out the dates season (economy); the sports story's only outlet is muted.
    await say('/filter +المَغرب +أَمطار -التُّمور');
    await say('/mute نص تجريبي');
    expect((await app.store.listSubscriptions({ platform: 'telegram' }))[0]).toMatchObject({
      topics: ['sports', 'economy'],
      filters: { include: ['المَغرب', 'أَمطار'], exclude: ['التُّمور'], muted: ['نص تجريبي'] },
    });

    const delivered = await deliverAt0701('89');
    expect(delivered).toHaveLength(1);
    const text = delivered[0]!.text;
    const headlines = [...text.matchAll(/<b>([^<]+)<\/b>/g)].map((m) => m[1]!).filter((h) => !h.startsWith('■') && !h.includes('موجز الصباح'));
    expect(headlines.sort()).toEqual(['أمطار غزيرة متوقعة على المناطق الشمالية خلال اليومين المقبلين', 'المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر'].sort());
    expect(text).not.toContain('المنتخب يتأهل');
    expect(text).not.toContain('موسم التمور');
    // The edition itself was composed once and keeps every item: the filters narrowed the view only.
    const editions = await app.store.listEditions('morning');
    expect(editions).toHaveLength(1);
    const stored = (await app.store.getEdition('morning', editions[0]!.date, editions[0]!.slot))!.briefing;
    expect(stored.groups.flatMap((g) => g.items)).toHaveLength(4);
  });
});
