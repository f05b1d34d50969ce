/** loadConfig: one id per briefing across files, DATA_DIR as the SQLite file's folder, the fetch allow list. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { ROOT } from '../helpers.js';
import { configError, tempRoot } from '../support/config.js';

describe('loadConfig: briefing ids', () => {
  it('rejects two files that declare the same briefing id, naming both files', () => {
    const root = tempRoot();
    const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(root, 'briefings', 'zz-copy.json'), JSON.stringify({ ...morning, title: 'موجز الصباح (نسخة)' }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/morning\.json.*zz-copy\.json.*"morning"/);
    expect(err.issues).toHaveLength(1);
  });

  it('accepts two files with different ids', () => {
    const root = tempRoot();
    const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(join(root, 'briefings', 'evening.json'), JSON.stringify({ ...morning, id: 'evening', title: 'موجز المساء' }));
    expect(loadConfig({ root, env: {} }).briefings.map((b) => b.id)).toEqual(['evening', 'morning']);
  });

  it('refuses topic and briefing ids that would not fit in Telegram button data (64 bytes), naming the key', () => {
    const root = tempRoot();
    const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as { topics: { id: string }[] };
    morning.topics[0]!.id = 'رياضة';
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify(morning));
    expect(configError(() => loadConfig({ root, env: {} })).message).toMatch(/topics.*id.*at most 20/s);
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify({ ...morning, topics: [], id: 'a-very-long-briefing-identifier' }));
    expect(configError(() => loadConfig({ root, env: {} })).message).toMatch(/id.*at most 20/s);
  });
});

describe('loadConfig: DATA_DIR', () => {
  it('puts the SQLite file in DATA_DIR, unless SQLITE_PATH names another', () => {
    expect(loadConfig({ root: ROOT, env: {} }).store).toEqual({ kind: 'sqlite', path: 'data/briefing.db' });
    expect(loadConfig({ root: ROOT, env: { DATA_DIR: '/var/lib/briefing' } }).store).toEqual({ kind: 'sqlite', path: '/var/lib/briefing/briefing.db' });
    expect(loadConfig({ root: ROOT, env: { DATA_DIR: '/var/lib/briefing', SQLITE_PATH: '/tmp/other.db' } }).store).toEqual({ kind: 'sqlite', path: '/tmp/other.db' });
    expect(loadConfig({ root: ROOT, env: { DATA_DIR: '/var/lib/briefing', DATABASE_URL: 'postgres://u@127.0.0.1/x' } }).store).toEqual({ kind: 'postgres', url: 'postgres://u@127.0.0.1/x' });
  });
});

describe('loadConfig: fetch.allowHosts', () => {
  it('is empty by default: nothing internal is allowed', () => {
    expect(loadConfig({ root: ROOT, env: {} }).fetch.allowHosts).toEqual([]);
  });
  it('reads FETCH_ALLOW_HOSTS as a list of hosts, addresses and CIDR ranges', () => {
    const config = loadConfig({ root: ROOT, env: { FETCH_ALLOW_HOSTS: 'feeds.internal, 10.0.0.0/8 127.0.0.1,fd00::/8' } });
    expect(config.fetch.allowHosts).toEqual(['feeds.internal', '10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
  });
  it('rejects an entry that is no host, address or range, naming it', () => {
    const err = configError(() => loadConfig({ root: ROOT, env: { FETCH_ALLOW_HOSTS: '10.0.0.0/33,http://x' } }));
    expect(err.message).toMatch(/fetch\.allowHosts\.0 .*CIDR/);
    expect(err.message).toMatch(/fetch\.allowHosts\.1 .*CIDR/);
  });
});
