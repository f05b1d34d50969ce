/** The composition root: the only module that knows every concrete piece. */
import { hostname } from 'node:os';
import { isAbsolute, join } from 'node:path';
import pino from 'pino';
import type { Config } from './config/index.js';
import type { ArticleSource, Logger, Publisher, Store } from './core/ports.js';
import type { Article, BriefingDefinition, Briefing, Digest, Platform } from './core/types.js';
import { createBriefingService, type BriefingService } from './service/index.js';
import { createSchedule, type Schedule } from './schedule/index.js';
import { createPostgresStore, createSqliteStore } from './store/index.js';
import {
  createFeedSource,
  createFolderSource,
  createPageSource,
  decodeBytes,
  extractPage,
  fetchResource,
  feedItemToArticle,
  pageToArticle,
  parseFeedText,
  parseJsonArticle,
  parseTextArticle,
} from './sources/index.js';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { clusterStories, composeDigest, type ComposeOptions } from './composer/index.js';
import { createConsolePublisher } from './channels/console/index.js';
import { createDeliveryEngine, type DeliveryEngine } from './delivery/index.js';
import { createOpsServer, type OpsServer } from './server/index.js';
import { readPageFixtures } from './eval/page-fixtures.js';
import { scoreExtraction } from './eval/extraction.js';
import { ConfigError, SourceError } from './core/errors.js';
import { createTelegramBot, createTelegramPublisher, startTelegramTransport } from './channels/telegram/index.js';
import { createSlackChannel, createSlackPublisher } from './channels/slack/index.js';
import type { Bot } from 'grammy';

/** Options for {@link createApp}. */
export interface AppOptions {
  /** Project root; relative paths in the config resolve against it (default: process.cwd()). */
  root?: string;
  /** Logger (default: pino, JSON on stderr, at config.logLevel). */
  log?: Logger;
  /** Console channel output (default: stdout). */
  write?: (text: string) => void;
  /** Clock (default: system time). */
  now?: () => Date;
  /** Extra publishers (tests plug a recording one in). */
  publishers?: Partial<Record<Platform, Publisher>>;
}

/** A created application. */
export interface BriefingApp {
  /**
   * Starts. With `once`: composes the default briefing, prints it, returns. Otherwise: recovers
   * the ledger, shows the default briefing, serves HTTP on `port`, and runs the schedule and the
   * delivery engine until stop().
   */
  start(options?: { once?: boolean }): Promise<Briefing | undefined>;
  /** Stops taking work, lets sends in flight finish (or marks them), closes the server and the store. Safe to call twice. */
  stop(): Promise<void>;
  readonly service: BriefingService;
  readonly store: Store;
  readonly engine: DeliveryEngine;
  readonly schedule: Schedule;
  /** The HTTP server's port once started (0 before). */
  port(): number;
}

/** Creates the app from a validated configuration; connects the store (PostgreSQL when DATABASE_URL is set). */
export async function createApp(config: Config, options: AppOptions = {}): Promise<BriefingApp> {
  const root = options.root ?? process.cwd();
  const resolvePath = (p: string): string => (isAbsolute(p) ? p : join(root, p));
  const log: Logger = options.log ?? pino({ level: config.logLevel, base: undefined }, pino.destination({ fd: 2, sync: true }));
  const clock = { now: options.now ?? (() => new Date()) };
  const owner = config.instanceName ?? `${hostname()}-${process.pid}`;

  const store: Store =
    config.store.kind === 'postgres' ? await createPostgresStore({ url: config.store.url }) : createSqliteStore({ path: resolvePath(config.store.path) });

  const feeds = new Map<string, ArticleSource>();
  const sourcesFor = (def: BriefingDefinition): ArticleSource[] =>
    def.sources.flatMap((s) => {
      if (s.kind === 'folder') return [createFolderSource({ path: resolvePath(s.url), name: s.name, topics: s.topics })];
      if (s.kind === 'page') return [createPageSource({ url: s.url, name: s.name, topics: s.topics })];
      // One feed source per URL for the process: it keeps the last items for conditional GET.
      let feed = feeds.get(s.url);
      if (!feed) {
        feed = createFeedSource({ url: s.url, name: s.name, topics: s.topics, health: store, now: clock.now, fullText: s.fullText });
        feeds.set(s.url, feed);
      }
      return [feed];
    });
  const service = createBriefingService({ store, sourcesFor, clock, log, compose: config.composer, owner });

  const defaultDef = config.briefings.find((b) => b.id === config.defaultBriefing)!;
  const telegram = config.telegram.token
    ? {
        bot: createTelegramBot({
          token: config.telegram.token,
          service,
          briefing: defaultDef,
          log,
          sequentialize: !config.telegram.webhookUrl,
          ...(config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {}),
        }),
        publisher: createTelegramPublisher({ token: config.telegram.token, ...(config.telegram.apiRoot ? { apiRoot: config.telegram.apiRoot } : {}) }),
      }
    : undefined;
  if (!telegram) log.info({}, 'Telegram channel off (no TELEGRAM_BOT_TOKEN)');
  let stopTelegram: (() => Promise<void>) | undefined;
  const slackApi = config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {};
  const slack =
    config.slack.botToken && (config.slack.signingSecret || config.slack.appToken)
      ? {
          botToken: config.slack.botToken,
          ...(config.slack.signingSecret ? { signingSecret: config.slack.signingSecret } : {}),
          ...(config.slack.appToken ? { appToken: config.slack.appToken } : {}),
          publisher: createSlackPublisher({ token: config.slack.botToken, ...slackApi }),
        }
      : undefined;
  if (!config.slack.botToken) log.info({}, 'Slack channel off (no SLACK_BOT_TOKEN)');
  else if (!slack) log.warn({}, 'Slack channel off: set SLACK_SIGNING_SECRET (HTTP mode) or SLACK_APP_TOKEN (Socket Mode)');
  let stopSlack: (() => Promise<void>) | undefined;

  const consolePublisher = config.console.enabled ? createConsolePublisher(options.write ? { write: options.write } : {}) : undefined;
  const publishers: Partial<Record<Platform, Publisher>> = {
    ...(consolePublisher ? { console: consolePublisher } : {}),
    ...(telegram ? { telegram: telegram.publisher } : {}),
    ...(slack ? { slack: slack.publisher } : {}),
    ...options.publishers,
  };
  const server: OpsServer = createOpsServer({ store });
  const engine = createDeliveryEngine(
    { store, publishers, clock, log, owner, metrics: server.metrics },
    { concurrency: config.delivery.concurrency, sendTimeoutMs: config.delivery.sendTimeoutMs, maxAttempts: config.delivery.maxAttempts, heartbeatMs: config.delivery.heartbeatMs },
  );
  // A row still `sending` after the send timeout (and a margin) belongs to a sender that died.
  const staleMs = config.delivery.sendTimeoutMs + 10_000;
  const schedule = createSchedule({
    service,
    store,
    definitions: config.briefings,
    clock,
    log,
    catchUpMinutes: config.schedule.catchUpMinutes,
    onEnqueued: () => engine.wake(),
    async onTick() {
      const n = await store.recoverInFlight(clock.now().getTime() - staleMs, clock.now().getTime());
      if (n > 0) log.warn({ deliveries: n }, 'deliveries left in flight by a stopped instance marked unknown');
    },
  });
  /** Starts the Telegram channel; a failure is logged and the other channels go on. */
  async function startTelegram(bot: Bot): Promise<void> {
    try {
      stopTelegram = await startTelegramTransport(bot, {
        log,
        route: (method, path, handler) => server.route(method, path, async (req, res) => void (await handler(req, res))),
        ...(config.telegram.webhookUrl ? { webhookUrl: config.telegram.webhookUrl } : {}),
        ...(config.telegram.webhookSecret ? { webhookSecret: config.telegram.webhookSecret } : {}),
      });
    } catch (err) {
      // grammY's errors never carry the token.
      log.error({ err: (err as Error).message }, 'Telegram channel failed to start: check TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT');
    }
  }
  /** Starts the Slack channel (HTTP route or Socket Mode); a failure is logged and the other channels go on. */
  async function startSlack(deps: NonNullable<typeof slack>): Promise<void> {
    try {
      const { publisher: _publisher, ...slackDeps } = deps;
      const channel = await createSlackChannel({ ...slackDeps, service, briefing: defaultDef, log, ...slackApi });
      if (channel.mode === 'socket') {
        await channel.start();
        stopSlack = () => channel.stop();
        log.info({}, 'Slack channel on (Socket Mode)');
      } else {
        server.route('POST', '/slack/events', (req, res) => channel.handle(req, res));
        log.info({}, 'Slack channel on (HTTP mode at /slack/events)');
      }
    } catch (err) {
      log.error({ err: (err as Error).message }, 'Slack channel failed to start');
    }
  }
  let port = 0;
  let started = false;
  let stopped = false;

  return {
    service,
    store,
    engine,
    schedule,
    port: () => port,
    async start({ once = false } = {}) {
      const def = defaultDef;
      if (once) {
        const edition = await service.getOrComposeEdition(def);
        await consolePublisher?.send({ platform: 'console', destination: 'stdout' }, edition.briefing);
        return edition.briefing;
      }
      started = true;
      const now = clock.now().getTime();
      // SQLite serves one process: whatever was in flight when it stopped is unknown now.
      // PostgreSQL serves several: only rows older than any live sender's timeout.
      const recovered = await store.recoverInFlight(config.store.kind === 'sqlite' ? now + 1 : now - staleMs, now);
      if (recovered > 0) log.warn({ deliveries: recovered }, 'deliveries in flight at the last stop marked unknown (not sent again)');
      let consoleSubscription: string | undefined;
      if (consolePublisher) {
        consoleSubscription = (await service.subscribe({ platform: 'console', destination: 'stdout', briefingId: def.id, deliveryTime: def.deliveryTime, timeZone: def.timeZone })).id;
      }
      if (telegram) await startTelegram(telegram.bot);
      if (slack) await startSlack(slack);
      try {
        port = await server.listen(config.port);
      } catch (err) {
        const code = (err as { code?: string }).code;
        throw new ConfigError(
          code === 'EADDRINUSE' ? `Port ${config.port} is in use: set PORT to a free port (or 0 for any).` : `Cannot listen on port ${config.port}: ${(err as Error).message}`,
          ['port'],
          { cause: err },
        );
      }
      // The first tick runs now: what is due goes out before anything else is shown.
      if (config.schedule.enabled) {
        await schedule.tick();
        await engine.drain();
      }
      let shown: Briefing | undefined;
      if (config.console.showOnStart) {
        // Unless the scheduled console delivery just printed today's edition.
        const justDelivered =
          consoleSubscription !== undefined &&
          (await store.listDeliveries({ subscriptionId: consoleSubscription })).some((d) => d.status === 'sent' && d.updatedAt >= now);
        if (!justDelivered) {
          shown = await service.briefNow(def);
          await consolePublisher?.send({ platform: 'console', destination: 'stdout' }, shown);
        }
      }
      engine.start();
      if (config.schedule.enabled) schedule.start();
      log.info({ port, owner, briefings: config.briefings.map((b) => `${b.id} ${b.deliveryTime} ${b.timeZone}`) }, 'running; Ctrl-C to stop');
      return shown;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (started) {
        await stopTelegram?.();
        await stopSlack?.();
        await schedule.stop();
        await engine.stop(config.delivery.sendTimeoutMs);
        await server.close();
      }
      await store.close();
    },
  };
}
