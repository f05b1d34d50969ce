/**
 * The process stays responsive while a 10,000-article edition is composed: /healthz and a Slack
 * /briefing ack are answered before the edition is done (an order of events, not a time), and
 * the digest cache is written in batches.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackChannel } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER, type ArticleSource, type Store } from '../../src/core/ports.js';
import { createOpsServer, type OpsServer } from '../../src/server/index.js';
import { createBriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning } from '../support/fixtures.js';
import { syntheticDay } from '../support/synthetic-day.js';

const SECRET = 'slack-signing-secret-for-tests';
const ARTICLES = 10_000;

describe('composing a 10,000-article edition', () => {
  let fake: FakeSlackApi;
  let store: Store;
  let server: OpsServer;
  let base = '';
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    store = createSqliteStore({ path: ':memory:' });
  });
  afterEach(async () => {
    await server?.close();
    await fake.close();
    await store.close();
  });

  it('answers /healthz and acks Slack /briefing before the edition is done, and caches every digest in batches', async () => {
    const events: string[] = [];
    const articles = syntheticDay(ARTICLES);
    let started!: () => void;
    const reading = new Promise<void>((r) => (started = r));
    const source: ArticleSource = {
      name: 'synthetic',
      async fetchArticles() {
        started();
        return { articles, errors: [] };
      },
    };
    // Count the cache's store calls: batches, not one per article.
    let singleWrites = 0;
    let batchWrites = 0;
    const counted: Store = Object.assign(Object.create(store) as Store, {
      putCachedDigest: (...a: Parameters<Store['putCachedDigest']>) => (singleWrites++, store.putCachedDigest(...a)),
      putCachedDigests: (...a: Parameters<Store['putCachedDigests']>) => {
        // The service writes the new digests once all are composed: the first write marks the end of composing.
        if (batchWrites++ === 0) events.push('digests composed');
        return store.putCachedDigests(...a);
      },
    });
    const nowMs = Date.now();
    const service = createBriefingService({ store: counted, sourcesFor: () => [source], clock: { now: () => new Date(nowMs) }, log: SILENT_LOGGER });
    server = createOpsServer({ store });
    const briefing = morning();
    const channel = createSlackChannel({ botToken: 'xoxb-test', signingSecret: SECRET, service, briefing, log: SILENT_LOGGER, apiUrl: fake.apiUrl, now: () => nowMs, route: (m, p, h) => server.route(m, p, h) });
    await channel.start();
    base = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;

    const composing = service.getOrComposeEdition(briefing).then((edition) => {
      events.push('edition composed');
      return edition;
    });
    await reading;
    const health = await fetch(`${base}/healthz`);
    events.push(`healthz ${health.status}`);
    const body = new URLSearchParams({ command: '/briefing', text: '', channel_id: 'C123', user_id: 'U1', team_id: 'T1', response_url: fake.responseUrl('r1'), trigger_id: 't', token: 'legacy' }).toString();
    const ts = String(Math.floor(nowMs / 1000));
    const sig = `v0=${createHmac('sha256', SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const ack = await fetch(`${base}/slack/events`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-slack-request-timestamp': ts, 'x-slack-signature': sig }, body });
    events.push(`slack ack ${ack.status}`);
    expect(JSON.stringify(await ack.json())).toContain('جاري تحضير موجز اليوم');

    const edition = await composing;
    expect(events).toEqual(['healthz 200', 'slack ack 200', 'digests composed', 'edition composed']);
    expect(edition.briefing.groups.length).toBeGreaterThan(0);
    // The Slack answer follows through response_url once the edition is there.
    for (let i = 0; i < 500 && fake.responses.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(fake.responses).toHaveLength(1);

    expect(singleWrites).toBe(0);
    expect(batchWrites).toBeGreaterThanOrEqual(ARTICLES / 500);
    expect(batchWrites).toBeLessThanOrEqual(ARTICLES / 100);
    expect((await store.getCachedDigests(articles.map((a) => a.id), (await import('../../src/composer/index.js')).COMPOSER_VERSION)).size).toBe(ARTICLES);
  }, 600_000);
});
