/**
 * Page extraction off the event loop, with limits: a 2,000-deep page costs one SourceError, and
 * an HTTP /healthz is answered while a worker is busy on a page (an order of events, not a time).
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceError } from '../../src/core/errors.js';
import { createPageSource, extractPage, extractPageOffThread } from '../../src/sources/index.js';
import { workerModule } from '../../src/sources/page-extract-pool.js';
import { ROOT } from '../helpers.js';

const PARA = 'أعلنت الهيئة العامة للطيران المدني اليوم عن توسعة جديدة في مطار المدينة تشمل صالة للمسافرين ومدرجا إضافيا، وقالت إن الأعمال ستنتهي خلال عامين.';
const ARTICLE = `<html><head><title>توسعة المطار</title></head><body><article><h1>توسعة المطار</h1>${`<p>${PARA}</p>`.repeat(4)}</article></body></html>`;
// 2,000 nested <div>s, 22 KB: Readability over linkedom spends tens of seconds on it.
const DEEP = `<html><body>${'<div>'.repeat(2000)}<p>${PARA}</p>${'</div>'.repeat(2000)}</body></html>`;
// Limits raised so that the deep page really reaches the parser (the default limits refuse it at once).
const NO_LIMITS = { maxDepth: 100_000, maxNodes: 1_000_000 };

let health: Server;
let healthUrl = '';
let pages: Server;
let pagesBase = '';
beforeAll(async () => {
  health = createServer((req, res) => res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' }).end('ok'));
  await new Promise<void>((r) => health.listen(0, '127.0.0.1', () => r()));
  healthUrl = `http://127.0.0.1:${(health.address() as { port: number }).port}/healthz`;
  pages = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(req.url === '/deep' ? DEEP : ARTICLE));
  await new Promise<void>((r) => pages.listen(0, '127.0.0.1', () => r()));
  pagesBase = `http://127.0.0.1:${(pages.address() as { port: number }).port}`;
});
afterAll(async () => {
  for (const s of [health, pages]) {
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }
});

describe('extractPage limits', () => {
  it('refuses a 2,000-deep page before parsing it, with a clear SourceError', () => {
    expect(() => extractPage(DEEP, 'https://example.com/deep')).toThrow(SourceError);
    try {
      extractPage(DEEP, 'https://example.com/deep');
    } catch (err) {
      expect((err as SourceError).code).toBe('too_deep');
      expect((err as SourceError).message).toMatch(/more than 256 deep/);
    }
  });
  it('refuses a page with more elements than the limit', () => {
    const wide = `<html><body>${'<span>س</span>'.repeat(20_001)}</body></html>`;
    expect(() => extractPage(wide)).toThrow(expect.objectContaining({ code: 'too_many_elements' }));
  });
});

describe('extractPageOffThread', () => {
  it('extracts a page in a worker thread started from TypeScript (the .ts worker with tsx)', async () => {
    expect(workerModule().filename).toMatch(/page-extract-worker\.ts$/);
    const page = await extractPageOffThread(ARTICLE, 'https://example.com/a');
    expect(page.sections.flatMap((s) => s.paragraphs)).toEqual([PARA, PARA, PARA, PARA]);
  });

  it('finds the compiled worker next to compiled code (dist/), without tsx', () => {
    const compiled = pathToFileURL(join(ROOT, 'dist/sources/page-extract-pool.js')).href;
    expect(workerModule(compiled)).toEqual({ filename: pathToFileURL(join(ROOT, 'dist/sources/page-extract-worker.js')).href, execArgv: undefined });
    const source = workerModule(pathToFileURL(join(ROOT, 'src/sources/page-extract-pool.ts')).href);
    expect(source.filename).toMatch(/src\/sources\/page-extract-worker\.ts$/);
    expect(source.execArgv).toEqual(['--import', expect.stringMatching(/^file:.*node_modules\/tsx\//)]);
  });

  it('answers /healthz while a worker is busy on a 2,000-deep page, then ends that page in one SourceError', async () => {
    const events: string[] = [];
    const stop = new AbortController();
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const extraction = extractPageOffThread(DEEP, 'https://example.com/deep', { limits: NO_LIMITS, signal: stop.signal, timeoutMs: 600_000, onStarted: () => started() }).then(
      () => events.push('extraction ended'),
      (err: unknown) => events.push(`extraction ended: ${(err as SourceError).code}`),
    );
    await running;
    const res = await fetch(healthUrl);
    events.push(`healthz ${res.status}`);
    stop.abort();
    await extraction;
    expect(events).toEqual(['healthz 200', 'extraction ended: aborted']);
  });

  it('stops a page that passes the time limit, and the next page is read by a fresh worker', async () => {
    const err = await extractPageOffThread(DEEP, 'https://example.com/deep', { limits: NO_LIMITS, timeoutMs: 300 }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).code).toBe('extract_timeout');
    expect((await extractPageOffThread(ARTICLE)).sections.length).toBeGreaterThan(0);
  });

  it('a page source ends a 2,000-deep page in one SourceError, the others read as before', async () => {
    const deep = createPageSource({ url: `${pagesBase}/deep`, name: 'عميق', fetch: { allowHosts: ['127.0.0.1'] } });
    await expect(deep.fetchArticles()).rejects.toMatchObject({ code: 'too_deep', source: 'عميق' });
    const ok = createPageSource({ url: `${pagesBase}/a`, name: 'عادي', fetch: { allowHosts: ['127.0.0.1'] } });
    expect((await ok.fetchArticles()).articles[0]!.title).toBe('توسعة المطار');
  });
});

describe('extractPageOffThread under tsx (as npm start runs it)', () => {
  it('starts its worker from a process run with --import tsx', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/sources/support/extract-child.ts')], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let errText = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (errText += c.toString()));
    const code = await new Promise<number | null>((r) => child.on('exit', r));
    expect(errText).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ sections: 1, paragraphs: 4 });
  }, 120_000);
});
