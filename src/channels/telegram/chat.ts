/** What every Telegram command shares: its deps, where a chat's subscription lives, who may change it, and replies in the right thread. */
import { InlineKeyboard, type Context } from 'grammy';
import { isolateLatinRuns, stripBidiControls } from '../../arabic/index.js';
import type { Logger } from '../../core/ports.js';
import { boundAtWord, cutAtWord } from '../../core/cut-at-word.js';
import type { Briefing, BriefingDefinition, ChannelRef, SubscriptionChange } from '../../core/types.js';
import { briefingsOf, changeEverySubscription, type BriefingService, type ChangeEveryResult } from '../../service/index.js';
import { TEXT, textFor } from './texts.js';

/** What each command's Composer needs. */
export interface CommandDeps {
  service: BriefingService;
  /** The briefing people subscribe to here when they name none (the configured defaultBriefing). */
  briefing: BriefingDefinition;
  /** Every briefing people may choose (default: `briefing` alone). */
  briefings?: readonly BriefingDefinition[];
  log: Logger;
  /** The web page of an edition (with a public URL): briefings end with a link to it. Default: none. */
  editionUrl?: (briefing: Briefing) => string | undefined;
}

/** Every briefing, the default first, and one by id: the service's, for the commands. */
export { briefingsOf, definitionOf } from '../../service/index.js';

/** Applies one change (words, mutes) to every live subscription of a chat, through the service. */
export function changeEvery(deps: CommandDeps, ref: ChannelRef, change: SubscriptionChange): Promise<ChangeEveryResult> {
  return changeEverySubscription(deps.service, briefingsOf(deps), ref, change);
}

/** Delivery times offered as buttons under the topics. */
const TIMES = ['06:00', '06:30', '07:00', '07:30', '08:00', '09:00'];
/** Command arguments beyond this are ignored (a 4,096-character message is not a topic). */
const MAX_ARG_CHARS = 200;

/** The subscription key of the chat (and forum topic) an update comes from. */
export function refOf(ctx: Context): ChannelRef | undefined {
  const chat = ctx.chat;
  if (!chat) return undefined;
  const thread = ctx.msg?.is_topic_message ? ctx.msg.message_thread_id : undefined;
  return { platform: 'telegram', destination: String(chat.id), ...(thread ? { threadId: String(thread) } : {}) };
}

/** The bot's words for the chat an update comes from: in a channel, about the channel rather than to «you». */
export function textOf(ctx: Context): typeof TEXT {
  return textFor(ctx.chat?.type === 'channel');
}

const isAdminStatus = (status: string): boolean => status === 'creator' || status === 'administrator';

/**
 * Whether the sender may change the chat's subscription: anyone in a private chat, an admin in a
 * group (an anonymous one too: Telegram shows the group itself as the sender of what only its
 * admins may send anonymously), and in a channel its admins only: a channel post (only admins can
 * post), or a button pressed by a member that getChatMember says is an admin (any reader can
 * press a button).
 */
export async function isAdmin(ctx: Context): Promise<boolean> {
  const chat = ctx.chat;
  if (!chat) return false;
  if (chat.type === 'private') return true;
  if (chat.type === 'channel' && ctx.channelPost) return true;
  if (ctx.message?.sender_chat?.id === chat.id) return true;
  if (!ctx.from) return false;
  return isAdminStatus((await ctx.getChatMember(ctx.from.id)).status);
}

/**
 * The subscription a button acts on: the chat it was pressed in, or the chat named in its data
 * (a channel managed from a private chat). Undefined when the presser may not change it.
 */
export async function buttonTarget(ctx: Context, named: string | undefined): Promise<ChannelRef | undefined> {
  if (named === undefined) return (await isAdmin(ctx)) ? refOf(ctx) : undefined;
  if (!ctx.from) return undefined;
  const member = await ctx.api.getChatMember(Number(named), ctx.from.id).catch(() => undefined);
  return member && isAdminStatus(member.status) ? { platform: 'telegram', destination: named } : undefined;
}

/**
 * The command's argument, trimmed and bounded (at `max` units, default 200; a word the bound
 * falls inside is left out whole, never kept cut short), without the bidi marks an Arabic keyboard
 * or a copied text brings along (an RLM before «رياضة» or «٠٧:٣٠» is invisible, and must not make
 * the topic unknown or the time invalid).
 */
export function arg(ctx: Context, max = MAX_ARG_CHARS): string {
  const m = typeof ctx.match === 'string' ? ctx.match : '';
  return boundAtWord(stripBidiControls(m).trim(), max);
}

/** Telegram's limit on a message's text, in UTF-16 units (JavaScript string length). */
const MAX_MESSAGE_UNITS = 4096;

/**
 * A plain text in parts of at most `max` UTF-16 units, cut between lines (a line longer than that
 * between words, never inside a surrogate pair), so that a long reply (/settings of several
 * briefings with their 20 words and 20 muted outlets each) is sent whole rather than refused.
 */
export function splitPlainText(text: string, max = MAX_MESSAGE_UNITS): string[] {
  const parts: string[] = [];
  let current = '';
  const pieces = text.split('\n').flatMap((line) => {
    const out: string[] = [];
    let rest = line;
    while (rest.length > max) {
      let cut = rest.lastIndexOf(' ', max);
      if (cut <= 0) cut = /[\uD800-\uDBFF]/.test(rest[max - 1]!) ? max - 1 : max;
      out.push(rest.slice(0, cut));
      rest = rest.slice(cut).trimStart();
    }
    return [...out, rest];
  });
  for (const piece of pieces) {
    if (current && current.length + 1 + piece.length > max) {
      parts.push(current);
      current = piece;
    } else current = current ? `${current}\n${piece}` : piece;
  }
  parts.push(current);
  return parts.filter((p) => p.trim().length > 0);
}

/**
 * A plain Arabic reply made right-to-left safe line by line: each Latin run, and each bot command
 * with its Latin arguments («/time 07:30 Asia/Riyadh»), in FSI…PDI, and an RLM before a line
 * that begins with one (the /help list), so that no line flips to left-to-right and no command
 * shows as «help/». Lines without Arabic stay as they are.
 */
export function rtlSafe(text: string): string {
  return text.split('\n').map((line) => isolateLatinRuns(line, { commands: true })).join('\n');
}

/**
 * Replies in the chat, inside the forum topic the update came from. A plain text is made
 * right-to-left safe ({@link rtlSafe}); over Telegram's limit it goes in several messages, the
 * buttons under the last one. (HTML, from render.ts, comes safe and within the limit.)
 */
export async function reply(ctx: Context, text: string, extra: Parameters<Context['reply']>[1] = {}): ReturnType<Context['reply']> {
  const where = ctx.msg?.is_topic_message ? { message_thread_id: ctx.msg.message_thread_id } : {};
  if (!extra.parse_mode) text = rtlSafe(text);
  const parts = extra.parse_mode || text.length <= MAX_MESSAGE_UNITS ? [text] : splitPlainText(text);
  const { reply_markup: _buttons, ...rest } = extra;
  for (const part of parts.slice(0, -1)) await ctx.reply(part, { ...where, ...rest });
  return ctx.reply(parts.at(-1)!, { ...where, ...extra });
}

/**
 * Topic buttons on one keyboard at most. Telegram refuses a keyboard of over 100 buttons or about
 * 10 kB (the whole message fails): a briefing with more topics shows them in pages.
 */
export const TOPICS_PER_PAGE = 20;
/** A topic's title on its button, in UTF-16 units at most (a longer one is cut between words). */
const BUTTON_TITLE_UNITS = 48;

/** The page of the topic buttons that holds a topic (0 for one the briefing does not have). */
export function topicPage(briefing: BriefingDefinition, topicId: string): number {
  return Math.floor(Math.max(0, briefing.topics.findIndex((t) => t.id === topicId)) / TOPICS_PER_PAGE);
}

/**
 * The topic buttons (✅ on those chosen) and the delivery-time buttons. With `target`, the
 * buttons act on that chat (a channel managed from a private chat): "topic:sports@-100123"; with
 * `other`, they act on that briefing rather than the default one: "topic:sports~evening". Over
 * {@link TOPICS_PER_PAGE} topics, `page` (from 0) of them, with buttons to the pages before and
 * after it ("tpage:1~evening@-100123"). Labels are right-to-left safe as replies are.
 */
export function topicsKeyboard(briefing: BriefingDefinition, chosen: readonly string[], target?: string, other = false, page = 0): InlineKeyboard {
  const at = `${other ? `~${briefing.id}` : ''}${target ? `@${target}` : ''}`;
  const pages = Math.max(1, Math.ceil(briefing.topics.length / TOPICS_PER_PAGE));
  const shown = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const kb = new InlineKeyboard();
  briefing.topics.slice(shown * TOPICS_PER_PAGE, (shown + 1) * TOPICS_PER_PAGE).forEach((t, i) => {
    const title = cutAtWord(t.title, BUTTON_TITLE_UNITS);
    kb.text(rtlSafe(`${chosen.includes(t.id) ? '✅ ' : ''}${title}`), `topic:${t.id}${at}`);
    if (i % 2 === 1) kb.row();
  });
  kb.row();
  if (shown > 0) kb.text(TEXT.previousTopics(shown, pages), `tpage:${shown - 1}${at}`);
  if (shown < pages - 1) kb.text(TEXT.nextTopics(shown + 2, pages), `tpage:${shown + 1}${at}`);
  kb.row();
  for (const t of TIMES.slice(0, 3)) kb.text(`⏰ ${t}`, `time:${t}${at}`);
  kb.row();
  for (const t of TIMES.slice(3)) kb.text(`⏰ ${t}`, `time:${t}${at}`);
  return kb;
}
