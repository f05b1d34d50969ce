/**
 * The composition root: the only module that knows every concrete piece. It puts an instance
 * together from the configuration and runs its start-up order; what each piece does lives in
 * that piece (see docs/ARCHITECTURE.md). The channels, the web pages, the polled feeds and the
 * LLM mode are built from the configuration in app/.
 */
import { hostname } from 'node:os';
import pino from 'pino';
import { llmModeProblem, type BriefingWarning, type Config } from './config/index.js';
import { ConfigError } from './core/errors.js';
import type { Channel, Clock, Logger, Publisher, Store } from './core/ports.js';
import type { Briefing, Platform } from './core/types.js';
import type { DeliveryEngine } from './delivery/index.js';
import { createFeedPoller, createLeaseKeeper, type FeedPoller, type LeaseKeeper, type Schedule } from './schedule/index.js';
import { createHealth, createOpsServer } from './server/index.js';
import type { BriefingService } from './service/index.js';
import { createSourceCatalog } from './sources/index.js';
import { openStore } from './store/index.js';
import { createChannels } from './app/channels.js';
import { polledFeeds } from './app/feeds.js';
import { createStoryWriting } from './app/story-writing.js';
import { mountWeb } from './app/web.js';
import { assembleDelivery, assembleService } from './wiring.js';

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
  /** Briefing files the configuration left out (loadConfig's onBriefingLeftOut): each logged once, as a warning, with what to fix. */
  briefingWarnings?: readonly BriefingWarning[];
}

/** A created application. */
export interface BriefingApp {
  /**
   * Starts. With `once`: composes the default briefing, prints it, returns. Otherwise: starts the
   * channels, serves HTTP on `port`, runs the first schedule tick and its deliveries, shows the
   * default briefing on the console, then runs the schedule and the delivery engine until stop().
   */
  start(options?: { once?: boolean }): Promise<Briefing | undefined>;
  /** Stops taking work, lets sends in flight finish (or marks them), closes the server and the store. Safe to call twice. */
  stop(): Promise<void>;
  readonly service: BriefingService;
  readonly store: Store;
  readonly engine: DeliveryEngine;
  readonly schedule: Schedule;
  /** The background polls of the briefings' feeds (absent with feeds.poll off). */
  readonly poller?: FeedPoller;
  /** The HTTP server's port once started (0 before). */
  port(): number;
}

/** Creates the app from a validated configuration; connects the store (PostgreSQL when DATABASE_URL is set). */
export async function createApp(config: Config, options: AppOptions = {}): Promise<BriefingApp> {
  const root = options.root ?? process.cwd();
  const log: Logger = options.log ?? pino({ level: config.logLevel, base: undefined }, pino.destination({ fd: 2, sync: true }));
  const clock = { now: options.now ?? (() => new Date()) };
  const owner = config.instanceName ?? `${hostname()}-${process.pid}`;
  const definitions = config.briefings;
  const defaultDef = definitions.find((b) => b.id === config.defaultBriefing)!;

  // Checked before anything opens: llm mode without an endpoint stops the start with one message.
  const llmProblem = llmModeProblem(config);
  if (llmProblem) throw new ConfigError(`Invalid configuration:\n  - ${llmProblem}`, [llmProblem]);
  for (const w of options.briefingWarnings ?? []) {
    log.warn({ file: w.where, problems: w.problems }, `${w.where}: left out, the other briefings run: ${w.problems.join('; ')}`);
  }
  const store = await openStore(config.store, root);
  const sourcesFor = createSourceCatalog({ health: store, now: clock.now, root, allowHosts: config.fetch.allowHosts, timeoutMs: config.fetch.timeoutMs });
  // Feeds read all day: each feed polled on its own interval, one instance per feed at a time;
  // an edition covers what arrived since the previous one (config feeds, edition).
  const poller = config.feeds.poll ? createFeedPoller({ store, feeds: polledFeeds(config, sourcesFor, store, clock), owner, clock, log }) : undefined;
  const server = createOpsServer({ store, log, ...(config.metrics.token ? { metricsToken: config.metrics.token } : {}) });
  const llm = await createStoryWriting(config, log, server.composerMetrics).catch(async (err: unknown) => {
    await store.close();
    throw err;
  });
  const service = assembleService({
    store,
    definitions,
    sourcesFor,
    clock,
    log,
    owner,
    compose: { maxBullets: config.composer.maxBullets, maxBulletWords: config.composer.maxBulletWords },
    ...(llm ? { writing: llm.writing } : {}),
    ...(poller ? { arrivals: { maxWindowMs: config.edition.maxWindowHours * 3_600_000 } } : {}),
    repeatLookbackMs: config.edition.repeatLookbackHours * 3_600_000,
  });
  const editionUrl = await mountWeb({ config, store, clock, log, server, ...(llm ? { guard: () => llm.journal.report() } : {}) });
  const { channels, console: consoleChannel } = await createChannels({
    config,
    store,
    clock,
    service,
    briefing: defaultDef,
    log,
    server,
    ...(options.write ? { write: options.write } : {}),
    ...(editionUrl ? { editionUrl } : {}),
  });
  const publishers = { ...Object.fromEntries(channels.map((c) => [c.platform, c.publisher])), ...options.publishers };
  const { engine, schedule } = assembleDelivery({
    store,
    definitions,
    clock,
    log,
    owner,
    service,
    publishers,
    metrics: server.metrics,
    // SQLite serves one process: whatever was in flight when it stopped is unknown at the next start.
    delivery: { ...config.delivery, exclusiveStore: config.store.kind === 'sqlite' },
    catchUpMinutes: config.schedule.catchUpMinutes,
    retention: config.retention,
    // A model takes seconds per story: in llm mode editions are composed ahead of their slot.
    aheadMinutes: config.composer.aheadMinutes ?? (config.composer.mode === 'llm' ? 15 : 0),
  });

  // A channel only one instance may run (Telegram's long poll) runs while this instance holds its
  // lease; the others keep it in standby, and take over within about 10 s when the holder dies.
  const leases = new Map<Channel, LeaseKeeper>(
    channels
      .filter((c) => c.exclusive)
      .map((c) => [c, createLeaseKeeper({ store, name: `${c.platform}-updates`, owner, clock, log, onAcquired: () => c.start(), onLost: () => c.standby() })]),
  );
  const health = createHealth({
    store,
    owner,
    clock,
    channels: () => channels.map((c) => c.health()),
    leases: () => Object.fromEntries([...leases].map(([c, keeper]) => [`${c.platform}-updates`, keeper.holds()])),
    lastTickAt: () => schedule.lastTickAt(),
  });
  server.route('GET', '/livez', health.livez);
  server.route('GET', '/readyz', health.readyz);
  // /healthz stays for today's callers, now with the write probe (a full disk is not healthy).
  server.route('GET', '/healthz', health.readyz);

  let port = 0;
  let started = false;
  let stopped = false;
  // The start-up in progress: stop() lets its current step end (sends in flight are recorded).
  let starting: Promise<unknown> = Promise.resolve();

  /** The start-up order; each step checks whether stop() came meanwhile (SIGTERM during the catch-up). */
  async function startUp(): Promise<Briefing | undefined> {
    const startedAt = clock.now().getTime();
    for (const channel of channels) {
      if (stopped) return undefined;
      // One channel that cannot start (a bad token, an unreachable API) never stops the others.
      const keeper = leases.get(channel);
      await (keeper ? keeper.start() : channel.start()).catch((err: unknown) =>
        log.error({ channel: channel.platform, err: (err as Error).message }, `${channel.platform} channel failed to start: check its token and API settings`),
      );
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
    // The feeds' first polls end before the first edition is composed; the server answers health
    // checks and webhooks meanwhile (a first round of slow feeds may take minutes).
    if (poller && !stopped) await poller.start();
    // The first tick runs now: what is due goes out before anything else is shown.
    if (config.schedule.enabled && !stopped) {
      await schedule.tick();
      await engine.drain();
    }
    if (stopped) return undefined;
    const shown = config.console.showOnStart ? await consoleChannel?.showToday(startedAt) : undefined;
    if (stopped) return shown;
    engine.start();
    if (config.schedule.enabled) schedule.start();
    log.info({ port, owner, briefings: definitions.map((b) => `${b.id} ${b.deliveryTime} ${b.timeZone}`) }, 'running; Ctrl-C to stop');
    return shown;
  }

  return {
    service,
    store,
    engine,
    schedule,
    ...(poller ? { poller } : {}),
    port: () => port,
    async start({ once = false } = {}) {
      if (once) {
        // One round of polls stands for the day's: what the feeds carry now.
        await poller?.pollDue();
        return consoleChannel ? consoleChannel.showOnce() : (await service.getOrComposeEdition(defaultDef)).briefing;
      }
      started = true;
      const run = startUp();
      starting = run.catch(() => undefined);
      return run;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (started) {
        // The engine first: a start-up catch-up in progress takes no new row, and its sends in
        // flight finish and are recorded (within the send timeout); then the start-up's step ends.
        await engine.stop(config.delivery.sendTimeoutMs);
        await starting;
        for (const keeper of leases.values()) await keeper.stop();
        await poller?.stop();
        for (const channel of channels) await channel.stop();
        await schedule.stop();
        await server.close();
      }
      health.stop();
      await store.close();
    },
  };
}
