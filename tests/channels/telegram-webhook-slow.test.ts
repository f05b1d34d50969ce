/**
 * A webhook update whose handling outlasts grammY's webhook timeout (an on-demand /briefing that
 * composes the day's edition from slow feeds): Telegram gets 200 when the time is up, and the
 * reply still comes, once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { afterEach, expect, it } from 'vitest';
import { startFakeBotApi, type FakeBotApi } from '../../src/bench/fakes/fake-bot-api.js';
import { createTelegramChannel, type TelegramChannel } from '../../src/channels/telegram/index.js';
import { SILENT_LOGGER, type Store } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = '123456:SLOW-WEBHOOK';
let fake: FakeBotApi | undefined;
let server: Server | undefined;
let channel: TelegramChannel | undefined;
let store: Store | undefined;
afterEach(async () => {
  await channel?.stop();
  await new Promise((r) => (server ? server.close(() => r(undefined)) : r(undefined)));
  await fake?.close();
  await store?.close();
  fake = server = channel = store = undefined;
});

it('answers Telegram 200 when the webhook time is up, and the slow /briefing still replies, once', async () => {
  fake = await startFakeBotApi({ token: TOKEN, limits: { chatIntervalMs: 0 } });
  store = createSqliteStore({ path: ':memory:' });
  const definition = morning({ sources: [SAMPLES_SOURCE] });
  const service = samplesService(store, undefined, [definition]);
  // The edition takes 600 ms to come; the webhook waits 150 ms.
  const slow = { ...service, briefNow: async (...a: Parameters<typeof service.briefNow>) => (await new Promise((r) => setTimeout(r, 600)), service.briefNow(...a)) };
  const routes = new Map<string, (req: IncomingMessage, res: ServerResponse) => Promise<void>>();
  server = createServer((req, res) => void routes.get(`${req.method} ${req.url}`)?.(req, res));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/telegram/webhook`;
  channel = createTelegramChannel({
    token: TOKEN, apiRoot: fake.apiRoot, service: slow, briefing: definition, log: SILENT_LOGGER,
    webhookUrl: 'https://bot.example.com/telegram/webhook', webhookSecret: 'slow-secret', webhookTimeoutMs: 150,
    route: (method, path, handler) => void routes.set(`${method} ${path}`, handler),
  });
  await channel.start();
  const started = Date.now();
  const status = await fake.postWebhook(url, 'slow-secret', { update_id: 1, message: { message_id: 1, date: 0, chat: { id: 61, type: 'private' }, from: { id: 61, is_bot: false, first_name: 'نور' }, text: '/briefing', entities: [{ type: 'bot_command', offset: 0, length: 9 }] } });
  expect(status).toBe(200);
  expect(Date.now() - started).toBeLessThan(550);
  for (let i = 0; i < 100 && fake.messages.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 100));
  expect(fake.messages).toHaveLength(1);
  expect(fake.messages[0]!.text).toContain('موجز الصباح');
});
