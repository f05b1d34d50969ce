/**
 * The Telegram bot (grammY): people subscribe in a private chat, a group, a forum topic or a
 * channel, choose topics and a delivery time in their zone, and ask for today's briefing. Arabic
 * replies; English command aliases. One Composer per command under commands/; each parses, calls
 * the service, renders and replies.
 */
import { autoRetry } from '@grammyjs/auto-retry';
import { sequentialize } from '@grammyjs/runner';
import { Bot, type Context, type NextFunction } from 'grammy';
import type { UserFromGetMe } from 'grammy/types';
import type { CommandDeps } from './chat.js';
import { briefingCommand } from './commands/briefing.js';
import { briefingsCommand } from './commands/briefings.js';
import { filterCommand } from './commands/filter.js';
import { muteCommand } from './commands/mute.js';
import { channelPostCommands } from './commands/channel-posts.js';
import { fallbackReplies } from './commands/fallback.js';
import { helpCommand } from './commands/help.js';
import { membershipUpdates } from './commands/membership.js';
import { settingsCommand } from './commands/settings.js';
import { startCommand } from './commands/start.js';
import { subscribeCommand } from './commands/subscribe.js';
import { timeCommand } from './commands/time.js';
import { topicsCommand } from './commands/topics.js';
import { unmuteCommand } from './commands/unmute.js';
import { unsubscribeCommand } from './commands/unsubscribe.js';
import { COMMANDS, TEXT } from './texts.js';

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

/** Creates the bot with every command and button; transport (polling, webhook) is the channel's. */
export function createTelegramBot(deps: TelegramBotDeps): Bot {
  const bot = new Bot(deps.token, { ...(deps.botInfo ? { botInfo: deps.botInfo } : {}), ...(deps.apiRoot ? { client: { apiRoot: deps.apiRoot } } : {}) });
  // Interactive replies wait out a 429 themselves (broadcasts are paced by the delivery engine).
  bot.api.config.use(autoRetry({ maxRetryAttempts: 3, maxDelaySeconds: 30 }));
  if (deps.gate) bot.use(deps.gate);
  if (deps.sequentialize) bot.use(sequentialize((ctx) => ctx.chat?.id.toString()));
  // Commands work with /cmd@botname in groups (grammY matches the username).
  bot.use(
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
  bot.catch(async (err) => {
    deps.log.error({ err: err.error instanceof Error ? err.error.message : String(err.error), update: err.ctx.update.update_id }, 'telegram update failed');
    await err.ctx.reply(TEXT.failed).catch(() => undefined);
  });
  return bot;
}

/** Registers the commands with their Arabic descriptions (and the English aliases, unlisted). */
export async function registerCommands(bot: Bot): Promise<void> {
  await bot.api.setMyCommands(COMMANDS.map((c) => ({ command: c.command, description: c.description })));
}
