/**
 * A web channel on a real HTTP server over a SQLite store holding the morning briefing composed
 * from the bundled samples (briefings/samples), and, when asked, an evening edition whose feed
 * items are hostile (markup in titles, a javascript: link) plus ledger, subscription and feed
 * figures for the dashboard.
 */
import { join } from 'node:path';
import type { Edition, Logger, Store } from '../../../src/core/ports.js';
import type { Briefing, BriefingDefinition } from '../../../src/core/types.js';
import { createWebChannel, type WebChannelOptions } from '../../../src/channels/web/index.js';
import { createOpsServer, type OpsServer } from '../../../src/server/index.js';
import { createBriefingService, createEditionArchive, createOperationsReport } from '../../../src/service/index.js';
import { createFolderSource } from '../../../src/sources/index.js';
import { createSqliteStore } from '../../../src/store/index.js';
import { ROOT } from '../../helpers.js';
import morningJson from '../../../briefings/morning.json' with { type: 'json' };

/** The shipped morning briefing, with a feed source added for the dashboard's feed health. */
export const MORNING: BriefingDefinition = {
  ...(morningJson as Omit<BriefingDefinition, 'sources'>),
  sources: [
    { kind: 'folder', url: 'briefings/samples', name: 'العينات المرفقة', language: 'ar', topics: [] },
    { kind: 'feed', url: 'https://feeds.example.com/ar/rss.xml', name: 'وكالة المثال', language: 'ar', topics: [] },
    { kind: 'feed', url: 'https://news.example.org/atom', name: 'أخبار المثال', language: 'ar', topics: [] },
  ],
};

/** A headline a hostile feed could send. */
export const HOSTILE_HEADLINE = '<script>document.title="pwned"</script> وزير المالية يعلن <b>ميزانية</b> جديدة';

/** An edition whose items come from a hostile feed: markup in the texts, a javascript: URL. */
export function hostileBriefing(date: string): Briefing {
  return {
    briefingId: 'morning',
    title: 'موجز الصباح',
    date,
    slot: '18:00',
    warnings: [],
    groups: [
      {
        topic: 'اقتصاد',
        items: [
          {
            topic: 'اقتصاد',
            sources: [
              { name: 'Reuters <img src=x onerror=alert(1)>', url: 'javascript:alert(1)' },
              { name: 'وكالة المثال', url: 'https://feeds.example.com/ar/1?a=1&b="2"' },
            ],
            digest: {
              headline: HOSTILE_HEADLINE,
              bullets: [
                { text: 'قال الوزير إن شركة Aramco ستزيد إنتاجها <i>قريبا</i> بنسبة 5 في المئة', section: 0, sourceSentence: '' },
                { text: 'وأضاف أن الميزانية تبلغ 1.2 تريليون ريال]]></content><entry>', section: 0, sourceSentence: '' },
              ],
              keyFigures: ['5 في المئة', '1.2 تريليون ريال'],
              source: { name: 'وكالة المثال' },
              articleId: 'hostile-1',
              topics: [],
              importance: 1,
              warnings: [],
            },
          },
        ],
      },
    ],
  };
}

/** A running web channel and what it reads. */
export interface WebFixture {
  base: string;
  store: Store;
  server: OpsServer;
  morning: Edition;
  evening?: Edition;
  logs: { level: string; obj: object; msg?: string }[];
  /** Moves the fixture's clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** Starts the fixture at 2026-11-29 10:00 in Riyadh (07:00 UTC). */
export async function startWeb(options: { hostile?: boolean; figures?: boolean; web?: Partial<WebChannelOptions> } = {}): Promise<WebFixture> {
  let now = new Date('2026-11-29T07:00:00Z');
  const clock = { now: () => now };
  const logs: WebFixture['logs'] = [];
  const log: Logger = {
    debug: (obj, msg) => void logs.push({ level: 'debug', obj, ...(msg ? { msg } : {}) }),
    info: (obj, msg) => void logs.push({ level: 'info', obj, ...(msg ? { msg } : {}) }),
    warn: (obj, msg) => void logs.push({ level: 'warn', obj, ...(msg ? { msg } : {}) }),
    error: (obj, msg) => void logs.push({ level: 'error', obj, ...(msg ? { msg } : {}) }),
  };
  const store = createSqliteStore({ path: ':memory:' });
  const service = createBriefingService({
    store,
    sourcesFor: () => [createFolderSource({ path: join(ROOT, 'briefings/samples'), name: 'العينات المرفقة', topics: [] })],
    clock,
    log,
  });
  const morning = await service.getOrComposeEdition(MORNING, '2026-11-29', '07:00');
  // An older edition, for the archive and the day pages' caching.
  await service.getOrComposeEdition(MORNING, '2026-10-31', '07:00');
  let evening: Edition | undefined;
  if (options.hostile) evening = await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '18:00', briefing: hostileBriefing('2026-11-29') }, now.getTime() + 1000);
  if (options.figures) await addFigures(store, morning, now.getTime());

  const web = createWebChannel(
    {
      briefings: [{ id: MORNING.id, title: MORNING.title, timeZone: MORNING.timeZone, deliveryTime: MORNING.deliveryTime }],
      archive: createEditionArchive({ store }),
      report: createOperationsReport({ store, definitions: [MORNING], clock }),
      clock,
      log,
    },
    options.web,
  );
  const server = createOpsServer({ store });
  web.mount((method, path, handler) => server.route(method, path, handler));
  const port = await server.listen(0, '127.0.0.1');
  return {
    base: `http://127.0.0.1:${port}`,
    store,
    server,
    morning,
    ...(evening ? { evening } : {}),
    logs,
    setNow(iso) {
      now = new Date(iso);
    },
    async close() {
      await server.close();
      await store.close();
    },
  };
}

/** Subscriptions on two platforms (some paused), a ledger with every outcome, two feeds' health. */
async function addFigures(store: Store, morning: Edition, now: number): Promise<void> {
  const slot = { briefingId: 'morning', timeZone: 'Asia/Riyadh', deliveryTime: '07:00' };
  for (let i = 1; i <= 12; i++) await store.upsertSubscription({ platform: 'telegram', destination: String(1000 + i), briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
  for (let i = 1; i <= 3; i++) await store.upsertSubscription({ platform: 'slack', destination: `C0${i}`, briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' }, 1);
  const earlier = await store.saveEdition({ briefingId: 'morning', date: '2026-11-27', slot: '07:00', briefing: { ...morning.briefing, date: '2026-11-27' } }, now - 2 * 86_400_000);
  await store.enqueueDeliveries(earlier.id, slot, 'skipped', now);
  await store.enqueueDeliveries(morning.id, slot, 'pending', now);
  const claimed = await store.claimDeliveries('fixture', 15, now);
  for (const [i, c] of claimed.entries()) {
    if (i < 11) await store.completeDelivery(c.delivery.id, { status: 'sent', messageIds: [String(i)] }, now);
    else if (i < 13) await store.completeDelivery(c.delivery.id, { status: 'failed', error: 'Forbidden: bot was blocked by the user' }, now);
    else if (i === 13) await store.markSending(c.delivery.id, now, c.delivery.attempts);
  }
  await store.recoverInFlight(now + 1, now + 1);
  const blocked = await store.findSubscription({ platform: 'telegram', destination: '1001' }, 'morning');
  await store.setSubscriptionStatus(blocked!.id, 'paused', 'Forbidden: bot was blocked by the user', now);
  const left = await store.findSubscription({ platform: 'slack', destination: 'C03' }, 'morning');
  await store.setSubscriptionStatus(left!.id, 'paused', 'channel_not_found', now);
  await store.putFeedHealth({ url: 'https://feeds.example.com/ar/rss.xml', consecutiveFailures: 0, lastSuccessAt: now - 600_000, nextTryAt: now + 300_000, paused: false });
  await store.putFeedHealth({ url: 'https://news.example.org/atom', consecutiveFailures: 4, lastError: 'HTTP 503 <Service Unavailable>', lastSuccessAt: now - 86_400_000, nextTryAt: now + 3_600_000, paused: false });
}
