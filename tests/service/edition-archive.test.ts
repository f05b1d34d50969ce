import { describe, expect, it, vi } from 'vitest';
import type { Briefing } from '../../src/core/types.js';
import { createEditionArchive } from '../../src/service/index.js';
import { createSqliteStore } from '../../src/store/index.js';

const briefing = (title: string, date: string): Briefing => ({ briefingId: 'morning', title, date, groups: [], warnings: [] });

async function storeWithEditions() {
  const store = createSqliteStore({ path: ':memory:' });
  await store.saveEdition({ briefingId: 'morning', date: '2026-11-28', slot: '07:00', briefing: briefing('موجز السبت', '2026-11-28') }, 1);
  await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '07:00', briefing: briefing('موجز الصباح', '2026-11-29') }, 2);
  await store.saveEdition({ briefingId: 'morning', date: '2026-11-29', slot: '18:00', briefing: briefing('موجز المساء', '2026-11-29') }, 3);
  return store;
}

describe('createEditionArchive', () => {
  it('finds the latest edition, a day\'s editions latest slot first, and one slot', async () => {
    const store = await storeWithEditions();
    const archive = createEditionArchive({ store });
    expect((await archive.latest('morning'))?.briefing.title).toBe('موجز المساء');
    expect((await archive.day('morning', '2026-11-29')).map((e) => e.slot)).toEqual(['18:00', '07:00']);
    expect((await archive.edition('morning', '2026-11-28', '07:00'))?.briefing.title).toBe('موجز السبت');
    expect(await archive.edition('morning', '2026-11-27', '07:00')).toBeUndefined();
    expect(await archive.latest('evening')).toBeUndefined();
    expect((await archive.recent('morning', 2)).map((e) => `${e.date} ${e.slot}`)).toEqual(['2026-11-29 18:00', '2026-11-29 07:00']);
    expect((await archive.list('morning')).length).toBe(3);
    await store.close();
  });

  it('reads each stored edition from the store once (editions never change), within a bounded cache', async () => {
    const store = await storeWithEditions();
    const spy = vi.spyOn(store, 'getEdition');
    const archive = createEditionArchive({ store }, { cachedEditions: 2 });
    await archive.edition('morning', '2026-11-29', '07:00');
    await archive.edition('morning', '2026-11-29', '07:00');
    expect(spy).toHaveBeenCalledTimes(1);
    await archive.edition('morning', '2026-11-29', '18:00');
    await archive.edition('morning', '2026-11-28', '07:00');
    // The first one was dropped to keep two: it is read again.
    await archive.edition('morning', '2026-11-29', '07:00');
    expect(spy).toHaveBeenCalledTimes(4);
    await store.close();
  });
});
