/** The sources a briefing definition names, made once per process. */
import { isAbsolute, join } from 'node:path';
import type { ArticleSource } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import { createFeedSource, type FeedHealthStore } from './feed-source.js';
import { createFolderSource } from './folder-source.js';
import { createPageSource } from './page-source.js';

/** What the catalog needs. */
export interface SourceCatalogDeps {
  /** Where feeds keep their health and validators (the store). */
  health: FeedHealthStore;
  now: () => Date;
  /** The project root: relative folder paths resolve against it. */
  root: string;
  /** Hosts, IPs and CIDR ranges inside the network that feeds and pages may reach (config fetch.allowHosts; default none). */
  allowHosts?: readonly string[];
  /** Time a feed or page has to answer (config fetch.timeoutMs; default the fetcher's, 10 s). */
  timeoutMs?: number;
}

/**
 * The sources of each briefing definition. One feed source per URL for the process, shared by
 * every briefing that names it: it keeps the last items for conditional GET.
 */
export function createSourceCatalog(deps: SourceCatalogDeps): (definition: BriefingDefinition) => ArticleSource[] {
  const feeds = new Map<string, ArticleSource>();
  // Source fetches reach only public addresses, and the operator's own hosts named in fetch.allowHosts.
  const fetch = { allowHosts: deps.allowHosts ?? [], ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}) };
  return (def) =>
    def.sources.map((s) => {
      if (s.kind === 'folder') return createFolderSource({ path: isAbsolute(s.url) ? s.url : join(deps.root, s.url), name: s.name, topics: s.topics });
      if (s.kind === 'page') return createPageSource({ url: s.url, name: s.name, topics: s.topics, fetch });
      let feed = feeds.get(s.url);
      if (!feed) {
        feed = createFeedSource({ url: s.url, name: s.name, topics: s.topics, health: deps.health, now: deps.now, fullText: s.fullText, fetch });
        feeds.set(s.url, feed);
      }
      return feed;
    });
}
