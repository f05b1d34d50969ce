/**
 * How an instance's parts fit together: the service, and delivery (engine and schedule). The app
 * and the benchmarks build instances through these functions, so that a benchmark measures what
 * runs. Nothing here imports sources, stores or channels: each caller brings its own, so that a
 * benchmark's peak RSS counts only the modules it uses.
 */
import type { ComposeOptions } from './composer/index.js';
import type { ArticleSource, Clock, DeliveryMetrics, Logger, Publisher, Store } from './core/ports.js';
import type { BriefingDefinition, Platform } from './core/types.js';
import { createDeliveryEngine, type DeliveryEngine, type DeliveryEngineOptions } from './delivery/index.js';
import { createSchedule, type RetentionDays, type Schedule } from './schedule/index.js';
import { createBriefingService, type BriefingService, type StoryWriting } from './service/index.js';

/** What the service of an instance needs. */
export interface ServiceParts {
  store: Store;
  definitions: readonly BriefingDefinition[];
  /** The sources of a briefing (default: none, for instances that only deliver stored editions). */
  sourcesFor?: (definition: BriefingDefinition) => ArticleSource[];
  clock: Clock;
  log: Logger;
  /** This instance's name in claims. */
  owner: string;
  compose?: Partial<ComposeOptions>;
  /** Feeds are polled all day: editions read what arrived since the previous one, at most this far back (see BriefingServiceDeps.arrivals). */
  arrivals?: { maxWindowMs: number };
  /** Stories sent within this many ms are not repeated (default 48 h; 0: off). */
  repeatLookbackMs?: number;
  /** LLM mode: the model behind the guard (absent: extractive). */
  writing?: StoryWriting;
}

/** Creates the briefing service of an instance. */
export function assembleService(parts: ServiceParts): BriefingService {
  return createBriefingService({
    store: parts.store,
    sourcesFor: parts.sourcesFor ?? (() => []),
    definitions: parts.definitions,
    clock: parts.clock,
    log: parts.log,
    owner: parts.owner,
    ...(parts.compose ? { compose: parts.compose } : {}),
    ...(parts.arrivals ? { arrivals: parts.arrivals } : {}),
    ...(parts.repeatLookbackMs !== undefined ? { repeatLookbackMs: parts.repeatLookbackMs } : {}),
    ...(parts.writing ? { writing: parts.writing } : {}),
  });
}

/** What delivery needs besides the service. */
export interface DeliveryParts extends Omit<ServiceParts, 'sourcesFor' | 'compose' | 'writing'> {
  service: BriefingService;
  publishers: Partial<Record<Platform, Publisher>>;
  metrics?: DeliveryMetrics;
  delivery?: Partial<DeliveryEngineOptions>;
  /** Deliveries missed by at most this many minutes still go out (default 180). */
  catchUpMinutes?: number;
  /** Days each kind of data is kept (default: kept for ever). */
  retention?: RetentionDays;
  /** Minutes before its slot that an edition is composed (default 0). */
  aheadMinutes?: number;
  /** Waits (replaced in tests). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Creates the delivery engine (which sends what the service says each subscription receives) and
 * the schedule (which wakes the engine when it has enqueued deliveries).
 */
export function assembleDelivery(parts: DeliveryParts): { engine: DeliveryEngine; schedule: Schedule } {
  const engine = createDeliveryEngine(
    {
      store: parts.store,
      publishers: parts.publishers,
      view: (subscription, edition) => parts.service.briefingFor(subscription, edition),
      clock: parts.clock,
      log: parts.log,
      owner: parts.owner,
      ...(parts.metrics ? { metrics: parts.metrics } : {}),
      ...(parts.sleep ? { sleep: parts.sleep } : {}),
    },
    parts.delivery,
  );
  const schedule = createSchedule({
    service: parts.service,
    store: parts.store,
    definitions: parts.definitions,
    clock: parts.clock,
    log: parts.log,
    ...(parts.catchUpMinutes !== undefined ? { catchUpMinutes: parts.catchUpMinutes } : {}),
    ...(parts.retention ? { retention: parts.retention } : {}),
    ...(parts.aheadMinutes ? { aheadMinutes: parts.aheadMinutes } : {}),
    onEnqueued: () => engine.wake(),
  });
  return { engine, schedule };
}
