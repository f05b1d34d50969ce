/** The Telegram channel when Telegram refuses to start it: the error says which setting to check, never the token. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createTelegramChannel } from '../../src/channels/telegram/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = '123456:AAH-revoked-token-of-the-bot-0001';
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

/** A Bot API that answers every call with the given status and Telegram's error body. */
async function botApi(status: number, description: string): Promise<string> {
  server = createServer((_req, res) => void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: status, description })));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

function channel(apiRoot: string, startTimeoutMs?: number) {
  const morning = morningDefinition({ sources: [SAMPLES_SOURCE] });
  const service = samplesService(createSqliteStore({ path: ':memory:' }), () => new Date('2026-12-02T05:00:00Z'), [morning]);
  return createTelegramChannel({ token: TOKEN, apiRoot, service, briefing: morning, log: SILENT_LOGGER, route: () => undefined, ...(startTimeoutMs ? { startTimeoutMs } : {}) });
}

describe('Telegram channel start', () => {
  it('gives up within its time when the API root is no Bot API (an HTML 404) or nothing listens, naming TELEGRAM_API_ROOT', async () => {
    // The auto-retry plugin retries a network error for ever: the start (and the app's start after it) hung with no log.
    server = createServer((_req, res) => void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>'));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    const html = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    for (const root of [html, 'http://127.0.0.1:1']) {
      const t = Date.now();
      const err = await channel(root, 1_500).start().then(() => undefined, (e: unknown) => e as Error);
      expect(Date.now() - t, root).toBeLessThan(5_000);
      expect(err?.message, root).toMatch(/cannot be reached.*TELEGRAM_API_ROOT/);
      expect(err?.message).not.toContain('AAH-revoked');
    }
  }, 15_000);

  it('names TELEGRAM_BOT_TOKEN when Telegram answers 401, without the token', async () => {
    const err = await channel(await botApi(401, 'Unauthorized')).start().then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/Telegram refused the bot token \(401 Unauthorized\): check TELEGRAM_BOT_TOKEN/);
    expect(err?.message).not.toContain('AAH-revoked');
  });

  it('names TELEGRAM_BOT_TOKEN and TELEGRAM_API_ROOT when the Bot API answers 404', async () => {
    const err = await channel(await botApi(404, 'Not Found')).start().then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/404.*TELEGRAM_BOT_TOKEN.*TELEGRAM_API_ROOT/);
    expect(err?.message).not.toContain('AAH-revoked');
  });
});
