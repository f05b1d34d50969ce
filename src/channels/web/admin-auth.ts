/**
 * Sign-in for the operator's dashboard, stateless so that every instance with the same
 * ADMIN_TOKEN accepts it: a bearer token, or a cookie signed with HMAC-SHA256 under a key derived
 * from the token. The login form is protected by a signed double-submit token (OWASP's CSRF
 * pattern). Every comparison is constant-time; the token is never logged nor put in a URL.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Options for {@link createAdminAuth}. */
export interface AdminAuthOptions {
  /** How long a sign-in lasts (default 12 h). */
  sessionMs: number;
  /** How long a login form stays valid (default 1 h). */
  formMs: number;
  /** Failed sign-ins allowed per address within `lockoutWindowMs` (default 10). */
  maxFailures: number;
  /** Default 15 min. */
  lockoutWindowMs: number;
}

/** Default {@link AdminAuthOptions}. */
const DEFAULT_ADMIN_AUTH_OPTIONS: AdminAuthOptions = { sessionMs: 12 * 3600_000, formMs: 3600_000, maxFailures: 10, lockoutWindowMs: 15 * 60_000 };

/** The cookie that holds a sign-in, and the one that pairs with a login form. */
export const SESSION_COOKIE = 'briefing_admin';
export const FORM_COOKIE = 'briefing_admin_form';

/** A fresh login form: its hidden field and the cookie value it must come back with. */
export interface LoginForm {
  field: string;
  cookie: string;
}

/** Sign-in checks for the dashboard. */
export interface AdminAuth {
  /** Whether `candidate` is the admin token (constant time). */
  isToken(candidate: string): boolean;
  /** Whether the request carries the token as a bearer, or a valid sign-in cookie. */
  isSignedIn(req: IncomingMessage, now: number): boolean;
  /** Whether the request tried a bearer token (then a refusal says so with WWW-Authenticate). */
  hasBearer(req: IncomingMessage): boolean;
  /** A signed sign-in cookie value, valid until now + sessionMs. */
  session(now: number): string;
  /** A login form's CSRF token and cookie. */
  loginForm(now: number): LoginForm;
  /** Whether a posted login form's field matches its cookie, is signed by us and is fresh. */
  checkLoginForm(field: string | undefined, cookie: string | undefined, now: number): boolean;
  /** The CSRF field of forms shown to a signed-in operator (sign-out), bound to their cookie. */
  sessionForm(req: IncomingMessage): string | undefined;
  /** Whether a posted field is the one bound to the request's sign-in cookie. */
  checkSessionForm(req: IncomingMessage, field: string | undefined, now: number): boolean;
  /** Counts a failed sign-in; true when the address is now locked out. */
  fail(address: string, now: number): boolean;
  /** Whether an address has too many recent failures (then its attempts are refused unread). */
  isLockedOut(address: string, now: number): boolean;
}

/** The value of one cookie of a request. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return part.slice(i + 1).trim();
  }
  return undefined;
}

const b64 = (buf: Buffer): string => buf.toString('base64url');

/** Constant-time equality of two strings of any length (both are hashed to 32 bytes first). */
function safeEqual(a: string, b: string): boolean {
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb) && a.length === b.length;
}

/** Creates the checks for one admin token. */
export function createAdminAuth(token: string, options: Partial<AdminAuthOptions> = {}): AdminAuth {
  const opts = { ...DEFAULT_ADMIN_AUTH_OPTIONS, ...options };
  // One key per purpose, derived from the token: every instance with the token derives the same.
  const key = createHmac('sha256', token).update('briefing admin signing key v1').digest();
  const sign = (purpose: string, payload: string): string => b64(createHmac('sha256', key).update(`${purpose}|${payload}`).digest());
  const failures = new Map<string, number[]>();

  const bearerOf = (req: IncomingMessage): string | undefined => {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    return m?.[1];
  };
  const validSession = (value: string | undefined, now: number): boolean => {
    const m = /^v1\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(value ?? '');
    if (!m) return false;
    return safeEqual(m[2]!, sign('session', `v1.${m[1]}`)) && Number(m[1]) > now;
  };
  const auth: AdminAuth = {
    isToken: (candidate) => safeEqual(candidate, token),
    hasBearer: (req) => bearerOf(req) !== undefined,
    isSignedIn(req, now) {
      const bearer = bearerOf(req);
      if (bearer !== undefined) return auth.isToken(bearer);
      return validSession(readCookie(req, SESSION_COOKIE), now);
    },
    session(now) {
      const payload = `v1.${now + opts.sessionMs}`;
      return `${payload}.${sign('session', payload)}`;
    },
    loginForm(now) {
      const nonce = b64(randomBytes(18));
      const expires = now + opts.formMs;
      return { cookie: nonce, field: `${nonce}.${expires}.${sign('login-form', `${nonce}.${expires}`)}` };
    },
    checkLoginForm(field, cookie, now) {
      const m = /^([A-Za-z0-9_-]{24})\.(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(field ?? '');
      if (!m || !cookie) return false;
      const signed = safeEqual(m[3]!, sign('login-form', `${m[1]}.${m[2]}`));
      return signed && safeEqual(m[1]!, cookie) && Number(m[2]) > now;
    },
    sessionForm(req) {
      const session = readCookie(req, SESSION_COOKIE);
      return session ? sign('session-form', session) : undefined;
    },
    checkSessionForm(req, field, now) {
      const session = readCookie(req, SESSION_COOKIE);
      if (!session || !field || !validSession(session, now)) return false;
      return safeEqual(field, sign('session-form', session));
    },
    fail(address, now) {
      const recent = (failures.get(address) ?? []).filter((t) => t > now - opts.lockoutWindowMs);
      recent.push(now);
      failures.delete(address);
      failures.set(address, recent);
      // Bounded memory: forget the addresses not seen for longest.
      if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
      return recent.length >= opts.maxFailures;
    },
    isLockedOut(address, now) {
      return (failures.get(address) ?? []).filter((t) => t > now - opts.lockoutWindowMs).length >= opts.maxFailures;
    },
  };
  return auth;
}
