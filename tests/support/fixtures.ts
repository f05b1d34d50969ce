/** Fixtures that many tests share: the morning briefing's definition, a service over the bundled samples, the bot's identity. */
import { join } from 'node:path';
import type { Edition, Store } from '../../src/core/ports.js';
import { SILENT_LOGGER } from '../../src/core/ports.js';
import type { Briefing, BriefingDefinition, Subscription } from '../../src/core/types.js';
import { createBriefingService, type BriefingService } from '../../src/service/index.js';
import { createFolderSource } from '../../src/sources/index.js';
import { ROOT } from '../helpers.js';

/**
 * The morning briefing as the tests know it: 07:00 in Riyadh, no sources or topics unless given.
 * `morning({ topics: [...] })` makes a variant.
 */
export function morning(overrides: Partial<BriefingDefinition> = {}): BriefingDefinition {
  return { id: 'morning', title: 'موجز الصباح', deliveryTime: '07:00', timeZone: 'Asia/Riyadh', maxItems: 10, maxChars: 3500, bulletsPerItem: 2, sources: [], topics: [], ...overrides };
}

/** The bundled samples as a briefing's folder source. */
export const SAMPLES_SOURCE = { kind: 'folder', url: 'briefings/samples', name: 'عينات', language: 'ar', topics: [] } as const satisfies BriefingDefinition['sources'][number];

/** A service over the bundled samples (briefings/samples), at a fixed instant. */
export function samplesService(store: Store, now: () => Date = () => new Date('2026-11-29T05:00:00Z'), definitions: readonly BriefingDefinition[] = []): BriefingService {
  const source = createFolderSource({ path: join(ROOT, 'briefings/samples'), name: 'عينات' });
  return createBriefingService({ store, sourcesFor: () => [source], definitions, clock: { now }, log: SILENT_LOGGER });
}

/** The engine's view for tests of delivery mechanics: every subscription receives the whole edition. */
export function wholeEdition(_subscription: Subscription, edition: Edition): Briefing {
  return edition.briefing;
}

/** The bot's identity, for grammY's `botInfo` (no getMe call in tests). */
export const BOT_INFO = {
  id: 999, is_bot: true as const, first_name: 'موجز', username: 'briefing_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false,
  can_connect_to_business: false, has_main_web_app: false, has_topics_enabled: false, allows_users_to_create_topics: false, can_manage_bots: false, supports_join_request_queries: false,
};
