/**
 * The Telegram channel as its users meet it: the app with the shipped briefings takes updates on
 * its webhook from the project's fake Bot API over HTTP, and every test reads what the bot sent
 * back (texts, buttons, callback answers) from the fake's record of calls.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type BriefingApp } from '../../src/app.js';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { loadConfig } from '../../src/config/index.js';
import { FSI, startsRightToLeft, stripBidiControls } from '../../src/arabic/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { instanceRoot } from './instances.js';

const TOKEN = '123456:QA-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const SECRET = 'qa-webhook-secret';
/** The fake's getMe: the bot's id and username. */
const BOT = { id: 123456, username: 'briefing_test_bot' };

type Chat = { id: number; type: 'private' | 'group' | 'supergroup' | 'channel'; title?: string; is_forum?: boolean };
type From = { id: number; is_bot: boolean; first_name: string; username?: string };
const PRIVATE: Chat = { id: 501, type: 'private' };
const ALI: From = { id: 501, is_bot: false, first_name: 'علي' };
const GROUP: Chat = { id: -100777, type: 'supergroup', title: 'مجموعة الأخبار' };
/** Telegram's sender of messages an anonymous group admin sends ("send as the group"). */
const ANONYMOUS: From = { id: 1087968824, is_bot: true, first_name: 'Group', username: 'GroupAnonymousBot' };

let fake: FakeBotApi | undefined;
let app: BriefingApp | undefined;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
  app = fake = undefined;
});

interface Harness {
  app: BriefingApp;
  api: FakeBotApi;
  /** Posts an update to the webhook (200 expected), after which the bot's calls are done. */
  post(update: object): Promise<void>;
  /** A text message (a command gets its bot_command entity); the texts the bot sent because of it, as a reader sees them (without bidi marks; `api.messages` has them as sent). */
  say(text: string, chat?: Chat, extra?: { from?: From; [k: string]: unknown }): Promise<string[]>;
  /** A post in a channel (a command gets its bot_command entity); the texts the bot sent because of it, as a reader sees them. */
  postIn(channel: Chat, text: string, extra?: Record<string, unknown>): Promise<string[]>;
  /** Moves the app's clock to `iso` (real time runs on from there). */
  setClock(iso: string): void;
  /** A button press; the calls it caused. */
  press(data: string, chat?: Chat, extra?: { from?: From; queryId?: string; message?: object }): Promise<FakeBotApi['calls']>;
}

/** The app with the shipped briefings (and `extra` briefing files, and `samples` articles), its Telegram channel on a webhook to the fake, at 05:00 in Riyadh. */
async function start(extraBriefings: Record<string, object> = {}, samples: Record<string, object> = {}): Promise<Harness> {
  const api = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 0 } });
  fake = api;
  const root = instanceRoot({ concurrency: 2 });
  for (const [file, body] of Object.entries(extraBriefings)) writeFileSync(join(root, 'briefings', file), JSON.stringify(body));
  for (const [file, body] of Object.entries(samples)) writeFileSync(join(root, 'briefings', 'samples', file), JSON.stringify(body));
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
  const post = async (update: object): Promise<void> => expect(await api.postWebhook(url, SECRET, { update_id: id++, ...update })).toBe(200);
  return {
    app: started,
    api,
    post,
    setClock(iso) {
      offset = Date.parse(iso) - Date.now();
    },
    async say(text, chat = PRIVATE, extra = {}) {
      const { from = chat.type === 'private' ? { ...ALI, id: chat.id } : ALI, ...rest } = extra;
      const before = api.messages.length;
      const command = /^\/\S+/.exec(text)?.[0];
      const entities = command ? [{ type: 'bot_command', offset: 0, length: command.length }] : [];
      await post({ message: { message_id: id, date: 0, chat, from, text, entities, ...rest } });
      return api.messages.slice(before).map((m) => stripBidiControls(m.text));
    },
    async postIn(channel, text, extra = {}) {
      const before = api.messages.length;
      const command = /^\/\S+/.exec(text)?.[0];
      const entities = command ? [{ type: 'bot_command', offset: 0, length: command.length }] : [];
      await post({ channel_post: { message_id: id, date: 0, chat: channel, sender_chat: channel, text, entities, ...extra } });
      return api.messages.slice(before).map((m) => stripBidiControls(m.text));
    },
    async press(data, chat = PRIVATE, extra = {}) {
      const before = api.calls.length;
      const { from = chat.type === 'private' ? { ...ALI, id: chat.id } : ALI, queryId = `q${id}`, message = {} } = extra;
      await post({ callback_query: { id: queryId, from, chat_instance: 'ci', data, message: { message_id: 9, date: 0, chat, ...message } } });
      return api.calls.slice(before);
    },
  };
}

const evening = (): object => ({ ...JSON.parse(readFileSync(join(process.cwd(), 'briefings/morning.json'), 'utf8')), id: 'evening', title: 'موجز المساء', deliveryTime: '19:00' });

const FAILED = 'حدث خطأ مؤقت، حاول بعد قليل.';
const answers = (calls: FakeBotApi['calls']) => calls.filter((c) => c.method === 'answerCallbackQuery').map((c) => ({ ...c, params: { ...c.params, ...(typeof c.params.text === 'string' ? { text: stripBidiControls(c.params.text) } : {}) } }));

describe('when handling an update fails (webhook)', () => {
  it('the member is told, in the forum topic the command came from, and Telegram gets 200 (not a 500 it would retry)', async () => {
    const h = await start();
    // getChatMember refused: the admin check cannot be made.
    h.api.failing.set('getChatMember', { code: 400, description: 'Bad Request: PARTICIPANT_ID_INVALID' });
    const replies = await h.say('/subscribe', { ...GROUP, is_forum: true }, { is_topic_message: true, message_thread_id: 33 });
    expect(replies).toEqual([FAILED]);
    expect(h.api.messages.at(-1)!.threadId).toBe(33);
    expect(await h.app.store.listSubscriptions()).toEqual([]);
  });

  it('a button whose handling fails is answered with the same words (the spinner stops)', async () => {
    const h = await start();
    h.api.failing.set('getChatMember', { code: 400, description: 'Bad Request: PARTICIPANT_ID_INVALID' });
    const calls = await h.press('topic:sports', GROUP);
    expect(answers(calls).map((c) => c.params.text)).toEqual([FAILED]);
  });
});

describe('a /briefing answer Telegram refuses for good (400)', () => {
  it('says the answer could not be shown here and that the error is logged, not that it is temporary', async () => {
    const h = await start();
    for (const description of ['Bad Request: message is too long', "Bad Request: can't parse entities: unsupported start tag at byte offset 7"]) {
      h.api.failing.set('sendMessage', { code: 400, description, times: 1 });
      const replies = await h.say('/briefing');
      expect(replies, description).toEqual(['تعذّر عرض هذا الرد هنا، فقد رفضه تيليجرام. سُجّل الخطأ ليطّلع عليه مشغّل البوت.']);
      expect(replies.join('')).not.toContain('مؤقت');
    }
    // Refused in a forum topic: told in that topic.
    h.api.failing.set('sendMessage', { code: 400, description: 'Bad Request: message is too long', times: 1 });
    await h.say('/briefing', { ...GROUP, is_forum: true }, { is_topic_message: true, message_thread_id: 21 });
    expect(h.api.messages.at(-1)!.threadId).toBe(21);
    // Once Telegram takes it again, the briefing comes.
    expect((await h.say('/briefing'))[0]).toContain('موجز الصباح');
  });
});

describe('buttons (callback queries)', () => {
  it('a button the bot no longer knows (an old keyboard) is answered, with a hint', async () => {
    const h = await start();
    const calls = await h.press('topics-v0:sports');
    expect(answers(calls)).toHaveLength(1);
    expect(String(answers(calls)[0]!.params.text)).toContain('/settings');
    expect(h.api.messages).toEqual([]);
  });

  it('a press answered too late for Telegram still changes the topic and updates the buttons, with no error message', async () => {
    const h = await start();
    await h.say('/subscribe');
    h.api.expiredQueries.add('late-press');
    const calls = await h.press('topic:sports', PRIVATE, { queryId: 'late-press' });
    expect((await h.app.store.listSubscriptions())[0]!.topics).toEqual(['sports']);
    expect(calls.map((c) => c.method)).toContain('editMessageReplyMarkup');
    expect(calls.filter((c) => c.method === 'sendMessage')).toEqual([]);
  });

  it('the subscribe button pressed by a member of a group: a notice on the button, nothing posted in the group', async () => {
    const h = await start();
    const calls = await h.press('subscribe', GROUP);
    expect(answers(calls).map((c) => c.params.text)).toEqual(['هذا الأمر لمشرفي المجموعة أو القناة فقط.']);
    expect(h.api.messages).toEqual([]);
    expect(await h.app.store.listSubscriptions()).toEqual([]);
  });
});

describe('commands in a group with other bots', () => {
  it('a command addressed to another bot gets no answer; one addressed to this bot does', async () => {
    const h = await start();
    expect(await h.say('/weather@weather_bot الرياض', GROUP)).toEqual([]);
    expect(await h.say('/start@weather_bot', GROUP)).toEqual([]);
    expect(await h.say('/help@weather_bot', GROUP)).toEqual([]);
    // An unknown command without a name may be another bot's too: not answered in a group…
    expect(await h.say('/weather', GROUP)).toEqual([]);
    // …but answered when addressed to this bot, and in a private chat.
    expect(await h.say('/weather@briefing_test_bot', GROUP)).toEqual(['لا أعرف هذا الأمر. اكتب /help لقائمة الأوامر.']);
    expect(await h.say('/weather')).toEqual(['لا أعرف هذا الأمر. اكتب /help لقائمة الأوامر.']);
    expect((await h.say('/help@Briefing_Test_Bot', GROUP))[0]).toContain('/briefing');
  });
});

describe('anonymous group admins', () => {
  const anonymously = { from: ANONYMOUS, sender_chat: { id: GROUP.id, type: 'supergroup', title: GROUP.title } };

  it('an admin posting as the group subscribes it and sets its words; a member posting as another chat does not', async () => {
    const h = await start();
    expect((await h.say('/subscribe', GROUP, anonymously))[0]).toContain('تم الاشتراك');
    expect((await h.say('/filter -كرة', GROUP, anonymously))[0]).toContain('كلمات محذوفة (-): كرة');
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: String(GROUP.id), filters: { exclude: ['كرة'] } }]);
    // Posting as one's own channel is not being an admin of the group.
    const asChannel = { from: { id: 136817688, is_bot: true, first_name: 'Channel', username: 'Channel_Bot' }, sender_chat: { id: -100999, type: 'channel', title: 'قناة أخرى' } };
    expect(await h.say('/unsubscribe', GROUP, asChannel)).toEqual(['هذا الأمر لمشرفي المجموعة أو القناة فقط.']);
    expect(await h.app.store.listSubscriptions()).toHaveLength(1);
  });
});

describe('/time in the subscriber\'s own zone', () => {
  it('a new time without a zone keeps the zone the subscriber chose; «م» means the evening; a zone typed in lower case is stored as the runtime spells it', async () => {
    const h = await start();
    await h.say('/subscribe');
    expect(await h.say('/time 07:00 Africa/Cairo')).toEqual(['سيصلك الموجز الساعة 07:00 بتوقيت القاهرة.']);
    expect(await h.say('/time ٠٦:٣٠')).toEqual(['سيصلك الموجز الساعة 06:30 بتوقيت القاهرة.']);
    expect(await h.say('/time ٧:٣٠ م')).toEqual(['سيصلك الموجز الساعة 19:30 بتوقيت القاهرة.']);
    expect(await h.say('/time 8:15 ص asia/riyadh')).toEqual(['سيصلك الموجز الساعة 08:15 بتوقيت الرياض.']);
    expect((await h.app.store.listSubscriptions())[0]).toMatchObject({ deliveryTime: '08:15', timeZone: 'Asia/Riyadh' });
    expect((await h.say('/settings'))[0]).toContain('المنطقة: الرياض');
  });
});

describe('/time in the words of its own answer', () => {
  it('reads past «الساعة» before the time and «بتوقيت» before the zone, as Slack\'s /briefing subscribe does', async () => {
    const h = await start();
    await h.say('/subscribe');
    expect(await h.say('/time ٧:٣٠ بتوقيت القاهرة')).toEqual(['سيصلك الموجز الساعة 07:30 بتوقيت القاهرة.']);
    expect(await h.say('/time الساعة ٨:١٥ م بتوقيت الدار البيضاء')).toEqual(['سيصلك الموجز الساعة 20:15 بتوقيت الرباط.']);
    expect(await h.say('/time الساعة 06:45')).toEqual(['سيصلك الموجز الساعة 06:45 بتوقيت الرباط.']);
    expect(await h.say('/time 07:00 \u200Fبتوقيت\u200F Asia/Riyadh')).toEqual(['سيصلك الموجز الساعة 07:00 بتوقيت الرياض.']);
    expect((await h.app.store.listSubscriptions())[0]).toMatchObject({ deliveryTime: '07:00', timeZone: 'Asia/Riyadh' });
    // A zone the bot does not know after «بتوقيت» is named as the zone, not as a briefing.
    expect((await h.say('/time ٧:٣٠ بتوقيت أطلانتس'))[0]).toContain('«أطلانتس»');
  });
});

describe('a button answer over 200 characters', () => {
  it('is cut between words within Telegram\'s 200, so the press is answered and not refused', async () => {
    const title = `موجز ${'الأخبار الاقتصادية والسياسية '.repeat(7).trim()}`;
    const h = await start({ 'long.json': { ...(evening() as object), id: 'long', title } });
    const calls = await h.press('time:07:00~long');
    const answer = calls.find((c) => c.method === 'answerCallbackQuery')!;
    const text = String(answer.params.text);
    expect(text.length).toBeLessThanOrEqual(200);
    expect(text.endsWith('…')).toBe(true);
    expect(stripBidiControls(text)).toContain('موجز الأخبار الاقتصادية');
    expect((await h.app.store.listSubscriptions()).map((s) => s.briefingId)).toEqual(['long']);
  });
});

describe('/time with a briefing named like a city', () => {
  it('a word that names a briefing is the briefing, not a zone («dubai», «موجز دبي»); a city that names none is still a zone', async () => {
    const h = await start({ 'dubai.json': { ...(evening() as object), id: 'dubai', title: 'موجز دبي' } });
    await h.say('/subscribe');
    await h.say('/subscribe dubai');
    expect(await h.say('/time 07:00 dubai')).toEqual(['«موجز دبي»: سيصلك الموجز الساعة 07:00 بتوقيت الرياض.']);
    const subs = async (): Promise<string[]> => (await h.app.store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime} ${s.timeZone}`).sort();
    expect(await subs()).toEqual(['dubai 07:00 Asia/Riyadh', 'morning 07:00 Asia/Riyadh']);
    await h.say('/time 06:00 القاهرة');
    expect(await subs()).toEqual(['dubai 07:00 Asia/Riyadh', 'morning 06:00 Africa/Cairo']);
  });
});

describe('a group that becomes a supergroup', () => {
  it('its subscription moves to the new chat id at once, with its time and words, and /settings there shows it', async () => {
    const h = await start();
    const old: Chat = { id: -4001, type: 'group', title: 'أسرة التحرير' };
    const upgraded: Chat = { id: -1004001, type: 'supergroup', title: 'أسرة التحرير' };
    h.api.members.set(`${old.id}:${ALI.id}`, 'creator');
    h.api.members.set(`${upgraded.id}:${ALI.id}`, 'creator');
    await h.say('/subscribe', old);
    await h.say('/time ٠٦:٤٥', old);
    await h.say('/filter -كرة', old);
    // Telegram's two service messages: in the old group, then in the new supergroup.
    await h.post({ message: { message_id: 70, date: 0, chat: old, from: ALI, migrate_to_chat_id: upgraded.id } });
    await h.post({ message: { message_id: 1, date: 0, chat: upgraded, from: ALI, migrate_from_chat_id: old.id } });
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: String(upgraded.id), deliveryTime: '06:45', filters: { exclude: ['كرة'] } }]);
    const [settings] = await h.say('/settings', upgraded);
    expect(settings).toContain('الوقت: 06:45');
    expect(settings).toContain('كلمات محذوفة (-): كرة');
  });
});

describe('long replies', () => {
  it('/settings of two briefings, each with 20 long words and 20 long muted outlets, arrives whole in messages within 4096 UTF-16 units', async () => {
    const h = await start({ 'evening.json': evening() });
    await h.say('/subscribe morning evening');
    const cities = ['الرياض', 'القاهرة', 'بغداد', 'دمشق', 'بيروت', 'عمان', 'الكويت', 'الدوحة', 'المنامة', 'مسقط', 'صنعاء', 'الخرطوم', 'طرابلس', 'تونس', 'الجزائر', 'الرباط', 'نواكشوط', 'مقديشو', 'جيبوتي', 'القدس'];
    const words = cities.map((c) => `الاستثمارات-النفطية-والغازية-والمصرفية-في-${c}`);
    for (let i = 0; i < 20; i += 2) expect((await h.say(`/filter -${words[i]} -${words[i + 1]}`))[0]).toContain('كلمات محذوفة');
    const outlets = cities.map((c) => `وكالة الأنباء المستقلة للشؤون الاقتصادية والسياسية في ${c}`);
    for (const o of outlets) expect((await h.say(`/mute ${o}`))[0]).toContain('المصادر المكتومة');
    const parts = await h.say('/settings');
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(4096);
    const all = parts.join('\n');
    for (const w of [...words, ...outlets]) expect(all.split(w).length - 1).toBe(2);
    expect(all).toContain('«موجز المساء»');
    expect(h.api.stats.badRequest).toBe(0);
  });
});

describe('right to left', () => {
  it('every Arabic line of the plain replies and button answers reads right to left, and every /command keeps its slash in front (isolated)', async () => {
    const h = await start({ 'evening.json': evening() });
    for (const text of ['/start', '/help', '/subscribe', '/time 07:30 Africa/Cairo', '/briefings', '/settings', '/filter', '/filter +النفط', '/mute', '/time 25:00', '/subscribe weekly', '/weather', 'مرحبا', '/subscribe evening', '/unsubscribe']) await h.say(text);
    const pressed = await h.press('topics-v0:sports');
    const texts = [...h.api.messages.map((m) => m.text), ...pressed.filter((c) => c.method === 'answerCallbackQuery').map((c) => String(c.params.text))];
    const lines = texts.flatMap((t) => t.split('\n')).filter((l) => /[\u0600-\u06FF]/.test(l));
    expect(lines.length).toBeGreaterThan(30);
    for (const line of lines) {
      expect(startsRightToLeft(line), line).toBe(true);
      for (const m of line.matchAll(/\/[a-z]+/g)) expect(line[m.index - 1], line).toBe(FSI);
    }
    // The help list, as sent: each line opens right to left, its command isolated whole.
    const help = h.api.messages[1]!.text.split('\n');
    expect(help[1]).toBe(`\u200F${FSI}/start\u2069 — ما يفعله البوت وزر الاشتراك`);
  });
});

describe('what people paste and forward', () => {
  it('an invisible RLM or LRM in a command\'s argument (from an Arabic keyboard or a copied text) changes nothing', async () => {
    const h = await start();
    expect((await h.say('/briefing \u200Fرياضة'))[0]).toContain('المنتخب');
    await h.say('/subscribe');
    expect(await h.say('/time \u200F٠٧:٣٠')).toEqual(['سيصلك الموجز الساعة 07:30 بتوقيت الرياض.']);
    expect(await h.say('/time \u200E08:15\u200E Africa/Cairo')).toEqual(['سيصلك الموجز الساعة 08:15 بتوقيت القاهرة.']);
  });

  it('a forwarded «/unsubscribe» is not a command; a channel\'s «/subscribe» copied into its discussion group gets no answer there', async () => {
    const h = await start();
    await h.say('/subscribe');
    const forwarded = await h.say('/unsubscribe', PRIVATE, { forward_origin: { type: 'user', sender_user: { id: 9, is_bot: false, first_name: 'سامي' }, date: 0 } });
    expect(forwarded).toEqual(['اكتب /briefing لموجز اليوم، أو /help لقائمة الأوامر.']);
    expect(await h.app.store.listSubscriptions()).toHaveLength(1);
    const channel = { id: -100555, type: 'channel', title: 'قناة الأخبار' };
    const copied = await h.say('/subscribe', GROUP, { from: { id: 777000, is_bot: false, first_name: 'Telegram' }, sender_chat: channel, is_automatic_forward: true, forward_origin: { type: 'channel', chat: channel, message_id: 5, date: 0 } });
    expect(copied).toEqual([]);
    expect(await h.app.store.listSubscriptions()).toHaveLength(1);
  });

  it('/subscribe with a channel\'s t.me link subscribes the channel as @username does', async () => {
    const h = await start();
    h.api.chats.set('@news_channel', { id: -100321, type: 'channel', title: 'أخبار' });
    h.api.members.set(`-100321:${ALI.id}`, 'creator');
    h.api.members.set(`-100321:${BOT.id}`, 'administrator');
    expect((await h.say('/subscribe https://t.me/news_channel'))[0]).toContain('تم اشتراك القناة «أخبار»');
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: '-100321' }]);
  });

  it('a bot restricted in a group but still allowed to post keeps its subscription; one that may not post is paused, saying why', async () => {
    const h = await start();
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    await h.say('/subscribe', GROUP);
    const me = { id: BOT.id, is_bot: true, first_name: 'موجز' };
    const restricted = (canSend: boolean) => ({ status: 'restricted', user: me, is_member: true, can_send_messages: canSend, can_send_audios: true, can_send_documents: true, can_send_photos: true, can_send_videos: true, can_send_video_notes: true, can_send_voice_notes: true, can_send_polls: true, can_send_other_messages: true, can_add_web_page_previews: true, can_change_info: false, can_invite_users: false, can_pin_messages: false, can_manage_topics: false, until_date: 0 });
    await h.post({ my_chat_member: { chat: GROUP, from: ALI, date: 0, old_chat_member: { status: 'member', user: me }, new_chat_member: restricted(true) } });
    expect((await h.app.store.listSubscriptions())[0]!.status).toBe('active');
    await h.post({ my_chat_member: { chat: GROUP, from: ALI, date: 0, old_chat_member: restricted(true), new_chat_member: restricted(false) } });
    expect((await h.app.store.listSubscriptions())[0]).toMatchObject({ status: 'paused', statusReason: 'the bot may not post here' });
  });
});

describe('/unsubscribe from one briefing of several', () => {
  it('says which briefing went and which still come; naming one the chat does not have says so, not «not subscribed yet»', async () => {
    const h = await start({ 'evening.json': evening() });
    await h.say('/subscribe morning evening');
    expect(await h.say('/unsubscribe موجز المساء')).toEqual(['أُلغي الاشتراك في «موجز المساء» وحُذفت بياناته. ما زال يصلك: «موجز الصباح» (/settings).']);
    expect(await h.say('/unsubscribe evening')).toEqual(['لست مشتركاً في «موجز المساء». اشتراكاتك: «موجز الصباح» (/settings).']);
    expect((await h.say('/unsubscribe موجز الصباح'))[0]).toContain('لن يصلك الموجز بعد الآن');
    expect(await h.app.store.listSubscriptions()).toEqual([]);
  });
});

describe('/unsubscribe alone, as the command menu sends it', () => {
  const YES = 'نعم، أوقف الكل';
  const NO = 'إلغاء';
  /** The buttons of the last message sent: their labels and data. */
  const buttonsOf = (h: Harness): string[] => {
    const markup = h.api.calls.filter((c) => c.method === 'sendMessage').at(-1)!.params.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] } | undefined;
    return (markup?.inline_keyboard.flat() ?? []).map((b) => `${stripBidiControls(b.text)} ${b.callback_data}`);
  };
  const edits = (calls: FakeBotApi['calls']): string[] => calls.filter((c) => c.method === 'editMessageText').map((c) => stripBidiControls(String(c.params.text)));
  const subs = async (h: Harness): Promise<string[]> => (await h.app.store.listSubscriptions()).map((x) => `${x.destination}${x.threadId ? `/${x.threadId}` : ''} ${x.briefingId}`).sort();

  it('in a private chat: lists what would stop and asks, with two buttons; «إلغاء» keeps everything, «نعم، أوقف الكل» ends it all; a stale button answers politely', async () => {
    const h = await start({ 'evening.json': evening() });
    expect(await h.say('/unsubscribe')).toEqual(['لست مشتركاً بعد. اشترك بالأمر /subscribe.']);
    await h.say('/subscribe morning evening');
    const [ask] = await h.say('/unsubscribe');
    expect(ask).toBe('هل تريد إيقاف كل ما يصل هنا؟\nسيتوقف: «موجز الصباح»، «موجز المساء»، وتُحذف الإعدادات (الوقت والمواضيع والكلمات) وسجل الإرسال.\nلإيقاف موجز واحد فقط: /unsubscribe morning');
    expect(buttonsOf(h)).toEqual([`${YES} unsub:all`, `${NO} unsub:cancel`]);
    expect(await subs(h)).toEqual(['501 evening', '501 morning']);
    const cancelled = await h.press('unsub:cancel');
    expect(answers(cancelled)).toHaveLength(1);
    expect(edits(cancelled)).toEqual(['لم يتوقف شيء؛ الاشتراك باقٍ كما هو.']);
    expect(await subs(h)).toEqual(['501 evening', '501 morning']);
    // The stop command (/stop) asks the same.
    expect((await h.say('/stop'))[0]).toContain('هل تريد إيقاف كل ما يصل هنا؟');
    const confirmed = await h.press('unsub:all');
    expect(answers(confirmed)).toHaveLength(1);
    expect(edits(confirmed)).toEqual(['أُلغي الاشتراك وحُذفت بياناته (الوقت والمواضيع وسجل الإرسال). لن يصلك الموجز بعد الآن. للعودة: /subscribe']);
    expect(await subs(h)).toEqual([]);
    // The same button pressed again, or under an older question: nothing left to stop.
    const stale = await h.press('unsub:all');
    expect(answers(stale).map((c) => c.params.text)).toEqual(['لا اشتراك هنا لإيقافه؛ لعله أُلغي من قبل.']);
    expect(stale.filter((c) => c.method === 'sendMessage')).toEqual([]);
    // A briefing named still stops at once.
    await h.say('/subscribe');
    expect(await h.say('/unsubscribe morning')).toEqual(['أُلغي الاشتراك وحُذفت بياناته (الوقت والمواضيع وسجل الإرسال). لن يصلك الموجز بعد الآن. للعودة: /subscribe']);
    expect(await subs(h)).toEqual([]);
  });

  it('in a group: only an admin\'s press stops it; a member\'s is told on the button, and nothing changes', async () => {
    const h = await start();
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    await h.say('/subscribe', GROUP);
    expect((await h.say('/unsubscribe', GROUP))[0]).toBe('هل تريد إيقاف كل ما يصل هنا؟\nسيتوقف: «موجز الصباح»، وتُحذف الإعدادات (الوقت والمواضيع والكلمات) وسجل الإرسال.');
    const SAMI: From = { id: 777, is_bot: false, first_name: 'سامي' };
    for (const data of ['unsub:all', 'unsub:cancel']) {
      const calls = await h.press(data, GROUP, { from: SAMI });
      expect(answers(calls).map((c) => c.params.text)).toEqual(['هذا الأمر لمشرفي المجموعة أو القناة فقط.']);
      expect(calls.filter((c) => c.method !== 'answerCallbackQuery' && c.method !== 'getChatMember')).toEqual([]);
    }
    expect(await subs(h)).toEqual([`${GROUP.id} morning`]);
    await h.press('unsub:all', GROUP);
    expect(await subs(h)).toEqual([]);
  });

  it('in a forum topic: the question is asked in the topic, and the confirmation stops that topic\'s briefing only', async () => {
    const h = await start();
    const FORUM: Chat = { ...GROUP, is_forum: true };
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    const topic = (n: number) => ({ is_topic_message: true, message_thread_id: n });
    await h.say('/subscribe', FORUM, topic(12));
    await h.say('/subscribe', FORUM, topic(14));
    expect((await h.say('/unsubscribe', FORUM, topic(12)))[0]).toContain('هل تريد إيقاف كل ما يصل هنا؟');
    expect(h.api.messages.at(-1)!.threadId).toBe(12);
    await h.press('unsub:all', FORUM, { message: topic(12) });
    expect(await subs(h)).toEqual([`${GROUP.id}/14 morning`]);
  });

  it('«/unsubscribe @channel» in a private chat asks the same, naming the channel; «إلغاء» keeps it, «نعم، أوقف الكل» ends the channel\'s only, and only for its admin', async () => {
    const h = await start({ 'evening.json': evening() });
    const channel = { id: -100321, type: 'channel', title: 'أخبار الخليج', username: 'gulf_news' } as const;
    h.api.chats.set('@gulf_news', channel);
    h.api.chats.set('-100321', channel);
    h.api.members.set(`-100321:${ALI.id}`, 'creator');
    h.api.members.set(`-100321:${BOT.id}`, 'administrator');
    await h.say('/subscribe @gulf_news morning evening');
    await h.say('/subscribe');
    const before = ['-100321 evening', '-100321 morning', '501 morning'];
    expect(await subs(h)).toEqual(before);
    expect(await h.say('/unsubscribe @gulf_news')).toEqual(['هل تريد إيقاف كل ما يصل إلى القناة «أخبار الخليج»؟\nسيتوقف: «موجز الصباح»، «موجز المساء»، وتُحذف الإعدادات (الوقت والمواضيع والكلمات) وسجل الإرسال.\nلإيقاف موجز واحد فقط: /unsubscribe @gulf_news morning']);
    expect(buttonsOf(h)).toEqual([`${YES} unsub:all@-100321`, `${NO} unsub:cancel@-100321`]);
    expect(await subs(h)).toEqual(before);
    expect(edits(await h.press('unsub:cancel@-100321'))).toEqual(['لم يتوقف شيء؛ الاشتراك باقٍ كما هو.']);
    expect(await subs(h)).toEqual(before);
    // The question forwarded to someone who is no admin of the channel: the press changes nothing.
    const reader: Chat = { id: 502, type: 'private' };
    expect(answers(await h.press('unsub:all@-100321', reader)).map((c) => c.params.text)).toEqual(['هذا الأمر لمشرفي المجموعة أو القناة فقط.']);
    expect(await subs(h)).toEqual(before);
    // Its link asks the same.
    expect((await h.say('/unsubscribe https://t.me/gulf_news'))[0]).toContain('هل تريد إيقاف كل ما يصل إلى القناة «أخبار الخليج»؟');
    const confirmed = await h.press('unsub:all@-100321');
    expect(edits(confirmed)).toEqual(['أُلغي اشتراك القناة «أخبار الخليج» وحُذفت بياناته. لن يصلها الموجز بعد الآن.']);
    expect(await subs(h)).toEqual(['501 morning']);
    expect(answers(await h.press('unsub:all@-100321')).map((c) => c.params.text)).toEqual(['لا اشتراك هنا لإيقافه؛ لعله أُلغي من قبل.']);
    expect(await subs(h)).toEqual(['501 morning']);
    expect(await h.say('/unsubscribe @gulf_news')).toEqual(['القناة «أخبار الخليج» غير مشتركة في أي موجز.']);
  });

  it('in a channel: the post is answered with the question about the channel; an admin\'s press stops it, a reader\'s does not', async () => {
    const h = await start();
    const CHANNEL: Chat = { id: -100666, type: 'channel', title: 'أخبار المدينة' };
    await h.postIn(CHANNEL, '/subscribe');
    expect(await h.postIn(CHANNEL, '/unsubscribe')).toEqual(['هل تريد إيقاف كل ما يصل إلى هذه القناة؟\nسيتوقف: «موجز الصباح»، وتُحذف الإعدادات (الوقت والمواضيع والكلمات) وسجل الإرسال.']);
    expect(buttonsOf(h)).toEqual([`${YES} unsub:all`, `${NO} unsub:cancel`]);
    expect(answers(await h.press('unsub:all', CHANNEL)).map((c) => c.params.text)).toEqual(['هذا الأمر لمشرفي المجموعة أو القناة فقط.']);
    expect(await subs(h)).toEqual([`${CHANNEL.id} morning`]);
    h.api.members.set(`${CHANNEL.id}:${ALI.id}`, 'creator');
    const confirmed = await h.press('unsub:all', CHANNEL);
    expect(edits(confirmed)).toEqual(['أُلغي اشتراك هذه القناة وحُذفت بياناته (الوقت والمواضيع وسجل الإرسال). لن يصل الموجز إليها بعد الآن. للعودة: /subscribe']);
    expect(await subs(h)).toEqual([]);
  });
});

describe('escaping', () => {
  it('a title, text, outlet and link with < > & " reach Telegram as valid HTML and read as written', async () => {
    const h = await start({}, {
      'escaping.json': { title: 'أسعار <النفط> & "الغاز" ترتفع 5% بعد قرار أوبك+', published: '2026-11-28T22:00:00Z', source: 'CNN <عربي> & شركاه', url: 'https://example.com/a?x=1&y="2"', topics: ['economy'], text: 'ارتفعت أسعار <النفط> & الغاز اليوم بنسبة 5% بعد قرار تحالف أوبك+ خفض الإنتاج، وقال محللون إن "الأسواق" تترقب.\nوأضاف التقرير أن شركة AT&T لم تتأثر بالقرار الذي أعلن في فيينا.' },
    });
    const [sent] = await h.say('/briefing اقتصاد');
    expect(h.api.stats.badRequest).toBe(0);
    expect(sent).toContain('<b>أسعار &lt;النفط&gt; &amp; &quot;الغاز&quot; ترتفع 5% بعد قرار أوبك+</b>');
    expect(sent).toContain('<a href="https://example.com/a?x=1&amp;y=&quot;2&quot;">CNN &lt;عربي&gt; &amp; شركاه</a>');
  });
});

describe('stale keyboards', () => {
  it('a topic button under an old message, pressed after /unsubscribe, says on the button that the chat is subscribed again', async () => {
    const h = await start();
    await h.say('/subscribe');
    await h.say('/unsubscribe morning');
    const calls = await h.press('topic:sports');
    expect(String(answers(calls)[0]!.params.text)).toContain('تم الاشتراك');
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ topics: ['sports'], status: 'active' }]);
    // Once subscribed, a press just says it is done.
    expect(answers(await h.press('topic:economy')).map((c) => c.params.text)).toEqual(['تم']);
  });
});

describe('/settings of a paused subscription', () => {
  it('says in Arabic why it is paused and how to resume, not Telegram\'s English error', async () => {
    const h = await start();
    const FORUM: Chat = { ...GROUP, is_forum: true };
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    const inTopic = { is_topic_message: true, message_thread_id: 12 };
    await h.say('/subscribe', FORUM, inTopic);
    const sub = (await h.app.store.listSubscriptions())[0]!;
    // As the delivery engine records a topic closed at delivery time (Telegram's words).
    await h.app.store.setSubscriptionStatus(sub.id, 'paused', 'Bad Request: TOPIC_CLOSED', Date.now());
    const [closed] = await h.say('/settings', FORUM, inTopic);
    expect(closed).toContain('الحالة: موقوف (الموضوع مغلق). للاستئناف: /subscribe');
    expect(closed).not.toMatch(/[A-Z_]{5}/);
    await h.app.store.setSubscriptionStatus(sub.id, 'paused', 'the bot is no longer an admin', Date.now());
    expect((await h.say('/settings', FORUM, inTopic))[0]).toContain('الحالة: موقوف (لم يعد البوت مشرفاً). يُستأنف وحده حين تعود للبوت صلاحية النشر.');
    // /subscribe in the topic resumes it.
    await h.say('/subscribe', FORUM, inTopic);
    expect((await h.say('/settings', FORUM, inTopic))[0]).toContain('الحالة: نشط');
  });
});

describe('a forum topic closed, then reopened', () => {
  it('resumes the subscriptions its closing paused, in that topic only, and not those paused for another reason', async () => {
    const h = await start({ 'evening.json': evening() });
    const FORUM: Chat = { ...GROUP, is_forum: true };
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    await h.say('/subscribe', FORUM, { is_topic_message: true, message_thread_id: 12 });
    await h.say('/subscribe evening', FORUM, { is_topic_message: true, message_thread_id: 14 });
    const subs = await h.app.store.listSubscriptions();
    const inTopic12 = subs.find((x) => x.threadId === '12')!;
    const inTopic14 = subs.find((x) => x.threadId === '14')!;
    // As the delivery engine records a topic closed at delivery time (Telegram's words).
    await h.app.store.setSubscriptionStatus(inTopic12.id, 'paused', 'Bad Request: TOPIC_CLOSED', Date.now());
    await h.app.store.setSubscriptionStatus(inTopic14.id, 'paused', 'Bad Request: TOPIC_CLOSED', Date.now());
    await h.post({ message: { message_id: 900, date: 0, chat: FORUM, from: ALI, is_topic_message: true, message_thread_id: 12, forum_topic_reopened: {} } });
    const status = async (id: string): Promise<string> => (await h.app.store.listSubscriptions()).find((x) => x.id === id)!.status;
    expect(await status(inTopic12.id)).toBe('active');
    expect(await status(inTopic14.id)).toBe('paused');
    // A subscription paused for another reason stays paused when its topic reopens.
    await h.app.store.setSubscriptionStatus(inTopic14.id, 'paused', 'the bot is no longer an admin', Date.now());
    await h.post({ message: { message_id: 901, date: 0, chat: FORUM, from: ALI, is_topic_message: true, message_thread_id: 14, forum_topic_reopened: {} } });
    expect(await status(inTopic14.id)).toBe('paused');
  });
});

describe('/help', () => {
  it('lists every command and says how a group and a channel subscribe', async () => {
    const h = await start();
    const [help] = await h.say('/help');
    for (const c of ['start', 'briefing', 'subscribe', 'briefings', 'time', 'topics', 'filter', 'mute', 'unmute', 'settings', 'unsubscribe', 'help']) expect(help).toContain(`/${c} — `);
    expect(help).toContain('/subscribe @اسم_القناة');
    expect(help).toContain('مشرفوها فقط');
  });
});

describe('a morning delivery to a group that became a supergroup the bot did not hear of', () => {
  it('when the supergroup subscribed meanwhile, it gets the edition once, under its own settings, and the old group\'s row is gone', async () => {
    const h = await start();
    const old: Chat = { id: -4002, type: 'group', title: 'أسرة التحرير' };
    const upgraded: Chat = { id: -1004002, type: 'supergroup', title: 'أسرة التحرير' };
    h.api.members.set(`${old.id}:${ALI.id}`, 'creator');
    h.api.members.set(`${upgraded.id}:${ALI.id}`, 'creator');
    await h.say('/subscribe', old);
    await h.say('/subscribe', upgraded);
    await h.say('/filter -كرة', upgraded);
    h.api.migrated.set(String(old.id), String(upgraded.id));
    const before = h.api.messages.length;
    h.setClock('2026-11-29T04:01:00Z'); // 07:01 in Riyadh: the 07:00 slot is due
    await h.app.schedule.tick();
    for (let i = 0; i < 250 && ((await h.app.store.countDeliveries()).sent ?? 0) < 1; i++) await new Promise((r) => setTimeout(r, 20));
    await new Promise((r) => setTimeout(r, 300));
    const got = h.api.messages.slice(before);
    expect(got.map((m) => m.chatId)).toEqual([String(upgraded.id)]);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: String(upgraded.id), filters: { exclude: ['كرة'] } }]);
    expect(await h.app.store.countDeliveries()).toEqual({ sent: 1 });
  });
});

describe('/time with a city', () => {
  it('«/time ٠٧:٣٠ القاهرة» sets Cairo\'s zone; a place it does not know is called an unknown zone, not an unknown briefing; briefing names still work', async () => {
    const h = await start({ 'evening.json': evening() });
    await h.say('/subscribe morning evening');
    expect(await h.say('/time ٠٧:٣٠ القاهرة')).toEqual(['سيصلك الموجز الساعة 07:30 بتوقيت القاهرة.']);
    expect((await h.say('/time 07:30 Narnia'))[0]).toContain('المنطقة الزمنية «Narnia» غير معروفة');
    expect(await h.say('/time ٨:٠٠ م دبي evening')).toEqual(['«موجز المساء»: سيصلك الموجز الساعة 20:00 بتوقيت أبوظبي.']);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ briefingId: 'morning', timeZone: 'Africa/Cairo' }, { briefingId: 'evening', deliveryTime: '20:00', timeZone: 'Asia/Dubai' }]);
  });
});

describe('commands typed with capitals', () => {
  it('«/Help», «/BRIEFING رياضة» and «/Subscribe@Briefing_Test_Bot» (a phone that capitalizes the first letter) work as in lower case', async () => {
    const h = await start();
    expect((await h.say('/Help'))[0]).toContain('الأوامر:');
    expect((await h.say('/BRIEFING رياضة'))[0]).toContain('المنتخب');
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    expect((await h.say('/Subscribe@Briefing_Test_Bot', GROUP))[0]).toContain('تم الاشتراك');
  });
});

describe('/subscribe @channel typed in a group', () => {
  it('does not subscribe the group in the channel\'s stead: it says where a channel is subscribed from', async () => {
    const h = await start();
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    const [answer] = await h.say('/subscribe @news_channel', GROUP);
    expect(answer).toContain('المحادثة الخاصة');
    expect(answer).toContain('/subscribe @news_channel');
    expect(await h.app.store.listSubscriptions()).toEqual([]);
  });
});

describe('/time and /topics without a briefing named, from a chat that has only other briefings', () => {
  const night = (): object => ({ ...evening(), id: 'night', title: 'موجز الليل', deliveryTime: '23:00' });

  it('act on the briefing the chat subscribes to, not the default one (no second subscription)', async () => {
    const h = await start({ 'evening.json': evening() });
    await h.say('/subscribe evening');
    expect(await h.say('/time 20:00')).toEqual(['«موجز المساء»: سيصلك الموجز الساعة 20:00 بتوقيت الرياض.']);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ briefingId: 'evening', deliveryTime: '20:00' }]);
    expect(await h.app.store.listSubscriptions()).toHaveLength(1);
    await h.say('/topics');
    const keyboard = h.api.messages.at(-1)!;
    expect(stripBidiControls(keyboard.text)).toBe('«موجز المساء»\nاختر المواضيع (لا شيء = كل المواضيع):');
    const sent = h.api.calls.filter((c) => c.method === 'sendMessage').at(-1)!;
    expect(JSON.stringify(sent.params.reply_markup)).toContain('topic:sports~evening');
  });

  it('with several such subscriptions, ask which, listing them, and change nothing', async () => {
    const h = await start({ 'evening.json': evening(), 'night.json': night() });
    await h.say('/subscribe evening night');
    const before = await h.app.store.listSubscriptions();
    expect(await h.say('/time ٨:٠٠ م')).toEqual(['هذه المحادثة مشتركة في أكثر من موجز: «موجز المساء» (evening)، «موجز الليل» (night). اذكر أيها تقصد، مثلاً: /time ٨:٠٠ م evening']);
    expect(await h.say('/topics')).toEqual(['هذه المحادثة مشتركة في أكثر من موجز: «موجز المساء» (evening)، «موجز الليل» (night). اذكر أيها تقصد، مثلاً: /topics evening']);
    expect(await h.app.store.listSubscriptions()).toEqual(before);
    expect(await h.say('/time 22:00 night')).toEqual(['«موجز الليل»: سيصلك الموجز الساعة 22:00 بتوقيت الرياض.']);
  });

  it('a chat with the default briefing among others, or with none, still means the default one', async () => {
    const h = await start({ 'evening.json': evening() });
    // A chat with no subscription is subscribed by its /time, and told so.
    expect(await h.say('/time 06:00')).toEqual(['تم الاشتراك في «موجز الصباح». يصلك كل يوم الساعة 06:00 بتوقيت الرياض.\nاختر المواضيع بالأمر /topics، ولإلغاء الاشتراك: /unsubscribe']);
    await h.say('/subscribe evening');
    expect(await h.say('/time 06:30')).toEqual(['سيصلك الموجز الساعة 06:30 بتوقيت الرياض.']);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ briefingId: 'morning', deliveryTime: '06:30' }, { briefingId: 'evening', deliveryTime: '19:00' }]);
  });
});

describe('a paused subscription', () => {
  it('stays paused when its words, mutes, time or topics change, with its reason; /subscribe resumes it, keeping them', async () => {
    const h = await start();
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    await h.say('/subscribe', GROUP);
    const [sub] = await h.app.store.listSubscriptions();
    await h.app.store.setSubscriptionStatus(sub!.id, 'paused', 'the bot may not post here', Date.now());
    for (const text of ['/filter -كرة +النفط', '/mute الجزيرة', '/unmute', '/mute العربية', '/time ٠٦:٤٥', '/filter clear', '/filter -المنتخب']) await h.say(text, GROUP);
    await h.press('topic:sports', GROUP);
    expect(await h.app.store.listSubscriptions()).toMatchObject([
      { id: sub!.id, status: 'paused', statusReason: 'the bot may not post here', deliveryTime: '06:45', topics: ['sports'], filters: { include: [], exclude: ['المنتخب'], muted: ['العربية'] } },
    ]);
    expect((await h.say('/settings', GROUP))[0]).toContain('موقوف');
    await h.say('/subscribe', GROUP);
    const [resumed] = await h.app.store.listSubscriptions();
    expect(resumed).toMatchObject({ id: sub!.id, status: 'active', deliveryTime: '06:45', topics: ['sports'], filters: { exclude: ['المنتخب'], muted: ['العربية'] } });
    expect(resumed!.statusReason).toBeUndefined();
  });
});

describe('a new delivery time set after the day\'s briefing came', () => {
  it('does not send the day\'s briefing again (an earlier time still in the catch-up window, a later one, another zone); the next day comes at the new time', async () => {
    const h = await start();
    await h.say('/subscribe');
    // The briefings received once every row the tick added is settled.
    const deliveries = async (): Promise<string[]> => {
      await h.app.schedule.tick();
      const settled = async (): Promise<boolean> => Object.keys(await h.app.store.countDeliveries()).every((k) => k === 'sent');
      for (let i = 0; i < 250 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 20));
      return h.api.messages.filter((m) => m.text.includes('موجز الصباح</b>') && !m.text.includes('(تابع)')).map((m) => m.text.slice(0, 40));
    };
    h.setClock('2026-11-29T04:01:00Z'); // 07:01 in Riyadh
    expect(await deliveries()).toHaveLength(1);
    h.setClock('2026-11-29T04:30:00Z');
    expect(await h.say('/time ٠٧:١٥')).toEqual(['سيصلك الموجز الساعة 07:15 بتوقيت الرياض.']);
    h.setClock('2026-11-29T04:31:00Z'); // the 07:15 slot is 16 minutes late: within the catch-up window
    expect(await deliveries()).toHaveLength(1);
    await h.say('/time ٨:٠٠ ص');
    h.setClock('2026-11-29T05:01:00Z');
    expect(await deliveries()).toHaveLength(1);
    await h.say('/time ٠٧:٠٠ الدار البيضاء'); // 06:00 UTC
    h.setClock('2026-11-29T06:01:00Z');
    expect(await deliveries()).toHaveLength(1);
    expect(await h.app.store.countDeliveries()).toEqual({ sent: 1 });
    h.setClock('2026-11-30T06:01:00Z'); // the next day, 07:01 in Casablanca
    expect(await deliveries()).toHaveLength(2);
  });
});

describe('the delivery zone as a place', () => {
  it('names the zone by its Arabic place, not its id, and reads its own answer typed back as the same zone', async () => {
    const h = await start();
    const [subscribed] = await h.say('/subscribe');
    expect(subscribed).toContain('الساعة 07:00 بتوقيت الرياض');
    expect(subscribed).not.toContain('Asia/Riyadh');
    const [set] = await h.say('/time 20:15 Africa/Casablanca');
    expect(set).toBe('سيصلك الموجز الساعة 20:15 بتوقيت الرباط.');
    expect((await h.say('/settings'))[0]).toContain('المنطقة: الرباط');
    expect((await h.say('/briefings'))[0]).toContain('20:15 بتوقيت الرباط');
    await h.say('/time 06:00 Asia/Dubai');
    // The answer's own words, typed back: the same time and zone again.
    const typedBack = /الساعة \S+ بتوقيت [^.]+/.exec(set!)![0];
    expect(await h.say(`/time ${typedBack}`)).toEqual([set]);
    expect((await h.app.store.listSubscriptions())[0]).toMatchObject({ deliveryTime: '20:15', timeZone: 'Africa/Casablanca' });
  });

  it('keeps the id of a zone with no Arabic place, isolated, and reads it typed back as shown', async () => {
    const h = await start();
    await h.say('/subscribe');
    await h.say('/time 09:00 Asia/Kolkata');
    const raw = h.api.messages.at(-1)!.text;
    expect(raw).toContain(`بتوقيت ${FSI}Asia/Kolkata\u2069`);
    await h.say('/time 06:00 القاهرة');
    const typedBack = /الساعة \S+ بتوقيت [^.]+/.exec(raw)![0];
    await h.say(`/time ${typedBack}`);
    expect((await h.app.store.listSubscriptions())[0]).toMatchObject({ deliveryTime: '09:00', timeZone: 'Asia/Kolkata' });
  });
});

describe('a channel subscribed from a private chat', () => {
  it('the answer names the channel and says its buttons set it: /time typed in the private chat would subscribe the admin instead', async () => {
    const h = await start();
    h.api.chats.set('@gulf_news', { id: -100321, type: 'channel', title: 'أخبار الخليج', username: 'gulf_news' });
    h.api.members.set(`-100321:${ALI.id}`, 'creator');
    h.api.members.set(`-100321:${BOT.id}`, 'administrator');
    const [answer] = await h.say('/subscribe @gulf_news');
    expect(answer).toBe('تم اشتراك القناة «أخبار الخليج» في «موجز الصباح». يصلها كل يوم الساعة 07:00 بتوقيت الرياض.\nاختر مواضيعها ووقتها بالأزرار أدناه (الأمران /time و/topics هنا يخصّان محادثتك أنت)، أو انشر /time في القناة نفسها.');
    expect(answer).not.toContain('يصلك');
    const calls = await h.press('time:06:30@-100321');
    expect(answers(calls).map((c) => c.params.text)).toEqual(['سيصل الموجز القناة الساعة 06:30 بتوقيت الرياض.']);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: '-100321', deliveryTime: '06:30' }]);
  });
});

describe('a channel unsubscribed from a private chat', () => {
  it('«/unsubscribe @channel» ends the channel\'s subscription for one of its admins (it was «no briefing called @channel»), leaves the admin\'s own, and refuses a reader', async () => {
    const h = await start();
    h.api.chats.set('@gulf_news', { id: -100321, type: 'channel', title: 'أخبار الخليج', username: 'gulf_news' });
    h.api.members.set(`-100321:${ALI.id}`, 'creator');
    h.api.members.set(`-100321:${BOT.id}`, 'administrator');
    await h.say('/subscribe @gulf_news');
    await h.say('/subscribe');
    const reader: Chat = { id: 502, type: 'private' };
    expect(await h.say('/unsubscribe @gulf_news', reader)).toEqual(['لا يمكنني إلغاء اشتراك هذه القناة: تأكد من اسمها وأنك مشرف فيها.']);
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    expect(await h.say('/unsubscribe @gulf_news', GROUP)).toEqual(['لإلغاء اشتراك القناة اكتب /unsubscribe @gulf_news في المحادثة الخاصة مع البوت، أو انشر /unsubscribe في القناة نفسها.']);
    expect(await h.app.store.listSubscriptions()).toHaveLength(2);
    expect(await h.say('/unsubscribe https://t.me/gulf_news morning')).toEqual(['أُلغي اشتراك القناة «أخبار الخليج» وحُذفت بياناته. لن يصلها الموجز بعد الآن.']);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: String(PRIVATE.id) }]);
    expect(await h.say('/unsubscribe @gulf_news')).toEqual(['القناة «أخبار الخليج» غير مشتركة في أي موجز.']);
    expect(await h.say('/unsubscribe @gulf_news morning')).toEqual(['القناة «أخبار الخليج» غير مشتركة في «موجز الصباح».']);
  });
});

describe('answers posted in a channel', () => {
  const CHANNEL: Chat = { id: -100444, type: 'channel', title: 'نشرة الحي' };

  it('speak of the channel, not to «you»: subscribing, its time, a briefing named to stop, and a command before subscribing', async () => {
    const h = await start({ 'evening.json': evening() });
    expect(await h.postIn(CHANNEL, '/settings')).toEqual(['هذه القناة غير مشتركة بعد. للاشتراك: /subscribe']);
    expect(await h.postIn(CHANNEL, '/subscribe morning evening')).toEqual([
      'تم اشتراك هذه القناة في «موجز الصباح». يصل إليها كل يوم الساعة 07:00 بتوقيت الرياض.',
      'تم اشتراك هذه القناة في «موجز المساء». يصل إليها كل يوم الساعة 19:00 بتوقيت الرياض.',
    ]);
    expect(await h.postIn(CHANNEL, '/time ٦:٣٠')).toEqual(['سيصل الموجز إلى هذه القناة الساعة 06:30 بتوقيت الرياض.']);
    expect(await h.postIn(CHANNEL, '/time 20:00 evening')).toEqual(['«موجز المساء»: سيصل الموجز إلى هذه القناة الساعة 20:00 بتوقيت الرياض.']);
    expect(await h.postIn(CHANNEL, '/unsubscribe evening')).toEqual(['أُلغي اشتراك هذه القناة في «موجز المساء» وحُذفت بياناته. ما زال يصل إليها: «موجز الصباح» (/settings).']);
    expect(await h.postIn(CHANNEL, '/unsubscribe evening')).toEqual(['هذه القناة غير مشتركة في «موجز المساء». اشتراكاتها: «موجز الصباح» (/settings).']);
    // An admin's ⏰ button under the channel's topics: the answer on the button speaks of the channel too.
    h.api.members.set(`${CHANNEL.id}:${ALI.id}`, 'administrator');
    expect(answers(await h.press('time:06:00', CHANNEL)).map((c) => c.params.text)).toEqual(['سيصل الموجز إلى هذه القناة الساعة 06:00 بتوقيت الرياض.']);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: String(CHANNEL.id), briefingId: 'morning', deliveryTime: '06:00' }]);
    for (const text of h.api.messages.map((m) => stripBidiControls(m.text))) expect(text).not.toMatch(/يصلك|لست|اشتراكاتك/);
  });

  it('with one briefing: subscribed, and told how to change the time and topics, in words about the channel', async () => {
    const h = await start();
    const [answer] = await h.postIn(CHANNEL, '/subscribe');
    expect(answer).toBe('تم اشتراك هذه القناة. يصل الموجز إليها كل يوم الساعة 07:00 بتوقيت الرياض.\nلتغيير الوقت: /time، ولاختيار المواضيع: /topics');
  });
});

describe('a channel with other bots', () => {
  it('«/unsubscribe@other_bot» posted in the channel leaves this bot\'s subscription (it deleted it), and «/subscribe@other_bot» does not subscribe it', async () => {
    const h = await start();
    const CHANNEL: Chat = { id: -100555, type: 'channel', title: 'قناة الأخبار' };
    const post = async (text: string): Promise<string[]> => {
      const before = h.api.messages.length;
      const command = /^\/\S+/.exec(text)![0];
      await h.post({ channel_post: { message_id: 5, date: 0, chat: CHANNEL, sender_chat: CHANNEL, text, entities: [{ type: 'bot_command', offset: 0, length: command.length }] } });
      return h.api.messages.slice(before).map((m) => stripBidiControls(m.text));
    };
    expect(await post('/subscribe@other_bot')).toEqual([]);
    expect(await h.app.store.listSubscriptions()).toEqual([]);
    expect((await post('/subscribe@briefing_test_bot'))[0]).toContain('تم اشتراك هذه القناة');
    expect(await post('/unsubscribe@other_bot')).toEqual([]);
    expect(await post('/stop@Other_Bot')).toEqual([]);
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ destination: String(CHANNEL.id), status: 'active' }]);
    // Addressed to this bot: asked first, as «/unsubscribe» alone always is; named, at once.
    expect((await post('/unsubscribe@briefing_test_bot'))[0]).toContain('هل تريد إيقاف كل ما يصل إلى هذه القناة؟');
    expect(await h.app.store.listSubscriptions()).toHaveLength(1);
    expect((await post('/unsubscribe@briefing_test_bot morning'))[0]).toContain('أُلغي اشتراك هذه القناة');
    expect(await h.app.store.listSubscriptions()).toEqual([]);
  });
});

describe('a channel where the bot is an admin that may not post', () => {
  it('is not subscribed from a private chat (its first briefing would fail and pause it unseen), and rights taken away and given back pause and resume it', async () => {
    const h = await start();
    h.api.chats.set('@gulf_news', { id: -100321, type: 'channel', title: 'أخبار الخليج', username: 'gulf_news' });
    h.api.members.set(`-100321:${ALI.id}`, 'creator');
    h.api.members.set(`-100321:${BOT.id}`, 'administrator');
    h.api.memberRights.set(`-100321:${BOT.id}`, { can_post_messages: false });
    expect(await h.say('/subscribe @gulf_news')).toEqual(['أنا مشرف في القناة لكن دون صلاحية نشر الرسائل، فلن يصلها الموجز. فعّل لي «نشر الرسائل» في إعدادات المشرفين، ثم أعد /subscribe.']);
    expect(await h.app.store.listSubscriptions()).toEqual([]);
    h.api.memberRights.set(`-100321:${BOT.id}`, { can_post_messages: true });
    expect((await h.say('/subscribe @gulf_news'))[0]).toContain('تم اشتراك القناة');
    const CHANNEL = { id: -100321, type: 'channel', title: 'أخبار الخليج' };
    const me = { id: BOT.id, is_bot: true, first_name: 'موجز' };
    const admin = (post: boolean) => ({ status: 'administrator', user: me, can_be_edited: false, is_anonymous: false, can_manage_chat: true, can_delete_messages: true, can_manage_video_chats: false, can_restrict_members: false, can_promote_members: false, can_change_info: false, can_invite_users: true, can_post_stories: false, can_edit_stories: false, can_delete_stories: false, can_post_messages: post, can_edit_messages: post });
    await h.post({ my_chat_member: { chat: CHANNEL, from: ALI, date: 0, old_chat_member: admin(true), new_chat_member: admin(false) } });
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ status: 'paused', statusReason: 'the bot may not post here' }]);
    await h.post({ my_chat_member: { chat: CHANNEL, from: ALI, date: 0, old_chat_member: admin(false), new_chat_member: admin(true) } });
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ status: 'active' }]);
  });
});

describe('a delivery time moved across midnight', () => {
  it('23:30, then /time ٠٠:٣٠ at 23:45: no second briefing 45 minutes later; the next one comes the night after', async () => {
    const h = await start();
    h.setClock('2026-11-29T19:00:00Z'); // 22:00 in Riyadh
    await h.say('/subscribe');
    await h.say('/time ١١:٣٠ م');
    const deliveries = async (): Promise<number> => {
      await h.app.schedule.tick();
      const settled = async (): Promise<boolean> => Object.keys(await h.app.store.countDeliveries()).every((k) => k === 'sent');
      for (let i = 0; i < 250 && !(await settled()); i++) await new Promise((r) => setTimeout(r, 20));
      return h.api.messages.filter((m) => m.text.includes('موجز الصباح</b>') && !m.text.includes('(تابع)')).length;
    };
    h.setClock('2026-11-29T20:31:00Z'); // 23:31
    expect(await deliveries()).toBe(1);
    h.setClock('2026-11-29T20:45:00Z');
    expect(await h.say('/time ٠٠:٣٠')).toEqual(['سيصلك الموجز الساعة 00:30 بتوقيت الرياض.']);
    h.setClock('2026-11-29T21:31:00Z'); // 00:31 on the 30th
    expect(await deliveries()).toBe(1);
    h.setClock('2026-11-30T21:31:00Z'); // 00:31 on the 1st
    expect(await deliveries()).toBe(2);
  });
});

describe('a briefing named without its «موجز»', () => {
  it('«/subscribe المساء» subscribes to «موجز المساء» (it was «no briefing called المساء»), and «/briefing المساء رياضة» answers the evening briefing, not the morning one', async () => {
    const h = await start({ 'evening.json': evening() });
    expect(await h.say('/subscribe المساء')).toEqual(['تم الاشتراك في «موجز المساء». يصلك كل يوم الساعة 19:00 بتوقيت الرياض.']);
    const [answer] = await h.say('/briefing مساء رياضة');
    expect(answer).toContain('<b>موجز المساء</b>');
    expect(answer).toContain('■ رياضة');
    // «مساء» after a time is still the evening of a 12-hour time.
    expect(await h.say('/time ٧:٣٠ مساء')).toEqual(['«موجز المساء»: سيصلك الموجز الساعة 19:30 بتوقيت الرياض.']);
    expect(await h.say('/unsubscribe الصباح')).toEqual(['لست مشتركاً في «موجز الصباح». اشتراكاتك: «موجز المساء» (/settings).']);
  });
});

describe('/filter with nothing to keep', () => {
  it('«/filter في» from a chat with words shows them, not «لا كلمات»; a lone sign is not called a common word', async () => {
    const h = await start();
    await h.say('/subscribe');
    await h.say('/filter -كرة');
    const [stop] = await h.say('/filter في');
    expect(stop).toContain('لم تُحفظ (كلمات شائعة لا تميّز خبراً): في');
    expect(stop).toContain('كلمات محذوفة (-): كرة');
    expect(stop).not.toContain('لا كلمات');
    const [sign] = await h.say('/filter -');
    expect(sign).not.toContain('كلمات شائعة');
    expect(sign).toContain('كلمات محذوفة (-): كرة');
    await h.say('/filter clear');
    expect((await h.say('/filter +'))[0]).toContain('لا كلمات ولا مصادر مكتومة.');
  });
});

describe('buttons of a topic or briefing the bot no longer has', () => {
  it('a topic taken out of the briefing, or a briefing taken away, since the keyboard was sent: the press is answered with the hint, and nothing changes', async () => {
    const h = await start();
    await h.say('/subscribe');
    const hint = 'هذا الزر لم يعد يعمل. اكتب /settings لإعداداتك أو /topics لاختيار المواضيع.';
    for (const data of ['topic:astronomy', 'topic:sports~weekend', 'time:06:30~weekend', 'tpage:1~weekend']) {
      const calls = await h.press(data);
      expect(answers(calls).map((c) => c.params.text), data).toEqual([hint]);
    }
    expect(await h.app.store.listSubscriptions()).toMatchObject([{ briefingId: 'morning', deliveryTime: '07:00', topics: [] }]);
  });
});

describe('/mute with a link pasted from a story', () => {
  it('mutes the link\'s site, as «/mute aljazeera.net» does, and «/unmute» with another link of it unmutes it', async () => {
    const h = await start();
    await h.say('/subscribe');
    const [muted] = await h.say('/mute https://www.aljazeera.net/news/2026/11/29/a-story');
    expect(muted).toContain('المصادر المكتومة: aljazeera.net');
    expect((await h.app.store.listSubscriptions())[0]!.filters!.muted).toEqual(['aljazeera.net']);
    expect(await h.say('/unmute http://aljazeera.net/')).toEqual(['لا مصادر مكتومة الآن.']);
  });
});

describe('/time in Mecca\'s time', () => {
  it('«بتوقيت مكة المكرمة», as Saudi time is often written, is Riyadh\'s zone, not a briefing called «المكرمة»', async () => {
    const h = await start();
    await h.say('/subscribe');
    expect(await h.say('/time ٧:٣٠ بتوقيت مكة المكرمة')).toEqual(['سيصلك الموجز الساعة 07:30 بتوقيت الرياض.']);
    expect(await h.say('/time 06:00 Africa/Cairo')).toEqual(['سيصلك الموجز الساعة 06:00 بتوقيت القاهرة.']);
    expect(await h.say('/time ٦:٤٥ المدينة المنورة')).toEqual(['سيصلك الموجز الساعة 06:45 بتوقيت الرياض.']);
  });
});

describe('a group where members may not send messages at delivery time', () => {
  it('pauses its subscription, and /settings says /subscribe resumes it: Telegram tells the bot nothing when the group is opened again', async () => {
    const h = await start();
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    await h.say('/subscribe', GROUP);
    // The group's own permissions, not the bot's: no my_chat_member update comes, then or when they are given back.
    h.api.failing.set('sendMessage', { code: 400, description: 'Bad Request: not enough rights to send text messages to the chat' });
    h.setClock('2026-11-29T04:01:00Z'); // 07:01 in Riyadh: the 07:00 slot is due
    await h.app.schedule.tick();
    for (let i = 0; i < 250 && (await h.app.store.listSubscriptions())[0]!.status === 'active'; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await h.app.store.listSubscriptions())[0]).toMatchObject({ status: 'paused', statusReason: 'Bad Request: not enough rights to send text messages to the chat' });
    h.api.failing.clear();
    const [settings] = await h.say('/settings', GROUP);
    expect(settings).toContain('الحالة: موقوف (لا يُسمح للبوت بالنشر هنا). للاستئناف: /subscribe');
    expect(settings).not.toContain('يُستأنف وحده');
    // Rights the bot itself lost and got back do come as an update: that pause still says it resumes by itself.
    await (await h.app.store.listSubscriptions()).reduce(async (p, s) => p.then(() => h.app.store.setSubscriptionStatus(s.id, 'paused', 'the bot may not post here', Date.now())), Promise.resolve());
    expect((await h.say('/settings', GROUP))[0]).toContain('الحالة: موقوف (لا يُسمح للبوت بالنشر هنا). يُستأنف وحده حين تعود للبوت صلاحية النشر.');
  });
});

describe('/time alone, as the command menu sends it', () => {
  it('says when the briefing comes and how to change it, not that the time is invalid; in a group, to a member too, changing nothing', async () => {
    const h = await start({ 'evening.json': evening() });
    const [none] = await h.say('/time');
    expect(none).not.toContain('غير صالح');
    expect(none).toContain('/time 07:30');
    expect(await h.app.store.listSubscriptions()).toEqual([]);
    await h.say('/subscribe morning evening');
    await h.say('/time ٦:٣٠ القاهرة morning');
    const [both] = await h.say('/time');
    expect(both).toContain('«موجز الصباح»: الساعة 06:30 بتوقيت القاهرة');
    expect(both).toContain('«موجز المساء»: الساعة 19:00 بتوقيت الرياض');
    expect(both).toContain('/time 07:30');
    // A member of a group (not an admin) may ask; only admins change it.
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'administrator');
    await h.say('/subscribe', GROUP);
    h.api.members.set(`${GROUP.id}:${ALI.id}`, 'member');
    const [inGroup] = await h.say('/time@briefing_test_bot', GROUP);
    expect(inGroup).toContain('«موجز الصباح»: الساعة 07:00 بتوقيت الرياض');
    expect(await h.say('/time 08:00', GROUP)).toEqual(['هذا الأمر لمشرفي المجموعة أو القناة فقط.']);
  });
});
