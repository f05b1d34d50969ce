/**
 * `npm run bench -- slack`: concurrent signed `/briefing` commands against a cached edition, over
 * HTTP to the app's server, with a fake Slack Web API. Reports each ack's latency (p50, p99,
 * max); Slack needs every ack within 3 s.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createSlackChannel } from '../channels/slack/index.js';
import { SILENT_LOGGER } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import { createOpsServer } from '../server/index.js';
import { createFolderSource } from '../sources/index.js';
import { createSqliteStore } from '../store/index.js';
import { assembleService } from '../wiring.js';
import { startFakeSlackApi } from './fakes/fake-slack-api.js';
import { quantile } from './measure.js';

const SECRET = 'bench-signing-secret';

/** Runs the benchmark and prints its report. */
export async function runSlackBench(options: { commands: number; root: string; write: (line: string) => void }): Promise<{ p50Ms: number; p99Ms: number; maxMs: number; failures: number }> {
  const fake = await startFakeSlackApi();
  const store = createSqliteStore({ path: ':memory:' });
  const morning: BriefingDefinition = { id: 'morning', title: 'موجز الصباح', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', maxItems: 10, maxChars: 3500, bulletsPerItem: 2, sources: [], topics: [] };
  const service = assembleService({ store, definitions: [morning], sourcesFor: () => [createFolderSource({ path: join(options.root, 'briefings/samples'), name: 'عينات' })], clock: { now: () => new Date() }, log: SILENT_LOGGER, owner: 'bench' });
  await service.getOrComposeEdition(morning);
  const server = createOpsServer({ store });
  const channel = createSlackChannel({ botToken: 'xoxb-bench', signingSecret: SECRET, service, briefing: morning, log: SILENT_LOGGER, apiUrl: fake.apiUrl, route: (m, p, h) => server.route(m, p, h) });
  await channel.start();
  const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}/slack/events`;
  try {
    // The load comes from another process: a client in this one would slow the server it measures.
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./slack-load-child.ts', import.meta.url)), url, SECRET, String(options.commands), fake.responseUrl('')], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    if ((await new Promise<number | null>((r) => child.on('exit', r))) !== 0) throw new Error(`load failed: ${stderr.slice(-300)}`);
    const results = JSON.parse(stdout) as { ms: number; ok: boolean }[];
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
