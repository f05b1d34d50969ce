/**
 * Checks of a model's output that need no source text: it must have the shape asked for, be
 * Arabic, stay within the word limit, and carry no link that is not a source's. Each failure is
 * a {@link GuardReason} (`parse`, `language`, `length`, `link`).
 */
import { countWords, isArabicText } from '../../arabic/index.js';
import type { WrittenStory } from '../../core/ports.js';
import { toGuardResult, type GuardFinding, type GuardResult } from './guard-text.js';
import { findLinks, normalizeLink } from './story-index.js';

export type { WrittenStory };

/** Options for {@link checkOutput}. */
export interface OutputCheckOptions {
  /** Words allowed (default 30). */
  maxWords: number;
  /** Links the sources carry, normalized by {@link normalizeLink}; any other link fails. */
  sourceLinks: ReadonlySet<string>;
  /** Share of letters that must be Arabic (default 0.6): Latin names are fine, an English sentence is not. */
  minArabicShare: number;
}

/** The limits of a bullet. */
export const DEFAULT_OUTPUT_CHECK_OPTIONS: Readonly<OutputCheckOptions> = { maxWords: 30, sourceLinks: new Set(), minArabicShare: 0.6 };

/**
 * Checks one bullet or headline: language, length and links.
 *
 * @example
 * checkOutput('Oil prices rose sharply on Monday', DEFAULT_OUTPUT_CHECK_OPTIONS).reasons // → ['language']
 */
export function checkOutput(text: string, options: Partial<OutputCheckOptions> = {}): GuardResult {
  const o = { ...DEFAULT_OUTPUT_CHECK_OPTIONS, ...options };
  const findings: GuardFinding[] = [];
  // Links are judged apart: their Latin letters do not make an Arabic bullet English.
  const links = findLinks(text);
  const prose = links.reduce((t, l) => t.replace(l, ' '), text);
  if (!isArabicText(prose, o.minArabicShare, 8)) findings.push({ reason: 'language', detail: text.slice(0, 40) });
  const words = countWords(text);
  if (words > o.maxWords) findings.push({ reason: 'length', detail: `${words} words` });
  for (const link of links) if (!o.sourceLinks.has(normalizeLink(link))) findings.push({ reason: 'link', detail: link });
  return toGuardResult(findings);
}

/**
 * Reads a parsed JSON value as a {@link WrittenStory}: a non-empty headline string and an array
 * of bullets, each a non-empty `text` with `sources` (numbers from 1 to `sourceCount`). Anything
 * else is `parse`. Extra fields are ignored; a bullet given as a bare string gets no sources.
 */
export function checkStoryShape(value: unknown, sourceCount: number): { story: WrittenStory } | { reason: 'parse'; detail: string } {
  if (typeof value !== 'object' || value === null) return { reason: 'parse', detail: 'not an object' };
  const v = value as Record<string, unknown>;
  if (typeof v.headline !== 'string' || v.headline.trim().length === 0) return { reason: 'parse', detail: 'no headline' };
  if (!Array.isArray(v.bullets)) return { reason: 'parse', detail: 'no bullets array' };
  const bullets: WrittenStory['bullets'] = [];
  for (const b of v.bullets as unknown[]) {
    const item = typeof b === 'string' ? { text: b, sources: [] } : (b as Record<string, unknown> | null);
    if (!item || typeof item.text !== 'string' || item.text.trim().length === 0) return { reason: 'parse', detail: 'a bullet without text' };
    const raw = Array.isArray(item.sources) ? item.sources : [];
    const sources = [...new Set(raw.map((s) => Number(s)).filter((s) => Number.isInteger(s) && s >= 1 && s <= sourceCount))];
    bullets.push({ text: item.text.trim(), sources });
  }
  return { story: { headline: v.headline.trim(), bullets } };
}
