/**
 * The app reads its feeds all day: a briefing file names a feed on 127.0.0.1 that keeps its last
 * 20 items; the app polls it from start, at the source's own interval; 60 items are published
 * overnight and the morning edition covers all of them.
 */
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import { ROOT } from '../helpers.js';
import { nightStory, serveOvernightFeed } from '../support/overnight-feed.js';

const MIN = 60_000;
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const x of open.splice(0)) await x.close();
});

describe('the app polls its feeds', () => {
  it('polls each feed from start at its interval; the morning edition covers the 60 items of the night', async () => {
    const feed = await serveOvernightFeed(20);
    open.push(feed);
    const root = mkdtempSync(join(tmpdir(), 'briefing-feeds-'));
    cpSync(join(ROOT, 'config'), join(root, 'config'), { recursive: true });
    mkdirSync(join(root, 'briefings'));
    writeFileSync(
      join(root, 'briefings', 'night.json'),
      JSON.stringify({
        id: 'night', title: 'موجز الليل', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', maxItems: 50, maxChars: 20000, bulletsPerItem: 1,
        sources: [{ kind: 'feed', url: feed.url, name: 'أخبار الليل', pollMinutes: 30 }],
      }),
    );
    writeFileSync(join(root, 'config', 'local.json'), JSON.stringify({ port: 0, defaultBriefing: 'night', console: { enabled: false }, schedule: { enabled: false }, web: { enabled: false }, fetch: { allowHosts: ['127.0.0.1'] } }));
    const config = loadConfig({ root, env: { SQLITE_PATH: join(root, 'data', 'b.db') } });
    let t = Date.parse('2026-12-01T20:00:00Z');
    const app = await createApp(config, { root, log: SILENT_LOGGER, now: () => new Date(t) });
    open.push({ close: () => app.stop() });
    for (let i = 0; i < 6; i++) feed.publish(nightStory(i, new Date(t)));
    await app.start();
    // The first round of polls ran before start-up went on.
    expect(feed.requests()).toBe(1);
    for (let n = 6; n < 60; n += 6) {
      t += 30 * MIN;
      for (let i = n; i < n + 6; i++) feed.publish(nightStory(i, new Date(t)));
      await app.poller!.pollDue();
      // At 15 minutes nothing is due: the source asked for 30.
      t += 15 * MIN;
      expect(await app.poller!.pollDue()).toEqual({ polled: {}, elsewhere: [], failed: {} });
      t -= 15 * MIN;
    }
    expect(feed.requests()).toBe(10);
    t = Date.parse('2026-12-02T04:00:00Z');
    const edition = await app.service.getOrComposeEdition(config.briefings[0]!, '2026-12-02', '07:00');
    expect(edition.briefing.coverage?.articles).toBe(60);
  });
});
