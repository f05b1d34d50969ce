/** The web inside the app: on by default on PORT, off with web.enabled false, the dashboard only with ADMIN_TOKEN. */
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp, type BriefingApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/index.js';
import type { Logger } from '../../../src/core/ports.js';
import { ROOT } from '../../helpers.js';

const TOKEN = 'app-admin-token-0123456789abcdef';

async function startApp(local: object, env: Record<string, string> = {}): Promise<{ app: BriefingApp; base: string; logs: string }> {
  const root = mkdtempSync(join(tmpdir(), 'briefing-web-app-'));
  cpSync(join(ROOT, 'config'), join(root, 'config'), { recursive: true });
  cpSync(join(ROOT, 'briefings'), join(root, 'briefings'), { recursive: true });
  writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ port: 0, console: { enabled: false, showOnStart: false }, schedule: { enabled: true }, ...local }));
  const config = loadConfig({ root, env: { SQLITE_PATH: join(root, 'data', 'b.db'), ...env } });
  let logs = '';
  const log: Logger = { debug: () => {}, info: (o, m) => void (logs += `${JSON.stringify(o)} ${m}\n`), warn: (o, m) => void (logs += `${JSON.stringify(o)} ${m}\n`), error: (o, m) => void (logs += `${JSON.stringify(o)} ${m}\n`) };
  const app = await createApp(config, { root, log, now: () => new Date('2026-11-29T05:00:00Z') });
  await app.start();
  // The console channel is off: compose the day's edition as the schedule would for a subscriber.
  await app.service.getOrComposeEdition(config.briefings[0]!, '2026-11-29', '07:00');
  return { app, base: `http://127.0.0.1:${app.port()}`, logs };
}

describe('the web in the app', () => {
  it('serves the edition pages on PORT next to /healthz, with no dashboard without ADMIN_TOKEN', async () => {
    const { app, base } = await startApp({});
    try {
      const page = await fetch(`${base}/b/morning/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<html lang="ar" dir="rtl">');
      expect((await fetch(`${base}/b/morning/2026-11-29/0700`)).status).toBe(200);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/admin`)).status).toBe(404);
    } finally {
      await app.stop();
    }
  });

  it('opens the dashboard with ADMIN_TOKEN, never logging it, and links with PUBLIC_URL', async () => {
    const { app, base, logs } = await startApp({}, { ADMIN_TOKEN: TOKEN, PUBLIC_URL: 'https://briefing.example.com' });
    try {
      expect((await fetch(`${base}/admin`)).status).toBe(401);
      const dash = await fetch(`${base}/admin`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(dash.status).toBe(200);
      expect(await dash.text()).toContain('آخر الأعداد');
      const page = await (await fetch(`${base}/b/morning/`)).text();
      expect(page).toContain('<meta property="og:url" content="https://briefing.example.com/b/morning/2026-11-29/0700">');
      expect(logs).toContain('"dashboard":"/admin"');
      expect(logs).not.toContain(TOKEN);
    } finally {
      await app.stop();
    }
  });

  it('serves no page with web.enabled false', async () => {
    const { app, base } = await startApp({ web: { enabled: false } }, { ADMIN_TOKEN: TOKEN });
    try {
      for (const path of ['/', '/b/morning/', '/admin', '/b/morning/feed.atom']) expect((await fetch(`${base}${path}`)).status, path).toBe(404);
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
