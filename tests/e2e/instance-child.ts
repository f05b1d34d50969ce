/**
 * One app instance for the crash and two-instance tests: the real app (store, schedule, engine)
 * with a publisher that POSTs each briefing to the parent's recording server. It runs until the
 * ledger has nothing left to send, then stops and prints one JSON line of what it did.
 * Environment: ROOT (project-like folder with config/ and briefings/), RECORDER_URL, NOW (ISO),
 * NOW_AT (optional: the epoch ms at which the clock reads NOW; default this process's start),
 * and DATABASE_URL or SQLITE_PATH.
 */
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import type { Logger, Publisher } from '../../src/core/ports.js';

const recorder = process.env.RECORDER_URL!;
// The clock reads NOW at NOW_AT (or at the start) and runs in real time (the rate limiter paces by
// it). Instances started together share NOW_AT: their clocks agree, as on hosts kept in time,
// whatever the time each took to start (the heartbeats compare them).
const startedAt = Number(process.env.NOW_AT ?? Date.now());
const now = (): Date => new Date(Date.parse(process.env.NOW!) + (Date.now() - startedAt));
let composed = 0;
let sent = 0;
// Joins of running instances: acknowledged by them (with the ms waited for it), or ended by the cap.
const joined: number[] = [];
let joinCapped = 0;
const log: Logger = {
  debug() {},
  info(o, msg) {
    if (msg === 'edition composed') composed++;
    if (msg?.startsWith('joined:')) joined.push((o as { waitedMs: number }).waitedMs);
  },
  warn(_o, msg) {
    if (msg?.includes('did not acknowledge this one joining')) joinCapped++;
  },
  error(o, msg) {
    process.stderr.write(`${msg} ${JSON.stringify(o)}\n`);
  },
};
const publisher: Publisher = {
  platform: 'telegram',
  async send(ref, briefing) {
    const res = await fetch(recorder, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ destination: ref.destination, title: briefing.title, pid: process.pid, sentAt: Date.now() }) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const body = (await res.json()) as { id: number };
    sent++;
    return { messageIds: [String(body.id)] };
  },
  classify: (e) => ({ kind: 'transient', reason: String(e) }),
  // RATE_PER_SECOND: a bot-wide limit, evenly spaced and shared by the instances running (as
  // Telegram's rules: 29 a second, one per 34 ms).
  rateRules: () => {
    const rate = Number(process.env.RATE_PER_SECOND ?? 0);
    if (rate === 0) return [];
    return [
      { key: 'bot', limit: rate, perMs: 1000, scope: 'bot' as const },
      { key: 'bot:spacing', limit: 1, perMs: Math.floor(1000 / rate), scope: 'bot' as const },
    ];
  },
};

const config = loadConfig({ root: process.env.ROOT!, env: process.env });
const app = await createApp(config, { root: process.env.ROOT!, log, now, publishers: { telegram: publisher } });
await app.start();
for (;;) {
  const c = await app.store.countDeliveries();
  if ((c.pending ?? 0) + (c.claimed ?? 0) + (c.sending ?? 0) === 0) break;
  await new Promise((r) => setTimeout(r, 50));
}
await app.stop();
process.stdout.write(`${JSON.stringify({ composed, sent, joined, joinCapped })}\n`);
