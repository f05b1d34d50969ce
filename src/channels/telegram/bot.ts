/**
 * The Telegram bot (grammY): people subscribe in a private chat, a group, a forum topic or a
 * channel, choose topics and a delivery time in their zone, and ask for today's briefing. Arabic
 * replies; English command aliases. One Composer per command under commands/; each parses, calls
 * the service, renders and replies.
 */
import { createHash } from 'node:crypto';
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, BotError, GrammyError, type Context, type MiddlewareFn, type NextFunction } from 'grammy';
import type { Message } from 'grammy/types';
import type { UserFromGetMe } from 'grammy/types';
import { reply, rtlSafe, type CommandDeps } from './chat.js';
import { briefingCommand } from './commands/briefing.js';
import { briefingsCommand } from './commands/briefings.js';
import { filterCommand } from './commands/filter.js';
import { muteCommand } from './commands/mute.js';
import { channelPostCommands } from './commands/channel-posts.js';
import { fallbackReplies, forwardedMessages } from './commands/fallback.js';
import { helpCommand } from './commands/help.js';
import { membershipUpdates } from './commands/membership.js';
import { settingsCommand } from './commands/settings.js';
import { startCommand } from './commands/start.js';
import { subscribeCommand } from './commands/subscribe.js';
import { timeCommand } from './commands/time.js';
import { topicsCommand } from './commands/topics.js';
import { unmuteCommand } from './commands/unmute.js';
import { unsubscribeCommand } from './commands/unsubscribe.js';
import { classifyTelegramError } from './publisher.js';
import { COMMANDS, TEXT } from './texts.js';

/**
 * The update types the bot acts on, named to Telegram by setWebhook and by every getUpdates:
 * commands and their edits in chats and channels (message, edited_message, channel_post,
 * edited_channel_post; forum topics reopened and groups migrated come as messages), button
 * presses (callback_query), and its own membership (my_chat_member: blocked, removed, rights
 * taken or given back). Telegram keeps the last list it was given: without one, a list left
 * narrower by an earlier use of the token would hold back presses and membership changes.
 * A handler of another type needs its type here.
 */
export const ALLOWED_UPDATES = ['message', 'edited_message', 'channel_post', 'edited_channel_post', 'callback_query', 'my_chat_member'] as const;

/** What the bot needs. */
export interface TelegramBotDeps extends CommandDeps {
  token: string;
  /** Bot API server (default https://api.telegram.org). */
  apiRoot?: string;
  /** Known bot info (tests; otherwise fetched with getMe at start). */
  botInfo?: UserFromGetMe;
  /** Handle updates of one chat one at a time (for concurrent long polling with the runner). */
  sequentialize?: boolean;
  /** Runs before every handler; an update it does not pass on (no next()) is not handled. */
  gate?(ctx: Context, next: NextFunction): Promise<void>;
}

// What Telegram says of a press it no longer takes an answer for (too old, or answered already).
const STALE_QUERY = /query is too old|query id is invalid|response timeout expired/i;
const ANSWER_MAX = 200;
/** The calls that put the bot's words in a chat: one refused with a 400 is an answer that cannot be shown. */
const SENDS: ReadonlySet<string> = new Set(['sendMessage', 'editMessageText']);

// A button's answer within Telegram's 200 characters (UTF-16 units), cut between words with «…».
function cutAnswer(text: string): string {
  if (text.length <= ANSWER_MAX) return text;
  const head = text.slice(0, ANSWER_MAX - 1);
  const space = head.lastIndexOf(' ');
  return `${(space > ANSWER_MAX / 2 ? head.slice(0, space) : head).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** Creates the bot with every command and button; transport (polling, webhook) is the channel's. */
export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const bot = new Bot(deps.token, { ...(deps.botInfo ? { botInfo: deps.botInfo } : {}), ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}) });
  // Interactive replies wait out a 429 themselves (broadcasts are paced by the delivery engine).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  // A button's answer: its words right-to-left safe as replies are (see rtlSafe); and an answer
  // Telegram no longer takes (the press is too old, or answered already) is no failure of what
  // the press did: the change is made and the keyboard redrawn all the same.
  bot.api.config.use(async (prev, method, payload, signal) => {
    const p = payload as { text?: unknown };
    // Telegram takes at most 200 characters on a button's answer; a longer one is refused whole.
    if (method === 'answerCallbackQuery' && typeof p.text === 'string') p.text = cutAnswer(rtlSafe(p.text));
    const res = await prev(method, payload, signal);
    const stale = method === 'answerCallbackQuery' && !res.ok && res.error_code === 400 && STALE_QUERY.test(res.description ?? '');
    return stale ? { ok: true, result: true as never } : res;
  });
  const onError = async (err: BotError<Context>): Promise<void> => {
    const message = err.error instanceof Error ? err.error.message : String(err.error);
    // A chat that takes no message from the bot (blocked, kicked, no right to post: 403, or a 400
    // that means the same) is no fault of the bot's: a warning with Telegram's words, and no
    // «try again» sent where it cannot arrive. Its subscriptions are the delivery's to pause.
    const gone = classifyTelegramError(err.error);
    // (A call about another chat, a channel named in /subscribe @channel, is not this one gone.)
    const here = err.error instanceof GrammyError && err.ctx.chat !== undefined && String(err.error.payload.chat_id) === String(err.ctx.chat.id);
    if (gone.kind === 'gone' && here) {
      deps.log.warn({ chat: err.ctx.chat?.id, update: err.ctx.update.update_id, reason: gone.reason }, 'telegram reply refused: the chat takes no message from the bot');
      if (err.ctx.callbackQuery) await err.ctx.answerCallbackQuery().catch(() => undefined);
      return;
    }
    // A reply Telegram refused for good (a 400: «message is too long», «can't parse entities»)
    // is refused again however often it is asked for: no «try again», but what happened.
    const refused = gone.kind === 'permanent' && here && SENDS.has((err.error as GrammyError).method);
    deps.log.error({ err: message, update: err.ctx.update.update_id }, refused ? 'telegram refused a reply for good' : 'telegram update failed');
    const text = refused ? TEXT.notShown : TEXT.failed;
    // A press gets its answer on the button; a message, a reply in its chat and forum topic.
    if (err.ctx.callbackQuery) await err.ctx.answerCallbackQuery({ text }).catch(() => undefined);
    else if (err.ctx.chat) await reply(err.ctx, text).catch(() => undefined);
  };
  if (deps.gate) bot.use(deps.gate);
  if (deps.sequentialize) bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  // Commands work with /cmd@botname in groups (grammY matches the username). A failing handler
  // is answered here, whatever the transport: grammY's bot.catch sees only polled updates, and a
  // webhook would answer Telegram 500 and leave the person without a word.
  bot.errorBoundary(onError).use(
    editedCommands(),
    lowerCaseCommands,
    forwardedMessages(),
    startCommand(deps),
    helpCommand(),
    briefingCommand(deps),
    subscribeCommand(deps),
    timeCommand(deps),
    topicsCommand(deps),
    briefingsCommand(deps),
    filterCommand(deps),
    muteCommand(deps),
    unmuteCommand(deps),
    settingsCommand(deps),
    unsubscribeCommand(deps),
    channelPostCommands(deps),
    membershipUpdates(deps),
    fallbackReplies(),
  );
  // What fails before the handlers (the gate's claim in the store), in polling; a webhook answers 500 and Telegram sends the update again.
  bot.catch(onError);
  return bot;
}

/** An edit this long after its message is no request of now (a week-old «/unsubscribe» touched up). */
const EDIT_WINDOW_S = 3600;
/** Messages remembered per bot at most, to answer an edit only when it changes what was asked. */
const REMEMBERED_MESSAGES = 20_000;

/** Whether a message is a command: a bot_command entity at its start. */
function isCommand(msg: Message | undefined): msg is Message & { text: string } {
  const first = msg?.entities?.[0];
  return typeof msg?.text === 'string' && first?.type === 'bot_command' && first.offset === 0;
}

/**
 * A command someone fixes by editing it («/briefng» → «/briefing», «/time 7:30» → «/time 07:30»)
 * is answered as the message it now is: grammY's commands see only new messages and posts. An
 * edit gets nothing when it leaves the text as this process saw it (Telegram also sends an edit
 * when only the formatting changes), when it is no command, or when it comes over an hour after
 * the message. A message this process did not see is answered when it was sent since the process
 * started (another instance behind the same webhook took it), unless the edit makes it a
 * «/unsubscribe»; one sent before the start (a restart since) is not: an old «/unsubscribe»
 * touched up unsubscribes no one. What it saw is kept as a hash of each text, for the hour an
 * edit is answered in (20,000 messages at most); an update seen twice is the gate's (claimUpdate).
 */
function editedCommands(startedAt = Math.floor(Date.now() / 1000)): MiddlewareFn<Context> {
  const seen = new Map<string, { hash: string; date: number }>();
  const remember = (msg: Message & { text: string }): void => {
    const key = `${msg.chat.id}:${msg.message_id}`;
    seen.delete(key);
    seen.set(key, { hash: textHash(msg.text), date: msg.date });
    // Oldest first: those no edit is answered for any more, and past the cap.
    for (const [k, v] of seen) {
      if (seen.size <= REMEMBERED_MESSAGES && v.date >= msg.date - EDIT_WINDOW_S) break;
      seen.delete(k);
    }
  };
  return (ctx, next) => {
    const fresh = ctx.message ?? ctx.channelPost;
    if (fresh) {
      if (typeof fresh.text === 'string') remember(fresh as Message & { text: string });
      return next();
    }
    const edited = ctx.editedMessage ?? ctx.editedChannelPost;
    if (!edited) return next();
    if (!isCommand(edited) || (edited.edit_date ?? edited.date) - edited.date > EDIT_WINDOW_S) return Promise.resolve();
    const before = seen.get(`${edited.chat.id}:${edited.message_id}`);
    if (before ? before.hash === textHash(edited.text) : edited.date < startedAt || UNSEEN_NOT_ANSWERED.has(commandName(edited))) return Promise.resolve();
    remember(edited);
    // From here on the update is the message (or post) it now is; replies go to its chat and topic.
    const update = ctx.update;
    if (update.edited_message) {
      update.message = update.edited_message;
      delete update.edited_message;
    } else if (update.edited_channel_post) {
      update.channel_post = update.edited_channel_post;
      delete update.edited_channel_post;
    }
    return next();
  };
}

/** Commands an edit of a message this process did not see never runs: it may be an old one touched up. */
const UNSEEN_NOT_ANSWERED: ReadonlySet<string> = new Set(['unsubscribe', 'stop']);

/** A command's name, lower-cased, without «@bot». */
function commandName(msg: Message & { text: string }): string {
  return msg.text.slice(1, msg.entities![0]!.length).split('@')[0]!.toLowerCase();
}

/** A message's text as {@link editedCommands} keeps it: a short hash of the trimmed text (a message holds up to 4,096 characters). */
function textHash(text: string): string {
  return createHash('sha256').update(text.trim()).digest('base64url').slice(0, 16);
}

/**
 * «/Help» or «/BRIEFING» (a phone keyboard capitalizes the first letter) is the command in lower
 * case: grammY matches command names exactly, so the name is lowered before the handlers see it.
 */
function lowerCaseCommands(ctx: Context, next: NextFunction): Promise<void> {
  const msg = ctx.message ?? ctx.channelPost;
  if (isCommand(msg)) {
    const name = msg.text.slice(0, msg.entities![0]!.length).split('@')[0]!;
    if (name !== name.toLowerCase()) msg.text = name.toLowerCase() + msg.text.slice(name.length);
  }
  return next();
}

/** Registers the commands with their Arabic descriptions (and the English aliases, unlisted). */
export async function registerCommands(bot: Bot, signal?: Parameters<Bot['init']>[0]): Promise<void> {
  await bot.api.setMyCommands(COMMANDS.map((c) => ({ command: c.command, description: c.description })), undefined, signal);
}
