/**
 * Step 2 of a briefing, write (LLM mode): the top stories go to a story writer (a model behind an
 * OpenAI-compatible endpoint, reached through the `StoryWriter` port), one call per story with the
 * texts of all its outlets, and whatever comes back passes the guard before a reader sees it. A
 * bullet the guard rejects is replaced by the story's next extractive bullet not already shown, or
 * dropped when none is left; a rejected headline by the extractive headline. Stories the model
 * does not write (over the cap, endpoint down or slow, answer unusable) stay extractive. English
 * and French articles, which the extractive composer cannot read, are digested into Arabic here,
 * their original link kept as the story's source.
 */
import { isArabicText } from '../arabic/index.js';
import { textHash128 } from '../core/content-hash.js';
import type { StoryArticle, StoryToWrite, WrittenStory } from '../core/ports.js';
import type { AiBullet, Article, Bullet, DigestBullet, SourceRef } from '../core/types.js';
import type { ClusteredStories, Story } from './compose-briefing.js';
import { DEFAULT_GUARD_STORY_OPTIONS, guardStory, type GuardReason, type GuardResult, type GuardStoryOptions, type WordLexicon } from './guard/index.js';

/** One AI text the guard turned down, for the log, /metrics and the operator's dashboard. */
export interface GuardRejection {
  /** The story's content hash. */
  storyId: string;
  /** The lead article of the story. */
  articleId: string;
  target: 'headline' | 'bullet';
  reasons: GuardReason[];
  /** What triggered it: the figures, words or quotations not found in the sources. */
  detail: string;
  /** The rejected text (for logs; never shown to readers). */
  text: string;
  /** What the reader sees instead. */
  replacement: 'extractive' | 'dropped';
}

const EN_WORDS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'was', 'for', 'on', 'that', 'with', 'said', 'by', 'at', 'from', 'has', 'have', 'are', 'it', 'its']);
const FR_WORDS = new Set(['le', 'la', 'les', 'des', 'du', 'de', 'et', 'est', 'une', 'un', 'dans', 'pour', 'sur', 'que', 'qui', 'au', 'aux', 'par', 'a', 'été', 'selon']);

/** The text of an article as a writer reads it: its paragraphs, in order. */
function articleText(article: Article): string {
  return article.sections.flatMap((s) => s.paragraphs).join('\n');
}

/**
 * The language of an article for a writer: "ar" for Arabic, "en" or "fr" by their commonest
 * words, undefined for anything else (left out: only English and French are translated).
 */
export function articleLanguage(article: Pick<Article, 'title' | 'sections'>): 'ar' | 'en' | 'fr' | undefined {
  const text = `${article.title ?? ''}\n${articleText(article as Article)}`.slice(0, 8000);
  if (isArabicText(text)) return 'ar';
  let en = 0;
  let fr = 0;
  for (const w of text.toLowerCase().split(/[^a-zà-öø-ÿ'’]+/u)) {
    const word = w.replace(/^[ldjmnstc]['’]/u, '');
    if (EN_WORDS.has(word)) en++;
    if (FR_WORDS.has(word)) fr++;
  }
  if (en + fr < 3) return undefined;
  return fr > en ? 'fr' : 'en';
}

/** The articles of a story as a writer reads them (members whose article is at hand, in a language it takes). */
function storyArticles(story: Story, articleOf: (articleId: string) => Article | undefined): { articles: StoryArticle[]; refs: SourceRef[] } {
  const articles: StoryArticle[] = [];
  const refs: SourceRef[] = [];
  for (const d of story.members) {
    const a = articleOf(d.articleId);
    if (!a) continue;
    const language = articleLanguage(a);
    if (!language) continue;
    const text = articleText(a);
    if (text.trim().length === 0) continue;
    articles.push({ outlet: a.source.name, ...(a.title ? { title: a.title } : {}), text, ...(a.source.url ? { url: a.source.url } : {}), language });
    refs.push(a.source);
  }
  return { articles, refs };
}

/** The request for a story: its articles, and an id that is the hash of what the writer sees (the cache's key). */
function storyToWrite(story: Story, articleOf: (articleId: string) => Article | undefined): { request: StoryToWrite; refs: SourceRef[] } | undefined {
  const { articles, refs } = storyArticles(story, articleOf);
  if (articles.length === 0) return undefined;
  return { request: { id: textHash128(JSON.stringify(articles)), articles }, refs };
}

function findingsText(r: GuardResult): string {
  return r.findings.map((f) => `${f.reason}: ${f.detail}`).join('; ');
}

/** What {@link applyWrittenStory} made of a written story. */
export interface AppliedStory {
  story: Story;
  rejections: GuardRejection[];
  /** AI bullets and headline kept. */
  aiBullets: number;
  aiHeadline: boolean;
}

/**
 * Puts a written story through the guard and into the story: the headline and each bullet kept
 * when they pass (each AI bullet with the outlets it names as sources), replaced by the
 * extractive ones when they fail. A translated story (no extractive digest) is left without
 * bullets, and so out of the briefing, when its headline or every bullet fails.
 */
function applyWrittenStory(
  story: Story,
  request: StoryToWrite,
  refs: readonly SourceRef[],
  written: WrittenStory,
  lexicon: WordLexicon,
  options: Readonly<GuardStoryOptions> = DEFAULT_GUARD_STORY_OPTIONS,
): AppliedStory {
  const verdict = guardStory(request, written, lexicon, options);
  const lead = story.lead;
  const rejections: GuardRejection[] = [];
  const reject = (target: GuardRejection['target'], r: GuardResult, text: string, replacement: GuardRejection['replacement']): void => {
    rejections.push({ storyId: request.id, articleId: lead.articleId, target, reasons: r.reasons, detail: findingsText(r), text, replacement });
  };
  // The extractive bullets, in the composer's order, to stand in for rejected AI bullets.
  const pool = lead.bullets.filter((b): b is Bullet => b.mode !== 'ai');
  const used = new Set<number>();
  const bullets: DigestBullet[] = [];
  let aiBullets = 0;
  written.bullets.forEach((b, i) => {
    const r = verdict.bullets[i]!;
    if (r.pass) {
      const sources = [...new Set(b.sources)].map((n) => refs[n - 1]).filter((s): s is SourceRef => s !== undefined);
      const ai: AiBullet = { text: b.text, mode: 'ai', sources };
      bullets.push(ai);
      aiBullets++;
      return;
    }
    const next = pool.findIndex((_, k) => !used.has(k));
    if (next >= 0) {
      used.add(next);
      bullets.push(pool[next]!);
    }
    reject('bullet', r, b.text, next >= 0 ? 'extractive' : 'dropped');
  });
  const aiHeadline = verdict.headline.pass;
  if (!aiHeadline) reject('headline', verdict.headline, written.headline, story.foreign ? 'dropped' : 'extractive');
  if (story.foreign && (!aiHeadline || aiBullets === 0)) {
    return { story: { ...story, lead: { ...lead, bullets: [] } }, rejections, aiBullets: 0, aiHeadline: false };
  }
  // A model that wrote no bullet at all leaves the extractive ones.
  const finalBullets = bullets.length > 0 ? bullets : lead.bullets;
  const digest = { ...lead, bullets: finalBullets, ...(aiHeadline ? { headline: written.headline, headlineMode: 'ai' as const } : {}) };
  return { story: { ...story, lead: digest }, rejections, aiBullets, aiHeadline };
}

/** What {@link writeStories} needs. */
export interface WriteStoriesDeps {
  /**
   * Writes one story, or undefined for "keep it extractive" (the endpoint is down or slow, the
   * answer unusable, the edition's deadline passed). The service puts the digest cache and the
   * deadline around the model here.
   */
  write(request: StoryToWrite): Promise<WrittenStory | undefined>;
  /** The article of a digest (its full text, for the writer and the guard). */
  articleOf(articleId: string): Article | undefined;
  lexicon: WordLexicon;
  /** Stories sent to the writer at most, the most important first. */
  maxStories: number;
  guard?: Readonly<GuardStoryOptions>;
  /**
   * The briefing's place for stories: when given, a story is sent only when the briefing would
   * show it. `maxItems` stories go first (a briefing never shows more, so the rest would be calls
   * paid for stories no one reads); then, as long as `shown` (the lead article ids of the stories
   * the briefing would show, e.g. from rankStories) names stories not sent yet — a translation
   * left out, an item over the character budget making room for a shorter one — those are sent
   * too, up to `maxStories` in all.
   */
  briefing?: { maxItems: number; shown(clustered: ClusteredStories): ReadonlySet<string> };
}

/** What {@link writeStories} did. */
export interface WriteStoriesResult {
  clustered: ClusteredStories;
  rejections: GuardRejection[];
  /** Stories sent to the writer. */
  asked: number;
  /** Stories the writer wrote (whatever the guard then kept). */
  written: number;
  /** Stories the writer left extractive (undefined answers). */
  fellBack: number;
}

/**
 * Writes the top `maxStories` stories through `deps.write` (all requests at once: the writer
 * limits its own concurrency), guards what comes back, and returns the stories with their AI
 * headlines and bullets where the guard let them through. Stories are never lost to the model: a
 * story it does not write keeps its extractive digest (a translation, having none, is left out).
 */
export async function writeStories(clustered: ClusteredStories, deps: WriteStoriesDeps): Promise<WriteStoriesResult> {
  const stories = [...clustered.stories];
  const cap = Math.max(0, deps.maxStories);
  const rejections: GuardRejection[] = [];
  const tried = new Set<number>();
  let asked = 0;
  let written = 0;
  let fellBack = 0;
  const send = (indexes: readonly number[]): Promise<unknown> =>
    Promise.all(
      indexes.map(async (i) => {
        tried.add(i);
        const story = stories[i]!;
        const req = storyToWrite(story, deps.articleOf);
        if (!req) return;
        asked++;
        const answer = await deps.write(req.request);
        if (!answer) {
          fellBack++;
          return;
        }
        written++;
        const applied = applyWrittenStory(story, req.request, req.refs, answer, deps.lexicon, deps.guard);
        stories[i] = applied.story;
        rejections.push(...applied.rejections);
      }),
    );
  const b = deps.briefing;
  await send(stories.slice(0, b ? Math.min(cap, b.maxItems) : cap).map((_, i) => i));
  // Stories the briefing would show now that were not sent (a place freed by a story left out).
  while (b && tried.size < cap) {
    const shown = b.shown({ stories, warnings: clustered.warnings });
    const next = stories.flatMap((s, i) => (!tried.has(i) && shown.has(s.lead.articleId) ? [i] : [])).slice(0, cap - tried.size);
    if (next.length === 0) break;
    await send(next);
  }
  // The order of rejections follows the stories', whatever order the answers came in.
  const order = new Map(clustered.stories.map((s, i) => [s.lead.articleId, i]));
  rejections.sort((a, b) => (order.get(a.articleId) ?? 0) - (order.get(b.articleId) ?? 0));
  return { clustered: { stories, warnings: clustered.warnings }, rejections, asked, written, fellBack };
}
