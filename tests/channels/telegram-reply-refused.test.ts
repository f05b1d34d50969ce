/**
 * A reply Telegram refuses because the chat takes no message from the bot (403: blocked, kicked),
 * against the project's fake Bot API: a warning with Telegram's words, no error, no second
 * message to the chat, and the subscription left to the delivery to pause.
 */
import type { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { createTelegramBot } from '../../src/channels/telegram/index.js';
import type { Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { BOT_INFO, morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';
import { recordingLog } from '../support/recording-log.js';

const TOKEN = '123456:REPLY-REFUSED';
const morning = morningDefinition({ sources: [SAMPLES_SOURCE] });

let fake: FakeBotApi;
let store: Store;
let bot: Bot;
let log: ReturnType<typeof recordingLog>;
let updateId = 1;

beforeEach(async () => {
  fake = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 0 } });
  store = createSqliteStore({ path: ':memory:' });
  log = recordingLog();
  const service = samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [morning]);
  bot = createTelegramBot({ token: TOKEN, service, briefing: morning, log, apiRoot: fake.apiRoot, botInfo: BOT_INFO });
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

const say = (chat: { id: number; type: string; title?: string }, text: string) =>
  bot.handleUpdate({ update_id: updateId++, message: { message_id: updateId, date: 0, chat, from: { id: 8181, is_bot: false, first_name: 'سلمى' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } } as never);
const sendsTo = (chatId: number) => fake.calls.filter((c) => c.method === 'sendMessage' && String(c.params.chat_id) === String(chatId)).length;

describe('Telegram: a reply to a chat that takes no message from the bot', () => {
  it('a private chat that blocked the bot: one warning with the cause, no error, no «try again», the subscription as it was', async () => {
    const chat = { id: 8181, type: 'private' };
    await say(chat, '/subscribe');
    fake.blocked.add('8181');
    const before = sendsTo(8181);
    await say(chat, '/briefing');
    expect(sendsTo(8181) - before).toBe(1);
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    const warned = log.lines.filter((l) => l.level === 'warn');
    expect(warned).toHaveLength(1);
    expect(warned[0]!.obj).toMatchObject({ chat: 8181, reason: 'Forbidden: bot was blocked by the user' });
    expect(log.text()).not.toMatch(/\s+at \S+ \(/);
    expect((await store.listSubscriptions()).map((s) => s.status)).toEqual(['active']);
  });

  it('a group the bot was removed from: a warning too', async () => {
    fake.failing.set('sendMessage', { code: 403, description: 'Forbidden: bot was kicked from the group chat' });
    await say({ id: -1008181, type: 'supergroup', title: 'قراء الموجز' }, '/briefings');
    expect(log.lines.filter((l) => l.level === 'error')).toEqual([]);
    expect(log.lines.filter((l) => l.level === 'warn').map((l) => l.obj.reason)).toEqual(['Forbidden: bot was kicked from the group chat']);
    expect(sendsTo(-1008181)).toBe(1);
  });

  it('any other failure stays an error, and the chat is told to try again', async () => {
    fake.failing.set('sendMessage', { code: 400, description: 'Bad Request: message text is empty' });
    await say({ id: 8282, type: 'private' }, '/briefings');
    expect(log.lines.filter((l) => l.level === 'error')).toHaveLength(1);
    expect(sendsTo(8282)).toBe(2);
  });
});
