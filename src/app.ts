/** The composition root: the only module that knows every concrete piece. */
import { hostname } from 'node:os';
import { isAbsolute, join } from 'node:path';
import pino from 'pino';
import type { Config } from './config/index.js';
import type { ArticleSource, Logger, Publisher, Store } from './core/ports.js';
import type { BriefingDefinition, Briefing, Digest, Platform } from './core/types.js';
import { createBriefingService, type BriefingService } from './service/index.js';
import { createSchedule, type Schedule } from './schedule/index.js';
import { createPostgresStore, createSqliteStore } from './store/index.js';
import { createFolderSource, parseJsonArticle, parseTextArticle } from './sources/index.js';
import { composeDigest, type ComposeOptions } from './composer/index.js';
import { createConsolePublisher } from './channels/console/index.js';
import { createDeliveryEngine, type DeliveryEngine } from './delivery/index.js';
import { createOpsServer, type OpsServer } from './server/index.js';
import { ConfigError } from './core/errors.js';

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

  const sourcesFor = (def: BriefingDefinition): ArticleSource[] =>
    def.sources.flatMap((s) => {
      if (s.kind === 'folder') return [createFolderSource({ path: resolvePath(s.url), name: s.name, topics: s.topics })];
      log.warn({ briefing: def.id, source: s.name, kind: s.kind }, 'source kind not supported in this version; skipped');
      return [];
    });
  const service = createBriefingService({ store, sourcesFor, clock, log, compose: config.composer, owner });

  if (config.telegram.token) log.warn({}, 'TELEGRAM_BOT_TOKEN is set, but this version has no Telegram channel yet; skipped');
  else log.info({}, 'Telegram channel off (no TELEGRAM_BOT_TOKEN)');
  if (config.slack.botToken) log.warn({}, 'SLACK_BOT_TOKEN is set, but this version has no Slack channel yet; skipped');
  else log.info({}, 'Slack channel off (no SLACK_BOT_TOKEN)');

  const consolePublisher = config.console.enabled ? createConsolePublisher(options.write ? { write: options.write } : {}) : undefined;
  const publishers: Partial<Record<Platform, Publisher>> = { ...(consolePublisher ? { console: consolePublisher } : {}), ...options.publishers };
  const server: OpsServer = createOpsServer({ store });
  const engine = createDeliveryEngine(
    { store, publishers, clock, log, owner, metrics: server.metrics },
    { concurrency: config.delivery.concurrency, sendTimeoutMs: config.delivery.sendTimeoutMs, maxAttempts: config.delivery.maxAttempts },
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
      const def = config.briefings.find((b) => b.id === config.defaultBriefing)!;
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
      if (consolePublisher) {
        await service.subscribe({ platform: 'console', destination: 'stdout', briefingId: def.id, deliveryTime: def.deliveryTime, timeZone: def.timeZone });
      }
      let shown: Briefing | undefined;
      if (config.console.showOnStart) {
        shown = await service.briefNow(def);
        await consolePublisher?.send({ platform: 'console', destination: 'stdout' }, shown);
      }
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
      engine.start();
      if (config.schedule.enabled) {
        schedule.start();
        await schedule.tick();
      }
      log.info({ port, owner, briefings: config.briefings.map((b) => `${b.id} ${b.deliveryTime} ${b.timeZone}`) }, 'running; Ctrl-C to stop');
      return shown;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (started) {
        await schedule.stop();
        await engine.stop(config.delivery.sendTimeoutMs);
        await server.close();
      }
      await store.close();
    },
  };
}

/**
 * Composes the digest of one article given as text: JSON (`{ title, text }`) when `format` is
 * "json", else plain text or Markdown with the title on the first line. Used by `npm run compose`.
 */
export function composeArticleText(
  raw: string,
  meta: { name: string; path: string; format: 'json' | 'text' },
  options: Partial<ComposeOptions> = {},
): Digest {
  const article =
    meta.format === 'json' ? parseJsonArticle(raw, meta.path, meta.name) : parseTextArticle(raw, { id: meta.name, source: { name: meta.name, url: meta.path } });
  return composeDigest(article, options);
}
