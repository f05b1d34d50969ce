/**
 * /topics of a briefing with many topics, against the project's fake Bot API (which refuses an
 * inline keyboard over Telegram's limits: 100 buttons, 8 in a row, about 10 kB): the topics come
 * in pages of buttons, each within the limits, with buttons to the other pages.
 */
import type { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { createTelegramBot } from '../../src/channels/telegram/index.js';
import { stripBidiControls } from '../../src/arabic/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { BOT_INFO, morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = '123456:TOPICS-PAGES';
const SUBJECTS = ['السياسة', 'الاقتصاد', 'الرياضة', 'الطقس', 'الثقافة', 'الصحة', 'التعليم', 'العلوم', 'التقنية', 'البيئة', 'الطاقة', 'العقارات'];
const PLACES = ['في السعودية', 'في مصر', 'في المغرب', 'في الأردن', 'في لبنان', 'في العراق', 'في الخليج', 'في الشام', 'في المغرب العربي', 'في العالم'];
// 120 topics: «الاقتصاد في مصر», … (ids t1 … t120).
const manyTopics = SUBJECTS.flatMap((s) => PLACES.map((p) => `${s} ${p}`)).map((title, i) => ({ id: `t${i + 1}`, title, keywords: [] as string[], classes: [] }));

let fake: FakeBotApi;
let store: Store;
let updateId = 1;
const CHAT = { id: 5151, type: 'private' as const };

beforeEach(async () => {
  fake = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 0 } });
  store = createSqliteStore({ path: ':memory:' });
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

function botWith(topicCount: number): Bot {
  const def = morningDefinition({ sources: [SAMPLES_SOURCE], topics: manyTopics.slice(0, topicCount) });
  const service = samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [def]);
  return createTelegramBot({ token: TOKEN, service, briefing: def, log: SILENT_LOGGER, apiRoot: fake.apiRoot, botInfo: BOT_INFO });
}

const command = (bot: Bot, text: string) =>
  bot.handleUpdate({ update_id: updateId++, message: { message_id: updateId, date: 0, chat: CHAT, from: { id: 5151, is_bot: false, first_name: 'ليلى' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } } as never);
const press = (bot: Bot, data: string) =>
  bot.handleUpdate({ update_id: updateId++, callback_query: { id: `q${updateId}`, from: { id: 5151, is_bot: false, first_name: 'ليلى' }, chat_instance: 'c', data, message: { message_id: 1, date: 0, chat: CHAT } } } as never);

type Button = { text: string; callback_data: string };
/** The buttons of the last keyboard the bot sent or redrew. */
function lastKeyboard(): Button[][] {
  const call = fake.calls.findLast((c) => (c.method === 'sendMessage' || c.method === 'editMessageReplyMarkup') && c.params.reply_markup);
  return (call!.params.reply_markup as { inline_keyboard: Button[][] }).inline_keyboard;
}
const topicButtons = (kb: Button[][]) => kb.flat().filter((b) => b.callback_data.startsWith('topic:'));
const pageButton = (kb: Button[][], label: RegExp) => kb.flat().find((b) => label.test(stripBidiControls(b.text)));

describe('Telegram /topics with many topics', () => {
  it('answers with the first page of topic buttons and a button to the next, each page within Telegram\'s limits', async () => {
    const bot = botWith(120);
    await command(bot, '/topics');
    expect(fake.messages).toHaveLength(1);
    expect(stripBidiControls(fake.messages[0]!.text)).toContain('اختر المواضيع');
    const first = lastKeyboard();
    expect(topicButtons(first).map((b) => stripBidiControls(b.text))).toEqual(manyTopics.slice(0, 20).map((t) => t.title));
    expect(pageButton(first, /السابقة/)).toBeUndefined();
    const next = pageButton(first, /المواضيع التالية \(٢ من ٦\)/);
    expect(next).toBeDefined();
    // The time buttons stay under every page.
    expect(first.flat().filter((b) => b.callback_data.startsWith('time:'))).toHaveLength(6);

    await press(bot, next!.callback_data);
    const second = lastKeyboard();
    expect(topicButtons(second).map((b) => b.callback_data)).toEqual(manyTopics.slice(20, 40).map((t) => `topic:${t.id}`));
    expect(pageButton(second, /المواضيع السابقة \(١ من ٦\)/)).toBeDefined();

    // A topic chosen on the second page: the keyboard redrawn stays on that page, with its ✅.
    await press(bot, 'topic:t23');
    expect((await store.listSubscriptions())[0]!.topics).toEqual(['t23']);
    const redrawn = lastKeyboard();
    expect(topicButtons(redrawn)[2]!.text).toBe(`✅ ${manyTopics[22]!.title}`);
    expect(topicButtons(redrawn)[0]!.callback_data).toBe('topic:t21');
    expect(fake.stats.badRequest).toBe(0);

    // The last page has no next.
    await press(bot, pageButton(redrawn, /التالية/)!.callback_data.replace(/\d+/, '5'));
    const last = lastKeyboard();
    expect(topicButtons(last).map((b) => b.callback_data)).toEqual(manyTopics.slice(100).map((t) => `topic:${t.id}`));
    expect(pageButton(last, /التالية/)).toBeUndefined();
    expect(fake.stats.badRequest).toBe(0);
  });

  it('with 20 topics or fewer: one keyboard, as before, without page buttons', async () => {
    const bot = botWith(20);
    await command(bot, '/topics');
    const kb = lastKeyboard();
    expect(topicButtons(kb)).toHaveLength(20);
    expect(pageButton(kb, /المواضيع (التالية|السابقة)/)).toBeUndefined();
  });
});
