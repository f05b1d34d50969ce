/**
 * The one HTTP server of an instance (PORT): /healthz, /metrics (Prometheus), and the routes the
 * channels mount (Slack events, Telegram webhook).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import client from 'prom-client';
import type { DeliveryMetrics, Store } from '../core/ports.js';

/** A route handler; it owns the response. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** The server of an instance. */
export interface OpsServer {
  /** Adds a route (exact path) for a channel. */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Starts listening; resolves with the port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /** Delivery metrics backed by this server's registry. */
  readonly metrics: DeliveryMetrics;
  readonly server: Server;
}

/** Creates the server; /metrics reads ledger and feed figures from the store at scrape time. */
export function createOpsServer(deps: { store: Store }): OpsServer {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const deliveries = new client.Counter({ name: 'briefing_deliveries_total', help: 'Deliveries ended by this instance, by platform and outcome', labelNames: ['platform', 'status'], registers: [registry] });
  const latency = new client.Histogram({ name: 'briefing_send_seconds', help: 'Time of one send to a platform', labelNames: ['platform'], buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30], registers: [registry] });
  new client.Gauge({
    name: 'briefing_ledger_deliveries',
    help: 'Ledger rows by status (all instances)',
    labelNames: ['status'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const [status, n] of Object.entries(await deps.store.countDeliveries())) this.set({ status }, n ?? 0);
    },
  });
  new client.Gauge({
    name: 'briefing_queue_depth',
    help: 'Ledger rows waiting to be sent (pending or sending)',
    registers: [registry],
    async collect() {
      const c = await deps.store.countDeliveries();
      this.set((c.pending ?? 0) + (c.sending ?? 0));
    },
  });
  new client.Gauge({
    name: 'briefing_feed_consecutive_failures',
    help: 'Consecutive failures of each feed (0 = healthy)',
    labelNames: ['feed', 'paused'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const f of await deps.store.listFeedHealth()) this.set({ feed: f.url, paused: String(f.paused) }, f.consecutiveFailures);
    },
  });

  const routes = new Map<string, RouteHandler>();
  routes.set('GET /healthz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } catch {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"store unavailable"}');
    }
  });
  routes.set('GET /metrics', async (_req, res) => {
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    } catch (err) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${(err as Error).message}`);
    }
  });

  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const handler = routes.get(`${req.method} ${path}`);
    if (!handler) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    Promise.resolve(handler(req, res)).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
  });

  return {
    server,
    route(method, path, handler) {
      routes.set(`${method.toUpperCase()} ${path}`, handler);
    },
    listen(port, host = '0.0.0.0') {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve(typeof addr === 'object' && addr ? addr.port : port);
        });
      });
    },
    close() {
      return new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      });
    },
    metrics: {
      delivered(platform, status) {
        deliveries.inc({ platform, status });
      },
      sendSeconds(platform, seconds) {
        latency.observe({ platform }, seconds);
      },
    },
  };
}
