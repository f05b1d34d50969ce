/**
 * Two instances on one PostgreSQL with their Telegram channel on, against the fake Bot API (which
 * answers a second concurrent getUpdates with 409, as Telegram does): in polling mode exactly one
 * polls, and another takes over within the lease when it is SIGKILLed; in webhook mode both take
 * updates; either way every update is handled exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { createPostgresStore } from '../../src/store/index.js';
import { ROOT } from '../helpers.js';
import { PG_URL, canReachPostgres, dropSchemas, freshSchema } from '../pg.js';
import { instanceRoot } from './instances.js';

const reachable = await canReachPostgres();
afterAll(dropSchemas);
const TOKEN = '123456:MULTI-INSTANCE-TOKEN-xxxxxxxx';

interface Instance {
  name: string;
  child: ChildProcess;
  port: Promise<number>;
  exited: Promise<number | null>;
  stderr: () => string;
}

function startTelegramInstance(name: string, env: Record<string, string>): Instance {
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/e2e/telegram-instance-child.ts')], {
    cwd: ROOT,
    env: { ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'SQLITE_PATH'].includes(k))), LOG_LEVEL: 'silent', INSTANCE_NAME: name, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const port = new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { port: number }).port);
    });
    child.on('exit', () => reject(new Error(`${name} exited before it started: ${stderr.slice(-500)}`)));
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  return { name, child, port, exited, stderr: () => stderr };
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 30_000): Promise<T> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) {
    const v = await probe();
    if (v !== undefined) return v;
  }
  throw new Error(`timed out waiting for ${what}`);
}

const command = (id: number, chat: number, text = '/help') => ({
  update_id: id,
  message: { message_id: id, date: 0, chat: { id: chat, type: 'private' }, from: { id: chat, is_bot: false, first_name: 'هدى' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
});

/** Replies per chat: each command gets exactly one. */
const repliesPerChat = (fake: FakeBotApi): Map<string, number> => {
  const m = new Map<string, number>();
  for (const msg of fake.messages) m.set(msg.chatId, (m.get(msg.chatId) ?? 0) + 1);
  return m;
};

let fake: FakeBotApi | undefined;
const running: Instance[] = [];
afterEach(async () => {
  for (const i of running.splice(0)) {
    if (i.child.exitCode === null && i.child.signalCode === null) i.child.kill('SIGTERM');
    await i.exited;
  }
  await fake?.close();
  fake = undefined;
});

async function setup(): Promise<{ env: Record<string, string>; admin: pg.Client; schema: string }> {
  fake = await startFakeBotApi({ token: TOKEN });
  const schema = freshSchema();
  await (await createPostgresStore({ url: PG_URL, schema })).close();
  const admin = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await admin.connect();
  const url = `${PG_URL}${PG_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const env = { ROOT: instanceRoot({ concurrency: 2 }), DATABASE_URL: url, TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
  return { env, admin, schema };
}

describe.skipIf(!reachable)('Telegram across two instances on PostgreSQL', () => {
  it('polling: one instance polls, every update is handled once, and the other takes over within the lease after a SIGKILL', async () => {
    const { env, admin } = await setup();
    const a = startTelegramInstance('inst-a', env);
    const b = startTelegramInstance('inst-b', env);
    running.push(a, b);
    await Promise.all([a.port, b.port]);
    const holder = async (): Promise<string | undefined> => ((await admin.query("SELECT owner FROM leases WHERE name = 'telegram-updates'")).rows[0] as { owner?: string } | undefined)?.owner;
    const first = await waitFor('a poller', holder);
    for (let i = 1; i <= 20; i++) fake!.pushUpdate(command(i, 1000 + i));
    await waitFor('20 replies', () => (repliesPerChat(fake!).size >= 20 ? true : undefined));
    expect([...repliesPerChat(fake!).values()].every((n) => n === 1)).toBe(true);
    expect(fake!.stats.conflicts).toBe(0);

    // The poller dies without a word: the other takes the lease once it expires (8 s) and polls.
    const killed = first === 'inst-a' ? a : b;
    const killedAt = Date.now();
    killed.child.kill('SIGKILL');
    await killed.exited;
    const second = await waitFor('another poller', async () => {
      const h = await holder();
      return h && h !== first ? h : undefined;
    });
    const takeoverMs = Date.now() - killedAt;
    expect(takeoverMs).toBeLessThan(15_000);
    for (let i = 21; i <= 30; i++) fake!.pushUpdate(command(i, 1000 + i));
    await waitFor('30 replies', () => (repliesPerChat(fake!).size >= 30 ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    const replies = repliesPerChat(fake!);
    expect(replies.size).toBe(30);
    expect([...replies.values()].every((n) => n === 1)).toBe(true);
    // At most the dead poller's own request is ended with 409: no stream of them.
    expect(fake!.stats.conflicts).toBeLessThanOrEqual(1);
    await admin.end();
    console.info(`polling: ${first} polled, ${second} took over ${(takeoverMs / 1000).toFixed(1)} s after the SIGKILL; 30 updates, each answered once; 409s: ${fake!.stats.conflicts}`);
  }, 120_000);

  it('webhook: both instances take updates, and each update, delivered to both, is handled once', async () => {
    const { env, admin } = await setup();
    const hook = { ...env, TELEGRAM_WEBHOOK_URL: 'https://bot.example.com/telegram/webhook' };
    const a = startTelegramInstance('hook-a', hook);
    const b = startTelegramInstance('hook-b', hook);
    running.push(a, b);
    const ports = await Promise.all([a.port, b.port]);
    const secret = fake!.webhook.secret!;
    const statuses: number[] = [];
    for (let i = 1; i <= 20; i++) {
      // Telegram retries, and a balancer may send one update to either instance: both get each.
      for (const port of ports) statuses.push(await fake!.postWebhook(`http://127.0.0.1:${port}/telegram/webhook`, secret, command(i, 2000 + i)));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    await waitFor('20 replies', () => (repliesPerChat(fake!).size >= 20 ? true : undefined));
    await new Promise((r) => setTimeout(r, 500));
    const replies = repliesPerChat(fake!);
    expect(replies.size).toBe(20);
    expect([...replies.values()].every((n) => n === 1)).toBe(true);
    expect(fake!.stats.conflicts).toBe(0);
    const handled = (await admin.query("SELECT count(*)::int AS n FROM handled_updates WHERE source = 'telegram'")).rows[0] as { n: number };
    expect(handled.n).toBe(20);
    await admin.end();
  }, 120_000);
});
