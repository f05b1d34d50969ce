/**
 * `npm run bench -- slack`: concurrent signed `/briefing` commands against a cached edition, over
 * HTTP to the app's server, with a fake Slack Web API. Reports each ack's latency (p50, p99,
 * max); Slack needs every ack within 3 s.
 */
import { createHmac } from 'node:crypto';
import { join } from 'node:path';
import { createSlackChannel } from '../channels/slack/index.js';
import { SILENT_LOGGER } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import { createOpsServer } from '../server/index.js';
import { createBriefingService } from '../service/index.js';
import { createFolderSource } from '../sources/index.js';
import { createSqliteStore } from '../store/index.js';
import { startFakeSlackApi } from './fakes/fake-slack-api.js';
import { quantile } from './measure.js';

const SECRET = 'bench-signing-secret';

/** Runs the benchmark and prints its report. */
export async function runSlackBench(options: { commands: number; root: string; write: (line: string) => void }): Promise<{ p50Ms: number; p99Ms: number; maxMs: number; failures: number }> {
  const fake = await startFakeSlackApi();
  const store = createSqliteStore({ path: ':memory:' });
  const morning: BriefingDefinition = { id: 'morning', title: 'موجز الصباح', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', maxItems: 10, maxChars: 3500, bulletsPerItem: 2, sources: [], topics: [] };
  const service = createBriefingService({ store, sourcesFor: () => [createFolderSource({ path: join(options.root, 'briefings/samples'), name: 'عينات' })], clock: { now: () => new Date() }, log: SILENT_LOGGER });
  await service.getOrComposeEdition(morning);
  const channel = createSlackChannel({ botToken: 'xoxb-bench', signingSecret: SECRET, service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl });
  const server = createOpsServer({ store });
  server.route('POST', '/slack/events', (req, res) => channel.handle(req, res));
  const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/slack/events`;
  const one = async (i: number): Promise<{ ms: number; ok: boolean }> => {
    const body = new URLSearchParams({ command: '/briefing', text: i % 5 === 0 ? 'رياضة' : '', channel_id: `C${i}`, user_id: `U${i}`, team_id: 'T1', response_url: fake.responseUrl(String(i)), trigger_id: 't' }).toString();
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const t0 = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
    const text = await res.text();
    return { ms: performance.now() - t0, ok: res.status === 200 && text.includes('موجز') };
  };
  try {
    await Promise.all(Array.from({ length: 5 }, (_, i) => one(i))); // warm-up
    const results = await Promise.all(Array.from({ length: options.commands }, (_, i) => one(i)));
    const times = results.map((r) => r.ms).sort((a, b) => a - b);
    const failures = results.filter((r) => !r.ok).length;
    const report = { p50Ms: quantile(times, 0.5), p99Ms: quantile(times, 0.99), maxMs: times.at(-1) ?? 0, failures };
    options.write(`slack bench: ${options.commands} concurrent /briefing commands against a cached edition`);
    options.write(`ack latency p50 ${report.p50Ms.toFixed(1)} ms, p99 ${report.p99Ms.toFixed(1)} ms, max ${report.maxMs.toFixed(1)} ms (Slack's limit: 3000 ms); failures ${failures}`);
    return report;
  } finally {
    await server.close();
    await fake.close();
    await store.close();
  }
}
