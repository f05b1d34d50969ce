/** How updates reach the bot: long polling with the runner (default), or a webhook on the app's HTTP server. */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { webhookCallback, type Bot } from 'grammy';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../../core/ports.js';
import { registerCommands } from './bot.js';

/** Options for {@link startTelegramTransport}. */
export interface TelegramTransportOptions {
  log: Logger;
  /** Public URL of /telegram/webhook; long polling when absent. */
  webhookUrl?: string;
  /** Checked on every webhook request (401 otherwise). */
  webhookSecret?: string;
  /** Mounts a route on the app's HTTP server. */
  route(method: string, path: string, handler: (req: IncomingMessage, res: ServerResponse) => unknown): void;
}

/**
 * Initializes the bot (getMe), registers its commands, and starts the transport. Returns a stop
 * function. Throws when the bot cannot start (bad token, unreachable API); the caller logs it.
 */
export async function startTelegramTransport(bot: Bot, options: TelegramTransportOptions): Promise<() => Promise<void>> {
  await bot.init();
  await registerCommands(bot).catch((err: unknown) => options.log.warn({ err: (err as Error).message }, 'setMyCommands failed'));
  if (options.webhookUrl) {
    options.route('POST', '/telegram/webhook', webhookCallback(bot, 'http', { ...(options.webhookSecret ? { secretToken: options.webhookSecret } : {}) }));
    await bot.api.setWebhook(options.webhookUrl, { ...(options.webhookSecret ? { secret_token: options.webhookSecret } : {}) });
    options.log.info({ bot: bot.botInfo.username }, 'Telegram channel on (webhook at /telegram/webhook)');
    return async () => undefined;
  }
  await bot.api.deleteWebhook();
  const runner: RunnerHandle = run(bot);
  options.log.info({ bot: bot.botInfo.username }, 'Telegram channel on (long polling)');
  return async () => {
    if (runner.isRunning()) await runner.stop();
  };
}
