/** Reading stored editions for readers on the web: the latest, a day's, one slot's, the archive. */
import type { Edition, EditionFilter, EditionSummary, Store } from '../core/ports.js';

/** What {@link createEditionArchive} needs. */
export interface EditionArchiveDeps {
  store: Pick<Store, 'getEdition' | 'listEditions'>;
}

/** Options for {@link createEditionArchive}. */
export interface EditionArchiveOptions {
  /** Editions kept in memory (they never change once stored). Default 256. */
  cachedEditions: number;
}

/** Default {@link EditionArchiveOptions}. */
export const DEFAULT_EDITION_ARCHIVE_OPTIONS: EditionArchiveOptions = { cachedEditions: 256 };

/** Read-only access to a briefing's editions; never composes. */
export interface EditionArchive {
  /** The newest stored edition of a briefing. */
  latest(briefingId: string): Promise<Edition | undefined>;
  /** Every edition of one local date, latest slot first. */
  day(briefingId: string, date: string): Promise<Edition[]>;
  /** One edition. */
  edition(briefingId: string, date: string, slot: string): Promise<Edition | undefined>;
  /** Editions without their content, newest first. */
  list(briefingId: string, filter?: EditionFilter): Promise<EditionSummary[]>;
  /** The newest `limit` editions with their content (feeds). */
  recent(briefingId: string, limit: number): Promise<Edition[]>;
}

/**
 * Creates the archive. Stored editions are frozen, so each one read is kept in memory (a bounded
 * map, oldest dropped first) and served from there afterwards.
 *
 * @example
 * const archive = createEditionArchive({ store });
 * const today = await archive.latest('morning');
 */
export function createEditionArchive(deps: EditionArchiveDeps, options: Partial<EditionArchiveOptions> = {}): EditionArchive {
  const { cachedEditions } = { ...DEFAULT_EDITION_ARCHIVE_OPTIONS, ...options };
  const cache = new Map<string, Edition>();

  async function read(summary: Pick<EditionSummary, 'briefingId' | 'date' | 'slot'>): Promise<Edition | undefined> {
    const key = `${summary.briefingId}|${summary.date}|${summary.slot}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const edition = await deps.store.getEdition(summary.briefingId, summary.date, summary.slot);
    if (edition) {
      cache.set(key, edition);
      if (cache.size > cachedEditions) cache.delete(cache.keys().next().value!);
    }
    return edition;
  }

  async function readAll(summaries: EditionSummary[]): Promise<Edition[]> {
    const editions: Edition[] = [];
    for (const s of summaries) {
      const e = await read(s);
      if (e) editions.push(e);
    }
    return editions;
  }

  return {
    async latest(briefingId) {
      const [newest] = await deps.store.listEditions(briefingId, { limit: 1 });
      return newest ? read(newest) : undefined;
    },
    async day(briefingId, date) {
      return readAll(await deps.store.listEditions(briefingId, { date }));
    },
    edition(briefingId, date, slot) {
      return read({ briefingId, date, slot });
    },
    list(briefingId, filter) {
      return deps.store.listEditions(briefingId, filter);
    },
    async recent(briefingId, limit) {
      return readAll(await deps.store.listEditions(briefingId, { limit }));
    },
  };
}
