/**
 * The Telegram bot (grammY): people subscribe in a private chat, a group, a forum topic or a
 * channel, choose topics and a delivery time in their zone, and ask for today's briefing. Arabic
 * replies; English command aliases. Channels are thin: parse, call the service, render, reply.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, GrammyError, InlineKeyboard, type Context } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import { toAsciiDigits } from '../../arabic/index.js';
import type { BriefingService } from '../../service/index.js';
import type { BriefingDefinition, ChannelRef } from '../../core/types.js';
import type { Logger } from '../../core/ports.js';
import { isValidHhmm, isValidTimeZone } from '../../core/time.js';
import { renderTelegram } from './render.js';

/** What the bot needs. */
export interface TelegramBotDeps {
  token: string;
  service: BriefingService;
  /** The briefing people subscribe to here. */
  briefing: BriefingDefinition;
  log: Logger;
  /** Bot API server (default https://api.telegram.org). */
  apiRoot?: string;
  /** Known bot info (tests; otherwise fetched with getMe at start). */
  botInfo?: UserFromGetMe;
  /** Handle updates of one chat one at a time (for concurrent long polling with the runner). */
  sequentialize?: boolean;
}

/** Commands with their Arabic descriptions, as registered with setMyCommands. */
export const COMMANDS: readonly { command: string; description: string; aliases: string[] }[] = [
  { command: 'start', description: 'ما يفعله البوت وزر الاشتراك', aliases: [] },
  { command: 'briefing', description: 'موجز اليوم الآن (مع موضوع أو كلمة: ما يطابقها فقط)', aliases: ['brief'] },
  { command: 'subscribe', description: 'الاشتراك في موجز الصباح', aliases: ['sub'] },
  { command: 'time', description: 'وقت التسليم: /time 07:30 Asia/Riyadh', aliases: [] },
  { command: 'topics', description: 'اختيار المواضيع', aliases: [] },
  { command: 'settings', description: 'إعدادات الاشتراك', aliases: [] },
  { command: 'unsubscribe', description: 'إلغاء الاشتراك', aliases: ['stop'] },
  { command: 'help', description: 'قائمة الأوامر', aliases: [] },
];

const TIMES = ['06:00', '06:30', '07:00', '07:30', '08:00', '09:00'];
const MAX_ARG_CHARS = 200;

const TEXT = {
  welcome: (title: string) => `أهلاً بك في بوت «${title}».\nأرسل لك كل صباح موجزاً عربياً قصيراً لأهم الأخبار، كل خبر بمصادره.\nاشترك بالزر أدناه، أو اطلب موجز اليوم الآن بالأمر /briefing.`,
  help: () => ['الأوامر:', ...COMMANDS.map((c) => `/${c.command} — ${c.description}`)].join('\n'),
  adminsOnly: 'هذا الأمر لمشرفي المجموعة أو القناة فقط.',
  subscribed: (time: string, zone: string) => `تم الاشتراك. يصلك الموجز كل يوم الساعة ${time} بتوقيت ${zone}.\nغيّر الوقت بالأمر /time واختر المواضيع بالأمر /topics.`,
  notSubscribed: 'لست مشتركاً بعد. اشترك بالأمر /subscribe.',
  unsubscribed: 'أُلغي الاشتراك. لن يصلك الموجز بعد الآن. للعودة: /subscribe',
  badTime: 'الوقت غير صالح. اكتبه هكذا: /time 07:30 أو /time ٠٧:٣٠ Asia/Riyadh',
  badZone: (zone: string) => `المنطقة الزمنية «${zone}» غير معروفة. اكتب اسماً مثل Asia/Riyadh أو Africa/Cairo.`,
  timeSet: (time: string, zone: string) => `سيصلك الموجز الساعة ${time} بتوقيت ${zone}.`,
  noMatch: (topic: string) => `لا توجد أخبار عن «${topic}» في موجز اليوم. اكتب /topics لمعرفة المواضيع، أو /briefing للموجز كاملاً.`,
  unknown: 'لا أعرف هذا الأمر. اكتب /help لقائمة الأوامر.',
  chatHelp: 'اكتب /briefing لموجز اليوم، أو /help لقائمة الأوامر.',
  failed: 'حدث خطأ مؤقت، حاول بعد قليل.',
  channelNotAdmin: 'لا يمكنني الاشتراك بهذه القناة: تأكد أنك مشرف فيها وأنني مشرف أيضاً.',
  topicsTitle: 'اختر المواضيع (لا شيء = كل المواضيع):',
  settings: (s: { time: string; zone: string; topics: string; status: string }) => `الوقت: ${s.time}\nالمنطقة: ${s.zone}\nالمواضيع: ${s.topics}\nالحالة: ${s.status}`,
};

function refOf(ctx: Context): ChannelRef | undefined {
  const chat = ctx.chat;
  if (!chat) return undefined;
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  return { platform: 'telegram', destination: String(chat.id), ...(thread ? { threadId: String(thread) } : {}) };
}

async function isAdmin(ctx: Context): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (chat.type === 'private') return true;
  if (chat.type === 'channel') return true; // only admins can post in a channel
  if (!ctx.from) return false;
  const member = await ctx.getChatMember(ctx.from.id);
  return member.status === 'creator' || member.status === 'administrator';
}

function arg(ctx: Context): string {
  const m = typeof ctx.match === 'string' ? ctx.match : '';
  return m.trim().slice(0, MAX_ARG_CHARS);
}

/** Parses "/time" arguments: "07:30", "٠٧:٣٠ Asia/Riyadh", "7:05". */
export function parseTimeArgs(text: string, defaultZone: string): { time: string; zone: string } | { error: 'time' | 'zone'; zone?: string } {
  const [rawTime, rawZone] = toAsciiDigits(text).trim().split(/\s+/);
  const m = /^(\d{1,2})[:.٫](\d{2})$/.exec(rawTime ?? '');
  const time = m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : '';
  if (!isValidHhmm(time)) return { error: 'time' };
  const zone = rawZone ?? defaultZone;
  if (!isValidTimeZone(zone)) return { error: 'zone', zone };
  return { time, zone };
}

/** Creates the bot with every command and button; transport (polling, webhook) is the app's. */
export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const { service, briefing, log } = deps;
  const bot = new Bot(deps.token, { ...(deps.botInfo ? { botInfo: deps.botInfo } : {}), ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}) });
  // Interactive replies wait out a 429 themselves (broadcasts are paced by the delivery engine).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  if (deps.sequentialize) bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  const topicsKeyboard = (chosen: readonly string[]): InlineKeyboard => {
    const kb = new InlineKeyboard();
    briefing.topics.forEach((t, i) => {
      kb.text(`${chosen.includes(t.id) ? '✅ ' : ''}${t.title}`, `topic:${t.id}`);
      if (i % 2 === 1) kb.row();
    });
    kb.row();
    for (const t of TIMES.slice(0, 3)) kb.text(`⏰ ${t}`, `time:${t}`);
    kb.row();
    for (const t of TIMES.slice(3)) kb.text(`⏰ ${t}`, `time:${t}`);
    return kb;
  };
  const reply = (ctx: Context, text: string, extra: Parameters<Context['reply']>[1] = {}) =>
    ctx.reply(text, { ...(ctx.msg?.is_topic_message ? { message_thread_id: ctx.msg.message_thread_id } : {}), ...extra });

  const subscribe = async (ctx: Context, ref: ChannelRef, time = briefing.deliveryTime, zone = briefing.timeZone): Promise<void> => {
    const existing = await service.subscription(ref, briefing.id);
    const sub = await service.subscribe({
      ...ref,
      briefingId: briefing.id,
      deliveryTime: existing && existing.status !== 'gone' && time === briefing.deliveryTime ? existing.deliveryTime : time,
      timeZone: existing && existing.status !== 'gone' && zone === briefing.timeZone ? existing.timeZone : zone,
      topics: existing?.topics ?? [],
    });
    await reply(ctx, TEXT.subscribed(sub.deliveryTime, sub.timeZone), { reply_markup: topicsKeyboard(sub.topics) });
  };

  // Commands work with /cmd@botname in groups (grammY matches the username).
  bot.command('start', async (ctx) => {
    await reply(ctx, TEXT.welcome(briefing.title), { reply_markup: new InlineKeyboard().text('اشترك في الموجز', 'subscribe') });
  });
  bot.command('help', (ctx) => reply(ctx, TEXT.help()));
  bot.command(['briefing', 'brief'], async (ctx) => {
    const topic = arg(ctx);
    const b = await service.briefNow(briefing, topic ? [topic] : []);
    if (topic && b.groups.length === 0) return void (await reply(ctx, TEXT.noMatch(topic)));
    for (const html of renderTelegram(b)) await reply(ctx, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
  });
  bot.command(['subscribe', 'sub'], async (ctx) => {
    const target = arg(ctx);
    if (target.startsWith('@') && ctx.chat?.type === 'private' && ctx.from) {
      // Subscribing a channel from a private chat: the requester must be its admin, and so must the bot.
      try {
        const chat = await ctx.api.getChat(target);
        const [member, me] = await Promise.all([ctx.api.getChatMember(chat.id, ctx.from.id), ctx.api.getChatMember(chat.id, ctx.me.id)]);
        const admin = (s: string): boolean => s === 'creator' || s === 'administrator';
        if (chat.type !== 'channel' || !admin(member.status) || !admin(me.status)) return void (await reply(ctx, TEXT.channelNotAdmin));
        return subscribe(ctx, { platform: 'telegram', destination: String(chat.id) });
      } catch (err) {
        if (err instanceof GrammyError) return void (await reply(ctx, TEXT.channelNotAdmin));
        throw err;
      }
    }
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    await subscribe(ctx, refOf(ctx)!);
  });
  bot.command('time', async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const parsed = parseTimeArgs(arg(ctx), briefing.timeZone);
    if ('error' in parsed) return void (await reply(ctx, parsed.error === 'time' ? TEXT.badTime : TEXT.badZone(parsed.zone ?? '')));
    const ref = refOf(ctx)!;
    const existing = await service.subscription(ref, briefing.id);
    await service.subscribe({ ...ref, briefingId: briefing.id, deliveryTime: parsed.time, timeZone: parsed.zone, topics: existing?.topics ?? [] });
    await reply(ctx, TEXT.timeSet(parsed.time, parsed.zone));
  });
  bot.command('topics', async (ctx) => {
    const sub = await service.subscription(refOf(ctx)!, briefing.id);
    await reply(ctx, TEXT.topicsTitle, { reply_markup: topicsKeyboard(sub?.topics ?? []) });
  });
  bot.command('settings', async (ctx) => {
    const sub = await service.subscription(refOf(ctx)!, briefing.id);
    if (!sub || sub.status === 'gone') return void (await reply(ctx, TEXT.notSubscribed));
    const topics = sub.topics.map((id) => briefing.topics.find((t) => t.id === id)?.title ?? id).join('، ') || 'كل المواضيع';
    const status = sub.status === 'active' ? 'نشط' : `موقوف (${sub.statusReason ?? ''})`;
    await reply(ctx, TEXT.settings({ time: sub.deliveryTime, zone: sub.timeZone, topics, status }));
  });
  bot.command(['unsubscribe', 'stop'], async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    const had = await service.unsubscribe(refOf(ctx)!, briefing.id);
    await reply(ctx, had ? TEXT.unsubscribed : TEXT.notSubscribed);
  });

  bot.callbackQuery('subscribe', async (ctx) => {
    await ctx.answerCallbackQuery();
    if (!(await isAdmin(ctx))) return void (await reply(ctx, TEXT.adminsOnly));
    await subscribe(ctx, refOf(ctx)!);
  });
  bot.callbackQuery(/^topic:(.+)$/, async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    const id = ctx.match[1]!;
    if (!briefing.topics.some((t) => t.id === id)) return void (await ctx.answerCallbackQuery());
    const ref = refOf(ctx)!;
    const sub = await service.subscription(ref, briefing.id);
    const topics = sub?.topics.includes(id) ? sub.topics.filter((t) => t !== id) : [...(sub?.topics ?? []), id];
    const saved = await service.subscribe({ ...ref, briefingId: briefing.id, deliveryTime: sub?.deliveryTime ?? briefing.deliveryTime, timeZone: sub?.timeZone ?? briefing.timeZone, topics });
    await ctx.answerCallbackQuery({ text: 'تم' });
    await ctx.editMessageReplyMarkup({ reply_markup: topicsKeyboard(saved.topics) }).catch(() => undefined);
  });
  bot.callbackQuery(/^time:(\d\d:\d\d)$/, async (ctx) => {
    if (!(await isAdmin(ctx))) return void (await ctx.answerCallbackQuery({ text: TEXT.adminsOnly }));
    const ref = refOf(ctx)!;
    const sub = await service.subscription(ref, briefing.id);
    const zone = sub?.timeZone ?? briefing.timeZone;
    await service.subscribe({ ...ref, briefingId: briefing.id, deliveryTime: ctx.match[1]!, timeZone: zone, topics: sub?.topics ?? [] });
    await ctx.answerCallbackQuery({ text: TEXT.timeSet(ctx.match[1]!, zone) });
  });

  // A channel subscribes itself with a "/subscribe" channel post (only its admins can post).
  bot.on('channel_post:text', async (ctx) => {
    if (/^\/(subscribe|sub)(@\w+)?\b/.test(ctx.channelPost.text)) await subscribe(ctx, refOf(ctx)!);
    else if (/^\/(unsubscribe|stop)(@\w+)?\b/.test(ctx.channelPost.text)) {
      await service.unsubscribe(refOf(ctx)!, briefing.id);
      await reply(ctx, TEXT.unsubscribed);
    }
  });

  // The bot blocked, kicked or demoted: pause at once; re-added: resume.
  bot.on('my_chat_member', async (ctx) => {
    const status = ctx.myChatMember.new_chat_member.status;
    const ref = { platform: 'telegram' as const, destination: String(ctx.chat.id) };
    const mustAdmin = ctx.chat.type === 'channel';
    const able = mustAdmin ? status === 'administrator' : status === 'member' || status === 'administrator' || status === 'creator';
    const reason = status === 'kicked' ? (ctx.chat.type === 'private' ? 'the user blocked the bot' : 'the bot was removed') : status === 'left' ? 'the bot left the chat' : 'the bot is no longer an admin';
    const n = await service.setPaused(ref, !able, reason);
    if (n > 0) log.info({ chat: ref.destination, status, paused: !able }, 'telegram membership changed');
  });

  bot.on('message:text', async (ctx) => {
    if (ctx.msg.text.startsWith('/')) return void (await reply(ctx, TEXT.unknown));
    if (ctx.chat.type === 'private') await reply(ctx, TEXT.chatHelp);
  });
  bot.on('message', async (ctx) => {
    if (ctx.chat.type === 'private') await reply(ctx, TEXT.chatHelp);
  });

  bot.catch(async (err) => {
    log.error({ err: err.error instanceof Error ? err.error.message : String(err.error), update: err.ctx.update.update_id }, 'telegram update failed');
    await err.ctx.reply(TEXT.failed).catch(() => undefined);
  });
  return bot;
}

/** Registers the commands with their Arabic descriptions (and the English aliases, unlisted). */
export async function registerCommands(bot: Bot): Promise<void> {
  await bot.api.setMyCommands(COMMANDS.map((c) => ({ command: c.command, description: c.description })));
}
