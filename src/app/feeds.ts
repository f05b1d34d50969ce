/** The app's polled feeds: every briefing's feeds, each once, for the schedule's feed poller. */
import type { Config } from '../config/index.js';
import type { ArticleSource, Clock, Store } from '../core/ports.js';
import type { BriefingDefinition } from '../core/types.js';
import type { PolledFeed } from '../schedule/index.js';
import { pollSource } from '../sources/index.js';

/**
 * The feeds of every briefing, each once (a URL two briefings name is one feed), at the shortest
 * interval asked (a source's pollMinutes, else feeds.pollMinutes).
 */
export function polledFeeds(config: Config, sourcesFor: (d: BriefingDefinition) => ArticleSource[], store: Store, clock: Clock): PolledFeed[] {
  const feeds = new Map<string, PolledFeed>();
  for (const def of config.briefings) {
    const sources = sourcesFor(def);
    def.sources.forEach((s, i) => {
      const source = sources[i];
      if (!source?.arrivalKey) return;
      const intervalMs = (s.pollMinutes ?? config.feeds.pollMinutes) * 60_000;
      const known = feeds.get(source.arrivalKey);
      if (known && known.intervalMs <= intervalMs) return;
      feeds.set(source.arrivalKey, { key: source.arrivalKey, name: source.name, intervalMs, poll: () => pollSource(source, store, clock.now) });
    });
  }
  return [...feeds.values()];
}
