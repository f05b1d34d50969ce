/** Telegram's refusal of a message as such ("message is too long") is permanent: failed at once, never retried. */
import { Api } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { classifyTelegramError } from '../../src/channels/telegram/index.js';
import { SILENT_LOGGER, type Publisher } from '../../src/core/ports.js';
import type { Briefing } from '../../src/core/types.js';
import { createDeliveryEngine } from '../../src/delivery/index.js';
import { createSqliteStore } from '../../src/store/index.js';
import { wholeEdition } from '../support/fixtures.js';

const TOKEN = '123456:TEST-TOKEN-PERMANENT';
const briefing: Briefing = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [], groups: [] };

let fake: FakeBotApi;
beforeEach(async () => {
  fake = await startFakeBotApi({ token: TOKEN });
});
afterEach(async () => fake.close());

describe('classifyTelegramError', () => {
  it('classifies 400 "message is too long" and "can\'t parse entities" from the fake Bot API as permanent', async () => {
    const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
    const tooLong = await api.sendMessage('1', 'خبر '.repeat(1100)).then(() => undefined, (e: unknown) => e);
    expect(classifyTelegramError(tooLong)).toEqual({ kind: 'permanent', reason: 'Telegram 400: Bad Request: message is too long' });
    const badHtml = await api.sendMessage('2', '<b>خبر</i>', { parse_mode: 'HTML' }).then(() => undefined, (e: unknown) => e);
    expect(classifyTelegramError(badHtml).kind).toBe('permanent');
  });
});

describe('the delivery engine with a permanent refusal', () => {
  it('records the delivery failed after one attempt, sends it no more, and keeps the subscription active', async () => {
    const api = new Api(TOKEN, { apiRoot: fake.apiRoot });
    let attempts = 0;
    // A publisher whose message Telegram refuses as too long, as the renderer did before its caps.
    const publisher: Publisher = {
      platform: 'telegram',
      async send(ref) {
        attempts++;
        const m = await api.sendMessage(ref.destination, 'خبر '.repeat(1100));
        return { messageIds: [String(m.message_id)] };
      },
      classify: classifyTelegramError,
      rateRules: () => [],
    };
    const store = createSqliteStore({ path: ':memory:' });
    let now = 1_000_000;
    const sub = await store.upsertSubscription({ platform: 'telegram', destination: '77', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, now);
    const edition = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing }, now);
    await store.enqueueDeliveries(edition.id, { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' }, 'pending', now);
    const engine = createDeliveryEngine({ store, publishers: { telegram: publisher }, view: wholeEdition, clock: { now: () => new Date(now) }, log: SILENT_LOGGER, owner: 't' }, { maxAttempts: 8 });
    await engine.drain();
    // Hours later, nothing is due again.
    now += 24 * 3_600_000;
    await engine.drain();
    const [row] = await store.listDeliveries({ subscriptionId: sub.id });
    expect(row).toMatchObject({ status: 'failed', attempts: 1 });
    expect(row!.lastError).toMatch(/refused by the platform: Telegram 400: Bad Request: message is too long/);
    expect(attempts).toBe(1);
    expect((await store.findSubscription({ platform: 'telegram', destination: '77' }, 'morning'))!.status).toBe('active');
    await store.close();
  });
});
