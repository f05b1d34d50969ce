/** The composition root: the only module that knows every concrete piece. */
import { isAbsolute, join } from 'node:path';
import pino from 'pino';
import type { Config } from './config/index.js';
import type { ArticleSource, Logger, Publisher, Store } from './core/ports.js';
import type { BriefingDefinition, Briefing, Digest } from './core/types.js';
import { createBriefingService, type BriefingService } from './service/index.js';
import { createSchedule, type Schedule } from './schedule/index.js';
import { createSqliteStore } from './store/index.js';
import { createFolderSource, parseJsonArticle, parseTextArticle } from './sources/index.js';
import { composeDigest, type ComposeOptions } from './composer/index.js';
import { createConsolePublisher } from './channels/console/index.js';
import { StoreError } from './core/errors.js';

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
}

/** A created application. */
export interface BriefingApp {
  /** Starts: shows the default briefing on the console, then (unless `once`) keeps the schedule running. */
  start(options?: { once?: boolean }): Promise<Briefing | undefined>;
  /** Stops the schedule and closes the store. Safe to call twice. */
  stop(): Promise<void>;
  readonly service: BriefingService;
}

/** Creates the app from a validated configuration. */
export function createApp(config: Config, options: AppOptions = {}): BriefingApp {
  const root = options.root ?? process.cwd();
  const resolvePath = (p: string): string => (isAbsolute(p) ? p : join(root, p));
  const log: Logger = options.log ?? pino({ level: config.logLevel, base: undefined }, pino.destination({ fd: 2, sync: true }));
  const clock = { now: options.now ?? (() => new Date()) };

  let store: Store;
  if (config.store.kind === 'postgres') {
    throw new StoreError('store_unsupported', 'DATABASE_URL is set, but this version stores only in SQLite: unset DATABASE_URL to use the SQLite file.');
  }
  store = createSqliteStore({ path: resolvePath(config.store.path) });

  const sourcesFor = (def: BriefingDefinition): ArticleSource[] =>
    def.sources.flatMap((s) => {
      if (s.kind === 'folder') return [createFolderSource({ path: resolvePath(s.url), name: s.name, topics: s.topics })];
      log.warn({ briefing: def.id, source: s.name, kind: s.kind }, 'source kind not supported in this version; skipped');
      return [];
    });
  const service = createBriefingService({ store, sourcesFor, clock, log, compose: config.composer });

  if (config.telegram.token) log.warn({}, 'TELEGRAM_BOT_TOKEN is set, but this version has no Telegram channel yet; skipped');
  else log.info({}, 'Telegram channel off (no TELEGRAM_BOT_TOKEN)');
  if (config.slack.botToken) log.warn({}, 'SLACK_BOT_TOKEN is set, but this version has no Slack channel yet; skipped');
  else log.info({}, 'Slack channel off (no SLACK_BOT_TOKEN)');

  const consolePublisher: Publisher | undefined = config.console.enabled ? createConsolePublisher(options.write ? { write: options.write } : {}) : undefined;
  const consoleRef = { platform: 'console', destination: 'stdout' } as const;
  const schedule: Schedule = createSchedule({
    service,
    definitions: config.briefings,
    clock,
    log,
    catchUpMinutes: config.schedule.catchUpMinutes,
    async deliver(_def, edition) {
      if (consolePublisher) await consolePublisher.send(consoleRef, edition.briefing);
    },
  });
  let stopped = false;

  return {
    service,
    async start({ once = false } = {}) {
      const def = config.briefings.find((b) => b.id === config.defaultBriefing)!;
      let shown: Briefing | undefined;
      if (once || config.console.showOnStart) {
        const edition = await service.getOrComposeEdition(def);
        shown = edition.briefing;
        if (consolePublisher) await consolePublisher.send(consoleRef, shown);
      }
      if (!once && config.schedule.enabled) {
        schedule.start();
        log.info({ briefings: config.briefings.map((b) => `${b.id} ${b.deliveryTime} ${b.timeZone}`) }, 'schedule running; Ctrl-C to stop');
      }
      return shown;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await schedule.stop();
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
