/**
 * The web channel: edition pages, archive and Atom feed for readers, the dashboard for operators,
 * served by the instance's HTTP server. Pages are rendered on the server with no script at all;
 * every response carries a Content-Security-Policy that allows none.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { clientAddress } from '../../core/client-address.js';
import type { Clock, Logger } from '../../core/ports.js';
import { previousDate, toLocalParts } from '../../core/time.js';
import type { EditionArchive, OperationsReport } from '../../service/index.js';
import { createAdminAuth, FORM_COOKIE, readCookie, SESSION_COOKIE, type AdminAuth } from './admin-auth.js';
import { editionMonths, MONTH_RE, renderArchiveMonthPage, renderArchivePage, renderHomePage } from './archive-page.js';
import { renderAtomFeed } from './atom-feed.js';
import { renderDashboardPage, renderLoginPage } from './dashboard-page.js';
import { renderDayPage, renderEditionPage, renderNoEditionPage, type WebBriefing } from './edition-page.js';
import { renderLayout, renderNotFoundPage, sitePath, type SiteContext } from './page-layout.js';
import { DATE_RE, slotFromPath, webPaths } from './paths.js';
import { html } from './html.js';
import { FONT_FILES, stylesheet } from './style.js';

/** Path parameters of a route. */
export type WebParams = Record<string, string | undefined>;

/** One route of the web channel. */
export interface WebRoute {
  method: 'GET' | 'POST';
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse, params: WebParams) => Promise<void>;
}

/** What the web channel needs. */
export interface WebChannelDeps {
  /** The briefings to show (id, title, zone, delivery time). */
  briefings: readonly WebBriefing[];
  archive: EditionArchive;
  /** The dashboard's figures (required for the dashboard). */
  report?: () => Promise<OperationsReport>;
  clock: Clock;
  log: Logger;
}

/** Options for {@link createWebChannel}. */
export interface WebChannelOptions {
  /** Public base URL, no trailing slash (absolute links in feeds and Open Graph tags). Default: none. */
  publicUrl?: string;
  /** The dashboard at /admin is on when this is set (default: off). */
  adminToken?: string;
  /**
   * A reverse proxy on this machine or the private network stands in front and appends the
   * client's address to `X-Forwarded-For` (or sets `X-Real-IP`): the dashboard's lockout counts
   * that address instead of the proxy's (default false: the connection's own address; a proxy
   * that passes a client's header on unchanged would let the client choose it).
   */
  trustProxy?: boolean;
  /** Folder of the font files (default: @fontsource/noto-naskh-arabic's, from node_modules). */
  fontDir?: string;
  /** Editions in the Atom feed (default 20). */
  feedEntries: number;
  /**
   * Editions listed on the archive page at most (default 400, a year of one slot a day): the newest
   * months whole (the newest one always), then a link to each older month's page.
   */
  archivePageEditions: number;
  /** Largest form body read, in bytes (default 8192). */
  maxFormBytes: number;
}

/** Default {@link WebChannelOptions}. */
const DEFAULT_WEB_CHANNEL_OPTIONS: WebChannelOptions = { feedEntries: 20, archivePageEditions: 400, maxFormBytes: 8192 };

/** The web channel: its routes, to mount on the instance's server. */
export interface WebChannel {
  readonly routes: readonly WebRoute[];
  /** Mounts every route with the server's `route(method, path, handler)`. */
  mount(route: (method: string, path: string, handler: WebRoute['handler']) => void): void;
}

/** No script from anywhere; styles, fonts and images only from this origin; forms post only here; never framed. */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; font-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A path segment decoded, or '' when it is not valid percent-encoding. */
function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return '';
  }
}
const SHORT = 'public, max-age=60';

function fontBytes(dir: string | undefined, log: Logger): Map<string, Buffer> {
  const fonts = new Map<string, Buffer>();
  const require = createRequire(import.meta.url);
  for (const f of FONT_FILES) {
    try {
      const path = dir ? `${dir}/${f.file}` : require.resolve(`@fontsource/noto-naskh-arabic/files/${f.file}`);
      fonts.set(f.file, readFileSync(path));
    } catch (err) {
      log.warn({ font: f.file, err: (err as Error).message }, 'web font file missing: pages fall back to the system fonts (run npm ci)');
    }
  }
  return fonts;
}

/**
 * Creates the web channel.
 *
 * @example
 * const web = createWebChannel({ briefings, archive: createEditionArchive({ store }), clock, log }, { publicUrl });
 * web.mount((method, path, handler) => server.route(method, path, handler));
 */
export function createWebChannel(deps: WebChannelDeps, options: Partial<WebChannelOptions> = {}): WebChannel {
  const opts = { ...DEFAULT_WEB_CHANNEL_OPTIONS, ...options };
  // Behind a proxy that serves this instance's / under a path of the public URL, links carry that path.
  const basePath = ((): string => {
    try {
      return opts.publicUrl ? new URL(opts.publicUrl).pathname.replace(/\/+$/, '') : '';
    } catch {
      return '';
    }
  })();
  const css = stylesheet(`${basePath}/assets/fonts/`);
  const cssHash = createHash('sha256').update(css).digest('hex').slice(0, 16);
  const site: SiteContext = { stylesheetPath: `/assets/style.${cssHash}.css`, ...(opts.publicUrl ? { publicUrl: opts.publicUrl } : {}), ...(basePath ? { basePath } : {}) };
  const fonts = fontBytes(opts.fontDir, deps.log);
  const byId = new Map(deps.briefings.map((b) => [b.id, b]));
  const auth: AdminAuth | undefined = opts.adminToken ? createAdminAuth(opts.adminToken) : undefined;

  /**
   * Sends a response with the security headers, an ETag (and a Last-Modified when given: when the
   * newest edition shown was stored), and a 304 when the client has it: by its ETag when it sends
   * one, else by its If-Modified-Since.
   */
  function send(req: IncomingMessage, res: ServerResponse, status: number, body: string | Buffer, headers: { type: string; cache: string; etag?: boolean; lastModified?: number; extra?: Record<string, string | string[]> }): void {
    const out: Record<string, string | string[]> = {
      'content-type': headers.type,
      'cache-control': headers.cache,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      ...headers.extra,
      // Told to HEAD as to GET (Node would otherwise send the body chunked, with no length).
      'content-length': String(Buffer.byteLength(body)),
    };
    if (headers.etag && status === 200) {
      const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
      out.etag = etag;
      // HTTP dates have whole seconds.
      const modified = headers.lastModified === undefined ? undefined : Math.floor(headers.lastModified / 1000) * 1000;
      if (modified !== undefined) out['last-modified'] = new Date(modified).toUTCString();
      const match = req.headers['if-none-match'];
      const since = Date.parse(req.headers['if-modified-since'] ?? '');
      const fresh = match ? match.trim() === '*' || match.split(',').some((m) => m.trim().replace(/^W\//, '') === etag) : modified !== undefined && Number.isFinite(since) && since >= modified;
      if (fresh) {
        res.writeHead(304, { etag, 'cache-control': headers.cache, ...(modified !== undefined ? { 'last-modified': out['last-modified'] as string } : {}) }).end();
        return;
      }
    }
    res.writeHead(status, out).end(body);
  }
  const page = (req: IncomingMessage, res: ServerResponse, body: string, cache: string, status = 200, lastModified?: number): void =>
    send(req, res, status, body, { type: 'text/html; charset=utf-8', cache, etag: true, ...(lastModified !== undefined ? { lastModified } : {}) });
  /** The query of a request (`?utm_source=…`), kept when it is sent to another address; empty when none. */
  const queryOf = (req: IncomingMessage): string => {
    const url = req.url ?? '';
    const at = url.indexOf('?');
    return at < 0 || at === url.length - 1 ? '' : url.slice(at);
  };
  /**
   * The 404 of every address under the pages: a page's address with a trailing slash is sent to
   * the page; under a known briefing, the page links to its latest edition and archive.
   */
  const notFound = (req: IncomingMessage, res: ServerResponse): void => {
    const path = (req.url ?? '/').split('?')[0]!;
    const m = /^\/b\/([^/]+)\/(?:\d{4}-\d\d-\d\d(?:\/\d{4})?|archive(?:\/\d{4}-\d\d)?|feed\.atom)\/$/.exec(path);
    const b = byId.get(decoded(m?.[1] ?? /^\/b\/([^/]+)\//.exec(path)?.[1] ?? ''));
    if (m && b) return void res.writeHead(301, { location: sitePath(site, path.slice(0, -1)) + queryOf(req), 'cache-control': SHORT }).end();
    page(req, res, renderNotFoundPage(site, path, b), 'no-cache', 404);
  };

  /** Wraps a handler: a failing store gets a 503 page and one log line, never a stack trace. */
  const guarded =
    (fn: WebRoute['handler']): WebRoute['handler'] =>
    async (req, res, params) => {
      try {
        await fn(req, res, params);
      } catch (err) {
        deps.log.error({ path: (req.url ?? '').split('?')[0], err: (err as Error).message }, 'web page failed');
        if (res.headersSent) return void res.end();
        const body = renderLayout(site, { title: 'تعذّر عرض الصفحة', path: req.url ?? '/', noindex: true, body: html`<h1>تعذّر عرض الصفحة الآن</h1><p>حدث خطأ في الخادم. أعد المحاولة بعد قليل.</p>` });
        send(req, res, 503, body, { type: 'text/html; charset=utf-8', cache: 'no-store', extra: { 'retry-after': '30' } });
      }
    };

  const briefingOf = (params: WebParams): WebBriefing | undefined => byId.get(params.briefing ?? '');

  const routes: WebRoute[] = [
    {
      method: 'GET',
      path: '/',
      handler: async (req, res) => page(req, res, renderHomePage(site, deps.briefings), SHORT),
    },
    {
      method: 'GET',
      path: '/b/:briefing',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        if (!b) return notFound(req, res);
        res.writeHead(301, { location: sitePath(site, webPaths.latest(b.id)) + queryOf(req), 'cache-control': SHORT }).end();
      },
    },
    {
      method: 'GET',
      path: '/b/:briefing/',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        if (!b) return notFound(req, res);
        const edition = await deps.archive.latest(b.id);
        page(req, res, edition ? renderEditionPage(site, b, edition, { latest: true }) : renderNoEditionPage(site, b), SHORT, 200, edition?.createdAt);
      },
    },
    {
      method: 'GET',
      path: '/b/:briefing/feed.atom',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        if (!b) return notFound(req, res);
        const editions = await deps.archive.recent(b.id, opts.feedEntries);
        const newest = editions.length > 0 ? Math.max(...editions.map((e) => e.createdAt)) : undefined;
        send(req, res, 200, renderAtomFeed(site, b, editions, deps.clock.now().getTime()), { type: 'application/atom+xml; charset=utf-8', cache: 'public, max-age=300', etag: true, ...(newest !== undefined ? { lastModified: newest } : {}) });
      },
    },
    {
      method: 'GET',
      path: '/b/:briefing/archive',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        if (!b) return notFound(req, res);
        page(req, res, renderArchivePage(site, b, await deps.archive.list(b.id), opts.archivePageEditions), SHORT);
      },
    },
    {
      method: 'GET',
      path: '/b/:briefing/archive/:month',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        const month = params.month ?? '';
        if (!b || !MONTH_RE.test(month)) return notFound(req, res);
        const months = editionMonths(await deps.archive.list(b.id));
        const at = months.findIndex((m) => m.month === month);
        if (at < 0) return notFound(req, res);
        const around = { ...(at > 0 ? { newer: months[at - 1]!.month } : {}), ...(at + 1 < months.length ? { older: months[at + 1]!.month } : {}) };
        page(req, res, renderArchiveMonthPage(site, b, month, months[at]!.editions, around), SHORT);
      },
    },
    {
      method: 'GET',
      path: '/b/:briefing/:date',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        const date = params.date ?? '';
        if (!b || !DATE_RE.test(date)) return notFound(req, res);
        const editions = await deps.archive.day(b.id, date);
        if (editions.length === 0) return notFound(req, res);
        // A day is over once its catch-up window (up to a day) has passed: then no slot can be added.
        const today = toLocalParts(deps.clock.now(), b.timeZone).date;
        page(req, res, renderDayPage(site, b, date, editions), date < previousDate(today) ? IMMUTABLE : SHORT);
      },
    },
    {
      method: 'GET',
      path: '/b/:briefing/:date/:slot',
      handler: async (req, res, params) => {
        const b = briefingOf(params);
        const date = params.date ?? '';
        const slot = slotFromPath(params.slot ?? '');
        if (!b || !DATE_RE.test(date) || !slot) return notFound(req, res);
        const edition = await deps.archive.edition(b.id, date, slot);
        if (!edition) return notFound(req, res);
        // A stored edition never changes: its page can be kept for good.
        page(req, res, renderEditionPage(site, b, edition), IMMUTABLE, 200, edition.createdAt);
      },
    },
    {
      method: 'GET',
      path: '/assets/:file',
      handler: async (req, res, params) => {
        const m = /^style\.([0-9a-f]{16})\.css$/.exec(params.file ?? '');
        if (!m) return notFound(req, res);
        // A page cached before an upgrade asks for the old name: it gets today's sheet, not kept.
        send(req, res, 200, css, { type: 'text/css; charset=utf-8', cache: m[1] === cssHash ? IMMUTABLE : 'no-cache', etag: true });
      },
    },
    {
      method: 'GET',
      path: '/assets/fonts/:file',
      handler: async (req, res, params) => {
        const bytes = fonts.get(params.file ?? '');
        if (!bytes) return notFound(req, res);
        send(req, res, 200, bytes, { type: 'font/woff2', cache: IMMUTABLE, etag: true });
      },
    },
  ];

  // Any other address a reader may type or paste gets the same 404 page (not the server's bare one).
  routes.push({ method: 'GET', path: '/*', handler: async (req, res) => notFound(req, res) });
  if (auth) routes.push(...adminRoutes(auth));

  function adminRoutes(auth: AdminAuth): WebRoute[] {
    // The public URL's origin: behind a reverse proxy that passes on a Host of its own (nginx's
    // default is the upstream's address), the browser's Origin is this one, not the Host's.
    const publicOrigin = ((): string | undefined => {
      try {
        return opts.publicUrl ? new URL(opts.publicUrl).origin : undefined;
      } catch {
        return undefined;
      }
    })();
    // Secure over TLS: this server's own, a proxy's that says so, or a browser posting from an https public URL.
    const secure = (req: IncomingMessage): string =>
      (req.socket as { encrypted?: boolean }).encrypted || req.headers['x-forwarded-proto'] === 'https' || (publicOrigin?.startsWith('https:') && req.headers.origin === publicOrigin) ? '; Secure' : '';
    const cookie = (req: IncomingMessage, name: string, value: string, maxAgeS: number): string =>
      `${name}=${value}; Path=${sitePath(site, webPaths.admin())}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeS}${secure(req)}`;
    // same-origin, not no-referrer: under no-referrer Chromium posts forms with "Origin: null", which the cross-site check refuses.
    const adminHeaders = { 'referrer-policy': 'same-origin' };
    // Failed sign-ins count per address: behind a trusted reverse proxy, the one it forwards, not its own.
    const address = (req: IncomingMessage): string => (opts.trustProxy ? clientAddress(req.socket.remoteAddress, req.headers) : (req.socket.remoteAddress ?? 'unknown'));

    const loginPage = (req: IncomingMessage, res: ServerResponse, status: number, error?: string, extra: Record<string, string> = {}): void => {
      const now = deps.clock.now().getTime();
      const form = auth.loginForm(now);
      send(req, res, status, renderLoginPage(site, { formField: form.field, ...(error ? { error } : {}) }), {
        type: 'text/html; charset=utf-8',
        cache: 'no-store',
        extra: { ...adminHeaders, ...extra, 'set-cookie': cookie(req, FORM_COOKIE, form.cookie, 3600) },
      });
    };

    /** Reads a form body (urlencoded, bounded); undefined when it is not one or too large. */
    const readForm = async (req: IncomingMessage): Promise<URLSearchParams | undefined> => {
      if (!/^application\/x-www-form-urlencoded\b/i.test(req.headers['content-type'] ?? '')) return undefined;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req) {
        size += (chunk as Buffer).length;
        if (size > opts.maxFormBytes) return undefined;
        chunks.push(chunk as Buffer);
      }
      return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    };
    /** A form posted from another site is refused even before its CSRF token is read: its Origin is neither the Host's nor the public URL's. */
    const crossSite = (req: IncomingMessage): boolean => {
      const origin = req.headers.origin;
      if (!origin || origin === 'null') return origin === 'null';
      try {
        const from = new URL(origin);
        return from.host !== req.headers.host && from.origin !== publicOrigin;
      } catch {
        return true;
      }
    };

    return [
      {
        method: 'GET',
        path: '/admin',
        handler: async (req, res) => {
          const now = deps.clock.now().getTime();
          // Guessing by bearer is limited like guessing with the form.
          if (auth.hasBearer(req) && auth.isLockedOut(address(req), now)) {
            return loginPage(req, res, 429, 'محاولات خاطئة كثيرة. انتظر ربع ساعة ثم أعد المحاولة.', { 'retry-after': '900' });
          }
          if (!auth.isSignedIn(req, now)) {
            if (auth.hasBearer(req)) {
              auth.fail(address(req), now);
              deps.log.warn({ address: address(req) }, 'dashboard: a wrong bearer token was refused');
              return loginPage(req, res, 401, undefined, { 'www-authenticate': 'Bearer error="invalid_token"' });
            }
            return loginPage(req, res, 401, undefined, { 'www-authenticate': 'Bearer' });
          }
          if (!deps.report) return notFound(req, res);
          const report = await deps.report();
          const signOutField = auth.hasBearer(req) ? undefined : auth.sessionForm(req);
          send(req, res, 200, renderDashboardPage(site, report, signOutField ? { signOutField } : {}), { type: 'text/html; charset=utf-8', cache: 'no-store', extra: adminHeaders });
        },
      },
      {
        method: 'POST',
        path: '/admin/login',
        handler: async (req, res) => {
          const now = deps.clock.now().getTime();
          const from = address(req);
          if (auth.isLockedOut(from, now)) {
            req.resume();
            return loginPage(req, res, 429, 'محاولات خاطئة كثيرة. انتظر ربع ساعة ثم أعد المحاولة.', { 'retry-after': '900' });
          }
          if (crossSite(req)) {
            req.resume();
            return loginPage(req, res, 403, 'رُفض الطلب لأنه جاء من موقع آخر.');
          }
          const form = await readForm(req);
          if (!form) return loginPage(req, res, 400, 'طلب غير صالح. أعد المحاولة من هذه الصفحة.');
          if (!auth.checkLoginForm(form.get('csrf') ?? undefined, readCookie(req, FORM_COOKIE), now)) {
            return loginPage(req, res, 403, 'انتهت صلاحية النموذج. أعد إدخال الرمز.');
          }
          if (!auth.isToken(form.get('token') ?? '')) {
            const locked = auth.fail(from, now);
            deps.log.warn({ address: from, locked }, 'dashboard: a wrong token was refused');
            return loginPage(req, res, 401, 'الرمز غير صحيح.');
          }
          deps.log.info({ address: from }, 'dashboard: signed in');
          res
            .writeHead(303, {
              location: sitePath(site, webPaths.admin()),
              'cache-control': 'no-store',
              'set-cookie': [cookie(req, SESSION_COOKIE, auth.session(now), 12 * 3600), cookie(req, FORM_COOKIE, '', 0)],
              ...adminHeaders,
            })
            .end();
        },
      },
      {
        method: 'POST',
        path: '/admin/logout',
        handler: async (req, res) => {
          const now = deps.clock.now().getTime();
          const form = crossSite(req) ? undefined : await readForm(req);
          if (!form || !auth.checkSessionForm(req, form.get('csrf') ?? undefined, now)) {
            req.resume();
            return send(req, res, 403, 'forbidden', { type: 'text/plain; charset=utf-8', cache: 'no-store', extra: adminHeaders });
          }
          res.writeHead(303, { location: sitePath(site, webPaths.admin()), 'cache-control': 'no-store', 'set-cookie': cookie(req, SESSION_COOKIE, '', 0), ...adminHeaders }).end();
        },
      },
    ];
  }

  const wrapped = routes.map((r) => ({ ...r, handler: guarded(r.handler) }));
  return {
    routes: wrapped,
    mount(route) {
      for (const r of wrapped) route(r.method, r.path, r.handler);
    },
  };
}
