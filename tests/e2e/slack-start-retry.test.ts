/** A Slack channel that cannot start at boot (its Web API down a moment) is tried again, not left off until a restart. */
import { createServer } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { instanceRoot } from './instances.js';

describe('Slack channel start', () => {
  it('is tried again after a failed start, and runs once its Web API answers', async () => {
    let calls = 0;
    // auth.test: a 503 first (Slack's API or a proxy down), then Slack's answer.
    const api = createServer((req, res) => {
      if (!(req.url ?? '').startsWith('/api/auth.test')) return void res.writeHead(404).end();
      calls++;
      if (calls === 1) return void res.writeHead(503, { 'content-type': 'text/html' }).end('<h1>Service Unavailable</h1>');
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0' }));
    });
    await new Promise<void>((r) => api.listen(0, '127.0.0.1', () => r()));
    const root = instanceRoot({ concurrency: 2 });
    const env = {
      SQLITE_PATH: join(root, 'data', 'b.db'),
      SLACK_BOT_TOKEN: 'xoxb-1111-2222-token',
      SLACK_SIGNING_SECRET: 'a-signing-secret-of-the-app',
      SLACK_API_URL: `http://127.0.0.1:${(api.address() as { port: number }).port}/api/`,
    };
    const app = await createApp(loadConfig({ root, env }), { root, log: SILENT_LOGGER, now: () => new Date('2026-11-29T02:00:00Z') });
    try {
      await app.start();
      const slackState = async (): Promise<string | undefined> => {
        const res = await fetch(`http://127.0.0.1:${app.port()}/livez`);
        const body = (await res.json()) as { channels?: { platform: string; state: string }[] };
        return body.channels?.find((c) => c.platform === 'slack')?.state;
      };
      expect(calls).toBe(1);
      expect(await slackState()).toBe('stopped');
      const until = Date.now() + 8_000;
      while ((await slackState()) !== 'running' && Date.now() < until) await new Promise((r) => setTimeout(r, 200));
      expect(await slackState()).toBe('running');
      expect(calls).toBe(2);
    } finally {
      await app.stop();
      await new Promise<void>((r) => api.close(() => r()));
    }
  }, 20_000);
});
