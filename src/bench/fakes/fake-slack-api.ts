/**
 * A fake Slack Web API on 127.0.0.1 for tests and `npm run bench -- slack`: chat.postMessage,
 * conversations.info, conversations.open (a user's DM with the app: "D" + the user id), users.info (is_admin), auth.test, and response_url endpoints; group DMs (mpim) the app
 * sees and posts in only when it is in them (channel_not_found otherwise, as Slack answers); scripted platform errors per
 * channel, 429 with Retry-After, and slow methods; everything it receives is recorded.
 */
import { createServer, type Server } from 'node:http';

/** What the fake received. */
export interface FakeSlackCall {
  method: string;
  body: Record<string, unknown>;
}

/** The running fake. */
export interface FakeSlackApi {
  /** Base URL for the Web API client (slackApiUrl), ending in /api/. */
  apiUrl: string;
  /** A response_url on this fake. */
  responseUrl(id: string): string;
  calls: FakeSlackCall[];
  responses: { id: string; body: Record<string, unknown> }[];
  /** Channel id → Slack error code to answer chat.postMessage with. */
  errors: Map<string, string>;
  /** Channels where the bot is a member. */
  memberOf: Set<string>;
  /**
   * Group DMs (mpim): conversations.info says is_mpim of those the app is in (memberOf) and
   * answers channel_not_found for the others, and chat.postMessage to those is refused
   * channel_not_found: an app is in a group DM only when it was started with it.
   */
  groupDms: Set<string>;
  /** Users whose DM conversations.open refuses (missing_scope), as when the app lacks im:write. */
  dmRefused: Set<string>;
  /** Workspace admins (users.info says is_admin). */
  admins: Set<string>;
  /** When set, users.info answers this error (e.g. missing_scope, as when the app lacks users:read). */
  usersInfoError?: string;
  /** Web API method → Slack error code it answers every call with (token_revoked, missing_scope, ratelimited, …). */
  methodErrors: Map<string, string>;
  /** Web API method → milliseconds it takes to answer (a slow Slack). */
  delays: Map<string, number>;
  /** WebSocket URL that apps.connections.open hands out (Socket Mode). */
  socketUrl: string;
  /**
   * Next chat.postMessage calls answered 429 with this Retry-After (seconds); with `afterPosts`,
   * only once that many more posts have been accepted (a rate limit on a later part of a briefing).
   */
  rateLimitNext(count: number, retryAfterSeconds: number, afterPosts?: number): void;
  /** Once this many more posts have been accepted, chat.postMessage answers `error` until {@link FakeSlackApi.failPostsAfter} is called with undefined (a Slack failing half-way through a briefing). */
  failPostsAfter(accepted: number | undefined, error?: string): void;
  close(): Promise<void>;
}

/** Starts the fake. */
export async function startFakeSlackApi(): Promise<FakeSlackApi> {
  const calls: FakeSlackCall[] = [];
  const responses: { id: string; body: Record<string, unknown> }[] = [];
  const errors = new Map<string, string>();
  const memberOf = new Set<string>();
  const groupDms = new Set<string>();
  const dmRefused = new Set<string>();
  const admins = new Set<string>();
  let limited = 0;
  let retryAfter = 1;
  // Posts still accepted before the rate limit above begins.
  let limitAfter = 0;
  let ts = 1_700_000_000;
  // Posts still accepted before every post fails with `failWith` (undefined: no such failure).
  let failAfter: number | undefined;
  let failWith = 'internal_error';
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const url = req.url ?? '/';
      const body: Record<string, unknown> = /json/.test(req.headers['content-type'] ?? '')
        ? (JSON.parse(raw || '{}') as Record<string, unknown>)
        : Object.fromEntries(new URLSearchParams(raw));
      for (const [k, v] of Object.entries(body)) if (typeof v === 'string' && /^[[{]/.test(v)) body[k] = JSON.parse(v);
      const json = (status: number, payload: unknown, headers: Record<string, string> = {}): void => void res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(payload));
      const resp = /^\/response\/([\w-]+)$/.exec(url);
      if (resp) {
        responses.push({ id: resp[1]!, body });
        return json(200, { ok: true });
      }
      const m = /^\/api\/([\w.]+)$/.exec(url);
      if (!m) return json(404, { ok: false, error: 'unknown_method' });
      const method = m[1]!;
      calls.push({ method, body });
      const delay = fake.delays.get(method);
      if (delay) return void setTimeout(() => answer(method, body, json), delay);
      answer(method, body, json);
    });
  });
  const answer = (method: string, body: Record<string, unknown>, json: (status: number, payload: unknown, headers?: Record<string, string>) => void): void => {
    const refused = fake.methodErrors.get(method);
    if (refused) return json(200, { ok: false, error: refused });
    if (method === 'auth.test') return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
    if (method === 'apps.connections.open') return json(200, { ok: true, url: fake.socketUrl });
    if (method === 'conversations.info') {
      const id = String(body.channel);
      if (groupDms.has(id)) return memberOf.has(id) ? json(200, { ok: true, channel: { id, is_mpim: true, is_member: true } }) : json(200, { ok: false, error: 'channel_not_found' });
      return json(200, { ok: true, channel: { id: body.channel, is_member: memberOf.has(id) } });
    }
    if (method === 'users.info') {
      if (fake.usersInfoError) return json(200, { ok: false, error: fake.usersInfoError });
      const user = String(body.user ?? '');
      return json(200, { ok: true, user: { id: user, is_admin: admins.has(user), is_owner: false } });
    }
    if (method === 'conversations.open') {
      const user = String(body.users ?? '');
      if (!user || dmRefused.has(user)) return json(200, { ok: false, error: user ? 'missing_scope' : 'users_not_found' });
      return json(200, { ok: true, channel: { id: `D${user}` } });
    }
    if (method === 'chat.postMessage') {
      if (limited > 0 && limitAfter === 0) {
        limited--;
        return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });
      }
      const error = errors.get(String(body.channel)) ?? (groupDms.has(String(body.channel)) && !memberOf.has(String(body.channel)) ? 'channel_not_found' : undefined);
      if (error) return json(200, { ok: false, error });
      if (failAfter !== undefined) {
        if (failAfter === 0) return json(200, { ok: false, error: failWith });
        failAfter--;
      }
      if (limitAfter > 0) limitAfter--;
      return json(200, { ok: true, channel: body.channel, ts: `${ts++}.000100` });
    }
    return json(200, { ok: true });
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  const fake: FakeSlackApi = {
    socketUrl: '',
    delays: new Map(),
    methodErrors: new Map(),
    apiUrl: `${base}/api/`,
    responseUrl: (id) => `${base}/response/${id}`,
    calls,
    responses,
    errors,
    memberOf,
    groupDms,
    dmRefused,
    admins,
    rateLimitNext(count, seconds, afterPosts = 0) {
      limited = count;
      retryAfter = seconds;
      limitAfter = afterPosts;
    },
    failPostsAfter(accepted, error = 'internal_error') {
      failAfter = accepted;
      failWith = error;
    },
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
  return fake;
}
