/** Helpers for tests that run app instances as child processes against a recording HTTP server. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../helpers.js';

/** A local HTTP server that records every briefing POSTed to it. */
export interface Recorder {
  url: string;
  /** Receipts per destination. */
  byDestination: Map<string, number>;
  /** The time of every receipt (ms, performance.now), in order. */
  times: number[];
  /** The instant each message left its sender (epoch ms, the senders' clock: one machine), in receipt order. */
  sentTimes: number[];
  total(): number;
  /** Called on every receipt (the crash test kills a child from here). */
  onReceipt?: (n: number) => void;
  close(): Promise<void>;
}

export async function startRecorder(delayMs = 2): Promise<Recorder> {
  let total = 0;
  const byDestination = new Map<string, number>();
  const times: number[] = [];
  const sentTimes: number[] = [];
  const rec: Recorder = {
    url: '',
    byDestination,
    times,
    sentTimes,
    total: () => total,
    close: () => new Promise((r) => server.close(() => r())),
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      times.push(performance.now());
      const { destination, sentAt } = JSON.parse(body) as { destination: string; sentAt?: number };
      if (sentAt !== undefined) sentTimes.push(sentAt);
      byDestination.set(destination, (byDestination.get(destination) ?? 0) + 1);
      const id = ++total;
      rec.onReceipt?.(id);
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id })), delayMs);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const addr = server.address();
  rec.url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
  return rec;
}

/** A project-like folder for instances: the real briefings, the console off, a free port, given delivery settings. */
export function instanceRoot(delivery: { concurrency: number; heartbeatMs?: number }): string {
  const dir = mkdtempSync(join(tmpdir(), 'briefing-instance-'));
  cpSync(join(ROOT, 'config'), join(dir, 'config'), { recursive: true });
  cpSync(join(ROOT, 'briefings'), join(dir, 'briefings'), { recursive: true });
  writeFileSync(
    join(dir, 'config', 'local.json'),
    JSON.stringify({ port: 0, console: { enabled: false, showOnStart: false }, delivery: { ...delivery, sendTimeoutMs: 10_000, maxAttempts: 8 } }),
  );
  return dir;
}

/** Starts an instance child process. */
export function startInstance(env: Record<string, string>): ChildProcess & { output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/e2e/instance-child.ts')], {
    cwd: ROOT,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'DATABASE_URL' && k !== 'SQLITE_PATH')), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  return Object.assign(child, { output });
}
