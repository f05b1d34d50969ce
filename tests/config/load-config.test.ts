import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allowHostsFromEnv, fetchAllowHosts, fetchTimeoutMs, isValidTimeZone, loadConfig } from '../../src/config/index.js';
import { ROOT } from '../helpers.js';
import { configError, tempRoot } from '../support/config.js';

describe('loadConfig', () => {
  it('loads the shipped defaults and the morning briefing', () => {
    const config = loadConfig({ root: ROOT, env: {} });
    expect(config.store).toEqual({ kind: 'sqlite', path: 'data/briefing.db' });
    const morning = config.briefings.find((b) => b.id === 'morning')!;
    expect(morning.title).toBe('موجز الصباح');
    expect(morning.timeZone).toBe('Asia/Riyadh');
    expect(morning.deliveryTime).toMatch(/^\d\d:\d\d$/);
    expect(morning.sources[0]!.kind).toBe('folder');
  });

  it('switches the store to PostgreSQL when DATABASE_URL is set', () => {
    const config = loadConfig({ root: ROOT, env: { DATABASE_URL: 'postgres://u@127.0.0.1:5432/test' } });
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1:5432/test' });
  });

  it('reads tokens from the environment', () => {
    const config = loadConfig({ root: ROOT, env: { TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ', LOG_LEVEL: 'warn' } });
    expect(config.telegram.token).toBe('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(config.logLevel).toBe('warn');
  });

  it('names every bad key with its path and what was expected, in one error', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ logLevel: 'loud', composer: { maxBulletWords: 'thirty' } }));
    const morning = JSON.parse(JSON.stringify(loadConfig({ root: ROOT, env: {} }).briefings[0]));
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify({ ...morning, deliveryTime: '7.30', timeZone: 'Mars/Olympus' }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.issues).toHaveLength(4);
    expect(err.message).toMatch(/logLevel \[config\/local\.json\]/);
    expect(err.message).toMatch(/composer\.maxBulletWords \[config\/local\.json\]: .*number/);
    expect(err.message).toMatch(/deliveryTime \[briefings\/morning\.json\]: .*HH:MM/);
    expect(err.message).toMatch(/timeZone \[briefings\/morning\.json\]: .*IANA time zone/);
  });

  it('reads the classes and feed categories of the morning briefing, and names an unknown class with its path', () => {
    const morning = loadConfig({ root: ROOT, env: {} }).briefings.find((b) => b.id === 'morning')!;
    expect(morning.topics.find((t) => t.id === 'politics')!.classes).toEqual(['middleEast', 'internationalNews']);
    expect(morning.topics.find((t) => t.id === 'weather')!.classes).toEqual([]);
    expect(morning.categories['رياضة']).toBe('sport');
    const root = tempRoot();
    const bad = JSON.parse(JSON.stringify(morning));
    bad.topics[0].classes = ['politics'];
    bad.categories = { طقس: 'weather' };
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify(bad));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/topics\.0\.classes\.0 \[briefings\/morning\.json\]: one of the classifier's classes: middleEast, internationalNews/);
    expect(err.message).toMatch(/categories\.طقس \[briefings\/morning\.json\]: one of the classifier's classes/);
  });

  it('refuses a topic that needs more of its keywords than it has, with its path', () => {
    const morning = loadConfig({ root: ROOT, env: {} }).briefings.find((b) => b.id === 'morning')!;
    const root = tempRoot();
    const bad = JSON.parse(JSON.stringify(morning));
    const weather = bad.topics.findIndex((t: { id: string }) => t.id === 'weather');
    bad.topics[weather].minKeywords = 9;
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify(bad));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(new RegExp(`topics\\.${weather}\\.minKeywords \\[briefings/morning\\.json\\]: 9 keywords needed, but the topic has 7`));
  });

  it('reports a file that is not JSON with its path', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'briefings', 'broken.json'), '{ "id": ');
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toContain('broken.json: not valid JSON');
  });

  it('never echoes a secret in its error', () => {
    const secret = 'xoxp-not-a-bot-token-SECRET';
    const err = configError(() => loadConfig({ root: ROOT, env: { SLACK_BOT_TOKEN: secret } }));
    expect(err.message).toContain('slack.botToken');
    expect(err.message).not.toContain(secret);
  });

  it('turns the web on by default, with no public URL, no dashboard and no proxy trusted', () => {
    const config = loadConfig({ root: ROOT, env: {} });
    expect(config.web).toEqual({ enabled: true, trustProxy: false });
    expect(config.publicUrl).toBeUndefined();
  });

  it('reads TRUST_PROXY as true or false, and refuses another value, naming the key', () => {
    expect(loadConfig({ root: ROOT, env: { TRUST_PROXY: 'true' } }).web.trustProxy).toBe(true);
    expect(loadConfig({ root: ROOT, env: { TRUST_PROXY: '0' } }).web.trustProxy).toBe(false);
    expect(() => loadConfig({ root: ROOT, env: { TRUST_PROXY: 'nginx' } })).toThrow(/web\.trustProxy|TRUST_PROXY/);
  });

  it('reads PUBLIC_URL (trailing slash dropped) and ADMIN_TOKEN from the environment', () => {
    const token = 'a'.repeat(12) + 'S3CRET-admin';
    const config = loadConfig({ root: ROOT, env: { PUBLIC_URL: 'https://briefing.example.com/news/', ADMIN_TOKEN: token } });
    expect(config.publicUrl).toBe('https://briefing.example.com/news');
    expect(config.web.adminToken).toBe(token);
  });

  it('rejects a public URL that is not http(s), and a short admin token without echoing it', () => {
    const err = configError(() => loadConfig({ root: ROOT, env: { PUBLIC_URL: 'ftp://example.com', ADMIN_TOKEN: 'short-secret' } }));
    expect(err.message).toMatch(/publicUrl \[environment: PUBLIC_URL\]: an http\(s\) URL/);
    expect(err.message).toMatch(/web\.adminToken \[environment: ADMIN_TOKEN\]: at least 16 characters/);
    expect(err.message).not.toContain('short-secret');
  });

  it('refuses an admin token written in a config file, without echoing it', () => {
    const root = tempRoot();
    const token = 'file-token-that-is-long-enough';
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ web: { enabled: true, adminToken: token } }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toContain('web.adminToken [config]: set it in the environment (ADMIN_TOKEN)');
    expect(err.message).not.toContain(token);
  });

  it('can switch the web off in a config file', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ web: { enabled: false } }));
    expect(loadConfig({ root, env: {} }).web.enabled).toBe(false);
  });

  it('rejects a default briefing that does not exist', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ defaultBriefing: 'evening' }));
    expect(configError(() => loadConfig({ root, env: {} })).message).toContain('"evening" is not one of the briefings');
  });
});

describe('isValidTimeZone', () => {
  it('accepts IANA names and rejects others', () => {
    expect(isValidTimeZone('Africa/Casablanca')).toBe(true);
    expect(isValidTimeZone('Asia/Beirut')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
    expect(isValidTimeZone('+03:00')).toBe(false);
  });
});

describe('the allow list of the command-line tools', () => {
  it('is the one the app reads: fetch.allowHosts of config/local.json, FETCH_ALLOW_HOSTS over it, .env read', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ fetch: { allowHosts: ['127.0.0.1', 'feeds.internal'] } }));
    expect(fetchAllowHosts(root, {})).toEqual(['127.0.0.1', 'feeds.internal']);
    expect(fetchAllowHosts(root, {})).toEqual(loadConfig({ root, env: {} }).fetch.allowHosts);
    // What compose, extract and sources check read before: the environment alone.
    expect(allowHostsFromEnv({})).toEqual([]);
    const env = { FETCH_ALLOW_HOSTS: '10.0.0.0/8, news.lan' };
    expect(fetchAllowHosts(root, env)).toEqual(['10.0.0.0/8', 'news.lan']);
    expect(fetchAllowHosts(root, env)).toEqual(loadConfig({ root, env }).fetch.allowHosts);
    const other = tempRoot();
    writeFileSync(join(other, '.env'), 'FETCH_ALLOW_HOSTS="127.0.0.1 feeds.lan"\n');
    const before = process.env.FETCH_ALLOW_HOSTS;
    try {
      expect(fetchAllowHosts(other)).toEqual(['127.0.0.1', 'feeds.lan']);
    } finally {
      if (before === undefined) delete process.env.FETCH_ALLOW_HOSTS;
      else process.env.FETCH_ALLOW_HOSTS = before;
    }
    expect(fetchAllowHosts(tempRoot(), {})).toEqual([]);
  });
});

describe('the fetch time of sources check', () => {
  it('is fetch.timeoutMs of the config files, as the app reads it', () => {
    const root = tempRoot();
    expect(fetchTimeoutMs(root)).toBeUndefined();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ fetch: { timeoutMs: 30_000 } }));
    expect(fetchTimeoutMs(root)).toBe(30_000);
    expect(loadConfig({ root, env: {} }).fetch.timeoutMs).toBe(30_000);
  });
});

describe('environment values as docker --env-file passes them', () => {
  it('drops the quotes and spaces dotenv would have dropped: PORT="3000", a quoted DATABASE_URL, a token pasted with a space', () => {
    const env = {
      PORT: '"3456"',
      LOG_LEVEL: "'warn'",
      DATABASE_URL: ' "postgres://bob:pw@127.0.0.1:5432/briefing" ',
      TELEGRAM_BOT_TOKEN: '123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ ',
      FETCH_ALLOW_HOSTS: '"127.0.0.1, feeds.lan"',
    };
    const config = loadConfig({ root: ROOT, env });
    expect(config.port).toBe(3456);
    expect(config.logLevel).toBe('warn');
    expect(config.store).toEqual({ kind: 'postgres', url: 'postgres://bob:pw@127.0.0.1:5432/briefing' });
    expect(config.telegram.token).toBe('123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ');
    expect(config.fetch.allowHosts).toEqual(['127.0.0.1', 'feeds.lan']);
    expect(fetchAllowHosts(ROOT, env)).toEqual(['127.0.0.1', 'feeds.lan']);
    // An empty value in quotes is no value.
    expect(loadConfig({ root: ROOT, env: { DATABASE_URL: '""' } }).store.kind).toBe('sqlite');
  });
});

describe('a DATABASE_URL whose password holds reserved characters', () => {
  it('is refused with how to write it, never with the password, instead of connecting to a host made of its tail', () => {
    for (const url of ['postgres://bob:Tr0ub@dor/x@127.0.0.1:5432/briefing', 'postgres://bob:Tr0ub#dor@127.0.0.1/briefing', 'postgres://bob:pa?ss@127.0.0.1/briefing']) {
      const err = configError(() => loadConfig({ root: ROOT, env: { DATABASE_URL: url } }));
      expect(err.message).toMatch(/store\.url \[environment: DATABASE_URL\]: a user or password holding @, \/, #, \? or a space must be written percent-encoded \(@ → %40/);
      expect(err.message).not.toMatch(/Tr0ub|dor|pa\?ss/);
    }
    expect(loadConfig({ root: ROOT, env: { DATABASE_URL: 'postgres://bob:Tr0ub%40dor%2Fx@127.0.0.1:5432/briefing' } }).store.kind).toBe('postgres');
  });
});
