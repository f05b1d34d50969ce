/**
 * Source fetches never reach inside the network (SSRF): a feed on an allowed test host that
 * redirects to a stand-in metadata server on 127.0.0.2, an item link to it, literals, names that
 * resolve inside, other schemes and credentials. Servers count their requests: a refusal means
 * no connection at all.
 */
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SourceError } from '../../src/core/errors.js';
import type { FeedHealth } from '../../src/core/types.js';
import { createAddressPolicy, isPublicAddress } from '../../src/sources/address-policy.js';
import { createFeedSource, fetchResource, readInput, type FeedHealthStore } from '../../src/sources/index.js';

// DNS for *.rebind.test, so that a name can answer differently on each lookup (DNS rebinding).
const dnsAnswers: Record<string, string[][]> = {};
vi.mock('node:dns', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:dns')>();
  const lookup = ((host: string, options: object, callback: (err: Error | null, addresses: { address: string; family: number }[]) => void) => {
    const script = dnsAnswers[host];
    if (!script) return (real.lookup as unknown as (...a: unknown[]) => void)(host, options, callback);
    const answer = script.length > 1 ? script.shift()! : script[0]!;
    callback(null, answer.map((address) => ({ address, family: 4 })));
  }) as unknown as typeof real.lookup;
  return { ...real, lookup, default: { ...real, lookup } };
});

type Counting = { server: Server; port: number; hits: string[] };

async function listen(host: string, handler: (path: string, res: import('node:http').ServerResponse) => void, port = 0): Promise<Counting> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '/');
    handler(req.url ?? '/', res);
  });
  await new Promise<void>((r) => server.listen(port, host, () => r()));
  return { server, port: (server.address() as { port: number }).port, hits };
}

const ITEM = 'أعلنت وزارة المالية اليوم عن خطة جديدة لدعم المشروعات الصغيرة بقيمة مليار دولار، وقال الوزير إن الخطة تبدأ الشهر المقبل.';
let feedHost: Counting;
let metadata: Counting;
let other: Counting;
let feedBase = '';
let metaBase = '';

beforeAll(async () => {
  // The stand-in for a cloud metadata service, on another loopback address.
  metadata = await listen('127.0.0.2', (_path, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('secret-role-credentials'));
  metaBase = `http://127.0.0.2:${metadata.port}`;
  // An address the tests allow, on the same port: a connection to the wrong one would be counted there.
  other = await listen('127.0.0.3', (_path, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('allowed'), metadata.port);
  feedHost = await listen('127.0.0.1', (path, res) => {
    if (path === '/to-metadata') return void res.writeHead(302, { location: `${metaBase}/latest/meta-data/` }).end();
    if (path === '/moved-inside') return void res.writeHead(301, { location: `${metaBase}/feed.xml` }).end();
    if (path === '/to-file') return void res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    if (path === '/feed.xml') {
      return void res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' }).end(
        `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>أخبار</title>
<item><title>خبر قصير</title><link>${metaBase}/latest/meta-data/iam</link><description>تشويق قصير.</description></item>
<item><title>خبر كامل</title><link>/ar/1</link><description>${ITEM}</description></item></channel></rss>`,
      );
    }
    res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
  });
  feedBase = `http://127.0.0.1:${feedHost.port}`;
});
afterAll(async () => {
  for (const s of [feedHost, metadata, other]) {
    s.server.closeAllConnections();
    await new Promise<void>((r) => s.server.close(() => r()));
  }
});

function memoryHealth(): FeedHealthStore & { all: Map<string, FeedHealth> } {
  const all = new Map<string, FeedHealth>();
  return { all, getFeedHealth: async (u) => all.get(u), putFeedHealth: async (h) => void all.set(h.url, h) };
}

async function refusal(p: Promise<unknown>): Promise<SourceError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(SourceError);
  return err as SourceError;
}

describe('isPublicAddress', () => {
  it('refuses loopback, private, link-local, CGNAT, unique-local, unspecified and their IPv4-mapped forms', () => {
    const inside = ['127.0.0.1', '127.0.0.2', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.127.255.254', '0.0.0.0', '::', '::1', 'fc00::1', 'fd12:3456::1', 'fe80::1', '::ffff:127.0.0.1', '::ffff:169.254.169.254', '::ffff:10.0.0.1', '::ffff:7f00:1', '224.0.0.1', '255.255.255.255'];
    for (const a of inside) expect(isPublicAddress(a), a).toBe(false);
  });
  it('lets public addresses through, IPv4, IPv6 and IPv4-mapped', () => {
    for (const a of ['8.8.8.8', '1.1.1.1', '100.128.0.1', '172.32.0.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });
});

describe('fetchResource: the address policy', () => {
  it('refuses a loopback literal by default, without connecting', async () => {
    const before = feedHost.hits.length;
    const err = await refusal(fetchResource(`${feedBase}/feed.xml`));
    expect(err.code).toBe('address_refused');
    expect(err.message).toMatch(/FETCH_ALLOW_HOSTS/);
    expect(feedHost.hits.length).toBe(before);
  });

  it('refuses a name that resolves inside (localhost), the decimal and IPv4-mapped IPv6 forms of 127.0.0.1, and [::1]', async () => {
    const before = feedHost.hits.length;
    for (const url of [`http://localhost:${feedHost.port}/`, `http://2130706433:${feedHost.port}/`, `http://[::ffff:127.0.0.1]:${feedHost.port}/`, `http://[::ffff:7f00:1]:${feedHost.port}/`, `http://[::1]:${feedHost.port}/`, `http://0.0.0.0:${feedHost.port}/`]) {
      expect((await refusal(fetchResource(url))).code, url).toBe('address_refused');
    }
    expect(feedHost.hits.length).toBe(before);
  });

  it('follows a redirect from an allowed host only to an allowed address: the metadata stand-in is never reached', async () => {
    const err = await refusal(fetchResource(`${feedBase}/to-metadata`, { allowHosts: ['127.0.0.1'] }));
    expect(err.code).toBe('address_refused');
    expect(err.message).toContain('127.0.0.2');
    expect(metadata.hits).toEqual([]);
  });

  it('lets through a host allowed by range, and only that range', async () => {
    expect((await fetchResource(`http://127.0.0.3:${other.port}/range`, { allowHosts: ['127.0.0.3/32'] })).status).toBe('ok');
    expect((await refusal(fetchResource(`${metaBase}/`, { allowHosts: ['127.0.0.3/32'] }))).code).toBe('address_refused');
    expect(metadata.hits).toEqual([]);
  });

  it('lets through a host allowed by name, whatever it resolves to', async () => {
    expect((await fetchResource(`http://localhost:${feedHost.port}/ok`, { allowHosts: ['localhost'] })).status).toBe('ok');
  });

  it('reads only http and https, also after a redirect, and never sends credentials', async () => {
    for (const url of ['file:///etc/passwd', 'ftp://example.com/feed.xml', 'data:text/plain,hello', 'gopher://127.0.0.1:70/']) {
      expect((await refusal(fetchResource(url))).code, url).toBe('bad_scheme');
    }
    expect((await refusal(fetchResource(`${feedBase}/to-file`, { allowHosts: ['127.0.0.1'] }))).code).toBe('bad_scheme');
    const before = feedHost.hits.length;
    const err = await refusal(fetchResource(`http://admin:hunter2@127.0.0.1:${feedHost.port}/`, { allowHosts: ['127.0.0.1'] }));
    expect(err.code).toBe('credentials_in_url');
    expect(err.message).not.toContain('hunter2');
    expect(feedHost.hits.length).toBe(before);
  });

  it('connects to the address it checked: a name that answers inside on its next lookup (DNS rebinding) never reaches it', async () => {
    // First answer: an address the operator allowed; any later answer: the metadata stand-in, on the same port.
    dnsAnswers['feed.rebind.test'] = [['127.0.0.3'], ['127.0.0.2']];
    const r = await fetchResource(`http://feed.rebind.test:${metadata.port}/first`, { allowHosts: ['127.0.0.3/32'] });
    expect(r.status).toBe('ok');
    expect(other.hits).toContain('/first');
    expect(metadata.hits).toEqual([]);
  });

  it('refuses a name that answers inside only, and connects only to the allowed address of one that answers both', async () => {
    dnsAnswers['inside.rebind.test'] = [['127.0.0.2']];
    expect((await refusal(fetchResource(`http://inside.rebind.test:${metadata.port}/`, { allowHosts: ['127.0.0.3/32'] }))).code).toBe('address_refused');
    dnsAnswers['mixed.rebind.test'] = [['127.0.0.2', '127.0.0.3']];
    const r = await fetchResource(`http://mixed.rebind.test:${metadata.port}/mixed`, { allowHosts: ['127.0.0.3'] });
    expect(r.status).toBe('ok');
    expect(other.hits).toContain('/mixed');
    expect(metadata.hits).toEqual([]);
  });
});

describe('createFeedSource: the address policy', () => {
  it('does not save a 301 to a refused address as the feed\'s new home', async () => {
    const health = memoryHealth();
    const src = createFeedSource({ url: `${feedBase}/moved-inside`, name: 'منقول', health, fetch: { allowHosts: ['127.0.0.1'] } });
    const err = await refusal(src.fetchArticles());
    expect(err.code).toBe('address_refused');
    const h = health.all.get(`${feedBase}/moved-inside`)!;
    expect(h.movedTo).toBeUndefined();
    expect(h.consecutiveFailures).toBe(1);
    expect(metadata.hits).toEqual([]);
  });

  it('keeps the teaser of a full-text item whose link points inside, reports it, and never fetches it', async () => {
    const src = createFeedSource({ url: `${feedBase}/feed.xml`, name: 'كامل', health: memoryHealth(), fullText: true, fetch: { allowHosts: ['127.0.0.1'] } });
    const { articles, errors } = await src.fetchArticles();
    expect(articles.map((a) => a.title)).toEqual(['خبر قصير', 'خبر كامل']);
    expect(articles[0]!.sections[0]!.paragraphs).toEqual(['تشويق قصير.']);
    expect(errors.map((e) => (e as SourceError).code)).toContain('address_refused');
    expect(metadata.hits).toEqual([]);
  });
});

describe('readInput (the CLI): the address policy', () => {
  it('refuses an internal URL unless FETCH_ALLOW_HOSTS (allowHosts) names it', async () => {
    expect((await refusal(readInput(`${feedBase}/feed.xml`))).code).toBe('address_refused');
    const read = await readInput(`${feedBase}/feed.xml`, { allowHosts: ['127.0.0.1'] });
    expect(read.kind).toBe('feed');
  });
});

describe('createAddressPolicy', () => {
  it('rejects an allow-list entry that is not a range', () => {
    expect(() => createAddressPolicy(['10.0.0.0/40'])).toThrow(SourceError);
  });
});

describe('a source URL written without its scheme', () => {
  it('is refused with the URL to write instead, and without the key it carries', () => {
    const policy = createAddressPolicy();
    const err = (() => {
      try {
        policy.checkUrl('www.news.example/ar/rss.xml?token=SEKRET-7', 'أخبار');
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(err).toMatchObject({ code: 'bad_url' });
    expect(err!.message).toContain('write it whole: https://www.news.example/ar/rss.xml?token=***');
    expect(err!.message).not.toContain('SEKRET');
  });
});
