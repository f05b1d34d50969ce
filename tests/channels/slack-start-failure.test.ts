/** The Slack channel when its start fails: the error names the setting to check, never the token. */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackChannel } from '../../src/channels/slack/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { createSqliteStore } from '../../src/store/index.js';
import { morning as morningDefinition, SAMPLES_SOURCE, samplesService } from '../support/fixtures.js';

const TOKEN = 'xoxb-1111-2222-SecretPartOfTheToken';
let server: Server | undefined;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(status: number, type: string, body: string): Promise<string> {
  server = createServer((_req, res) => void res.writeHead(status, { 'content-type': type }).end(body));
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}/api/`;
}

function channel(apiUrl: string) {
  const morning = morningDefinition({ sources: [SAMPLES_SOURCE] });
  const service = samplesService(createSqliteStore({ path: ':memory:' }), () => new Date('2026-12-02T05:00:00Z'), [morning]);
  return createSlackChannel({ botToken: TOKEN, signingSecret: 'a-signing-secret-of-the-app', service, briefing: morning, log: SILENT_LOGGER, apiUrl, route: () => undefined });
}

describe('Slack channel start', () => {
  it('names SLACK_BOT_TOKEN when Slack refuses the token', async () => {
    const err = await channel(await serve(200, 'application/json', JSON.stringify({ ok: false, error: 'invalid_auth' }))).start().then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toBe('Slack rejected the bot token (invalid_auth): check SLACK_BOT_TOKEN.');
  });

  it('names SLACK_API_URL, not the token, when what answers is no Slack Web API', async () => {
    const err = await channel(await serve(404, 'text/html', '<h1>Not Found</h1>')).start().then(() => undefined, (e: unknown) => e as Error);
    expect(err?.message).toMatch(/^Slack's Web API could not be reached or did not answer as Slack \(.*404.*\): check the network, and SLACK_API_URL/);
    expect(err?.message).not.toMatch(/SLACK_BOT_TOKEN|SecretPart/);
  });
});
