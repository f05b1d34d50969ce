/** Which of the configured briefings a person named («evening», «موجز المساء», «morning, evening»), for every channel. */
import { normalizeArabic, stripBidiControls } from '../arabic/index.js';
import type { BriefingDefinition } from '../core/types.js';

const key = (s: string): string => normalizeArabic(stripBidiControls(s)).replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The briefings named in `text`, by id (any case) or title (diacritics and hamza forms aside):
 * the whole text as one title, else each part between commas, else each word. `unknown` holds
 * what named none. Without repeats, in the order named.
 *
 * @example
 * pickBriefings('evening morning', defs)  // → { found: [evening, morning], unknown: [] }
 * pickBriefings('موجز المساء', defs)      // → { found: [evening], unknown: [] }
 */
export function pickBriefings(text: string, definitions: readonly BriefingDefinition[]): { found: BriefingDefinition[]; unknown: string[] } {
  const byName = (name: string): BriefingDefinition | undefined => {
    const k = key(name);
    return k ? definitions.find((d) => d.id.toLowerCase() === k || key(d.title) === k) : undefined;
  };
  const found: BriefingDefinition[] = [];
  const unknown: string[] = [];
  const add = (d: BriefingDefinition): void => void (found.includes(d) || found.push(d));
  const whole = byName(text);
  if (whole) return { found: [whole], unknown };
  for (const part of text.split(/[,،\n]/).map((p) => p.trim()).filter(Boolean)) {
    const d = byName(part);
    if (d) {
      add(d);
      continue;
    }
    for (const word of part.split(/\s+/)) {
      const w = byName(word);
      if (w) add(w);
      else unknown.push(word);
    }
  }
  return { found, unknown };
}

/** What a channel knows of the briefings: the one people subscribe to by default, and every briefing. */
export interface ChannelBriefings {
  briefing: BriefingDefinition;
  briefings?: readonly BriefingDefinition[];
}

/** Every briefing of the app, the default first. */
export function briefingsOf(deps: ChannelBriefings): readonly BriefingDefinition[] {
  return [deps.briefing, ...(deps.briefings ?? []).filter((b) => b.id !== deps.briefing.id)];
}

/** The definition of a briefing id, if it is still configured. */
export function definitionOf(deps: ChannelBriefings, id: string): BriefingDefinition | undefined {
  return briefingsOf(deps).find((b) => b.id === id);
}
