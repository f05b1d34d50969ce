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
import type { Briefing, BriefingItem, Platform } from '../../src/core/types.js';
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
