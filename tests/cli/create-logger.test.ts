import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/cli/create-logger.js';
import { ROOT } from '../helpers.js';

function capture(): { stream: PassThrough; text(): string } {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (c: Buffer) => (out += c.toString()));
  return { stream, text: () => out };
}

describe('createLogger', () => {
  it('writes one JSON object a line when not pretty', () => {
    const sink = capture();
    createLogger({ level: 'info', pretty: false, destination: sink.stream }).info({ briefing: 'morning', items: 4 }, 'edition composed');
    const line = JSON.parse(sink.text().trim()) as Record<string, unknown>;
    expect(line).toMatchObject({ level: 30, briefing: 'morning', items: 4, msg: 'edition composed' });
  });

  it('writes a readable line when pretty: time, level, message, then the fields', () => {
    const sink = capture();
    createLogger({ level: 'info', pretty: true, destination: sink.stream }).warn({ feed: 'أخبار', failures: 3 }, 'feed backing off');
    const text = sink.text();
    expect(text).toMatch(/^\[\d\d:\d\d:\d\d\] WARN: feed backing off \{"feed":"أخبار","failures":3\}\n$/);
  });

  it('keeps to the level', () => {
    const sink = capture();
    const log = createLogger({ level: 'warn', pretty: false, destination: sink.stream });
    log.info({}, 'hidden');
    log.error({}, 'shown');
    expect(sink.text()).not.toContain('hidden');
    expect(sink.text()).toContain('shown');
  });
});

/** Runs `npm start -- --once` with stderr on a pseudo-terminal (util-linux `script`) or on a pipe. */
function runOnce(tty: boolean): Promise<string> {
  const db = join(mkdtempSync(join(tmpdir(), 'briefing-log-')), 'b.db');
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const command = `${process.execPath} --import tsx ${join(ROOT, 'src/cli/main.ts')} --once`;
  const child = tty
    ? spawn('script', ['-qec', command, '/dev/null'], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'info', SQLITE_PATH: db }, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/cli/main.ts'), '--once'], { cwd: ROOT, env: { ...env, LOG_LEVEL: 'info', SQLITE_PATH: db }, stdio: ['ignore', 'ignore', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  return new Promise((resolve) => child.on('close', () => resolve(out)));
}

describe.skipIf(!existsSync('/usr/bin/script'))('npm start logs', { timeout: 120_000 }, () => {
  it('are readable lines at a terminal and JSON on a pipe', async () => {
    const [terminal, pipe] = await Promise.all([runOnce(true), runOnce(false)]);
    expect(terminal).toMatch(/INFO.*: .*Telegram channel off \(no TELEGRAM_BOT_TOKEN\)/);
    expect(terminal).not.toContain('{"level":');
    expect(pipe).toContain('{"level":30,');
    expect(JSON.parse(pipe.split('\n').find((l) => l.includes('Telegram channel off'))!)).toMatchObject({ level: 30, msg: 'Telegram channel off (no TELEGRAM_BOT_TOKEN)' });
  });
});
