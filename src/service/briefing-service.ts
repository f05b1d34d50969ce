/** The use cases: compose today's edition of a briefing once, and answer for it on demand. */
import { composeBriefing, composeDigest } from '../composer/index.js';
import type { ComposeOptions } from '../composer/index.js';
import type { ArticleSource, Clock, Edition, Logger, Store } from '../core/ports.js';
import type { Article, BriefingDefinition } from '../core/types.js';
import { toLocalParts } from '../core/time.js';

/** What the service needs. */
export interface BriefingServiceDeps {
  store: Store;
  /** The sources of a briefing definition. */
  sourcesFor(definition: BriefingDefinition): ArticleSource[];
  clock: Clock;
  log: Logger;
  compose?: Partial<ComposeOptions>;
}

/** The service's operations. */
export interface BriefingService {
  /** Today's local date for a briefing, in its zone. */
  localDate(definition: BriefingDefinition, at?: Date): string;
  /**
   * Returns the edition of `definition` for `date` and `slot`, composing and storing it first
   * when there is none; the stored one wins if another composer got there first.
   */
  getOrComposeEdition(definition: BriefingDefinition, date?: string, slot?: string): Promise<Edition>;
}

/**
 * Creates the briefing service.
 *
 * @example
 * const service = createBriefingService({ store, sourcesFor, clock: { now: () => new Date() }, log });
 * const edition = await service.getOrComposeEdition(morning); // composed once, then read from the store
 */
export function createBriefingService(deps: BriefingServiceDeps): BriefingService {
  const { store, log, clock } = deps;
  const inFlight = new Map<string, Promise<Edition>>();

  async function readArticles(definition: BriefingDefinition): Promise<Article[]> {
    const articles: Article[] = [];
    for (const source of deps.sourcesFor(definition)) {
      try {
        const result = await source.fetchArticles();
        articles.push(...result.articles);
        for (const err of result.errors) log.warn({ source: source.name, err: err.message }, 'an item of the source was skipped');
      } catch (err) {
        // One failing source never stops the others.
        log.error({ source: source.name, err: (err as Error).message }, 'source failed');
      }
    }
    return articles;
  }

  async function compose(definition: BriefingDefinition, date: string, slot: string): Promise<Edition> {
    const existing = await store.getEdition(definition.id, date, slot);
    if (existing) return existing;
    const started = Date.now();
    const articles = await readArticles(definition);
    const digests = articles.map((a) => composeDigest(a, deps.compose));
    const briefing = composeBriefing(digests, {
      briefingId: definition.id,
      title: definition.title,
      date,
      topics: definition.topics,
      maxItems: definition.maxItems,
      maxChars: definition.maxChars,
      bulletsPerItem: definition.bulletsPerItem,
    });
    for (const w of briefing.warnings) log.warn({ briefing: definition.id }, w);
    const edition = await store.saveEdition({ briefingId: definition.id, date, slot, briefing });
    log.info(
      { briefing: definition.id, date, slot, articles: articles.length, items: briefing.groups.reduce((c, g) => c + g.items.length, 0), ms: Date.now() - started },
      'edition composed',
    );
    return edition;
  }

  return {
    localDate(definition, at = clock.now()) {
      return toLocalParts(at, definition.timeZone).date;
    },
    getOrComposeEdition(definition, date = toLocalParts(clock.now(), definition.timeZone).date, slot = definition.deliveryTime) {
      const key = `${definition.id}|${date}|${slot}`;
      let p = inFlight.get(key);
      if (!p) {
        p = compose(definition, date, slot).finally(() => inFlight.delete(key));
        inFlight.set(key, p);
      }
      return p;
    },
  };
}
