import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/errors.js';
import { createSqliteStore, migrateSqlite, SQLITE_MIGRATIONS } from '../../src/store/index.js';
import { briefing, storeContract } from './contract.js';

storeContract('SQLite', async () => createSqliteStore({ path: ':memory:' }));

describe('createSqliteStore', () => {
  it('keeps editions across reopening the file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefing-store-')), 'nested', 'briefing.db');
    const a = createSqliteStore({ path });
    await a.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('موجز') }, 1);
    await a.close();
    const b = createSqliteStore({ path });
    expect((await b.getEdition('morning', '2026-11-29', '07:00'))?.briefing.title).toBe('موجز');
    await b.close();
  });

  it('applies each migration once and records it', () => {
    const db = new Database(':memory:');
    expect(migrateSqlite(db)).toEqual(SQLITE_MIGRATIONS.map((m) => m.version));
    expect(migrateSqlite(db)).toEqual([]);
    db.close();
  });

  it('applies migration 5 (filters) to a database already at 6, keeping its subscriptions with no filters', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefing-store-')), 'b.db');
    const db = new Database(path);
    expect(migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version !== 5))).not.toContain(5);
    db.prepare(`INSERT INTO subscriptions (id, platform, destination, briefing_id, delivery_time, time_zone, created_at, updated_at) VALUES ('s1', 'telegram', '7', 'morning', '07:00', 'Asia/Riyadh', 1, 1)`).run();
    expect(migrateSqlite(db)).toEqual([5]);
    db.close();
    const store = createSqliteStore({ path });
    expect(await store.getSubscription('s1')).toMatchObject({ destination: '7', filters: { include: [], exclude: [], muted: [] } });
    await store.close();
  });

  it('applies migration 9 (instance shares) to a database at 8: a row of an older version records no share, and acknowledges no join', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefing-store-')), 'b.db');
    const db = new Database(path);
    expect(migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 8))).not.toContain(9);
    db.prepare(`INSERT INTO instances (owner, last_seen) VALUES ('old', 1000)`).run();
    expect(migrateSqlite(db)).toEqual([9, 10, 11]);
    db.close();
    const store = createSqliteStore({ path });
    expect(await store.heartbeat('new', 2_000, 6_000, 2)).toEqual({ instances: 2, acknowledged: false });
    await store.close();
  });

  it('forgets leases that expired before the purge\'s cutoff, and keeps the others', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefing-store-')), 'b.db');
    const store = createSqliteStore({ path });
    await store.holdLease('slack-post:C1|e1', 'a', 1_000, 0);
    await store.holdLease('slack-post:C2|e1', 'a', 60_000, 0);
    await store.purge({ articlesBefore: 0, digestsBefore: 0, ledgerBefore: 0, editionsBefore: '2000-01-01', updatesBefore: 5_000 });
    await store.close();
    const db = new Database(path);
    expect(db.prepare('SELECT name FROM leases ORDER BY name').all()).toEqual([{ name: 'slack-post:C2|e1' }]);
    db.close();
  });

  it('applies migration 10 (delivery parts) to a database at 9: a pending row of an older version has no part done, and resumes from the first', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefing-store-')), 'b.db');
    const db = new Database(path);
    expect(migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 9))).not.toContain(10);
    db.prepare(`INSERT INTO subscriptions (id, platform, destination, briefing_id, delivery_time, time_zone, created_at, updated_at) VALUES ('s1', 'slack', 'C1', 'morning', '07:00', 'Asia/Riyadh', 1, 1)`).run();
    db.prepare(`INSERT INTO editions (id, briefing_id, local_date, slot, briefing_json, created_at) VALUES ('e1', 'morning', '2026-11-29', '07:00', ?, '2026-11-29T04:00:00.000Z')`).run(JSON.stringify(briefing('موجز الصباح')));
    db.prepare(`INSERT INTO deliveries (subscription_id, edition_id, status, next_attempt_at, updated_at) VALUES ('s1', 'e1', 'pending', 0, 1)`).run();
    expect(migrateSqlite(db)).toEqual([10, 11]);
    db.close();
    const store = createSqliteStore({ path });
    const [c] = await store.claimDeliveries('a', 1, 10);
    expect(c!.delivery).toMatchObject({ partsDone: 0, messageIds: [] });
    expect(await store.markSending(c!.delivery.id, 11, c!.delivery.attempts)).toBe(true);
    expect(await store.recordParts(c!.delivery.id, c!.delivery.attempts, { messageIds: ['ts-1'], partsDone: 1, partsTotal: 2, partsKey: '2:k' }, 12)).toBe(true);
    await store.close();
  });

  it('applies migration 11 (delivery due times) to a database at 10: a row of an older version has no due time, holds back no later slot, and still holds back another slot of its date', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'briefing-store-')), 'b.db');
    const db = new Database(path);
    expect(migrateSqlite(db, SQLITE_MIGRATIONS.filter((m) => m.version <= 10))).not.toContain(11);
    db.prepare(`INSERT INTO subscriptions (id, platform, destination, briefing_id, delivery_time, time_zone, created_at, updated_at) VALUES ('s1', 'telegram', '42', 'morning', '08:00', 'Asia/Riyadh', 1, 1)`).run();
    db.prepare(`INSERT INTO editions (id, briefing_id, local_date, slot, briefing_json, created_at) VALUES ('e1', 'morning', '2026-11-29', '07:00', ?, '2026-11-29T04:00:00.000Z')`).run(JSON.stringify(briefing('موجز الصباح')));
    db.prepare(`INSERT INTO deliveries (subscription_id, edition_id, status, next_attempt_at, updated_at) VALUES ('s1', 'e1', 'sent', 0, 1)`).run();
    expect(migrateSqlite(db)).toEqual([11]);
    expect(db.prepare(`SELECT due_at FROM deliveries`).get()).toEqual({ due_at: 0 });
    db.close();
    const store = createSqliteStore({ path });
    const slot = { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '08:00' };
    const spacing = (iso: string) => ({ dueAt: Date.parse(iso), minGapMs: 3 * 3_600_000 });
    const sameDay = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '08:00', briefing: briefing('موجز الصباح') }, 2);
    expect(await store.enqueueDeliveries(sameDay.id, slot, 'pending', 3, undefined, spacing('2026-11-29T05:00:00Z'))).toBe(0);
    const nextDay = await store.saveEdition({ briefingId: 'morning', date: '2026-11-30', slot: '08:00', briefing: briefing('موجز الصباح') }, 2);
    expect(await store.enqueueDeliveries(nextDay.id, slot, 'pending', 3, undefined, spacing('2026-11-30T05:00:00Z'))).toBe(1);
    await store.close();
  });

  it('fails with a StoreError that says what to do when the file cannot be opened', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-store-'));
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    expect(() => createSqliteStore({ path: join(file, 'briefing.db') })).toThrow(StoreError);
    expect(() => createSqliteStore({ path: join(file, 'briefing.db') })).toThrow(/check that its folder is writable/);
  });

  // Node's recursive mkdir loops for ever where the kernel answers ENOENT under a folder that
  // exists (/proc): the folder is made one level at a time instead, and the error says what to do.
  // Run in a child process with a time limit: the loop it guards against is synchronous, and would
  // hang this worker past any test timeout.
  it.runIf(existsSync('/proc/self'))('fails at once, with what to do, for a folder that cannot be made (under /proc)', () => {
    const store = new URL('../../src/store/sqlite-store.ts', import.meta.url).href;
    const code = `import { createSqliteStore } from ${JSON.stringify(store)};
try { createSqliteStore({ path: '/proc/briefing-data/state/briefing.db' }); console.log('opened'); } catch (err) { console.log(err.message); }`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 60_000 });
    expect(run.error, 'the child did not finish in time').toBeUndefined();
    expect(run.stdout).toMatch(/check that its folder is writable/);
  }, 90_000);

  it('says that a file which is no SQLite database is not one, instead of blaming its folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'briefing-store-'));
    const file = join(dir, 'briefing.db');
    writeFileSync(file, 'ملاحظات المشغل، وليست قاعدة بيانات. '.repeat(20));
    expect(() => createSqliteStore({ path: file })).toThrow(/is not a SQLite database \(file is not a database\): set SQLITE_PATH \(or DATA_DIR\) to another file, or move this one away/);
    expect(() => createSqliteStore({ path: file })).not.toThrow(/folder is writable/);
  });
});
