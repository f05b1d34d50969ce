/** Narrows a briefing to the items a subscriber asked for (topics or keywords). */
import { normalizeArabic } from '../arabic/index.js';
import type { Briefing } from '../core/types.js';
import { contentStems } from './text-features.js';

/**
 * Keeps the items whose topic group matches one of `wanted` (by topic title) or whose headline
 * and bullets contain every light-stemmed word of one of them. An empty list keeps everything.
 *
 * @example
 * filterBriefing(briefing, ['اقتصاد', 'النفط']) // items of the "اقتصاد" group, and any item about oil
 */
export function filterBriefing(briefing: Briefing, wanted: readonly string[]): Briefing {
  if (wanted.length === 0) return briefing;
  const wantedNorm = wanted.map((w) => normalizeArabic(w.trim()));
  const wantedStems = wanted.map((w) => contentStems(w));
  const groups = briefing.groups
    .map((g) => {
      if (wantedNorm.includes(normalizeArabic(g.topic))) return g;
      const items = g.items.filter((item) => {
        const text = `${item.digest.headline} ${item.digest.bullets.map((b) => b.text).join(' ')}`;
        const stems = new Set(contentStems(text));
        return wantedStems.some((ws) => ws.length > 0 && ws.every((s) => stems.has(s)));
      });
      return { ...g, items };
    })
    .filter((g) => g.items.length > 0);
  return { ...briefing, groups };
}
