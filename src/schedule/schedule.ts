/** The schedule: the project's only node-cron user. A tick every minute delivers editions that are due. */
import cron, { type ScheduledTask } from 'node-cron';
import type { Clock, Edition, Logger } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import { toLocalParts, toMinutes } from '../core/time.js';
import type { BriefingService } from '../service/index.js';

/** What the schedule needs. */
export interface ScheduleDeps {
  service: BriefingService;
  definitions: readonly BriefingDefinition[];
  /** Sends a due edition to its subscribers. */
  deliver(definition: BriefingDefinition, edition: Edition): Promise<void>;
  clock: Clock;
  log: Logger;
  /** Deliveries missed by at most this many minutes still go out (default 180). */
  catchUpMinutes?: number;
}

/** A running schedule. */
export interface Schedule {
  /** Starts the minute tick. */
  start(): void;
  /** Stops ticking and waits for a tick in progress. */
  stop(): Promise<void>;
  /** Runs one tick now (the cron job calls this; tests call it with a fixed clock). */
  tick(): Promise<{ delivered: string[]; skipped: string[] }>;
}

/**
 * Creates the schedule. A briefing is due on a local date once its local delivery time has come;
 * it is delivered once per date, and a delivery more than `catchUpMinutes` late is skipped.
 */
export function createSchedule(deps: ScheduleDeps): Schedule {
  const catchUp = deps.catchUpMinutes ?? 180;
  const handled = new Set<string>();
  let task: ScheduledTask | undefined;
  let running: Promise<unknown> = Promise.resolve();

  async function tick(): Promise<{ delivered: string[]; skipped: string[] }> {
    const now = deps.clock.now();
    const delivered: string[] = [];
    const skipped: string[] = [];
    for (const def of deps.definitions) {
      const local = toLocalParts(now, def.timeZone);
      const key = `${def.id}|${local.date}|${def.deliveryTime}`;
      if (handled.has(key)) continue;
      const late = toMinutes(local.time) - toMinutes(def.deliveryTime);
      if (late < 0) continue;
      handled.add(key);
      if (late > catchUp) {
        deps.log.info({ briefing: def.id, date: local.date, lateMinutes: late }, 'delivery skipped: past the catch-up window');
        skipped.push(key);
        continue;
      }
      try {
        const edition = await deps.service.getOrComposeEdition(def, local.date, def.deliveryTime);
        await deps.deliver(def, edition);
        delivered.push(key);
      } catch (err) {
        // One failing briefing never stops the others; it is tried again next tick.
        handled.delete(key);
        deps.log.error({ briefing: def.id, err: (err as Error).message }, 'scheduled delivery failed');
      }
    }
    return { delivered, skipped };
  }

  return {
    start() {
      task = cron.schedule('* * * * *', () => {
        running = tick().catch((err: unknown) => deps.log.error({ err: (err as Error).message }, 'tick failed'));
        return running;
      }, { noOverlap: true, name: 'briefing-tick' });
    },
    async stop() {
      await task?.destroy();
      task = undefined;
      await running;
    },
    tick,
  };
}
