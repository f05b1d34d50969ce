/** The app's channels: the console, Telegram and Slack as the configuration switches them on, each module imported only then. */
import type { ConsoleChannel } from '../channels/console/index.js';
import type { Config } from '../config/index.js';
import type { Channel, Logger, Store } from '../core/ports.js';
import type { Briefing, BriefingDefinition } from '../core/types.js';
import type { OpsServer } from '../server/index.js';
import type { BriefingService } from '../service/index.js';

/** What the configured channels need from the app. */
export interface ChannelWiring {
  config: Config;
  store: Store;
  clock: { now(): Date };
  service: BriefingService;
  briefing: BriefingDefinition;
  log: Logger;
  server: OpsServer;
  write?: (text: string) => void;
  /** The web page of an edition, when the web serves it under a public URL. */
  editionUrl?: (briefing: Briefing) => string | undefined;
}

/**
 * The channels the configuration switches on, each module imported only then: the console unless
 * disabled, Telegram with a token, Slack with a bot token and a signing secret or app token.
 */
export async function createChannels(w: ChannelWiring): Promise<{ channels: Channel[]; console?: ConsoleChannel }> {
  const { config, service, briefing, log, server } = w;
  const channels: Channel[] = [];
  let consoleChannel: ConsoleChannel | undefined;
  if (config.console.enabled) {
    const { createConsoleChannel } = await import('../channels/console/index.js');
    consoleChannel = createConsoleChannel({ service, briefing, ...(w.write ? { write: w.write } : {}) });
    channels.push(consoleChannel);
  }
  const { telegram, slack } = config;
  if (telegram.token) {
    const { createTelegramChannel } = await import('../channels/telegram/index.js');
    channels.push(
      createTelegramChannel({
        token: telegram.token,
        service,
        briefing,
        briefings: config.briefings,
        log,
        route: (method, path, handler) => server.route(method, path, handler),
        // Behind one webhook URL, any instance may get an update (and Telegram retries): each is handled once.
        claimUpdate: (id) => w.store.claimUpdate('telegram', String(id), w.clock.now().getTime()),
        now: () => w.clock.now().getTime(),
        ...(w.editionUrl ? { editionUrl: w.editionUrl } : {}),
        ...(telegram.apiRoot ? { apiRoot: telegram.apiRoot } : {}),
        ...(telegram.webhookUrl ? { webhookUrl: telegram.webhookUrl } : {}),
        ...(telegram.webhookSecret ? { webhookSecret: telegram.webhookSecret } : {}),
      }),
    );
  } else log.info({}, 'Telegram channel off (no TELEGRAM_BOT_TOKEN)');
  if (!slack.botToken) log.info({}, 'Slack channel off (no SLACK_BOT_TOKEN)');
  else if (!slack.signingSecret && !slack.appToken) log.warn({}, 'Slack channel off: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  else {
    const { createSlackChannel } = await import('../channels/slack/index.js');
    channels.push(
      createSlackChannel({
        botToken: slack.botToken,
        service,
        briefing,
        briefings: config.briefings,
        log,
        route: (method, path, handler) => server.route(method, path, handler),
        ...(w.editionUrl ? { editionUrl: w.editionUrl } : {}),
        ...(slack.signingSecret ? { signingSecret: slack.signingSecret } : {}),
        ...(slack.appToken ? { appToken: slack.appToken } : {}),
        ...(slack.apiUrl ? { apiUrl: slack.apiUrl } : {}),
        changesBy: slack.changesBy,
        // A double click on «انشر في القناة» whose presses reach two instances posts once.
        postLease: { hold: (name, owner, ttlMs) => w.store.holdLease(name, owner, ttlMs, w.clock.now().getTime()), release: (name, owner) => w.store.releaseLease(name, owner) },
      }),
    );
  }
  return { channels, ...(consoleChannel ? { console: consoleChannel } : {}) };
}
