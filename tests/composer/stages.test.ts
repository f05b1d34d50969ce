/** The composer's stages one by one: what each needs from the stages before it, and what it adds. */
import { describe, expect, it } from 'vitest';
import { startDraft } from '../../src/composer/compose-digest.js';
import type { Draft, ScoredDraft } from '../../src/composer/draft.js';
import { compressBullets } from '../../src/composer/stages/compress-bullets.js';
import { makeHeadline } from '../../src/composer/stages/make-headline.js';
import { scoreSentences } from '../../src/composer/stages/score-sentences.js';
import { selectSentences } from '../../src/composer/stages/select-sentences.js';
import { splitSentences } from '../../src/composer/stages/split-sentences.js';
import { sampleArticle } from '../helpers.js';

describe('composer stages', () => {
  it('scoring records the article\'s stem counts: the sum of its sentences\' counts', () => {
    const scored = scoreSentences(splitSentences(startDraft(sampleArticle())));
    const expected = new Map<string, number>();
    for (const s of scored.sentences) for (const [stem, c] of s.vector) expected.set(stem, (expected.get(stem) ?? 0) + c);
    expect(scored.stemCounts.size).toBeGreaterThan(50);
    expect(new Map(scored.stemCounts)).toEqual(expected);
  });

  it('compression takes only a scored draft (checked by the compiler), and selection keeps it scored', () => {
    // Never called: typecheck fails if compressBullets starts accepting a draft without stem counts.
    const unscored = (d: Draft): Draft =>
      // @ts-expect-error compression reads the scoring stage's stem counts
      compressBullets(selectSentences(d));
    expect(typeof unscored).toBe('function');
    const selected: ScoredDraft = selectSentences(scoreSentences(splitSentences(startDraft(sampleArticle()))));
    const compressed = compressBullets(selected);
    expect(compressed.bullets.length).toBe(selected.selected.length);
    expect(compressed.stemCounts).toBe(selected.stemCounts);
  });

  it('the headline stage takes the title, else the lead bullet\'s sentence shortened to 14 words', () => {
    const article = sampleArticle();
    const withTitle = makeHeadline(compressBullets(selectSentences(scoreSentences(splitSentences(startDraft(article))))));
    expect(withTitle.headline).toBe(withTitle.title);
    const { title: _title, ...untitled } = article;
    const without = makeHeadline(compressBullets(selectSentences(scoreSentences(splitSentences(startDraft(untitled))))));
    expect(without.headline.length).toBeGreaterThan(0);
    expect(without.headline.split(/\s+/).length).toBeLessThanOrEqual(14);
    expect(without.bullets[0]!.sourceSentence.replace(/[^\u0621-\u064A ]/g, '')).toContain(without.headline.split(/\s+/)[0]!.replace(/[^\u0621-\u064A]/g, ''));
    expect(makeHeadline(startDraft(untitled)).headline).toBe('');
  });
});
