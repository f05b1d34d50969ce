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

describe('loadConfig: where each problem is, and what to do', () => {
  const morningOf = (root: string): Record<string, unknown> & { sources: Record<string, unknown>[] } =>
    JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as Record<string, unknown> & { sources: Record<string, unknown>[] };

  it('gives the line and column of a JSON error, never the text around it (a password may be on that line)', () => {
    const root = tempRoot();
    const password = 'Kalimat-Sirr-2026';
    writeFileSync(join(root, 'config', 'local.json'), `{\n  "logLevel": "debug",\n  "store": { "kind": "postgres", "url": "postgres://bot:${password}@db:5432/briefing", "x": tru }\n}\n`);
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/local\.json: not valid JSON at line 3, column \d+/);
    expect(err.message).not.toContain(password);
    expect(err.message).not.toContain('postgres://');
    // A secret written without its quotes: the parser's own message would quote the text around it.
    writeFileSync(join(root, 'config', 'local.json'), '{\n  "telegram": { "webhookSecret": Sirr_9f8e7d6c5b }\n}\n');
    const unquoted = configError(() => loadConfig({ root, env: {} }));
    expect(unquoted.message).toMatch(/local\.json: not valid JSON at line 2, column 34/);
    expect(unquoted.message).not.toContain('Sirr_9f8e7');
  });

  it('reads a file saved with a byte-order mark', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), `\uFEFF${JSON.stringify({ port: 3001 })}`);
    expect(loadConfig({ root, env: {} }).port).toBe(3001);
  });

  it('says that comments are not JSON, with their line', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), '{\n  "logLevel": "debug",\n  // the port behind the proxy\n  "port": 3001\n}\n');
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/local\.json: not valid JSON at line 3, column 3: .*comment/);
  });

  it('names the only briefing file that is not JSON, without a second line saying the folder holds no briefing', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify(morningOf(root), null, 2).replace('"maxItems": 10,', '"maxItems": 10'));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.issues).toEqual([expect.stringMatching(/^briefings\/morning\.json: not valid JSON at line \d+, column \d+: a comma expected/)]);
  });

  it('names a briefings folder that does not exist by its key and file, once', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ briefingsDir: 'briefs' }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.issues).toEqual([`briefingsDir [config/local.json]: the folder "briefs" does not exist in ${root}: create it with the briefings' .json files, or set briefingsDir to the folder that holds them`]);
  });

  it('says which time zone and which time were probably meant', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'briefings', 'evening.json'), JSON.stringify({ ...morningOf(root), id: 'evening', title: 'موجز المساء', timeZone: 'Asia/Riad', deliveryTime: '7:30' }));
    writeFileSync(join(root, 'briefings', 'noon.json'), JSON.stringify({ ...morningOf(root), id: 'noon', title: 'موجز الظهر', timeZone: 'Cairo' }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/timeZone \[briefings\/evening\.json\]: an IANA time zone .*did you mean "Asia\/Riyadh"\?/);
    expect(err.message).toMatch(/deliveryTime \[briefings\/evening\.json\]: a time as HH:MM .*did you mean "07:30"\?/);
    expect(err.message).toMatch(/timeZone \[briefings\/noon\.json\]: an IANA time zone .*did you mean "Africa\/Cairo"\?/);
  });

  it('names a variable of .env that looks like a misspelt setting, which the bot would otherwise go without', () => {
    const root = tempRoot();
    writeFileSync(join(root, '.env'), 'TELEGRAM_TOKEN=123456:ABCDEFGHIJKLMNOPQRSTUVWXYZ\nSLACK_TOKEN=xoxb-1\nLOG_LEVLE=debug\nPOSTGRES_PASSWORD=s3cret\nCOMPOSE_PROJECT_NAME=briefing\n');
    const err = configError(() => loadConfig({ root }));
    expect(err.issues).toEqual([
      'TELEGRAM_TOKEN [.env]: unknown variable: did you mean TELEGRAM_BOT_TOKEN?',
      'SLACK_TOKEN [.env]: unknown variable: did you mean SLACK_BOT_TOKEN?',
      'LOG_LEVLE [.env]: unknown variable: did you mean LOG_LEVEL?',
    ]);
    expect(err.message).not.toContain('ABCDEFGH');
    for (const name of ['TELEGRAM_TOKEN', 'SLACK_TOKEN', 'LOG_LEVLE', 'POSTGRES_PASSWORD', 'COMPOSE_PROJECT_NAME']) delete process.env[name];
  });

  it('names the briefing file of a bad value, not its index among the files', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'briefings', 'evening.json'), JSON.stringify({ ...morningOf(root), id: 'evening', title: 'موجز المساء', timeZone: 'Asia/Riad' }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.issues).toHaveLength(1);
    expect(err.message).toMatch(/timeZone \[briefings\/evening\.json\]: an IANA time zone/);
    expect(err.message).not.toMatch(/briefings\.\d/);
  });

  it('names the environment variable or the config file that set a bad value', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ feeds: { pollMinutes: 'خمس' } }));
    const err = configError(() => loadConfig({ root, env: { PORT: 'ثلاثة آلاف' } }));
    expect(err.message).toMatch(/port \[environment: PORT\]: .*number/);
    expect(err.message).not.toContain('NaN');
    expect(err.message).toMatch(/feeds\.pollMinutes \[config\/local\.json\]: .*number/);
  });

  it('refuses a key it does not know, where it is, with the one that was probably meant', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ feed: { pollMinutes: 5 }, console: { enabled: false, showOnstart: false } }));
    const morning = morningOf(root);
    morning.sources[0]!.fulltext = true;
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify({ ...morning, maxitems: 5 }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/feed \[config\/local\.json\]: unknown key.*"feeds"/);
    expect(err.message).toMatch(/console\.showOnstart \[config\/local\.json\]: unknown key.*"showOnStart"/);
    expect(err.message).toMatch(/sources\.0\.fulltext \[briefings\/morning\.json\]: unknown key.*"fullText"/);
    expect(err.message).toMatch(/maxitems \[briefings\/morning\.json\]: unknown key.*"maxItems"/);
  });
});

describe('loadConfig: a source pins topics of its own briefing', () => {
  it('refuses a source topic that is no topic of the briefing, naming the file, the place and the topics it has', () => {
    const root = tempRoot();
    const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as { sources: { topics: string[] }[] };
    morning.sources[0]!.topics = ['sports', 'سياحة', 'sprots'];
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify(morning));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.issues).toHaveLength(2);
    expect(err.message).toMatch(/sources\.0\.topics\.1 \[briefings\/morning\.json\]: "سياحة" is not a topic of this briefing: use the id or title of one of its topics \(politics, economy, sports, technology, culture, weather\)/);
    expect(err.message).toMatch(/sources\.0\.topics\.2 \[briefings\/morning\.json\]: "sprots" is not a topic of this briefing: did you mean "sports"\?/);
  });

  it('accepts a topic named by its id or by its Arabic title', () => {
    const root = tempRoot();
    const morning = JSON.parse(readFileSync(join(root, 'briefings', 'morning.json'), 'utf8')) as { sources: { topics: string[] }[] };
    morning.sources[0]!.topics = ['weather', 'رياضة'];
    writeFileSync(join(root, 'briefings', 'morning.json'), JSON.stringify(morning));
    expect(loadConfig({ root, env: {} }).briefings[0]!.sources[0]!.topics).toEqual(['weather', 'رياضة']);
  });
});

describe('loadConfig: the store in a config file', () => {
  it('takes store.url in config/local.json as PostgreSQL, as DATABASE_URL (default.json says "sqlite")', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ store: { url: 'postgres://bot@127.0.0.1:5432/briefing' } }));
    expect(loadConfig({ root, env: {} }).store).toEqual({ kind: 'postgres', url: 'postgres://bot@127.0.0.1:5432/briefing' });
  });

  it('says what is missing for "kind": "postgres" without a URL, and that a url does not go with "sqlite"', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ store: { kind: 'postgres' } }));
    expect(configError(() => loadConfig({ root, env: {} })).message).toMatch(/store\.url \[config\]: missing: set DATABASE_URL/);
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ store: { kind: 'sqlite', url: 'postgres://bot:Sirr-2026@db/briefing' } }));
    const err = configError(() => loadConfig({ root, env: {} }));
    expect(err.message).toMatch(/store\.url \[config\/local\.json\]: not a setting of this kind: check "kind"/);
    expect(err.message).not.toContain('Sirr-2026');
  });

  it('says that an empty config file is empty', () => {
    const root = tempRoot();
    writeFileSync(join(root, 'config', 'local.json'), '\n');
    expect(configError(() => loadConfig({ root, env: {} })).message).toContain('config/local.json: the file is empty: write {} in it, or delete it');
  });
});
