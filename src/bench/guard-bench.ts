/**
 * The guard's share of `npm run bench`: on each corpus article taken as a one-source story, build
 * the story's index and check the composer's headline and bullets as if a model had written them.
 * The time per checked text (its share of the index included) is compared with the composer's
 * time per article, measured in the same process.
 */
import { buildStoryIndex, clearGuardCaches, guardBullet, type WordLexicon } from '../composer/guard/index.js';
import type { Article, Digest } from '../core/types.js';
import type { Timing } from './measure.js';

/** One timed pass of the guard. */
export interface GuardTiming {
  totalMs: number;
  /** Texts checked (headlines and bullets). */
  texts: number;
  /** Texts that failed a check (the composer's extractive text should nearly always pass). */
  rejected: number;
}

/** One pass: index and check every article's digest texts, starting with cold word caches. */
export function timeGuardPass(articles: readonly Article[], digests: readonly Digest[], lexicon: WordLexicon): GuardTiming {
  clearGuardCaches();
  let texts = 0;
  let rejected = 0;
  const started = performance.now();
  for (let i = 0; i < articles.length; i++) {
    const a = articles[i]!;
    const d = digests[i]!;
    const index = buildStoryIndex([{ ...(a.title ? { title: a.title } : {}), text: a.sections.flatMap((s) => [s.heading ?? '', ...s.paragraphs]).join('\n'), ...(a.source.url ? { url: a.source.url } : {}) }], lexicon);
    for (const t of [d.headline, ...d.bullets.map((b) => b.text)]) {
      if (t.length === 0) continue;
      texts++;
      if (!guardBullet(t, index, lexicon).pass) rejected++;
    }
  }
  return { totalMs: performance.now() - started, texts, rejected };
}

/** The line the bench prints: time per checked text against the composer's time per article. */
export function guardRatioLine(guard: GuardTiming, composer: Timing, articles: number): string {
  const perText = guard.totalMs / Math.max(1, guard.texts);
  const perArticle = composer.totalMs / Math.max(1, articles);
  return `guard: ${perText.toFixed(3)} ms per checked text (index share included; ${guard.texts} texts, ${guard.rejected} rejected) = ${(perText / perArticle).toFixed(2)}× the composer's ${perArticle.toFixed(3)} ms per article (target ≤ 0.2×)`;
}
