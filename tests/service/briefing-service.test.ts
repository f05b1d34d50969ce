import { describe, expect, it } from 'vitest';
import type { ArticleSource } from '../../src/core/ports.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import type { Article } from '../../src/core/types.js';
import { createBriefingService } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';

const article = (id: string, source: string): Article => ({
  id,
  title: 'افتتاح معرض الكتاب الدولي',
  source: { name: source, url: id },
  sections: [{ paragraphs: ['افتتح معرض الكتاب الدولي أبوابه اليوم بمشاركة خمسمئة دار نشر من ثلاثين دولة، ويستمر عشرة أيام.'] }],
});
const fixed = (articles: Article[], name: string): ArticleSource => ({ name, fetchArticles: async () => ({ articles, errors: [] }) });
const def = { id: 'morning', title: 'موجز', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', sources: [], topics: [], maxItems: 10, maxChars: 3500, bulletsPerItem: 2 };

describe('createBriefingService', () => {
  it('reads an article that two sources carry (same canonical URL) once, and caches its digest', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const a = article('https://example.com/ar/1', 'مصدر أ');
    const service = createBriefingService({ store, sourcesFor: () => [fixed([a], 'أ'), fixed([{ ...a, source: { name: 'مصدر ب', url: a.id } }], 'ب')], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    const edition = await service.getOrComposeEdition(def, '2026-11-29', '07:00');
    const items = edition.briefing.groups.flatMap((g) => g.items);
    expect(items).toHaveLength(1);
    expect(items[0]!.sources.map((s) => s.name)).toEqual(['مصدر أ']);
    expect(await store.getCachedDigest(a.id, (await import('../../src/composer/index.js')).COMPOSER_VERSION)).toBeDefined();
    await store.close();
  });

  it('never stores a subscription with a malformed time or zone', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    await expect(service.subscribe({ platform: 'telegram', destination: '1', briefingId: 'morning', deliveryTime: '25:00', timeZone: 'Asia/Riyadh' })).rejects.toThrow(/deliveryTime/);
    expect(await store.listSubscriptions()).toEqual([]);
    await store.close();
  });

  it('pauses and resumes a destination, and unsubscribes (deleting the subscription)', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    await service.subscribe({ platform: 'telegram', destination: '-100', briefingId: 'morning', deliveryTime: '07:00', timeZone: 'Asia/Riyadh' });
    expect(await service.setPaused({ platform: 'telegram', destination: '-100' }, true, 'bot was kicked')).toBe(1);
    expect((await store.listSubscriptions())[0]).toMatchObject({ status: 'paused', statusReason: 'bot was kicked' });
    expect(await service.setPaused({ platform: 'telegram', destination: '-100' }, false, '')).toBe(1);
    expect(await service.unsubscribe({ platform: 'telegram', destination: '-100' }, 'morning')).toBe(true);
    expect(await store.listSubscriptions()).toEqual([]);
    expect(await service.unsubscribe({ platform: 'telegram', destination: '-100' }, 'morning')).toBe(false);
    await store.close();
  });
});

describe('BriefingService.updateSubscription', () => {
  const topics = [{ id: 'sports', title: 'رياضة', keywords: [] }, { id: 'economy', title: 'اقتصاد', keywords: [] }];
  const briefing = { ...def, topics };
  const ref = { platform: 'telegram' as const, destination: '42' };

  it('starts a subscription from the briefing\'s time and zone, and keeps them when nothing is said', async () => {
    const service = createBriefingService({ store: createSqliteStore({ path: ':memory:' }), sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    expect(await service.updateSubscription(briefing, ref)).toMatchObject({ deliveryTime: '07:00', timeZone: 'Asia/Riyadh', topics: [], status: 'active' });
    await service.updateSubscription(briefing, ref, { deliveryTime: '06:15', timeZone: 'Africa/Cairo' });
    expect(await service.updateSubscription(briefing, ref)).toMatchObject({ deliveryTime: '06:15', timeZone: 'Africa/Cairo' });
  });

  it('toggles a topic by id, and refuses an id the briefing does not have', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    await service.updateSubscription(briefing, ref, { toggleTopic: 'sports' });
    expect((await service.updateSubscription(briefing, ref, { toggleTopic: 'economy' })).topics).toEqual(['sports', 'economy']);
    expect((await service.updateSubscription(briefing, ref, { toggleTopic: 'sports' })).topics).toEqual(['economy']);
    await expect(service.updateSubscription(briefing, ref, { toggleTopic: 'رياضة' })).rejects.toThrow(/not a topic/);
    expect((await store.listSubscriptions())[0]!.topics).toEqual(['economy']);
  });

  it('a briefing a chat subscribes to later starts with the words and mutes the chat already set', async () => {
    const service = createBriefingService({ store: createSqliteStore({ path: ':memory:' }), sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    await service.updateSubscription(briefing, ref, { addWords: { include: ['النفط'], exclude: ['كرة'] }, mute: ['الجزيرة'] });
    const evening = { ...briefing, id: 'evening', title: 'موجز المساء' };
    expect((await service.updateSubscription(evening, ref)).filters).toEqual({ include: ['النفط'], exclude: ['كرة'], muted: ['الجزيرة'] });
    // Another chat starts with none.
    expect((await service.updateSubscription(evening, { platform: 'telegram', destination: '43' })).filters?.include ?? []).toEqual([]);
  });

  it('loses no change when a chat changes its subscription through two instances at once', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const make = () => createBriefingService({ store, sourcesFor: () => [], clock: { now: () => new Date('2026-11-29T05:00:00Z') }, log: SILENT_LOGGER });
    const [a, b] = [make(), make()];
    await a.updateSubscription(briefing, ref);
    // Two taps and two /filter words, each read-merge-write racing the others (the same millisecond too).
    await Promise.all([
      a.updateSubscription(briefing, ref, { toggleTopic: 'sports' }),
      b.updateSubscription(briefing, ref, { toggleTopic: 'economy' }),
      a.updateSubscription(briefing, ref, { addWords: { include: [], exclude: ['كرة'] } }),
      b.updateSubscription(briefing, ref, { mute: ['الجزيرة'] }),
    ]);
    const sub = (await store.listSubscriptions())[0]!;
    expect([...sub.topics].sort()).toEqual(['economy', 'sports']);
    expect(sub.filters).toEqual({ include: [], exclude: ['كرة'], muted: ['الجزيرة'] });
    // The first time a new chat subscribes, from two instances at once: one row, both changes.
    const other = { platform: 'telegram' as const, destination: '77' };
    await Promise.all([a.updateSubscription(briefing, other, { toggleTopic: 'sports' }), b.updateSubscription(briefing, other, { deliveryTime: '06:00' })]);
    expect(await store.findSubscription(other, briefing.id)).toMatchObject({ topics: ['sports'], deliveryTime: '06:00' });
    await store.close();
  });

  it('an ended subscription starts again from the briefing\'s defaults', async () => {
    const service = createBriefingService({ store: createSqliteStore({ path: ':memory:' }), sourcesFor: () => [], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    await service.updateSubscription(briefing, ref, { deliveryTime: '09:00' });
    await service.unsubscribe(ref, briefing.id);
    expect(await service.updateSubscription(briefing, ref)).toMatchObject({ deliveryTime: '07:00', status: 'active' });
  });
});

describe('createBriefingService: the edition knows its slot', () => {
  it('stores the slot with the composed briefing, so that channels can link to its page', async () => {
    const store = createSqliteStore({ path: ':memory:' });
    const service = createBriefingService({ store, sourcesFor: () => [fixed([article('https://example.com/ar/2', 'مصدر')], 'أ')], clock: { now: () => new Date() }, log: SILENT_LOGGER });
    await service.getOrComposeEdition(def, '2026-11-29', '18:30');
    expect((await store.getEdition('morning', '2026-11-29', '18:30'))?.briefing.slot).toBe('18:30');
    await store.close();
  });
});
