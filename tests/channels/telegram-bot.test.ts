/** The bot's commands through grammY's own seam: real updates in, the Bot API calls it makes recorded. */
import { API_CONSTANTS, type Bot } from 'grammy';
import { beforeEach, describe, expect, it } from 'vitest';
import { ALLOWED_UPDATES, createTelegramBot } from '../../src/channels/telegram/index.js';
import { stripBidiControls } from '../../src/arabic/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { BOT_INFO as BOT, morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const morning = morningDefinition({
  sources: [SAMPLES_SOURCE],
  topics: [
    { id: 'politics', title: 'سياسة وأمن', keywords: ['الأمن', 'الاستخبارات'] },
    { id: 'sports', title: 'رياضة', keywords: ['المنتخب', 'المباراة'] },
  ],
});

interface Call { method: string; payload: Record<string, unknown> }
let calls: Call[];
let store: Store;
let bot: Bot;
let memberStatus: string;
let botInChannel = 'administrator';
let requesterInChannel = 'creator';
let updateId = 1;

beforeEach(async () => {
  calls = [];
  memberStatus = 'member';
  botInChannel = 'administrator';
  requesterInChannel = 'creator';
  store = createSqliteStore({ path: ':memory:' });
  const service = samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [morning]);
  bot = createTelegramBot({ token: '123456:TEST', service, briefing: morning, log: SILENT_LOGGER, botInfo: BOT });
  bot.api.config.use(async (_prev, method, payload) => {
    calls.push({ method, payload: payload as Record<string, unknown> });
    const p = payload as { chat_id?: string | number; user_id?: number };
    const result =
      method === 'getChat' ? (p.chat_id === '@news_channel' ? { id: -100321, type: 'channel', title: 'أخبار' } : { id: -100322, type: 'supergroup', title: 'مجموعة' }) :
      method === 'getChatMember' && p.chat_id === -100321 ? { status: p.user_id === BOT.id ? botInChannel : requesterInChannel, user: { id: p.user_id, is_bot: false, first_name: 'x' } } :
      method === 'getChatMember' ? { status: memberStatus, user: { id: 1, is_bot: false, first_name: 'x' } } :
      method === 'sendMessage' ? { message_id: calls.length, date: 0, chat: { id: (payload as { chat_id: number }).chat_id, type: 'private' } } : true;
    return { ok: true, result } as never;
  });
});

type Chat = { id: number; type: 'private' | 'group' | 'supergroup' | 'channel'; title?: string; is_forum?: boolean };
const privateChat: Chat = { id: 11, type: 'private' };
const group: Chat = { id: -1001, type: 'supergroup', title: 'مجموعة' };

async function send(text: string, chat: Chat = privateChat, extra: Record<string, unknown> = {}): Promise<Call[]> {
  const before = calls.length;
  const entities = text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : [];
  await bot.handleUpdate({ update_id: updateId++, message: { message_id: updateId, date: 0, chat, from: { id: 5, is_bot: false, first_name: 'سارة' }, text, entities, ...extra } } as never);
  return calls.slice(before);
}
// What a reader sees: the texts without the bidi marks that keep them right to left.
const replies = (cs: Call[]): string[] => cs.filter((c) => c.method === 'sendMessage').map((c) => stripBidiControls(String(c.payload.text)));

describe('Telegram bot', () => {
  it('/start welcomes in Arabic with a subscribe button', async () => {
    const cs = await send('/start');
    expect(replies(cs)[0]).toContain('أهلاً بك في بوت «موجز الصباح»');
    expect(JSON.stringify(cs[0]!.payload.reply_markup)).toContain('"callback_data":"subscribe"');
  });

  it('/briefing sends today\'s edition as HTML with link previews off', async () => {
    const cs = await send('/briefing');
    expect(cs[0]!.payload).toMatchObject({ parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
    expect(replies(cs)[0]).toContain('<b>المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر</b>');
  });

  it('/briefing ends with «الموجز كاملا» linking to the edition page when there is a public URL, and previews that page only', async () => {
    const service = samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [morning]);
    const linked = createTelegramBot({ token: '123456:TEST', service, briefing: morning, log: SILENT_LOGGER, botInfo: BOT, editionUrl: (b) => `https://briefing.example.com/b/${b.briefingId}/${b.date}` });
    linked.api.config.use(async (_prev, method, payload) => {
      calls.push({ method, payload: payload as Record<string, unknown> });
      return { ok: true, result: { message_id: calls.length, date: 0, chat: { id: 11, type: 'private' } } } as never;
    });
    await linked.handleUpdate({ update_id: updateId++, message: { message_id: updateId, date: 0, chat: privateChat, from: { id: 5, is_bot: false, first_name: 'سارة' }, text: '/briefing', entities: [{ type: 'bot_command', offset: 0, length: 9 }] } } as never);
    const sent = calls.filter((c) => c.method === 'sendMessage');
    const last = sent.at(-1)!.payload;
    expect(String(last.text)).toContain('<a href="https://briefing.example.com/b/morning/2026-11-29">الموجز كاملا</a>');
    expect(last.link_preview_options).toEqual({ url: 'https://briefing.example.com/b/morning/2026-11-29', prefer_small_media: true, show_above_text: false });
    for (const c of sent.slice(0, -1)) expect(c.payload.link_preview_options).toEqual({ is_disabled: true });
    // Without a public URL (the bot of the other tests) nothing links to a page.
    expect(replies(await send('/briefing')).join('')).not.toContain('الموجز كاملا');
  });

  it('/briefing with a topic keeps the matching items, and says so when nothing matches', async () => {
    expect(replies(await send('/briefing رياضة'))[0]).toContain('المنتخب');
    expect(replies(await send('/briefing البورصة'))[0]).toContain('لا توجد أخبار عن «البورصة»');
  });

  it('/subscribe in a private chat stores the briefing\'s default time and zone', async () => {
    expect(replies(await send('/subscribe'))[0]).toContain('الساعة 07:00 بتوقيت الرياض');
    expect(await store.listSubscriptions()).toMatchObject([{ destination: '11', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', status: 'active' }]);
  });

  it('/time accepts Arabic-Indic digits and a zone', async () => {
    await send('/subscribe');
    expect(replies(await send('/time ٠٦:٣٠ Africa/Cairo'))[0]).toBe('سيصلك الموجز الساعة 06:30 بتوقيت القاهرة.');
    expect((await store.listSubscriptions())[0]).toMatchObject({ deliveryTime: '06:30', timeZone: 'Africa/Cairo' });
    // UTC has no slash and is still a zone, not a briefing's name.
    expect(replies(await send('/time 05:00 UTC'))[0]).toBe('سيصلك الموجز الساعة 05:00 بتوقيت UTC.');
  });

  it('/time refuses a malformed time or zone and stores nothing', async () => {
    expect(replies(await send('/time 25:99'))[0]).toContain('الوقت غير صالح');
    expect(replies(await send('/time 07:30 Mars/Olympus'))[0]).toContain('«Mars/Olympus» غير معروفة');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('in a group, only admins change the subscription', async () => {
    expect(replies(await send('/subscribe', group))[0]).toBe('هذا الأمر لمشرفي المجموعة أو القناة فقط.');
    expect(await store.listSubscriptions()).toEqual([]);
    memberStatus = 'administrator';
    await send('/subscribe@briefing_bot', group);
    expect((await store.listSubscriptions())[0]).toMatchObject({ destination: '-1001' });
  });

  it('in a forum topic, the subscription remembers the thread and replies go there', async () => {
    memberStatus = 'creator';
    const cs = await send('/subscribe', { ...group, is_forum: true }, { is_topic_message: true, message_thread_id: 77 });
    expect((await store.listSubscriptions())[0]).toMatchObject({ destination: '-1001', threadId: '77' });
    expect(cs.find((c) => c.method === 'sendMessage')!.payload.message_thread_id).toBe(77);
  });

  it('a channel subscribes itself with a /subscribe channel post', async () => {
    await bot.handleUpdate({ update_id: updateId++, channel_post: { message_id: 1, date: 0, chat: { id: -100900, type: 'channel', title: 'قناة' }, text: '/subscribe' } } as never);
    expect((await store.listSubscriptions())[0]).toMatchObject({ destination: '-100900', status: 'active' });
  });

  it('subscribes a channel from a private chat with its @username, only when the requester and the bot are its admins', async () => {
    requesterInChannel = 'member';
    expect(replies(await send('/subscribe @news_channel'))[0]).toContain('لا يمكنني الاشتراك بهذه القناة');
    expect(await store.listSubscriptions()).toEqual([]);
    requesterInChannel = 'creator';
    botInChannel = 'member';
    await send('/subscribe @news_channel');
    expect(await store.listSubscriptions()).toEqual([]);
    botInChannel = 'administrator';
    await send('/subscribe @news_channel');
    expect((await store.listSubscriptions())[0]).toMatchObject({ destination: '-100321', status: 'active' });
  });

  it('pauses a channel subscription when the bot is demoted from admin', async () => {
    const channel = { id: -100900, type: 'channel', title: 'قناة' };
    await bot.handleUpdate({ update_id: updateId++, channel_post: { message_id: 1, date: 0, chat: channel, text: '/subscribe' } } as never);
    await bot.handleUpdate({
      update_id: updateId++,
      my_chat_member: { chat: channel, from: { id: 3, is_bot: false, first_name: 'x' }, date: 0, old_chat_member: { status: 'administrator', user: BOT, can_be_edited: false, can_manage_chat: true, can_change_info: true, can_post_messages: true, can_edit_messages: true, can_delete_messages: true, can_invite_users: true, can_restrict_members: true, can_promote_members: false, can_manage_video_chats: true, is_anonymous: false, can_post_stories: true, can_edit_stories: true, can_delete_stories: true }, new_chat_member: { status: 'member', user: BOT } },
    } as never);
    expect((await store.listSubscriptions())[0]).toMatchObject({ status: 'paused', statusReason: 'the bot is no longer an admin' });
  });

  it('in a channel, a reader who presses a button changes nothing; an admin does', async () => {
    const channel = { id: -100900, type: 'channel', title: 'قناة' };
    await bot.handleUpdate({ update_id: updateId++, channel_post: { message_id: 1, date: 0, chat: channel, text: '/subscribe' } } as never);
    const press = (data: string) => bot.handleUpdate({ update_id: updateId++, callback_query: { id: `q${updateId}`, from: { id: 6, is_bot: false, first_name: 'قارئ' }, chat_instance: 'c', data, message: { message_id: 3, date: 0, chat: channel } } } as never);
    memberStatus = 'member';
    await press('topic:sports');
    await press('time:09:00');
    expect((await store.listSubscriptions())[0]).toMatchObject({ topics: [], deliveryTime: '07:00' });
    memberStatus = 'administrator';
    await press('topic:sports');
    expect((await store.listSubscriptions())[0]!.topics).toEqual(['sports']);
  });

  it('a channel subscribed from a private chat gets buttons that act on the channel, for its admins only', async () => {
    const cs = await send('/subscribe @news_channel');
    expect(JSON.stringify(cs.find((c) => c.method === 'sendMessage')!.payload.reply_markup)).toContain('topic:sports@-100321');
    const press = (data: string) => bot.handleUpdate({ update_id: updateId++, callback_query: { id: `q${updateId}`, from: { id: 5, is_bot: false, first_name: 'سارة' }, chat_instance: 'c', data, message: { message_id: 3, date: 0, chat: privateChat } } } as never);
    await press('topic:sports@-100321');
    expect(await store.listSubscriptions()).toMatchObject([{ destination: '-100321', topics: ['sports'] }]);
    requesterInChannel = 'member';
    await press('topic:politics@-100321');
    expect(await store.listSubscriptions()).toMatchObject([{ destination: '-100321', topics: ['sports'] }]);
  });

  it('does not crash on an update from a chat type it does not know, and stores nothing', async () => {
    await expect(send('/subscribe', { id: 9, type: 'unknown_type' } as never)).resolves.toBeDefined();
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('pauses the subscription when the bot is blocked and resumes it when unblocked', async () => {
    await send('/subscribe');
    const member = (status: string) => ({
      update_id: updateId++,
      my_chat_member: { chat: privateChat, from: { id: 11, is_bot: false, first_name: 'x' }, date: 0, old_chat_member: { status: 'member', user: BOT }, new_chat_member: { status, user: BOT, ...(status === 'kicked' ? { until_date: 0 } : {}) } },
    });
    await bot.handleUpdate(member('kicked') as never);
    expect((await store.listSubscriptions())[0]).toMatchObject({ status: 'paused', statusReason: 'the user blocked the bot' });
    await bot.handleUpdate(member('member') as never);
    expect((await store.listSubscriptions())[0]!.status).toBe('active');
  });

  it('topic buttons toggle topics, and /settings shows them', async () => {
    await send('/subscribe');
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: 'q1', from: { id: 5, is_bot: false, first_name: 'x' }, chat_instance: 'c', data: 'topic:sports', message: { message_id: 3, date: 0, chat: privateChat } } } as never);
    expect((await store.listSubscriptions())[0]!.topics).toEqual(['sports']);
    expect(replies(await send('/settings'))[0]).toContain('المواضيع: رياضة');
  });

  it('/unsubscribe asks first; its confirm button ends the subscription, deletes its rows, and says so in place of the question', async () => {
    await send('/subscribe');
    const asked = await send('/unsubscribe');
    expect(replies(asked)[0]).toContain('«موجز الصباح»');
    expect(JSON.stringify(asked.at(-1)!.payload.reply_markup)).toContain('"callback_data":"unsub:all"');
    expect(await store.listSubscriptions()).toHaveLength(1);
    const before = calls.length;
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: 'q9', from: { id: 5, is_bot: false, first_name: 'x' }, chat_instance: 'c', data: 'unsub:all', message: { message_id: 7, date: 0, chat: privateChat } } } as never);
    const answer = stripBidiControls(String(calls.slice(before).find((c) => c.method === 'editMessageText')!.payload.text));
    expect(answer).toContain('أُلغي الاشتراك');
    expect(answer).toContain('حُذفت بياناته');
    expect(await store.listSubscriptions()).toEqual([]);
    expect(replies(await send('/unsubscribe'))[0]).toContain('لست مشتركاً بعد');
  });

  it('asks Telegram for every update type it acts on: one of any other type, in a chat it is subscribed in, makes no call', async () => {
    await send('/subscribe');
    const before = calls.length;
    const from = { id: 5, is_bot: false, first_name: 'سارة' };
    const others = [...API_CONSTANTS.ALL_UPDATE_TYPES].filter((t) => !(ALLOWED_UPDATES as readonly string[]).includes(t));
    expect(others).toContain('chat_member');
    for (const type of others) {
      // One shape for all: what a handler of any of these types would look at (a chat, a sender, a text, a status).
      const body = { id: 'x1', chat: privateChat, from, user: from, actor_chat: privateChat, date: 0, text: '/unsubscribe', query: 'x', old_chat_member: { status: 'member', user: from }, new_chat_member: { status: 'kicked', user: from, until_date: 0 } };
      await bot.handleUpdate({ update_id: updateId++, [type]: body } as never);
    }
    expect(calls.slice(before)).toEqual([]);
    expect(await store.listSubscriptions()).toMatchObject([{ status: 'active' }]);
  });

  it('answers an unknown command and a 10,000-character text with a short Arabic hint', async () => {
    expect(replies(await send('/weather'))[0]).toBe('لا أعرف هذا الأمر. اكتب /help لقائمة الأوامر.');
    expect(replies(await send('خبر '.repeat(2500)))[0]).toBe('اكتب /briefing لموجز اليوم، أو /help لقائمة الأوامر.');
  });
});
