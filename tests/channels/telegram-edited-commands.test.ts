/**
 * A command fixed by editing it, against the project's fake Bot API: answered once as the command
 * it now is; an edit that leaves the command as answered, turns it into no command, comes over an
 * hour late, or edits a message this process never saw gets nothing.
 */
import type { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { createTelegramBot } from '../../src/channels/telegram/index.js';
import { stripBidiControls } from '../../src/arabic/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { BOT_INFO, morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = '123456:EDITED-COMMANDS';
const morning = morningDefinition({ sources: [SAMPLES_SOURCE], topics: [{ id: 'sports', title: 'رياضة', keywords: ['المنتخب'], classes: [] }] });

let fake: FakeBotApi;
let store: Store;
let bot: Bot;
let updateId = 1;
const CHAT = { id: 6262, type: 'private' as const };
const FROM = { id: 6262, is_bot: false, first_name: 'مريم' };
const SENT_AT = 1_764_396_000;

beforeEach(async () => {
  fake = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 0 } });
  store = createSqliteStore({ path: ':memory:' });
  const service = samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [morning]);
  bot = createTelegramBot({ token: TOKEN, service, briefing: morning, log: SILENT_LOGGER, apiRoot: fake.apiRoot, botInfo: BOT_INFO });
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

const entities = (text: string) => (text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : []);
/** The texts of the replies an update caused. */
async function replies(update: Record<string, unknown>): Promise<string[]> {
  const before = fake.messages.length;
  await bot.handleUpdate({ update_id: updateId++, ...update } as never);
  return fake.messages.slice(before).map((m) => stripBidiControls(m.text));
}
const sent = (messageId: number, text: string) => replies({ message: { message_id: messageId, date: SENT_AT, chat: CHAT, from: FROM, text, entities: entities(text) } });
const edited = (messageId: number, text: string, afterS = 20) =>
  replies({ edited_message: { message_id: messageId, date: SENT_AT, edit_date: SENT_AT + afterS, chat: CHAT, from: FROM, text, entities: entities(text) } });

describe('Telegram: a command fixed by editing it', () => {
  it('is answered once as the command it now is', async () => {
    expect((await sent(1, '/briefng'))[0]).toContain('/help');
    const answer = await edited(1, '/briefing');
    expect(answer).toHaveLength(1);
    expect(answer[0]).toContain('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    // The same edit again (Telegram sends one when only the formatting changes): no second answer.
    expect(await edited(1, '/briefing ')).toEqual([]);
    // Edited once more into another request: that one is answered.
    expect((await edited(1, '/subscribe'))[0]).toContain('تم الاشتراك');
    expect(await store.listSubscriptions()).toHaveLength(1);
  });

  it('an edit that leaves the command as answered gets nothing', async () => {
    expect((await sent(2, '/settings'))).toHaveLength(1);
    expect(await edited(2, '/settings')).toEqual([]);
  });

  it('a message edited into a command is answered; a command edited into plain text is not', async () => {
    expect((await sent(3, 'موجز'))[0]).toBeDefined();
    expect((await edited(3, '/briefing رياضة'))).toHaveLength(1);
    expect(await sent(4, '/help')).toHaveLength(1);
    expect(await edited(4, 'شكراً')).toEqual([]);
  });

  it('an edit made over an hour after its message gets nothing: an old «/unsubscribe» touched up unsubscribes no one', async () => {
    await sent(5, '/subscribe');
    await sent(6, '/unsubscrib');
    expect(await edited(6, '/unsubscribe', 2 * 3600)).toEqual([]);
    expect(await store.listSubscriptions()).toHaveLength(1);
  });

  it('an edit of a message this process never saw (sent before a restart, or to another instance) gets nothing: a touched-up «/unsubscribe» does not unsubscribe again', async () => {
    await sent(8, '/subscribe');
    await sent(9, '/unsubscrib');
    expect(await store.listSubscriptions()).toHaveLength(1);
    // A new process: the same store, nothing seen.
    bot = createTelegramBot({ token: TOKEN, service: samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [morning]), briefing: morning, log: SILENT_LOGGER, apiRoot: fake.apiRoot, botInfo: BOT_INFO });
    expect(await edited(9, '/unsubscribe')).toEqual([]);
    expect(await store.listSubscriptions()).toHaveLength(1);
  });

  it('an edit of a message sent since the start that another instance took is answered, but not made into «/unsubscribe»', async () => {
    await sent(10, '/subscribe');
    const now = Math.floor(Date.now() / 1000) + 5;
    const unseen = (messageId: number, text: string) => replies({ edited_message: { message_id: messageId, date: now, edit_date: now + 20, chat: CHAT, from: FROM, text, entities: entities(text) } });
    expect(await unseen(11, '/briefing')).toHaveLength(1);
    expect(await unseen(12, '/unsubscribe')).toEqual([]);
    expect(await store.listSubscriptions()).toHaveLength(1);
  });

  it('in a channel: a /subscribe post fixed by editing subscribes the channel', async () => {
    const channel = { id: -1007001, type: 'channel', title: 'أخبار الصباح' };
    await replies({ channel_post: { message_id: 7, date: SENT_AT, chat: channel, text: '/subscrib', entities: entities('/subscrib') } });
    expect(await store.listSubscriptions()).toEqual([]);
    await replies({ edited_channel_post: { message_id: 7, date: SENT_AT, edit_date: SENT_AT + 30, chat: channel, text: '/subscribe', entities: entities('/subscribe') } });
    expect((await store.listSubscriptions()).map((s) => s.destination)).toEqual(['-1007001']);
  });
});
