/**
 * `npm run build` and the compiled app: built once into a temporary project folder laid out as
 * the Docker image is (package.json, dist/, config/, briefings/, node_modules), then run with
 * plain node, no TypeScript loader.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
// @ts-expect-error a plain .mjs build script without type declarations
import { copyAssets } from '../../scripts/build.mjs';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], options: { cwd: string; env?: Record<string, string> }): Promise<Run> {
  const { DATABASE_URL: _ignored, ...env } = process.env;
  const child = spawn(process.execPath, args, { cwd: options.cwd, env: { ...env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

const tmp = mkdtempSync(join(tmpdir(), 'briefing-build-'));
const app = join(tmp, 'app');

describe('npm run build', { timeout: 300_000 }, () => {
  let build: Run;
  beforeAll(async () => {
    build = await run([join(ROOT, 'scripts/build.mjs'), '--out-dir', join(app, 'dist')], { cwd: ROOT });
    cpSync(join(ROOT, 'package.json'), join(app, 'package.json'));
    cpSync(join(ROOT, 'config'), join(app, 'config'), { recursive: true });
    cpSync(join(ROOT, 'briefings'), join(app, 'briefings'), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(app, 'node_modules'), 'dir');
  }, 300_000);

  it('compiles src/ alone: one .js per .ts, nothing from tests/', () => {
    expect(build.code, build.stderr).toBe(0);
    const built = files(join(app, 'dist')).filter((f) => f.endsWith('.js')).map((f) => relative(join(app, 'dist'), f).replace(/\.js$/, ''));
    const sources = files(join(ROOT, 'src')).filter((f) => f.endsWith('.ts')).map((f) => relative(join(ROOT, 'src'), f).replace(/\.ts$/, ''));
    expect(built.sort()).toEqual(sources.sort());
  });

  it('leaves no import of tsx or of a .ts file in the output', () => {
    for (const file of files(join(app, 'dist')).filter((f) => f.endsWith('.js'))) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/(from|import\()\s*["']tsx/);
      expect(text, file).not.toMatch(/(from|import\()\s*["'][^"']+\.ts["']/);
    }
  });

  it('runs the built app with plain node from any folder: --once prints the morning briefing from the project\'s samples', async () => {
    const r = await run([join(app, 'dist/cli/main.js'), '--once'], { cwd: tmpdir(), env: { LOG_LEVEL: 'warn', SQLITE_PATH: join(tmp, 'once.db') } });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('موجز الصباح');
    expect(r.stdout).toContain('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    expect(r.stderr).not.toMatch(/ExperimentalWarning|tsx/);
  });

  it('serves, passes its healthcheck, and stops on SIGTERM', async () => {
    const { DATABASE_URL: _ignored, ...env } = process.env;
    const child = spawn(process.execPath, [join(app, 'dist/cli/main.js')], {
      cwd: app,
      env: { ...env, LOG_LEVEL: 'info', PORT: '0', SQLITE_PATH: join(tmp, 'serve.db') },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr.on('data', (c: Buffer) => {
        stderr += c.toString();
        const m = /"port":(\d+)/.exec(stderr);
        if (m) resolve(Number(m[1]));
      });
      child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
    });
    const healthy = await run([join(app, 'dist/cli/healthcheck.js'), '--url', `http://127.0.0.1:${port}/healthz`], { cwd: app });
    expect(healthy.code, healthy.stderr).toBe(0);
    expect(healthy.stdout).toMatch(/^200 \{"status":"ok","store":"writable"/);
    const code = await new Promise<number | null>((resolve) => {
      child.on('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
    // Nobody listens there now: the check fails.
    const down = await run([join(app, 'dist/cli/healthcheck.js'), '--url', `http://127.0.0.1:${port}/healthz`, '--timeout', '10000'], { cwd: app });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('did not answer');
  });

  it('extracts a page in the compiled page-extraction worker (dist/sources/page-extract-worker.js), and refuses a 2,000-deep one', async () => {
    const para = 'أعلنت الهيئة العامة للطيران المدني اليوم عن توسعة جديدة في مطار المدينة تشمل صالة للمسافرين ومدرجا إضافيا، وقالت إن الأعمال ستنتهي خلال عامين.';
    const probe = join(app, 'extract-probe.mjs');
    writeFileSync(
      probe,
      [
        "import { closeExtractPool, extractPageOffThread } from './dist/sources/index.js';",
        `const html = ${JSON.stringify(`<html><head><title>توسعة</title></head><body><article><h1>توسعة</h1>${`<p>${para}</p>`.repeat(4)}</article></body></html>`)};`,
        "const page = await extractPageOffThread(html, 'https://example.com/a', { timeoutMs: 120000 });",
        "const deep = await extractPageOffThread(`<html><body>${'<div>'.repeat(2000)}x${'</div>'.repeat(2000)}</body></html>`).then(() => 'read', (e) => e.code);",
        'process.stdout.write(JSON.stringify({ paragraphs: page.sections.flatMap((s) => s.paragraphs).length, deep }));',
        'await closeExtractPool();',
      ].join('\n'),
    );
    const r = await run([probe], { cwd: app });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ paragraphs: 4, deep: 'too_deep' });
  });

  it('starts a worker thread from dist/ through workerUrl, with no node_modules and no loader', async () => {
    const bare = join(tmp, 'bare');
    mkdirSync(join(bare, 'dist', 'probe'), { recursive: true });
    writeFileSync(join(bare, 'package.json'), '{ "type": "module" }\n');
    cpSync(join(app, 'dist', 'core'), join(bare, 'dist', 'core'), { recursive: true });
    writeFileSync(
      join(bare, 'dist', 'probe', 'echo-worker.js'),
      "import { parentPort, workerData } from 'node:worker_threads';\nparentPort.postMessage({ doubled: workerData.n * 2, file: import.meta.url });\n",
    );
    writeFileSync(
      join(bare, 'dist', 'probe', 'caller.js'),
      [
        "import { Worker } from 'node:worker_threads';",
        "import { workerUrl } from '../core/worker-url.js';",
        "const worker = new Worker(workerUrl('./echo-worker.js', import.meta.url), { workerData: { n: 21 } });",
        "worker.once('message', (m) => { process.stdout.write(JSON.stringify(m)); void worker.terminate(); });",
        "worker.once('error', (e) => { process.stderr.write(String(e)); process.exitCode = 1; });",
      ].join('\n'),
    );
    expect(existsSync(join(bare, 'node_modules'))).toBe(false);
    const r = await run([join(bare, 'dist/probe/caller.js')], { cwd: bare });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ doubled: 42, file: `file://${join(bare, 'dist/probe/echo-worker.js')}` });
  });
});

describe('copyAssets', () => {
  it('copies the runtime data files of src/ (JSON weights and the like) and no TypeScript', () => {
    const src = join(tmp, 'assets-src');
    mkdirSync(join(src, 'composer', 'topics'), { recursive: true });
    writeFileSync(join(src, 'composer', 'topics', 'weights.json'), '{"bias":[0.5]}');
    writeFileSync(join(src, 'composer', 'topics', 'classify.ts'), 'export const x = 1;');
    writeFileSync(join(src, 'types.d.ts'), 'export {};');
    const out = join(tmp, 'assets-out');
    (copyAssets as (from: string, to: string) => void)(src, out);
    expect(files(out).map((f) => relative(out, f))).toEqual(['composer/topics/weights.json']);
    expect(readFileSync(join(out, 'composer/topics/weights.json'), 'utf8')).toBe('{"bias":[0.5]}');
  });
});
