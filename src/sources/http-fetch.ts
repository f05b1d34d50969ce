/**
 * Polite HTTP for feeds and pages: a clear User-Agent, conditional GET (ETag, Last-Modified),
 * compressed bodies, a timeout, a size cap, and redirects followed by hand so that a permanent
 * one (301, 308) can update the stored URL. Every URL, the first and each redirect's, goes through
 * the address policy (address-policy.ts): http and https only, no credentials, and no address
 * inside the network unless the operator allowed it. Every failure is a SourceError that says
 * what to do.
 */
import { fetch } from 'undici';
import { SourceError } from '../core/errors.js';
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '../core/retry-after.js';
import { ADDRESS_REFUSED, addressPolicyFor, refusedMessage } from './address-policy.js';
import { unpackGzip } from './decode.js';

/** Options for {@link fetchResource}. */
export interface FetchOptions {
  /** Whole request, headers and body (default 10 s). */
  timeoutMs: number;
  /** Largest body accepted (default 5 MB). */
  maxBytes: number;
  userAgent: string;
  etag?: string;
  lastModified?: string;
  /** Most redirects followed (default 5). */
  maxRedirects: number;
  /** Name of the source for errors (default: the URL's host). */
  sourceName?: string;
  /**
   * Hosts, IP addresses and CIDR ranges that may be reached although they are inside the network
   * (the operator's own feeds; config `fetch.allowHosts`). Default: none.
   */
  allowHosts?: readonly string[];
}

/** Defaults for {@link FetchOptions}. */
export const DEFAULT_FETCH_OPTIONS: Readonly<FetchOptions> = {
  timeoutMs: 10_000,
  maxBytes: 5 * 1024 * 1024,
  userAgent: 'ArabicBriefingBot/0.1 (+https://github.com/; news digests; polite: conditional GET, backoff)',
  maxRedirects: 5,
};

/** A fetched resource, or word that it has not changed. */
export type FetchResult =
  | { status: 'not-modified'; finalUrl: string; permanentUrl?: string }
  | { status: 'ok'; bytes: Uint8Array; contentType: string | null; finalUrl: string; permanentUrl?: string; etag?: string; lastModified?: string };

type FetchResponse = Awaited<ReturnType<typeof fetch>>;

/** What to do about a body over the cap (the cap is not a setting: a feed of recent items is far smaller). */
const TOO_LARGE_HELP = 'check that the URL is a feed or an article page, not a file, an archive or a feed of every item ever published.';


/** 7200000 → "120 minutes"; 30000 → "30 seconds". */
function waitLabel(ms: number): string {
  return ms >= 120_000 ? `${Math.round(ms / 60_000)} minutes` : `${Math.round(ms / 1000)} seconds`;
}

/** 5242880 → "5 MiB"; 1500 → "1500 bytes". */
function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

async function readCapped(res: FetchResponse, maxBytes: number, source: string, url: string): Promise<Uint8Array> {
  const declared = Number(res.headers.get('content-length') ?? 'NaN');
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new SourceError('too_large', source, `${url} is ${declared} bytes, more than ${sizeLabel(maxBytes)} (the most a source may send): ${TOO_LARGE_HELP}`);
  }
  if (!res.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        throw new SourceError('too_large', source, `${url} sent more than ${sizeLabel(maxBytes)} (the most a source may send): ${TOO_LARGE_HELP}`);
      }
      chunks.push(chunk);
    }
  } catch (err) {
    // The body is unpacked as its Content-Encoding says while it is read: zlib's and brotli's
    // errors mean the header names a compression the bytes do not have (a misconfigured server),
    // not a network to check.
    const code = String((err as { code?: unknown }).code ?? (err as { cause?: { code?: unknown } }).cause?.code ?? '');
    const encoding = res.headers.get('content-encoding');
    if (encoding && /^(Z_|ERR_?_?ERROR_|ERR_BROTLI|ERR_ZLIB)/.test(code)) {
      throw new SourceError('bad_encoding', source, `${url} sent a body that is not ${encoding} as its Content-Encoding header says (${code}): tell the publisher; it will be tried again later.`, { cause: err });
    }
    throw err;
  }
  const out = Buffer.concat(chunks);
  // A gzip body served without Content-Encoding (seen in the wild): unpack it here, within the cap.
  try {
    return unpackGzip(out, maxBytes);
  } catch (err) {
    throw new SourceError('bad_body', source, `${url} sent a gzip body that does not unpack (${(err as Error).message}): try again later.`, { cause: err });
  }
}

/** Fetches a URL politely; throws SourceError on timeout, size, HTTP errors and network errors. */
export async function fetchResource(url: string, options: Partial<FetchOptions> = {}): Promise<FetchResult> {
  const opts = { ...DEFAULT_FETCH_OPTIONS, ...options };
  const source = opts.sourceName ?? (URL.canParse(url) ? new URL(url).host : url);
  const signal = AbortSignal.timeout(opts.timeoutMs);
  const policy = addressPolicyFor(opts.allowHosts);
  let current = url;
  let permanentUrl: string | undefined;
  let allPermanent = true;
  try {
    for (let hop = 0; hop <= opts.maxRedirects; hop++) {
      const headers: Record<string, string> = { 'user-agent': opts.userAgent, accept: 'application/rss+xml, application/atom+xml, application/feed+json, application/xml, text/xml, text/html;q=0.9, */*;q=0.5' };
      if (opts.etag) headers['if-none-match'] = opts.etag;
      if (opts.lastModified) headers['if-modified-since'] = opts.lastModified;
      policy.checkUrl(current, source);
      const res = await fetch(current, { headers, redirect: 'manual', signal, dispatcher: policy.dispatcher });
      if ([301, 302, 303, 307, 308].includes(res.status)) {
        const location = res.headers.get('location');
        await res.body?.cancel();
        if (!location) throw new SourceError('bad_redirect', source, `${current} answered ${res.status} without a Location: tell the publisher, or use the final URL.`);
        allPermanent &&= res.status === 301 || res.status === 308;
        current = new URL(location, current).toString();
        if (allPermanent) permanentUrl = current;
        continue;
      }
      if (res.status === 304) {
        await res.body?.cancel();
        return { status: 'not-modified', finalUrl: current, ...(permanentUrl ? { permanentUrl } : {}) };
      }
      if (res.status >= 400) {
        await res.body?.cancel();
        // A 429 (too many requests) or a 503 may say how long to wait: the feed is not tried before.
        // A wait past a day is kept to a day (as the feed's health does), and said so.
        const asked = res.status === 429 || res.status === 503 ? retryAfterMs(res.headers) : undefined;
        const wait = asked === undefined ? undefined : Math.min(asked, MAX_RETRY_AFTER_MS);
        const asks =
          asked === undefined ? '' : asked > MAX_RETRY_AFTER_MS ? '; it asks to wait more than a day, and is not tried for a day' : `; it asks to wait ${waitLabel(asked)}, and is not tried before`;
        const what =
          res.status === 429
            ? `too many requests: the site limits how often it is read${asks || '; it will be tried again later'} (raise the source's pollMinutes if this recurs)`
            : res.status >= 500
              ? `the server failed${asks || '; it will be tried again later'}`
              : res.status === 404 || res.status === 410
                ? 'check the URL in the briefing'
                : 'check the URL and any access rules';
        throw new SourceError(`http_${res.status}`, source, `${current} answered HTTP ${res.status}: ${what}.`, wait === undefined ? undefined : { retryAfterMs: wait });
      }
      const bytes = await readCapped(res, opts.maxBytes, source, current);
      const etag = res.headers.get('etag') ?? undefined;
      const lastModified = res.headers.get('last-modified') ?? undefined;
      return {
        status: 'ok',
        bytes,
        contentType: res.headers.get('content-type'),
        finalUrl: current,
        ...(permanentUrl ? { permanentUrl } : {}),
        ...(etag ? { etag } : {}),
        ...(lastModified ? { lastModified } : {}),
      };
    }
    throw new SourceError('too_many_redirects', source, `${url} redirected more than ${opts.maxRedirects} times: use the final URL.`);
  } catch (err) {
    if (err instanceof SourceError) throw err;
    const name = (err as Error).name;
    if (name === 'TimeoutError' || name === 'AbortError' || signal.aborted) {
      throw new SourceError('timeout', source, `${current} did not answer within ${opts.timeoutMs} ms: it will be tried again later; if the site is only slow, raise fetch.timeoutMs (sources check: --timeout).`, { cause: err });
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    if (cause?.code === ADDRESS_REFUSED) throw new SourceError('address_refused', source, refusedMessage(current, cause.message ?? 'not a public address'), { cause: err });
    throw new SourceError('network', source, `${current} could not be reached (${cause?.code ?? (err as Error).message}): check the URL and the network; it will be tried again later.`, { cause: err });
  }
}
