/**
 * The guard's share of `npm run bench`: on each corpus article taken as a one-source story, build
 * the story's index and check the composer's headline and bullets as if a model had written them.
 * The time per checked text (its share of the index included) is compared with the composer's
 * time per article, measured in the same process. The composer's bullets are verbatim, a model's
 * paraphrase: the same pass is also timed on paraphrase-like texts (words re-inflected and words of
 * another article brought in), which take the guard's slower paths (analyses no source word is
 * written as, unsupported words, name features).
 */
import { buildStoryIndex, clearGuardCaches, guardBullet, type WordLexicon } from '../composer/guard/index.js';
import type { GuardRow } from '../eval/index.js';
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

/**
 * Rows of guard-dev (journalists' standfirsts of real articles, and corrupted copies) by article:
 * the closest stand-in there is for a model's text, which also says what sources do not.
 */
export function groupGuardRows(rows: readonly GuardRow[]): GuardRow[][] {
  const groups = new Map<string, GuardRow[]>();
  for (const r of rows) {
    const key = `${r.id}\u0000${r.text.length}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()];
}

/**
 * One pass over guard-dev: one index per article, each of its rows checked as a bullet would be (no
 * word limit: a standfirst is longer). Cold by default; with `cold` false, the word caches stay as
 * the pass before left them, as in a bot that has run for a while.
 */
export function timeGuardRows(groups: readonly (readonly GuardRow[])[], lexicon: WordLexicon, cold = true): GuardTiming {
  if (cold) clearGuardCaches();
  let texts = 0;
  let rejected = 0;
  const started = performance.now();
  for (const g of groups) {
    const first = g[0]!;
    const index = buildStoryIndex([{ ...(first.title ? { title: first.title } : {}), text: first.text }], lexicon);
    for (const r of g) {
      texts++;
      if (!guardBullet(r.summary, index, lexicon, undefined, { maxWords: Number.POSITIVE_INFINITY }).pass) rejected++;
    }
  }
  return { totalMs: performance.now() - started, texts, rejected };
}

/** One timed pass of index building alone. */
export interface IndexTiming {
  totalMs: number;
  articles: number;
}

// A look-up of a word no source has, which makes the index's table for searching its words.
const UNSEEN_KEY = 'ظظظظ';

/**
 * One pass building each article's index alone, every part made that a paraphrase's check makes
 * (tokens and types, token streams, the story's subject, the table for searching its words), with
 * cold word caches: the share of the guard's time no text's words account for.
 */
export function timeGuardIndexes(groups: readonly (readonly GuardRow[])[], lexicon: WordLexicon): IndexTiming {
  clearGuardCaches();
  const started = performance.now();
  for (const g of groups) {
    const first = g[0]!;
    const index = buildStoryIndex([{ ...(first.title ? { title: first.title } : {}), text: first.text }], lexicon);
    void index.tokenStreams;
    void index.topic;
    index.hasKey(UNSEEN_KEY);
  }
  return { totalMs: performance.now() - started, articles: groups.length };
}

const ARABIC_WORD = /^[\u0621-\u064A]+$/;

/**
 * A paraphrase-like stand-in for a model's text: of every five Arabic words, the third is
 * re-inflected (its article «ال» taken off, or the conjunction «و» put before it) and the fifth
 * replaced by an Arabic word of another text (`other`, taken in turn). Deterministic.
 *
 * @example
 * paraphraseLike('أعلنت الحكومة المغربية خطة جديدة للنقل', 'الرباط تستضيف المؤتمر') // → 'أعلنت الحكومة مغربية خطة الرباط للنقل'
 */
export function paraphraseLike(text: string, other: string): string {
  const pool = other.split(/\s+/).filter((w) => ARABIC_WORD.test(w) && w.length >= 3);
  let k = 0;
  let taken = 0;
  return text
    .split(' ')
    .map((w) => {
      if (!ARABIC_WORD.test(w)) return w;
      const n = k++ % 5;
      if (n === 2) return w.startsWith('ال') && w.length > 4 ? w.slice(2) : `و${w}`;
      if (n === 4 && pool.length > 0) return pool[taken++ % pool.length]!;
      return w;
    })
    .join(' ');
}

/**
 * The composer's digests made paraphrase-like ({@link paraphraseLike}), each with words of the next
 * article's digest; with `alien` false, only re-inflected (a faithful paraphrase: every word is a
 * source's under some analysis).
 */
export function paraphraseDigests(digests: readonly Digest[], alien = true): Digest[] {
  return digests.map((d, i) => {
    const next = digests[(i + 1) % digests.length]!;
    const other = alien ? [next.headline, ...next.bullets.map((b) => b.text)].join(' ') : '';
    return { ...d, headline: paraphraseLike(d.headline, other), bullets: d.bullets.map((b) => ({ ...b, text: paraphraseLike(b.text, other) })) };
  });
}

/** The line the bench prints: time per checked text against the composer's time per article. */
export function guardRatioLine(guard: GuardTiming, composer: Timing, articles: number, label = 'guard'): string {
  const perText = guard.totalMs / Math.max(1, guard.texts);
  const perArticle = composer.totalMs / Math.max(1, articles);
  return `${label}: ${perText.toFixed(3)} ms per checked text (index share included; ${guard.texts} texts, ${guard.rejected} rejected) = ${(perText / perArticle).toFixed(2)}× the composer's ${perArticle.toFixed(3)} ms per article (target ≤ 0.2×)`;
}
