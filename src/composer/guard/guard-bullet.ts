/** Every check of one AI bullet or headline, in one call. */
import { checkOutput, type OutputCheckOptions } from './output-checks.js';
import { DEFAULT_GUARD_OPTIONS, guardText, toGuardResult, type GuardOptions, type GuardResult } from './guard-text.js';
import type { StoryIndex } from './story-index.js';
import type { WordLexicon } from './word-lexicon.js';

/**
 * Every check of one AI bullet or headline: against the sources ({@link guardText}) and of the
 * output itself ({@link checkOutput}: language, length, links against the story's links).
 */
export function guardBullet(
  text: string,
  index: StoryIndex,
  lexicon: WordLexicon,
  options: Readonly<GuardOptions> = DEFAULT_GUARD_OPTIONS,
  output: Partial<Omit<OutputCheckOptions, 'sourceLinks'>> = {},
): GuardResult {
  const a = guardText(text, index, lexicon, options);
  const b = checkOutput(text, { ...output, sourceLinks: index.links });
  return toGuardResult([...a.findings, ...b.findings]);
}
