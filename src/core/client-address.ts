/**
 * Who sent a request, when a reverse proxy may stand in front of the instance (the README's
 * deployment: TLS at nginx or Caddy on the same machine, forwarding to `PORT`). Behind such a
 * proxy every request reaches the instance from the proxy's address, loopback or private: taken
 * as it is, that would make the public look local (`/metrics` without a token answers this machine
 * only) and make one person's failed sign-ins lock every operator out of the dashboard.
 */

/** Request headers as Node gives them. */
type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** Headers a proxy adds when it forwards a request. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'] as const;

/** Whether an address is this machine's (IPv4 or IPv6 loopback, or IPv4 loopback mapped into IPv6). */
export function isLoopbackAddress(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Whether an address is loopback or in a private, link-local or unique-local range: where a proxy of ours sits. */
export function isInternalAddress(address: string): boolean {
  const a = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isLoopbackAddress(a)) return true;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(a);
  if (v4) {
    const [x, y] = [Number(v4[1]), Number(v4[2])];
    return x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254) || (x === 100 && y >= 64 && y <= 127);
  }
  const lower = a.toLowerCase();
  return /^f[cd][0-9a-f]{2}:/.test(lower) || /^fe[89ab][0-9a-f]:/.test(lower);
}

/** Whether the request came through a proxy (it carries a forwarding header). */
export function isForwarded(headers: Headers): boolean {
  return FORWARDING_HEADERS.some((h) => headers[h] !== undefined);
}

/** Whether the request came from this machine itself, not through a proxy on it. */
export function isFromThisMachine(peer: string | undefined, headers: Headers): boolean {
  return isLoopbackAddress(peer ?? '') && !isForwarded(headers);
}

function headerValue(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(',') : (value ?? '');
}

/**
 * The address of the person behind a request: the connection's own address, or, when that is a
 * proxy of ours (loopback or private) and the request was forwarded, the address the proxy
 * recorded: the last entry of `X-Forwarded-For` (the one the nearest proxy appended; the entries
 * before it are the client's to write), else `X-Real-IP`. A public peer's headers are not read.
 *
 * @example
 * clientAddress('127.0.0.1', { 'x-forwarded-for': '198.51.100.7, 203.0.113.9' }) // → '203.0.113.9'
 * clientAddress('203.0.113.9', { 'x-forwarded-for': '10.0.0.1' })               // → '203.0.113.9'
 */
export function clientAddress(peer: string | undefined, headers: Headers): string {
  const own = peer ?? 'unknown';
  if (!isInternalAddress(own)) return own;
  const forwarded = headerValue(headers['x-forwarded-for'])
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (forwarded.length > 0) return forwarded[forwarded.length - 1]!;
  const real = headerValue(headers['x-real-ip']).trim();
  return real.length > 0 ? real : own;
}
