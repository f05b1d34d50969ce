/**
 * /filter, /mute, /unmute, /briefings and /subscribe <briefing> against the project's fake Bot API
 * over HTTP: updates are handed to the bot, its replies are what the fake received.
 */
import type { Bot } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { createTelegramBot } from '../../src/channels/telegram/index.js';
import { stripBidiControls } from '../../src/arabic/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { BOT_INFO, morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = '123456:FILTERS-TEST';
const topics = [
  { id: 'politics', title: 'سياسة وأمن', keywords: ['الأمن', 'الاستخبارات'] },
  { id: 'sports', title: 'رياضة', keywords: ['المنتخب', 'المباراة'] },
  { id: 'economy', title: 'اقتصاد', keywords: ['الأسعار'] },
];
const morning = morningDefinition({ sources: [SAMPLES_SOURCE], topics });
const evening = morningDefinition({ id: 'evening', title: 'موجز المساء', deliveryTime: '19:00', sources: [SAMPLES_SOURCE], topics });

let fake: FakeBotApi;
let store: Store;
let bot: Bot;
let updateId = 1;
const CHAT = { id: 4242, type: 'private' as const };

beforeEach(async () => {
  // Replies in one chat follow each other at once here (the per-chat pacing is the engine's, tested elsewhere).
  fake = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 0 } });
  store = createSqliteStore({ path: ':memory:' });
  const service = samplesService(store, () => new Date('2026-11-29T05:00:00Z'), [morning, evening]);
  bot = createTelegramBot({ token: TOKEN, service, briefing: morning, briefings: [morning, evening], log: SILENT_LOGGER, apiRoot: fake.apiRoot, botInfo: BOT_INFO });
});
afterEach(async () => {
  await fake.close();
  await store.close();
});

/** Sends a command from the private chat and returns the texts of the replies it caused. */
async function say(text: string): Promise<string[]> {
  const before = fake.messages.length;
  const command = text.split(' ')[0]!;
  await bot.handleUpdate({ update_id: updateId++, message: { message_id: updateId, date: 0, chat: CHAT, from: { id: 4242, is_bot: false, first_name: 'هدى' }, text, entities: [{ type: 'bot_command', offset: 0, length: command.length }] } } as never);
  return fake.messages.slice(before).map((m) => stripBidiControls(m.text));
}
const one = async (text: string): Promise<string> => (await say(text)).join('\n');
const filtersOf = async (briefingId = 'morning') => (await store.findSubscription({ platform: 'telegram', destination: '4242' }, briefingId))?.filters;

describe('Telegram /filter', () => {
  it('asks to subscribe first', async () => {
    expect(await one('/filter +النفط')).toContain('لست مشتركاً بعد');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('adds +words and -words with diacritics and Arabic-Indic digits, shows them, and clears them', async () => {
    await say('/subscribe');
    const added = await one('/filter +النِّفط -كُرَة +٢٠٢٦');
    expect(added).toContain('كلمات مضافة (+): النِّفط، ٢٠٢٦');
    expect(added).toContain('كلمات محذوفة (-): كُرَة');
    expect(added).toContain('/topics'); // a +word with every topic chosen adds nothing: the reply says so
    expect(await filtersOf()).toEqual({ include: ['النِّفط', '٢٠٢٦'], exclude: ['كُرَة'], muted: [] });
    expect(await one('/filter')).toContain('كلمات محذوفة (-): كُرَة');
    expect(await one('/settings')).toContain('كلمات مضافة (+): النِّفط، ٢٠٢٦');
    // The same word again, on the other side and spelled without marks, moves.
    await say('/filter -نفط');
    expect(await filtersOf()).toEqual({ include: ['٢٠٢٦'], exclude: ['كُرَة', 'نفط'], muted: [] });
    expect(await one('/filter clear')).toContain('مُسحت الكلمات');
    expect(await filtersOf()).toEqual({ include: [], exclude: [], muted: [] });
    expect(await one('/filter')).toContain('لا كلمات ولا مصادر مكتومة');
  });

  it('a phrase in quotes is one -word: «/filter -"كرة القدم"» adds no +word', async () => {
    await say('/subscribe');
    const added = await one('/filter -"كرة القدم" -«الدوري الإسباني»');
    expect(added).toContain('كلمات محذوفة (-): كرة القدم، الدوري الإسباني');
    expect(added).not.toContain('كلمات مضافة');
    expect(await filtersOf()).toEqual({ include: [], exclude: ['كرة القدم', 'الدوري الإسباني'], muted: [] });
  });

  it('a word given + and - in one command ends on the side typed last, as the reply shows', async () => {
    await say('/subscribe');
    const added = await one('/filter -النفط +النِّفط');
    expect(added).toContain('كلمات مضافة (+): النِّفط');
    expect(added).not.toContain('كلمات محذوفة');
    expect(await filtersOf()).toEqual({ include: ['النِّفط'], exclude: [], muted: [] });
  });

  it('keeps no stop word, and refuses a 21st word without changing anything', async () => {
    await say('/subscribe');
    expect(await one('/filter +في')).toContain('لم تُحفظ');
    expect(await filtersOf()).toEqual({ include: [], exclude: [], muted: [] });
    const twenty = 'الذهب الفضة القمح الأرز السكر القطن الكاكاو الشاي الحديد النحاس الألمنيوم الغاز الفحم اليورو الدولار الين الليرة الدينار الريال الجنيه';
    await say(`/filter ${twenty.split(' ').map((w) => `-${w}`).join(' ')}`);
    expect((await filtersOf())!.exclude).toHaveLength(20);
    expect(await one('/filter -النفط')).toContain('لأكثر من 20 كلمة');
    expect((await filtersOf())!.exclude).not.toContain('النفط');
  });

  it('a -word holds on demand: /briefing leaves its items out', async () => {
    await say('/subscribe');
    expect(await one('/briefing')).toContain('المنتخب يتأهل إلى نهائي البطولة العربية');
    await say('/filter -المُنتخَب');
    const answer = await one('/briefing');
    expect(answer).not.toContain('المنتخب يتأهل إلى نهائي البطولة العربية');
    expect(answer).toContain('موسم التمور يبدأ بأسعار مستقرة');
  });

  it('filters that leave out every story: /briefing says so and where to see them, not «no news yet»', async () => {
    await say('/subscribe');
    await say('/mute نص تجريبي، عينات');
    const answer = await one('/briefing');
    expect(answer).toMatch(/لا شيء لك في موجز اليوم: استبعدت مواضيعك وكلماتك والمصادر المكتومة أخباره كلها \(عددها \d+\)\. راجعها بالأمر \/settings/);
    expect(answer).not.toContain('لا توجد أخبار في هذا الموجز بعد');
    // The command keeps its slash before its name in a right-to-left line.
    expect(fake.messages.at(-1)!.text).toContain('\u2068/settings\u2069');
  });

  it('/briefing about words the chat\'s own -word hides says so, rather than that there is nothing about them', async () => {
    await say('/subscribe');
    await say('/filter -المنتخب');
    expect(await one('/briefing المنتخب')).toContain('في موجز اليوم أخبار عن «المنتخب» (عددها 1)، لكن كلماتك المحذوفة (-) أو المصادر المكتومة تستبعدها كلها');
    expect(await one('/briefing الطائرات')).toContain('لا توجد أخبار عن «الطائرات»');
  });

  it('takes 19 long -words in one command whole: none cut short, none dropped', async () => {
    await say('/subscribe');
    const words = 'الاستثمارات الانتخابات المفاوضات الاحتجاجات التظاهرات الصادرات الواردات المستوطنات الجامعات المستشفيات الاتصالات المواصلات الطائرات السيارات العقوبات الاستثناءات المحروقات الاستقالات الإصلاحات'.split(' ');
    const text = words.map((w) => `-${w}`).join(' ');
    expect(text.length).toBeGreaterThan(200);
    await say(`/filter ${text}`);
    expect((await filtersOf())!.exclude).toEqual(words);
    const names = ['الجزيرة نت', 'سكاي نيوز عربية', 'بي بي سي عربي', 'فرانس 24', 'العربية نت', 'الشرق الأوسط', 'القدس العربي', 'العربي الجديد', 'اندبندنت عربية', 'روسيا اليوم', 'الحرة', 'يورونيوز', 'وكالة الأنباء الفرنسية', 'رويترز', 'الأناضول'];
    await say(`/mute ${names.join('، ')}`);
    expect((await filtersOf())!.muted).toEqual(names);
  });

  it('a long word or question cut at its limit never keeps half an emoji, which Telegram refuses in a message', async () => {
    await say('/subscribe');
    const added = await one(`/filter +${'ب'.repeat(63)}😀`);
    expect(added).toContain(`كلمات مضافة (+): ${'ب'.repeat(63)}`);
    expect((await filtersOf())!.include).toEqual(['ب'.repeat(63)]);
    expect(await one(`/mute ${'ج'.repeat(63)}🛢️`)).toContain(`المصادر المكتومة: ${'ج'.repeat(63)}`);
    // The words after a command are bounded at 200 units; the answer echoes them.
    expect(await one(`/briefing ${'ن'.repeat(199)}😀`)).toContain('لا توجد أخبار عن');
    for (const m of fake.messages) expect(m.text).not.toMatch(/\p{Cs}/u);
  });
});

describe('Telegram filters in a group', () => {
  it('only admins change them (the fake answers getChatMember with no admin status); anyone may see them', async () => {
    const group = { id: -1009, type: 'supergroup' as const, title: 'مجموعة' };
    await store.upsertSubscription({ platform: 'telegram', destination: '-1009', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', filters: { include: [], exclude: ['كرة'], muted: [] } }, 1);
    const inGroup = async (text: string): Promise<string> => {
      const before = fake.messages.length;
      await bot.handleUpdate({ update_id: updateId++, message: { message_id: updateId, date: 0, chat: group, from: { id: 7, is_bot: false, first_name: 'عضو' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] } } as never);
      return fake.messages.slice(before).map((m) => stripBidiControls(m.text)).join('\n');
    };
    expect(await inGroup('/filter -النفط')).toContain('لمشرفي المجموعة');
    expect(await inGroup('/mute الجزيرة')).toContain('لمشرفي المجموعة');
    expect(await inGroup('/unmute')).toContain('لمشرفي المجموعة');
    expect((await store.findSubscription({ platform: 'telegram', destination: '-1009' }, 'morning'))!.filters).toEqual({ include: [], exclude: ['كرة'], muted: [] });
    expect(await inGroup('/filter')).toContain('كلمات محذوفة (-): كرة');
  });
});

describe('Telegram /mute and /unmute', () => {
  it('mutes an outlet: the item only it reported goes; /unmute brings it back', async () => {
    await say('/subscribe');
    expect(await one('/mute')).toContain('/mute الجزيرة');
    const muted = await one('/mute نص تجريبي');
    expect(muted).toContain('المصادر المكتومة: نص تجريبي');
    expect(await filtersOf()).toEqual({ include: [], exclude: [], muted: ['نص تجريبي'] });
    expect(await one('/settings')).toContain('مصادر مكتومة: نص تجريبي');
    const answer = await one('/briefing');
    expect(answer).not.toContain('المنتخب يتأهل');
    expect(answer).toContain('المغرب يدعو إلى تعاون استخباراتي');
    await say('/mute العينات');
    expect((await filtersOf())!.muted).toEqual(['نص تجريبي', 'العينات']);
    expect(await one('/unmute نَص تجريبي')).toContain('المصادر المكتومة الآن: العينات');
    expect(await one('/unmute')).toContain('أُلغي كتم المصادر كلها');
    // «/unmute الكل» (all) unmutes every outlet, not one named «الكل».
    await say('/mute العينات، نص تجريبي');
    expect(await one('/unmute الكل')).toContain('أُلغي كتم المصادر كلها');
    expect((await filtersOf())!.muted).toEqual([]);
    expect(await one('/briefing')).toContain('المنتخب يتأهل');
  });
});

describe('Telegram /mute of a name no outlet has', () => {
  it('mutes it, and says that no outlet of today\'s briefing has that name (a typo, or not as shown under the stories)', async () => {
    await say('/subscribe');
    await say('/briefing'); // today's edition is composed
    const typo = await one('/mute الجزيره نت');
    expect(typo).toContain('المصادر المكتومة: الجزيره نت');
    expect(typo).toContain('تنبيه: لا مصدر في موجز اليوم باسم «الجزيره نت»');
    const both = await one('/mute العينات، سكاي نيوز');
    expect(both).toContain('باسم «سكاي نيوز»');
    expect(both).not.toContain('«العينات»'); // «العينات» mutes «عينات»
    expect(await one('/mute نص تجريبي')).not.toContain('تنبيه');
  });
});

describe('Telegram: more than one briefing', () => {
  it('/briefings lists them; /subscribe names one or several; /settings shows each; /unsubscribe names one', async () => {
    const list = await one('/briefings');
    expect(list).toContain('موجز الصباح (morning) — 07:00');
    expect(list).toContain('موجز المساء (evening) — 19:00');
    expect(list).not.toMatch(/✅ موجز/);
    expect(await one('/subscribe weekly')).toContain('لا أعرف موجزاً باسم «weekly»');
    expect(await store.listSubscriptions()).toEqual([]);
    const answers = await say('/subscribe evening morning');
    expect(answers[0]).toContain('تم الاشتراك في «موجز المساء». يصلك كل يوم الساعة 19:00');
    expect(answers[1]).toContain('تم الاشتراك في «موجز الصباح»');
    expect((await store.listSubscriptions()).map((s) => `${s.briefingId} ${s.deliveryTime}`).sort()).toEqual(['evening 19:00', 'morning 07:00']);
    expect(await one('/briefings')).toContain('✅ موجز المساء');
    // Filters and mutes apply to every subscription of the chat.
    await say('/filter -كُرة');
    await say('/mute نص تجريبي');
    for (const id of ['morning', 'evening']) expect(await filtersOf(id)).toEqual({ include: [], exclude: ['كُرة'], muted: ['نص تجريبي'] });
    const settings = await one('/settings');
    expect(settings).toContain('«موجز الصباح»\nالوقت: 07:00');
    expect(settings).toContain('«موجز المساء»\nالوقت: 19:00');
    // A topic button under the evening's topics changes the evening only; /time names a briefing too.
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: 'q1', from: { id: 4242, is_bot: false, first_name: 'هدى' }, chat_instance: 'c', data: 'topic:sports~evening', message: { message_id: 3, date: 0, chat: CHAT } } } as never);
    expect((await store.findSubscription({ platform: 'telegram', destination: '4242' }, 'evening'))!.topics).toEqual(['sports']);
    expect((await store.findSubscription({ platform: 'telegram', destination: '4242' }, 'morning'))!.topics).toEqual([]);
    expect(await one('/time ٢٠:٣٠ evening')).toContain('«موجز المساء»: سيصلك الموجز الساعة 20:30');
    expect((await store.findSubscription({ platform: 'telegram', destination: '4242' }, 'morning'))!.deliveryTime).toBe('07:00');
    await say('/unsubscribe موجز المساء');
    expect((await store.listSubscriptions()).map((s) => s.briefingId)).toEqual(['morning']);
    await say('/unsubscribe morning');
    expect(await store.listSubscriptions()).toEqual([]);
  });

  it('/briefing answers the briefing named first, else the one the chat subscribes to, through that subscription\'s filters', async () => {
    // No subscription: the default briefing.
    expect(await one('/briefing')).toContain('موجز الصباح');
    await say('/subscribe موجز المساء');
    await say('/filter -المنتخب');
    const own = await one('/briefing');
    expect(own).toContain('موجز المساء');
    expect(own).not.toContain('موجز الصباح');
    expect(own).not.toContain('المنتخب يتأهل'); // the evening subscription's -word holds
    // Named first, by id or title, with words after it: that briefing, whose subscription (none here) brings no filters.
    const named = await one('/briefing morning');
    expect(named).toContain('موجز الصباح');
    expect(named).toContain('المنتخب يتأهل');
    const asked = await one('/briefing موجز الصباح رياضة');
    expect(asked).toContain('موجز الصباح');
    expect(asked).toContain('المنتخب يتأهل');
    expect(asked).not.toContain('الأسعار');
    // Subscribed to both: the default one.
    await say('/subscribe morning');
    expect(await one('/briefing')).toContain('موجز الصباح');
  });

  it('a channel subscribes itself to briefings named in its /subscribe post, and leaves them with /unsubscribe, confirmed by an admin\'s button', async () => {
    const channel = { id: -100900, type: 'channel', title: 'قناة' };
    const postInChannel = (text: string) => bot.handleUpdate({ update_id: updateId++, channel_post: { message_id: updateId, date: 0, chat: channel, text } } as never);
    await postInChannel('/subscribe موجز المساء');
    expect((await store.listSubscriptions()).map((s) => s.briefingId)).toEqual(['evening']);
    await postInChannel('/subscribe weekly');
    expect(stripBidiControls(fake.messages.at(-1)!.text)).toContain('لا أعرف موجزاً باسم «weekly»');
    await postInChannel('/subscribe');
    expect((await store.listSubscriptions()).map((s) => s.briefingId).sort()).toEqual(['evening', 'morning']);
    await postInChannel('/unsubscribe');
    expect(stripBidiControls(fake.messages.at(-1)!.text)).toContain('هل تريد إيقاف كل ما يصل إلى هذه القناة؟');
    expect(await store.listSubscriptions()).toHaveLength(2);
    fake.members.set(`${channel.id}:4242`, 'administrator');
    await bot.handleUpdate({ update_id: updateId++, callback_query: { id: 'q2', from: { id: 4242, is_bot: false, first_name: 'هدى' }, chat_instance: 'c', data: 'unsub:all', message: { message_id: 9, date: 0, chat: channel } } } as never);
    expect(await store.listSubscriptions()).toEqual([]);
  });
});
