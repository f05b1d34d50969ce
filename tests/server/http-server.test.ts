import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import { createSqliteStore } from '../../src/store/index.js';

let server: OpsServer | undefined;
let store: Store | undefined;
afterEach(async () => {
  await server?.close();
  await store?.close();
});

async function start(): Promise<string> {
  store = createSqliteStore({ path: ':memory:' });
  await store.upsertSubscription({ platform: 'telegram', destination: '1', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
  const e = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: { briefingId: 'morning', title: 'م', date: '2026-11-29', groups: [], warnings: [] } }, 0);
  await store.enqueueDeliveries(e.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
  await store.putFeedHealth({ url: 'https://example.com/feed', consecutiveFailures: 3, lastError: 'HTTP 500', nextTryAt: 0, paused: true });
  await store.putFeedHealth({ url: 'https://news.example.com/rss?apikey=SECRET-K&lang=ar', consecutiveFailures: 1, lastError: 'HTTP 503', nextTryAt: 0, paused: false });
  server = createOpsServer({ store });
  const port = await server.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${port}`;
}

describe('createOpsServer', () => {
  it('answers /healthz with 200 when the store answers', async () => {
    const base = await start();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /healthz with 503 when the store is gone', async () => {
    const base = await start();
    await store!.close();
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(503);
    store = undefined;
  });

  it('serves Prometheus metrics: ledger by status, queue depth, send latency, feed health', async () => {
    const base = await start();
    server!.metrics.delivered('telegram', 'sent');
    server!.metrics.sendSeconds('telegram', 0.2);
    const text = await (await fetch(`${base}/metrics`)).text();
    expect(text).toContain('briefing_ledger_deliveries{status="pending"} 1');
    expect(text).toContain('briefing_queue_depth 1');
    expect(text).toContain('briefing_deliveries_total{platform="telegram",status="sent"} 1');
    expect(text).toMatch(/briefing_send_seconds_bucket\{le="0.25",platform="telegram"\} 1/);
    expect(text).toContain('briefing_feed_consecutive_failures{feed="https://example.com/feed",paused="true"} 3');
    // A paid feed's key in its address does not reach the scraper.
    expect(text).toContain('briefing_feed_consecutive_failures{feed="https://news.example.com/rss?apikey=***&lang=ar",paused="false"} 1');
    expect(text).not.toContain('SECRET-K');
  });

  it('routes channel paths and answers 404 elsewhere', async () => {
    const base = await start();
    server!.route('POST', '/telegram/webhook', (_req, res) => void res.writeHead(204).end());
    expect((await fetch(`${base}/telegram/webhook`, { method: 'POST' })).status).toBe(204);
    expect((await fetch(`${base}/nope`)).status).toBe(404);
    // A known address asked with a method it does not take: 405 and what it takes, not «not found».
    const get = await fetch(`${base}/telegram/webhook`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const post = await fetch(`${base}/healthz`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    // Said in Arabic for a person, the English after it for a machine.
    expect(post.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await post.text()).toBe('هذه الطريقة غير مدعومة هنا (method not allowed)');
    // Beside a catch-all (the web pages' GET /*), an unknown address is still unknown, whatever the method.
    server!.route('GET', '/*', (_req, res) => void res.writeHead(404).end('صفحة غير موجودة'));
    for (const method of ['POST', 'DELETE', 'OPTIONS']) expect((await fetch(`${base}/nope`, { method })).status, method).toBe(404);
    expect((await fetch(`${base}/healthz`, { method: 'DELETE' })).status).toBe(405);
  });

  it('passes path parameters, answers HEAD for a GET route, and keeps a trailing slash significant', async () => {
    const base = await start();
    server!.route('GET', '/b/:briefing/', (_req, res, params) => void res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(`page ${params.briefing}`));
    server!.route('GET', '/b/:briefing/feed.atom', (_req, res, params) => void res.writeHead(200).end(`feed ${params.briefing}`));
    server!.route('GET', '/b/:briefing/:date', (_req, res, params) => void res.writeHead(200).end(`day ${params.date}`));
    expect(await (await fetch(`${base}/b/morning/`)).text()).toBe('page morning');
    expect(await (await fetch(`${base}/b/morning/feed.atom`)).text()).toBe('feed morning');
    expect(await (await fetch(`${base}/b/morning/2026-11-29?x=1`)).text()).toBe('day 2026-11-29');
    expect(await (await fetch(`${base}/b/%D8%B5%D8%A8%D8%A7%D8%AD/`)).text()).toBe('page صباح');
    const head = await fetch(`${base}/b/morning/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    expect((await fetch(`${base}/b/morning`)).status).toBe(404);
    const post = await fetch(`${base}/b/morning/`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('answers 500 without details when a handler throws, and replaces a route added twice', async () => {
    const base = await start();
    server!.route('GET', '/boom', async () => {
      throw new Error('secret detail');
    });
    const res = await fetch(`${base}/boom`);
    expect(res.status).toBe(500);
    expect(await res.text()).toBe('internal error');
    server!.route('GET', '/twice', (_req, res) => void res.writeHead(200).end('first'));
    server!.route('GET', '/twice', (_req, res) => void res.writeHead(200).end('second'));
    expect(await (await fetch(`${base}/twice`)).text()).toBe('second');
  });
});

/** Sends raw bytes to the server and reads everything it answers until it closes the connection. */
function rawExchange(base: string, request: string): Promise<string> {
  const { port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.setTimeout(5000, () => reject(new Error('the server did not close the connection')));
    socket.write(request);
  });
}

describe('createOpsServer and requests Node refuses before routing', () => {
  it('answers headers too large (a 20 KB query string) with 431 and a short Arabic text, then closes', async () => {
    const base = await start();
    const res = await fetch(`${base}/healthz?q=${'ب'.repeat(10_000)}`);
    expect(res.status).toBe(431);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('connection')).toBe('close');
    expect(await res.text()).toBe('الطلب أطول مما يقبله الخادم: اختصر العنوان (request header fields too large)');
    const raw = await rawExchange(base, `GET /healthz?q=${'x'.repeat(20_000)} HTTP/1.1\r\nHost: a\r\n\r\n`);
    expect(raw).toMatch(/^HTTP\/1\.1 431 Request Header Fields Too Large\r\n/);
    expect(raw).toContain('\r\n\r\nالطلب أطول مما يقبله الخادم');
    // The server still answers after it.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('answers any other malformed request as Node does: a bare 400, and closes', async () => {
    const base = await start();
    expect(await rawExchange(base, 'NOT A REQUEST\r\n\r\n')).toBe('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  });
});

describe('createOpsServer hardening', () => {
  it('asks /metrics for the bearer token when one is set, compared whole', async () => {
    store = createSqliteStore({ path: ':memory:' });
    server = createOpsServer({ store, metricsToken: 'metrics-token-0123456789' });
    const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-token-01234' } })).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789-and-more' } })).status).toBe(401);
    const ok = await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer metrics-token-0123456789' } });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('briefing_queue_depth');
  });

  it('without a token, serves /metrics to this machine only', async () => {
    const { networkInterfaces } = await import('node:os');
    const external = Object.values(networkInterfaces()).flat().find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    store = createSqliteStore({ path: ':memory:' });
    server = createOpsServer({ store });
    const port = await server.listen(0, '0.0.0.0');
    expect((await fetch(`http://127.0.0.1:${port}/metrics`)).status).toBe(200);
    // Reached through a non-loopback address of this machine, the request does not come from loopback.
    if (external) expect((await fetch(`http://${external}:${port}/metrics`)).status).toBe(403);
    // Forwarded by a reverse proxy on this machine, it comes from the proxy's client, not from here.
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      expect((await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { [header]: header === 'forwarded' ? 'for=203.0.113.9' : '203.0.113.9' } })).status, header).toBe(403);
    }
  });

  it('logs a failing handler with its route, and answers 500', async () => {
    store = createSqliteStore({ path: ':memory:' });
    const logged: { o: object; m?: string }[] = [];
    server = createOpsServer({ store, log: { debug() {}, info() {}, warn() {}, error: (o, m) => void logged.push({ o, m }) } });
    server.route('POST', '/telegram/webhook', () => {
      throw new Error('handler broke');
    });
    const base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    expect((await fetch(`${base}/telegram/webhook`, { method: 'POST' })).status).toBe(500);
    expect(logged).toEqual([{ o: { route: 'POST /telegram/webhook', err: 'handler broke' }, m: 'request handler failed; answered 500' }]);
  });
});
