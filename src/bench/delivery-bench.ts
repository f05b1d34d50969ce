/**
 * The delivery part of `npm run bench`: the schedule tick with 100,000 subscriptions, and the
 * engine's throughput against a publisher with no limit, both on a SQLite file, each next to a
 * floor of bare SQL doing the same rows (the least a store could do) in the same process.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Publisher } from '../core/ports.js';
import { SILENT_LOGGER } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import { createSqliteStore } from '../store/index.js';
import { assembleDelivery, assembleService } from '../wiring.js';
import { peakRssMb } from './measure.js';

/** Options for {@link runDeliveryBench}. */
export interface DeliveryBenchOptions {
  /** Subscriptions for the tick (default 100,000). */
  subscriptions: number;
  /** Deliveries for the throughput run (default 20,000). */
  deliveries: number;
  concurrency: number;
  write: (line: string) => void;
}

const MORNING: BriefingDefinition = {
  id: 'morning', title: 'موجز الصباح', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', sources: [], topics: [], maxItems: 10, maxChars: 3500, bulletsPerItem: 2,
};
// 07:05 in Riyadh on a fixed day: the morning slot is due.
const DUE = new Date('2026-11-29T04:05:00Z');

/** A publisher that answers at once, with no limit. */
const noopPublisher: Publisher = {
  platform: 'telegram',
  async send() {
    return { messageIds: ['1'] };
  },
  classify: (e) => ({ kind: 'transient', reason: String(e) }),
  rateRules: () => [],
};

/** Bare SQL: inserting ledger-like rows from a table of `n` rows, then updating `updates` rows twice each. The floor. */
function floorSql(dir: string, n: number, updates: number): { insertMs: number; updateMs: number } {
  const db = new Database(join(dir, 'floor.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE s (id TEXT PRIMARY KEY); CREATE TABLE d (id INTEGER PRIMARY KEY, s TEXT UNIQUE, status TEXT)');
  const ins = db.prepare('INSERT INTO s VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < n; i++) ins.run(`s${i}`);
  })();
  let t = performance.now();
  db.exec(`INSERT INTO d (s, status) SELECT id, 'pending' FROM s`);
  const insertMs = performance.now() - t;
  const up = db.prepare('UPDATE d SET status = ? WHERE id = ?');
  t = performance.now();
  for (let i = 1; i <= updates; i++) {
    up.run('sending', i);
    up.run('sent', i);
  }
  const updateMs = performance.now() - t;
  db.close();
  return { insertMs, updateMs };
}

/** Runs the benchmark and prints its report. */
export async function runDeliveryBench(options: DeliveryBenchOptions): Promise<{ tickMs: number; steadyTickMs: number; perSecond: number; rssMb: number }> {
  const { write } = options;
  const dir = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
  try {
    const clock = { now: () => DUE };
    // --- the tick ---
    const store = createSqliteStore({ path: join(dir, 'tick.db') });
    const zones = ['Asia/Riyadh', 'Africa/Cairo', 'Asia/Dubai', 'Africa/Casablanca', 'Asia/Beirut', 'Europe/London'];
    let t = performance.now();
    for (let i = 0; i < options.subscriptions; i++) {
      // A third due now (Riyadh 07:00), the rest spread over other zones and times.
      const zone = i % 3 === 0 ? 'Asia/Riyadh' : zones[i % zones.length]!;
      const time = i % 3 === 0 ? '07:00' : `0${6 + (i % 4)}:${String((i % 4) * 15).padStart(2, '0')}`;
      await store.upsertSubscription({ platform: 'telegram', destination: `chat-${i}`, briefingId: 'morning', deliveryTime: time, timeZone: zone }, 0);
    }
    write(`delivery bench: ${options.subscriptions} subscriptions created in ${(performance.now() - t).toFixed(0)} ms`);
    const parts = { store, definitions: [MORNING], clock, log: SILENT_LOGGER, owner: 'bench' };
    const service = assembleService(parts);
    const { schedule } = assembleDelivery({ ...parts, service, publishers: {} });
    t = performance.now();
    const first = await schedule.tick();
    const tickMs = performance.now() - t;
    const enqueued = Object.values(first.enqueued).reduce((a, b) => a + b, 0) + Object.values(first.skipped).reduce((a, b) => a + b, 0);
    const { schedule: again } = assembleDelivery({ ...parts, service, publishers: {} });
    t = performance.now();
    await again.tick(); // a new process's first tick: every due slot planned again, nothing added
    const steadyTickMs = performance.now() - t;
    await store.close();

    // --- the engine ---
    const store2 = createSqliteStore({ path: join(dir, 'engine.db') });
    for (let i = 0; i < options.deliveries; i++) {
      await store2.upsertSubscription({ platform: 'telegram', destination: `chat-${i}`, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
    }
    const edition = await store2.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', groups: [], warnings: [] } }, 0);
    await store2.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
    const parts2 = { store: store2, definitions: [MORNING], clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 'bench' };
    const { engine } = assembleDelivery({ ...parts2, service: assembleService(parts2), publishers: { telegram: noopPublisher }, delivery: { concurrency: options.concurrency, batchSize: 256 } });
    t = performance.now();
    const done = await engine.drain();
    const engineMs = performance.now() - t;
    const counts = await store2.countDeliveries();
    await store2.close();
    const floor = floorSql(dir, options.subscriptions, options.deliveries);
    const rssMb = peakRssMb();
    const perSecond = (done * 1000) / engineMs;

    write('');
    write(`tick, ${options.subscriptions} subscriptions: first due tick ${tickMs.toFixed(0)} ms (${enqueued} rows added); a restarted instance's tick ${steadyTickMs.toFixed(0)} ms (nothing added)`);
    write(`  floor, one bare INSERT … SELECT over ${options.subscriptions} rows: ${floor.insertMs.toFixed(0)} ms → first tick ${(tickMs / floor.insertMs).toFixed(1)}× the floor`);
    write(`engine, ${done} deliveries to a publisher with no limit (concurrency ${options.concurrency}): ${engineMs.toFixed(0)} ms, ${perSecond.toFixed(0)} deliveries/s; ledger ${JSON.stringify(counts)}`);
    write(`  floor, two bare UPDATEs per row: ${floor.updateMs.toFixed(0)} ms → engine ${(engineMs / floor.updateMs).toFixed(1)}× the floor`);
    write(`peak RSS: ${rssMb.toFixed(0)} MB`);
    return { tickMs, steadyTickMs, perSecond, rssMb };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
