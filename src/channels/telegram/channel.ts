/**
 * The Telegram channel: the bot, how its updates arrive (long polling with the runner, or a
 * webhook on the instance's HTTP server), and the publisher the delivery engine sends through.
 */
import { run, type RunnerHandle } from '@grammyjs/runner';
import { createHmac } from 'node:crypto';
import { GrammyError, HttpError, webhookCallback, type Bot } from 'grammy';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Channel, ChannelState } from '../../core/ports.js';
import { ALLOWED_UPDATES, createTelegramBot, registerCommands, type TelegramBotDeps } from './bot.js';
import { createTelegramPublisher } from './publisher.js';
import type { Briefing } from '../../core/types.js';

/** The AbortSignal type grammY's methods take. */
type GrammySignal = NonNullable<Parameters<Bot['init']>[0]>;

/** What the channel needs. */
export interface TelegramChannelDeps extends Omit<TelegramBotDeps, 'sequentialize'> {
  /** Public URL of /telegram/webhook; long polling when absent. */
  webhookUrl?: string;
  /** Checked on every webhook request (401 otherwise); derived from the token when absent. */
  webhookSecret?: string;
  /** How long a webhook request waits for its update to be handled before answering 200 (default 10 s, grammY's). */
  webhookTimeoutMs?: number;
  /**
   * Time the start's calls to the Bot API (getMe, setMyCommands, setWebhook or deleteWebhook)
   * get in all (default 30 s): a network error is retried by the auto-retry plugin for ever, so
   * an API root that is down or not a Bot API (an HTML 404) held the whole start, with no log.
   */
  startTimeoutMs?: number;
  /** Mounts a route on the instance's HTTP server. */
  route(method: string, path: string, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): void;
  /**
   * Claims an update_id in the store, true the first time only: several instances behind one
   * webhook URL, Telegram's own retries, and a poller that takes over from one that died before
   * confirming its last updates must handle each update once. Default: none.
   */
  claimUpdate?(updateId: number): Promise<boolean>;
  /** Clock for the last update seen (default: now). */
  now?: () => number;
}

/** The Telegram channel, with its bot (tests drive it with handleUpdate). */
export interface TelegramChannel extends Channel {
  readonly bot: Bot;
}

/**
 * The webhook's secret token when none is configured: an HMAC of the bot token, so that every
 * instance behind one webhook URL agrees on it without another setting, and nobody without the
 * token can forge an update. 43 characters of Telegram's alphabet (A-Z a-z 0-9 _ -).
 */
export function deriveWebhookSecret(token: string): string {
  return createHmac('sha256', token).update('telegram webhook secret token').digest('base64url');
}

/**
 * Why the channel could not start, with the setting to check: Telegram answers 401 to a wrong or
 * revoked token and 404 to a token it cannot parse (or a Bot API root that is not one). Never
 * the token itself.
 */
export function explainStartFailure(err: unknown): Error {
  if (err instanceof GrammyError && err.error_code === 401) {
    return new Error('Telegram refused the bot token (401 Unauthorized): check TELEGRAM_BOT_TOKEN (the token @BotFather gives; /revoke there makes a new one)', { cause: err });
  }
  if (err instanceof GrammyError && err.error_code === 404) {
    return new Error('the Bot API answered 404 Not Found to the bot token: check TELEGRAM_BOT_TOKEN, and TELEGRAM_API_ROOT if it is set', { cause: err });
  }
  if (err instanceof HttpError) return new Error(`${err.message} (the Bot API cannot be reached, or what answers is not a Bot API): check the network, and TELEGRAM_API_ROOT if it is set`, { cause: err });
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * Creates the channel. `start` initializes the bot (getMe), registers its commands and takes
 * updates; it throws when the bot cannot start (bad token, unreachable API), and the caller logs
 * it. In `standby` a poller stops polling and a webhook answers 503, so that Telegram tries again
 * later. The publisher does not depend on the state: deliveries go out from every instance.
 */
export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  // Long polling with the runner handles updates concurrently: keep each chat's in order.
  const now = deps.now ?? (() => Date.now());
  let lastUpdateAt: number | undefined;
  const claim = deps.claimUpdate;
  const bot = createTelegramBot({
    ...deps,
    sequentialize: !deps.webhookUrl,
    // Before every handler: note the update, and handle it once across instances (a claimed
    // update whose handling fails is not tried again: at most once, as for sends).
    async gate(ctx, next) {
      lastUpdateAt = now();
      if (claim && !(await claim(ctx.update.update_id))) return;
      await next();
    },
  });
  const publisher = createTelegramPublisher({ token: deps.token, ...(deps.apiRoot ? { apiRoot: deps.apiRoot } : {}), ...(deps.editionUrl ? { editionUrl: deps.editionUrl } : {}) });
  let state: ChannelState = 'stopped';
  let initialized = false;
  let runner: RunnerHandle | undefined;
  // A webhook always has a secret: the configured one, or one derived from the token.
  const secret = deps.webhookUrl ? (deps.webhookSecret ?? deriveWebhookSecret(deps.token)) : undefined;

  async function init(signal: GrammySignal): Promise<void> {
    if (initialized) return;
    await bot.init(signal);
    await registerCommands(bot, signal).catch((err: unknown) => deps.log.warn({ err: (err as Error).message }, 'setMyCommands failed'));
    if (deps.webhookUrl) {
      // An update still being handled when the time is up (an on-demand /briefing composing from
      // slow feeds) goes on, and Telegram gets its 200: a 500 would have it send the update again,
      // which the claim drops anyway, and count an error against the webhook.
      const handle = webhookCallback(bot, 'http', { secretToken: secret!, onTimeout: 'return', timeoutMilliseconds: deps.webhookTimeoutMs ?? 10_000 });
      deps.route('POST', '/telegram/webhook', async (req, res) => {
        if (state !== 'running') return void res.writeHead(503, { 'content-type': 'text/plain' }).end('not taking updates now');
        await handle(req, res);
      });
    }
    initialized = true;
  }

  async function stopPolling(): Promise<void> {
    if (runner?.isRunning()) await runner.stop();
    runner = undefined;
  }

  return {
    platform: 'telegram',
    publisher,
    bot,
    // Telegram gives updates to one long poll at a time; webhooks reach any instance.
    exclusive: !deps.webhookUrl,
    state: () => state,
    health: () => ({ platform: 'telegram', state, mode: deps.webhookUrl ? 'webhook' : 'polling', ...(lastUpdateAt !== undefined ? { lastUpdateAt } : {}) }),
    async start() {
      if (state === 'running') return;
      // grammY types its signal with the abort-controller shim; Node's is the same at run time.
      const startTimeoutMs = deps.startTimeoutMs ?? 30_000;
      const signal = AbortSignal.timeout(startTimeoutMs) as unknown as GrammySignal;
      // Past the time, the auto-retry plugin's wait ends with its own words: say what it means.
      const failure = (err: unknown): Error =>
        signal.aborted
          ? new Error(`the Bot API did not answer within ${Math.round(startTimeoutMs / 1000)} s (it cannot be reached, or what answers is not a Bot API): check the network, and TELEGRAM_API_ROOT if it is set`, { cause: err })
          : explainStartFailure(err);
      await init(signal).catch((err: unknown) => {
        throw failure(err);
      });
      if (deps.webhookUrl) {
        await bot.api.setWebhook(deps.webhookUrl, { secret_token: secret!, allowed_updates: ALLOWED_UPDATES }, signal).catch((err: unknown) => {
          throw failure(err);
        });
        deps.log.info({ bot: bot.botInfo.username }, 'Telegram channel on (webhook at /telegram/webhook)');
      } else {
        await bot.api.deleteWebhook(undefined, signal).catch((err: unknown) => {
          throw failure(err);
        });
        runner = run(bot, { runner: { fetch: { allowed_updates: ALLOWED_UPDATES } } });
        // A poll refused for good (409: another poller; 401: the token) must not crash the process.
        void runner.task()?.catch((err: unknown) => deps.log.error({ err: (err as Error).message }, 'Telegram long polling stopped'));
        deps.log.info({ bot: bot.botInfo.username }, 'Telegram channel on (long polling)');
      }
      state = 'running';
    },
    async standby() {
      await stopPolling();
      state = 'standby';
    },
    async stop() {
      await stopPolling();
      state = 'stopped';
    },
  };
}
