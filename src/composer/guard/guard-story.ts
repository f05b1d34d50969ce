/**
 * The guard applied to a whole written story: the story's index is built once from its outlets'
 * articles (the non-Arabic ones as originals of a translation), then the headline and every
 * bullet are checked, including that each bullet names at least one of the story's articles.
 */
import type { StoryToWrite, WrittenStory } from '../../core/ports.js';
import { DEFAULT_GUARD_OPTIONS, toGuardResult, type GuardOptions, type GuardResult } from './guard-text.js';
import { guardBullet } from './guard-bullet.js';
import { buildStoryIndex, type StoryIndex } from './story-index.js';
import type { WordLexicon } from './word-lexicon.js';

/** The verdicts on one written story. */
export interface StoryVerdict {
  headline: GuardResult;
  bullets: GuardResult[];
  index: StoryIndex;
}

/** Options for {@link guardStory}. */
export interface GuardStoryOptions {
  guard: GuardOptions;
  /** Words a bullet may have (default 30). */
  maxBulletWords: number;
  /** Words a headline may have (default 20). */
  maxHeadlineWords: number;
}

/** The limits of the product. */
export const DEFAULT_GUARD_STORY_OPTIONS: Readonly<GuardStoryOptions> = { guard: DEFAULT_GUARD_OPTIONS, maxBulletWords: 30, maxHeadlineWords: 20 };

/** The index of a story's articles: Arabic articles as sources, the others as originals of a translation. */
export function indexStory(story: StoryToWrite, lexicon: WordLexicon): StoryIndex {
  return buildStoryIndex(
    story.articles.map((a) => ({ ...(a.title ? { title: a.title } : {}), text: a.text, ...(a.url ? { url: a.url } : {}), foreign: a.language !== 'ar' })),
    lexicon,
  );
}

/**
 * Checks a written story against its articles.
 *
 * @example
 * const v = guardStory(story, written, lexicon);
 * v.bullets.map((b) => b.pass) // → [true, false, true]: the second bullet falls back
 */
export function guardStory(story: StoryToWrite, written: WrittenStory, lexicon: WordLexicon, options: Readonly<GuardStoryOptions> = DEFAULT_GUARD_STORY_OPTIONS): StoryVerdict {
  const index = indexStory(story, lexicon);
  const headline = guardBullet(written.headline, index, lexicon, options.guard, { maxWords: options.maxHeadlineWords });
  const bullets = written.bullets.map((b) => {
    const r = guardBullet(b.text, index, lexicon, options.guard, { maxWords: options.maxBulletWords });
    // A bullet that names no article of the story is unparseable as asked.
    return b.sources.length === 0 ? toGuardResult([...r.findings, { reason: 'parse', detail: 'names no source' }]) : r;
  });
  return { headline, bullets, index };
}
