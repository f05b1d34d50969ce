/**
 * The one HTTP server of an instance (PORT): /healthz, /metrics (Prometheus), and the routes the
 * channels mount (Slack events, Telegram webhook, the web pages). Routing by find-my-way (the
 * radix-tree router of Fastify): exact paths and `:name` parameters.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import FindMyWay from 'find-my-way';
import client from 'prom-client';
import type { ComposerMetrics, DeliveryMetrics, Logger, Store } from '../core/ports.js';
import { withoutUrlSecrets } from '../core/url-secrets.js';
import { isFromThisMachine } from '../core/client-address.js';

/** Path parameters of a route (`/b/:briefing/` → `{ briefing }`), decoded. */
export type RouteParams = Record<string, string | undefined>;

/** A route handler; it owns the response. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, params: RouteParams) => void | Promise<void>;

/** HTTP methods a route may answer. */
export type RouteMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

/** The server of an instance. */
export interface OpsServer {
  /**
   * Adds a route: an exact path, or one with `:name` segments (`/b/:briefing/feed.atom`). A GET
   * route answers HEAD too. Adding the same method and path again replaces the handler.
   */
  route(method: string, path: string, handler: RouteHandler): void;
  /** Starts listening; resolves with the port (0 picks a free one). */
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
  /** Delivery metrics backed by this server's registry. */
  readonly metrics: DeliveryMetrics;
  /** LLM mode's metrics (tokens, call outcomes, guard rejections) backed by this server's registry. */
  readonly composerMetrics: ComposerMetrics;
  readonly server: Server;
}

/** What the server needs. */
export interface OpsServerDeps {
  store: Store;
  /** Where a failing route handler is reported (default: nowhere). */
  log?: Logger;
  /**
   * Bearer token that /metrics asks for (METRICS_TOKEN). Without one, /metrics answers only
   * requests from this machine (loopback): webhooks and pages share the port.
   */
  metricsToken?: string;
}

/** Whether a request came from this machine itself: loopback, and not forwarded by a reverse proxy on it (which would make the public look local). */
function isLoopback(req: IncomingMessage): boolean {
  return isFromThisMachine(req.socket.remoteAddress, req.headers);
}

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time. */
function hasBearer(req: IncomingMessage, token: string): boolean {
  const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
  const digest = (t: string): Buffer => createHash('sha256').update(t).digest();
  return timingSafeEqual(digest(given), digest(token));
}

/** The 405 body: Arabic for a person, the English after it for a machine. */
const METHOD_NOT_ALLOWED = 'هذه الطريقة غير مدعومة هنا (method not allowed)';

/** The 431 Node sends for headers over its limit (a link with a huge query string), with a body a person can read. */
const HEADERS_TOO_LARGE = (() => {
  const body = Buffer.from('الطلب أطول مما يقبله الخادم: اختصر العنوان (request header fields too large)', 'utf8');
  const head = `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`;
  return Buffer.concat([Buffer.from(head, 'ascii'), body]);
})();

/** Node's own answers to the other requests it refuses before routing (as in its `_http_server`). */
const NODE_CLIENT_ERRORS: Record<string, number> = { HPE_CHUNK_EXTENSIONS_OVERFLOW: 413, ERR_HTTP_REQUEST_TIMEOUT: 408 };

/**
 * The server's `clientError`: headers too large get 431 with a short Arabic text, and the
 * connection is closed; anything else is answered as Node does without a listener (a bare 400,
 * 408 or 413, then the socket destroyed). Nothing is written once a response has begun.
 */
function answerClientError(err: NodeJS.ErrnoException, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { _headerSent?: boolean } })._httpMessage;
  const canAnswer = socket.writable && !inFlight?._headerSent;
  if (err.code === 'HPE_HEADER_OVERFLOW' && canAnswer) return void socket.end(HEADERS_TOO_LARGE, () => socket.destroy());
  if (canAnswer) {
    const status = NODE_CLIENT_ERRORS[err.code ?? ''] ?? 400;
    socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\n\r\n`);
  }
  socket.destroy(err);
}

/** Creates the server; /metrics reads ledger and feed figures from the store at scrape time. */
export function createOpsServer(deps: OpsServerDeps): OpsServer {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const deliveries = new client.Counter({ name: 'briefing_deliveries_total', help: 'Deliveries ended by this instance, by platform and outcome', labelNames: ['platform', 'status'], registers: [registry] });
  const llmTokens = new client.Counter({ name: 'briefing_llm_tokens_total', help: 'Tokens the model endpoint reported, by model and kind (prompt, completion)', labelNames: ['model', 'kind'], registers: [registry] });
  const llmCalls = new client.Counter({ name: 'briefing_llm_stories_total', help: "Stories sent to the model, by how the call ended (ok, parse, too-long, timeout, rate-limited, server-error, circuit-open, …)", labelNames: ['outcome'], registers: [registry] });
  const guardRejections = new client.Counter({ name: 'briefing_guard_rejections_total', help: "AI headlines and bullets the guard turned down, by target and reason (number, quote, name, novel, language, length, link, parse)", labelNames: ['target', 'reason'], registers: [registry] });
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
      for (const f of await deps.store.listFeedHealth()) this.set({ feed: withoutUrlSecrets(f.url), paused: String(f.paused) }, f.consecutiveFailures);
    },
  });

  const router = FindMyWay({
    // 404s are answered below; a path's trailing slash is significant (/b/x/ is a page, /b/x redirects to it).
    defaultRoute: (req, res) => {
      // A known address asked with another method (a POST to a page, a GET of a webhook): 405 with the methods it takes.
      const path = (req.url ?? '/').split('?')[0]!;
      // A catch-all route (the web pages' 404 under GET /*) names no address of its own.
      const allowed = (['GET', 'HEAD', 'POST'] as const).filter((m) => {
        const found = router.find(m, path);
        return found !== null && !('*' in found.params);
      });
      if (allowed.length > 0) return void res.writeHead(405, { 'content-type': 'text/plain; charset=utf-8', allow: allowed.join(', ') }).end(METHOD_NOT_ALLOWED);
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
    },
    // A path that is not valid percent-encoding (a link cut inside an encoded Arabic letter) goes to
    // the catch-all route of its method when there is one (the web pages' Arabic 404), else 400.
    onBadUrl: (_path, req, res) => {
      const fallback = req.method === 'GET' || req.method === 'HEAD' ? router.find(req.method, '/*') : null;
      if (fallback && '*' in fallback.params) return void fallback.handler(req, res, {}, fallback.store, {});
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad url');
    },
    maxParamLength: 200,
  });
  const heads = new Set<string>();
  const route = (method: string, path: string, handler: RouteHandler): void => {
    const m = method.toUpperCase() as RouteMethod;
    const safe: FindMyWay.Handler<FindMyWay.HTTPVersion.V1> = (req, res, params) => {
      Promise.resolve()
        .then(() => handler(req, res, params))
        .catch((err: unknown) => {
          // One line that says which route failed and why (never the request's body or headers).
          deps.log?.error({ route: `${m} ${path}`, err: (err as Error)?.message ?? String(err) }, 'request handler failed; answered 500');
          if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
          res.end('internal error');
        });
    };
    router.off(m, path);
    router.on(m, path, safe);
    if (m === 'HEAD') heads.add(path);
    else if (m === 'GET' && !heads.has(path)) {
      // Node sends no body for a HEAD request, whatever the handler writes.
      router.off('HEAD', path);
      router.on('HEAD', path, safe);
    }
  };
  route('GET', '/healthz', async (_req, res) => {
    try {
      await deps.store.ping();
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    } catch {
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"store unavailable"}');
    }
  });
  route('GET', '/metrics', async (req, res) => {
    if (deps.metricsToken ? !hasBearer(req, deps.metricsToken) : !isLoopback(req)) {
      const why = deps.metricsToken ? 'send Authorization: Bearer <METRICS_TOKEN>' : 'only from this machine; set METRICS_TOKEN to scrape from elsewhere';
      res.writeHead(deps.metricsToken ? 401 : 403, { 'content-type': 'text/plain; charset=utf-8', ...(deps.metricsToken ? { 'www-authenticate': 'Bearer' } : {}) }).end(`metrics: ${why}\n`);
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'content-type': registry.contentType }).end(body);
    } catch (err) {
      res.writeHead(503, { 'content-type': 'text/plain' }).end(`metrics unavailable: ${(err as Error).message}`);
    }
  });

  const server = createServer((req, res) => {
    router.lookup(req, res);
  });
  server.on('clientError', answerClientError);

  return {
    server,
    route,
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
    composerMetrics: {
      tokens({ model, promptTokens, completionTokens }) {
        llmTokens.inc({ model, kind: 'prompt' }, promptTokens);
        llmTokens.inc({ model, kind: 'completion' }, completionTokens);
      },
      outcome(outcome) {
        llmCalls.inc({ outcome });
      },
      guardRejection(target, reason) {
        guardRejections.inc({ target, reason });
      },
    },
  };
}
