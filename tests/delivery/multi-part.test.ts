/**
 * A briefing that a platform takes as several messages (Slack: 50 blocks a message; Telegram:
 * 4,096 UTF-16 units) is delivered whole, each part once, when the platform is slow or answers
 * a later part with 429 Retry-After: against the fake Slack Web API and the fake Bot API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { startFakeSlackApi, type FakeSlackApi } from '../../src/bench/fakes/fake-slack-api.js';
import { createSlackPublisher, renderSlack } from '../../src/channels/slack/index.js';
import { createTelegramPublisher, renderTelegram } from '../../src/channels/telegram/index.js';
import { SILENT_LOGGER, type Publisher, type Store } from '../../src/core/ports.js';
import type { Briefing, BriefingItem, Platform, SendErrorClass } from '../../src/core/types.js';
import { createDeliveryEngine, type DeliveryEngineOptions } from '../../src/delivery/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { wholeEdition } from '../support/fixtures.js';

const item = (i: number): BriefingItem => ({
  topic: 'اقتصاد', sources: [{ name: 'العربية', url: `https://example.com/${i}` }],
  digest: {
    headline: `الخبر ${i}: ارتفاع أسعار الذهب في السوق المحلية`,
    bullets: [{ text: 'ارتفعت أسعار الذهب في السوق المحلية اليوم بنسبة 3% بعد تراجع الدولار أمام العملات الرئيسية.', section: 0, sourceSentence: '' }, { text: 'وقال متعاملون إن الطلب على المعدن الأصفر زاد مع اقتراب موسم الأعراس.', section: 0, sourceSentence: '' }],
    keyFigures: [], source: { name: 'العربية' }, articleId: String(i), topics: [], importance: 1, warnings: [],
  },
});
/** A briefing of `n` items in `groups` topics. */
const briefingOf = (n: number, groups: number): Briefing => ({
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: Array.from({ length: groups }, (_, g) => ({ topic: `موضوع ${g + 1}`, items: Array.from({ length: n }, (_, i) => item(i)).filter((_, i) => i % groups === g) })),
});

async function setup(platform: Platform, destination: string, briefing: Briefing): Promise<Store> {
  const store = createSqliteStore({ path: ':memory:' });
  await store.upsertSubscription({ platform, destination, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 0);
  const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, 0);
  await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', 0);
  return store;
}

function engineOf(store: Store, platform: Platform, publisher: Publisher, options: Partial<DeliveryEngineOptions>, owner = 'a') {
  return createDeliveryEngine({ store, publishers: { [platform]: publisher }, view: wholeEdition, clock: { now: () => new Date() }, log: SILENT_LOGGER, owner }, { concurrency: 1, baseBackoffMs: 200, pollMs: 50, heartbeatMs: 100, ...options });
}

/** Drains until the ledger row is finished (or `ms` pass), as the loop would. */
async function settle(store: Store, engine: { drain(): Promise<number> }, ms: number): Promise<void> {
  for (const end = Date.now() + ms; Date.now() < end; ) {
    await engine.drain();
    const [row] = await store.listDeliveries({ subscriptionId: (await store.listSubscriptions())[0]!.id });
    if (!['pending', 'claimed', 'sending'].includes(row!.status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The one ledger row. */
async function row(store: Store) {
  const [r] = await store.listDeliveries({ subscriptionId: (await store.listSubscriptions())[0]!.id });
  return r!;
}

describe('a briefing sent as several Slack messages', () => {
  let fake: FakeSlackApi;
  let store: Store;
  const briefing = briefingOf(130, 7);
  const parts = renderSlack(briefing);
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    store = await setup('slack', 'C1', briefing);
  });
  afterEach(async () => {
    await store.close();
    await fake.close();
  });
  /** The parts Slack posted, by their first section's text. */
  const posted = () => fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.text);

  it('the test briefing takes three Slack messages or more', () => {
    expect(parts.length).toBeGreaterThanOrEqual(3);
  });

  it('a 429 with a Retry-After longer than the send timeout on a later part: every part posted once, recorded sent', async () => {
    fake.rateLimitNext(1, 2, 1);
    const engine = engineOf(store, 'slack', createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }), { sendTimeoutMs: 1_500 });
    await settle(store, engine, 8_000);
    await engine.stop();
    // Let anything still running in the background land before counting.
    await new Promise((r) => setTimeout(r, 2_500));
    const accepted = fake.calls.filter((c) => c.method === 'chat.postMessage').length - 1;
    expect(accepted).toBe(parts.length);
    expect(new Set(posted()).size).toBe(parts.length);
    expect(await row(store)).toMatchObject({ status: 'sent', messageIds: expect.any(Array) });
    expect((await row(store)).messageIds).toHaveLength(parts.length);
  }, 20_000);

  it('a later part rate limited again and again: the rest is sent when Slack lets it, never given up in silence', async () => {
    fake.rateLimitNext(4, 1, 1);
    const engine = engineOf(store, 'slack', createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }), { sendTimeoutMs: 10_000 });
    await settle(store, engine, 12_000);
    await engine.stop();
    expect(fake.calls.filter((c) => c.method === 'chat.postMessage')).toHaveLength(parts.length + 4);
    expect(await row(store)).toMatchObject({ status: 'sent' });
    expect((await row(store)).messageIds).toHaveLength(parts.length);
  }, 20_000);

  it('a slow Slack (each post answered in 0.7 s, all parts longer than the send timeout): recorded sent, not unknown', async () => {
    fake.delays.set('chat.postMessage', 700);
    const engine = engineOf(store, 'slack', createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl }), { sendTimeoutMs: 1_500 });
    await settle(store, engine, 10_000);
    await engine.stop();
    await new Promise((r) => setTimeout(r, 1_000));
    expect(posted()).toHaveLength(parts.length);
    expect(await row(store)).toMatchObject({ status: 'sent' });
    expect((await row(store)).messageIds).toHaveLength(parts.length);
  }, 20_000);
});

describe('a briefing sent as several Telegram messages', () => {
  let fake: FakeBotApi;
  let store: Store;
  const briefing = briefingOf(60, 3);
  const parts = renderTelegram(briefing);
  beforeEach(async () => {
    fake = await startFakeBotApi();
    store = await setup('telegram', '42', briefing);
  });
  afterEach(async () => {
    await store.close();
    await fake.close();
  });

  it('the test briefing takes three Telegram messages or more (4,096 UTF-16 units each)', () => {
    expect(parts.length).toBeGreaterThanOrEqual(3);
  });

  it('paces its parts at Telegram\'s one message a second to a chat: no 429, every part once, recorded sent', async () => {
    const engine = engineOf(store, 'telegram', createTelegramPublisher({ token: '123456:TEST-TOKEN', apiRoot: fake.apiRoot }), { sendTimeoutMs: 1_500 });
    await settle(store, engine, 10_000);
    await engine.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    expect(fake.messages.map((m) => m.text)).toEqual(parts);
    expect(fake.stats.tooManyRequests).toBe(0);
    expect(await row(store)).toMatchObject({ status: 'sent', messageIds: fake.messages.map((m) => String(m.messageId)) });
  }, 20_000);
});

describe('resuming a briefing sent in parts', () => {
  let fake: FakeSlackApi;
  let store: Store;
  const briefing = briefingOf(130, 7);
  const parts = renderSlack(briefing);
  beforeEach(async () => {
    fake = await startFakeSlackApi();
    store = await setup('slack', 'C1', briefing);
  });
  afterEach(async () => {
    await store.close();
    await fake.close();
  });

  it('an instance stopped between parts leaves the row to be resumed; another posts only the parts not sent', async () => {
    fake.delays.set('chat.postMessage', 300);
    const publisher = createSlackPublisher({ token: 'xoxb-test', apiUrl: fake.apiUrl });
    const first = engineOf(store, 'slack', publisher, { sendTimeoutMs: 5_000 }, 'first');
    first.start();
    while (fake.calls.filter((c) => c.method === 'chat.postMessage').length < 2) await new Promise((r) => setTimeout(r, 20));
    await first.stop();
    const left = await row(store);
    expect(left).toMatchObject({ status: 'pending', lastError: 'released at shutdown' });
    expect(left.partsDone).toBeGreaterThanOrEqual(1);
    expect(left.partsDone).toBeLessThan(parts.length);
    expect(left.messageIds).toHaveLength(left.partsDone);
    const second = engineOf(store, 'slack', publisher, { sendTimeoutMs: 5_000 }, 'second');
    await settle(store, second, 10_000);
    await second.stop();
    const texts = fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.body.text);
    expect(texts).toHaveLength(parts.length);
    expect(new Set(texts).size).toBe(parts.length);
    const done = await row(store);
    expect(done.status).toBe('sent');
    expect(done.messageIds.slice(0, left.partsDone)).toEqual(left.messageIds);
    expect(done.messageIds).toHaveLength(parts.length);
  }, 20_000);
});

describe('a part that fails, or that changed', () => {
  /** Parts posted in memory: the ones in `hang` never answer, the ones in `refuse` fail as scripted. */
  function partsPublisher(texts: () => string[], opts: { hang?: Set<number>; refuse?: Map<number, SendErrorClass> } = {}) {
    const posted: string[] = [];
    const publisher: Publisher = {
      platform: 'slack',
      async send() {
        throw new Error('not used: the engine posts the parts');
      },
      parts: () =>
        texts().map((content, i) => ({
          content,
          async post() {
            if (opts.hang?.has(i)) return new Promise<string>(() => undefined);
            const refusal = opts.refuse?.get(i);
            if (refusal) throw Object.assign(new Error(refusal.kind), { cls: refusal });
            posted.push(content);
            return `ts-${i + 1}`;
          },
        })),
      classify: (e) => (e as { cls?: SendErrorClass }).cls ?? { kind: 'transient', reason: String(e) },
      rateRules: () => [],
    };
    return { publisher, posted };
  }
  const texts = ['الجزء الأول من موجز الصباح', 'الجزء الثاني من موجز الصباح', 'الجزء الثالث من موجز الصباح'];

  it('a part with no answer within the send timeout is not tried again; the next ones go out; the row ends unknown with the ids posted', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    const { publisher, posted } = partsPublisher(() => texts, { hang: new Set([1]) });
    const engine = engineOf(store, 'slack', publisher, { sendTimeoutMs: 300 });
    await settle(store, engine, 5_000);
    await engine.stop();
    expect(posted).toEqual([texts[0], texts[2]]);
    expect(await row(store)).toMatchObject({ status: 'unknown', messageIds: ['ts-1', 'ts-3'], lastError: expect.stringContaining('(part 2)') });
    await store.close();
  });

  it('a briefing that cannot be rendered is a failure like any other: retried, then failed, not claimed again for ever', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    const { publisher } = partsPublisher(() => {
      throw new Error('the stored edition no longer matches the renderer');
    });
    const engine = engineOf(store, 'slack', publisher, { maxAttempts: 3, baseBackoffMs: 10 });
    await settle(store, engine, 5_000);
    await engine.stop();
    expect(await row(store)).toMatchObject({ status: 'failed', attempts: 3, lastError: expect.stringContaining('no longer matches the renderer') });
    await store.close();
  });

  it('a later part refused for good ends the row partial with the parts posted, and says which part', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    const { publisher, posted } = partsPublisher(() => texts, { refuse: new Map([[1, { kind: 'permanent', reason: 'Slack: invalid_blocks' }]]) });
    const engine = engineOf(store, 'slack', publisher, {});
    await settle(store, engine, 5_000);
    await engine.stop();
    expect(posted).toEqual([texts[0]]);
    expect(await row(store)).toMatchObject({ status: 'partial', messageIds: ['ts-1'], lastError: expect.stringMatching(/^part 2 of 3: refused by the platform: Slack: invalid_blocks/) });
    await store.close();
  });

  it('a sender whose row was put back and claimed by another between two parts posts nothing more; the other resumes, each part once', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    const { publisher, posted } = partsPublisher(() => texts);
    // Parts 400 ms apart: time for the row to change hands between them.
    const paced: Publisher = { ...publisher, rateRules: () => [{ key: 'slow', limit: 1, perMs: 400 }] };
    const first = engineOf(store, 'slack', paced, {}, 'first');
    const sending = first.drain();
    while (posted.length < 1) await new Promise((r) => setTimeout(r, 10));
    await new Promise((r) => setTimeout(r, 100));
    // Between parts 1 and 2 (claimed, nothing in flight): recovery on another instance puts it back, and that one claims it.
    expect((await row(store))).toMatchObject({ status: 'claimed', partsDone: 1 });
    await store.recoverInFlight(Number.MAX_SAFE_INTEGER, Date.now());
    const [taken] = await store.claimDeliveries('second', 1, Date.now());
    expect(taken!.delivery).toMatchObject({ attempts: 2, partsDone: 1, messageIds: ['ts-1'] });
    await sending;
    expect(posted).toEqual([texts[0]]);
    // The second instance's engine sends the rest of its claim once it is put back to it.
    await store.completeDelivery(taken!.delivery.id, { status: 'pending', nextAttemptAt: 0, error: 'test: handed over' }, Date.now());
    const second = engineOf(store, 'slack', paced, {}, 'second');
    await settle(store, second, 5_000);
    await second.stop();
    await first.stop();
    expect(posted).toEqual(texts);
    expect(await row(store)).toMatchObject({ status: 'sent', messageIds: ['ts-1', 'ts-2', 'ts-3'] });
    await store.close();
  });

  it('a crash while a middle part is in flight: at the restart the part is not sent again, the parts after it are, and the row ends unknown', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    const { publisher, posted } = partsPublisher(() => texts, { hang: new Set([1]) });
    const crashed = engineOf(store, 'slack', publisher, { sendTimeoutMs: 1_500 }, 'crashed');
    const abandoned = crashed.drain();
    while ((await row(store)).status !== 'sending' || posted.length < 1) await new Promise((r) => setTimeout(r, 10));
    // The process is gone (its engine is never stopped); the one started in its place recovers its store's rows first.
    const restarted = engineOf(store, 'slack', publisher, { exclusiveStore: true }, 'restarted');
    await settle(store, restarted, 5_000);
    await restarted.stop();
    expect(posted).toEqual([texts[0], texts[2]]);
    expect(await row(store)).toMatchObject({ status: 'unknown', messageIds: ['ts-1', 'ts-3'], lastError: expect.stringContaining('in flight when a sender stopped') });
    // The crashed engine's part times out later: it records nothing and posts nothing more.
    await abandoned;
    expect(posted).toEqual([texts[0], texts[2]]);
    expect(await row(store)).toMatchObject({ status: 'unknown', messageIds: ['ts-1', 'ts-3'] });
    await store.close();
  });

  it('a crash while the first part is in flight: at the restart that part is not sent again, the others are, and the row ends unknown', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    const { publisher, posted } = partsPublisher(() => texts, { hang: new Set([0]) });
    const crashed = engineOf(store, 'slack', publisher, { sendTimeoutMs: 1_500 }, 'crashed');
    const abandoned = crashed.drain();
    while ((await row(store)).status !== 'sending') await new Promise((r) => setTimeout(r, 10));
    const restarted = engineOf(store, 'slack', publisher, { exclusiveStore: true }, 'restarted');
    await settle(store, restarted, 5_000);
    await restarted.stop();
    expect(posted).toEqual([texts[1], texts[2]]);
    expect(await row(store)).toMatchObject({ status: 'unknown', messageIds: ['ts-2', 'ts-3'], lastError: expect.stringContaining('in flight when a sender stopped') });
    await abandoned;
    expect(posted).toEqual([texts[1], texts[2]]);
    await store.close();
  });

  it('parts that changed since the first ones went out (the filters changed) are not mixed in: the row ends partial', async () => {
    const store = await setup('slack', 'C1', briefingOf(3, 1));
    let current = texts;
    const refuse = new Map<number, SendErrorClass>([[1, { kind: 'retry-after', seconds: 0.2 }]]);
    const { publisher, posted } = partsPublisher(() => current, { refuse });
    const engine = engineOf(store, 'slack', publisher, {});
    await engine.drain();
    expect(await row(store)).toMatchObject({ status: 'pending', partsDone: 1, messageIds: ['ts-1'], lastError: 'part 2 of 3: rate limited: retry after 0.2 s' });
    refuse.clear();
    current = ['موجز الصباح بعد تغيير المرشحات', ...texts.slice(1)];
    await settle(store, engine, 3_000);
    await engine.stop();
    expect(posted).toEqual([texts[0]]);
    expect(await row(store)).toMatchObject({ status: 'partial', messageIds: ['ts-1'], lastError: expect.stringContaining('the parts changed since') });
    await store.close();
  });
});
