/** Composes the digest of one article through the fixed list of pure stages. */
import { stripBidiControls } from '../arabic/index.js';
import type { Article, ExtractiveDigest } from '../core/types.js';
import { DEFAULT_COMPOSE_OPTIONS, type ComposeOptions, type Draft, type ScoredDraft } from './draft.js';
import { cleanTitle } from './stages/clean-text.js';
import { compressBullets } from './stages/compress-bullets.js';
import { extractKeyFigures } from './stages/extract-key-figures.js';
import { guardInput, isComposable } from './stages/guard-input.js';
import { makeHeadline } from './stages/make-headline.js';
import { scoreSentences } from './stages/score-sentences.js';
import { selectSentences } from './stages/select-sentences.js';
import { splitSentences } from './stages/split-sentences.js';
import { importanceFactor } from './stages/thin-item.js';
import { contentStems } from './text-features.js';
import { classifyTopic } from './topics/classify-topic.js';

/**
 * The stages after the input guard, in order: split → score → select → compress → key figures →
 * headline. Written as calls rather than a list so that the types check what each stage needs
 * from the ones before it (compression reads the scoring stage's stem counts).
 */
export function runDigestStages(draft: Draft): ScoredDraft {
  const scored = scoreSentences(splitSentences(draft));
  return makeHeadline(extractKeyFigures(compressBullets(selectSentences(scored))));
}

/** The article's text for the topic classifier: its paragraphs in order (the classifier reads only the start). */
function articleText(article: Article): string {
  const parts: string[] = [];
  let chars = 0;
  for (const s of article.sections) {
    for (const p of s.paragraphs) {
      parts.push(p);
      chars += p.length;
      // The classifier reads a few hundred words; joining the rest of a long article is wasted work.
      if (chars > 8_000) return parts.join('\n');
    }
  }
  return parts.join('\n');
}

/** The draft before any stage: the options with their defaults, the title cleaned and stemmed. */
export function startDraft(article: Article, options: Partial<ComposeOptions> = {}): Draft {
  const title = cleanTitle(stripBidiControls(article.title ?? '').replace(/\s+/g, ' ').trim());
  return {
    article,
    options: { ...DEFAULT_COMPOSE_OPTIONS, ...options },
    title,
    titleStems: contentStems(title),
    sentences: [],
    selected: [],
    wordLimits: [],
    bullets: [],
    keyFigures: [],
    figureValues: [],
    headline: '',
    warnings: [],
  };
}

/**
 * Composes an article's digest: a headline, up to `maxBullets` bullets of at most
 * `maxBulletWords` words, each traceable to its source sentence, and the key figures.
 * Never throws on odd text: empty, binary or non-Arabic input gives an empty digest with a warning.
 *
 * @example
 * const digest = composeDigest({ id: 'a1', title: 'المغرب يدعو إلى تعاون استخباراتي', source: { name: 'العرب' },
 *   sections: [{ paragraphs: ['الرباط - دعا المغرب إلى تعاون أمني عادل. وقال مسؤول إن التعاون مع إسبانيا بلغ 37 في المئة.'] }] });
 * digest.bullets[0].text // → 'دعا المغرب إلى تعاون أمني عادل.'
 */
export function composeDigest(article: Article, options: Partial<ComposeOptions> = {}): ExtractiveDigest {
  let draft = guardInput(startDraft(article, options));
  const { title } = draft;
  // Input the guard stops has no sentences; its headline is still the title, when it has one.
  draft = isComposable(draft) ? runDigestStages(draft) : makeHeadline(draft);
  const top = draft.selected.map((i) => draft.sentences[i]!.score);
  // A video or photo teaser of a line or two ranks below the stories told in words.
  const importance = top.length === 0 ? 0 : Math.max(...top) * importanceFactor(draft);
  return {
    headline: draft.headline,
    bullets: draft.bullets,
    keyFigures: draft.keyFigures,
    figureValues: draft.figureValues,
    source: article.source,
    articleId: article.id,
    ...(article.published !== undefined ? { published: article.published } : {}),
    topics: article.topics ?? [],
    ...(article.categories !== undefined && article.categories.length > 0 ? { categories: article.categories } : {}),
    ...(isComposable(draft) ? { classification: classifyTopic({ title, text: articleText(article) }) } : {}),
    importance,
    warnings: draft.warnings,
  };
}
