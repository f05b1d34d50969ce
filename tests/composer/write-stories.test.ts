/** The write step of a briefing (pure, with a scripted writer): cluster → write behind the guard → rank. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { articleLanguage, clusterDigests, composeBriefing, composeDigest, rankStories, writeStories } from '../../src/composer/index.js';
import type { StoryToWrite, WrittenStory } from '../../src/core/ports.js';
import type { Article } from '../../src/core/types.js';
import { loadWordLexicon, WORD_FREQ_PATH } from '../../src/eval/index.js';
import { ARABIC_STORY, ENGLISH_STORY, GOOD_BULLETS, GOOD_HEADLINE } from '../llm/story-fixtures.js';

const lexicon = loadWordLexicon(fileURLToPath(WORD_FREQ_PATH));
const opts = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics: [] };
const RATE: Article = { id: 'rate', title: ARABIC_STORY.articles[0]!.title!, source: { name: 'الرباط اليوم', url: 'https://rabat-today.example/r' }, sections: [{ paragraphs: ARABIC_STORY.articles[0]!.text.split('\n') }] };
const ENGLISH: Article = { id: 'en', title: ENGLISH_STORY.articles[0]!.title!, source: { name: 'Maghreb Wire', url: 'https://maghreb-wire.example/rate' }, sections: [{ paragraphs: [ENGLISH_STORY.articles[0]!.text] }] };
const FRENCH: Article = { id: 'fr', title: 'La banque centrale relève son taux', source: { name: 'Le Matin' }, sections: [{ paragraphs: ["La banque centrale du Maroc a relevé mardi son taux directeur de 50 points de base à 3 %, selon un communiqué publié dans la soirée par les autorités."] }] };

async function write(articles: Article[], answer: (req: StoryToWrite) => WrittenStory | undefined) {
  const digests = articles.map((a) => composeDigest(a));
  const requests: StoryToWrite[] = [];
  const result = await writeStories(clusterDigests(digests, { keepForeign: true }), {
    write: async (req) => {
      requests.push(req);
      return answer(req);
    },
    articleOf: (id) => articles.find((a) => a.id === id),
    lexicon,
    maxStories: 12,
  });
  return { result, requests, briefing: rankStories(result.clustered, opts) };
}

describe('articleLanguage', () => {
  it('tells Arabic, English and French apart, and leaves other text out', () => {
    expect([RATE, ENGLISH, FRENCH].map((a) => articleLanguage(a))).toEqual(['ar', 'en', 'fr']);
    expect(articleLanguage({ title: 'Merkez bankası faizi yüzde 3e yükseltti', sections: [{ paragraphs: ['Faas merkez bankası salı günü faizi yükseltti.'] }] })).toBeUndefined();
  });
});

describe('writeStories', () => {
  it('gives the story id as the hash of what the writer sees: the same texts, the same id', async () => {
    const a = await write([RATE], () => undefined);
    const b = await write([RATE], () => undefined);
    expect(a.requests[0]!.id).toMatch(/^[0-9a-f]{32}$/);
    expect(b.requests[0]!.id).toBe(a.requests[0]!.id);
    const changed = await write([{ ...RATE, sections: [{ paragraphs: [...RATE.sections[0]!.paragraphs, 'وأضاف البنك أن القرار نهائي.'] }] }], () => undefined);
    expect(changed.requests[0]!.id).not.toBe(a.requests[0]!.id);
  });

  it('keeps the extractive digest of a story the writer does not write (and composeBriefing is cluster → rank)', async () => {
    const { briefing, result } = await write([RATE], () => undefined);
    expect(result.fellBack).toBe(1);
    expect(briefing).toEqual(composeBriefing([composeDigest(RATE)], opts));
  });

  it('replaces each rejected bullet with the next extractive bullet not already shown, and drops it when none is left', async () => {
    const extractive = composeDigest(RATE).bullets;
    const bad = (n: number) => ({ text: `رفع بنك المغرب سعر الفائدة إلى ${n + 10} في المئة`, sources: [1] });
    // More rejected AI bullets than the story has extractive ones.
    const bullets = [bad(0), bad(1), bad(2), bad(3)].slice(0, extractive.length + 1);
    const { result } = await write([RATE], () => ({ headline: GOOD_HEADLINE, bullets }));
    const shown = result.clustered.stories[0]!.lead.bullets;
    expect(shown.map((b) => b.text)).toEqual(extractive.map((b) => b.text));
    expect(result.rejections.map((r) => r.replacement)).toEqual([...extractive.map(() => 'extractive'), 'dropped']);
    expect(result.rejections.every((r) => r.reasons.includes('number'))).toBe(true);
  });

  it('keeps AI bullets that pass beside the extractive stand-ins, in the order written', async () => {
    const { result } = await write([RATE], () => ({ headline: GOOD_HEADLINE, bullets: [GOOD_BULLETS[0]!, { text: 'رفع البنك سعر الفائدة إلى 9 في المئة', sources: [1] }, GOOD_BULLETS[2]!].map((b) => ({ ...b, sources: [1] })) }));
    const shown = result.clustered.stories[0]!.lead.bullets;
    expect(shown.map((b) => b.mode ?? 'extractive')).toEqual(['ai', 'extractive', 'ai']);
    expect(shown[0]).toEqual({ text: GOOD_BULLETS[0]!.text, mode: 'ai', sources: [RATE.source] });
  });

  it('translates English and French stories, and leaves one out when its answer fails', async () => {
    const { briefing, requests } = await write([RATE, ENGLISH, FRENCH], (req) =>
      req.articles[0]!.language === 'en'
        ? { headline: 'بنك المغرب يرفع سعر الفائدة إلى 3 في المئة', bullets: [{ text: 'رفع بنك المغرب سعر الفائدة الرئيسي بمقدار 50 نقطة أساس إلى 3 في المئة', sources: [1] }] }
        : req.articles[0]!.language === 'fr'
          ? { headline: 'بنك المغرب يرفع سعر الفائدة إلى 4 في المئة', bullets: [{ text: 'رفع بنك المغرب سعر الفائدة إلى 4 في المئة', sources: [1] }] }
          : undefined,
    );
    expect(requests.map((r) => r.articles[0]!.language).sort()).toEqual(['ar', 'en', 'fr']);
    const items = briefing.groups.flatMap((g) => g.items);
    expect(items.map((i) => i.sources[0]!.name).sort()).toEqual(['Maghreb Wire', 'الرباط اليوم']);
    expect(briefing.warnings.join(' ')).toMatch(/Le Matin.*not translated/);
  });

  it('a translated article an earlier edition sent is not translated and sent again (a repeat, like an Arabic one)', async () => {
    const translated = { headline: 'بنك المغرب يرفع سعر الفائدة إلى 3 في المئة', bullets: [{ text: 'رفع بنك المغرب سعر الفائدة الرئيسي بمقدار 50 نقطة أساس إلى 3 في المئة', sources: [1] }] };
    const morning = await write([ENGLISH], () => translated);
    const sent = morning.briefing.groups.flatMap((g) => g.items);
    expect(sent.map((i) => i.digest.articleId)).toEqual(['en']);
    // The evening edition: the feed still carries the English article, and a new French one came.
    const evening = clusterDigests([ENGLISH, FRENCH].map((a) => composeDigest(a)), { keepForeign: true, earlier: sent });
    expect(evening.stories.map((s) => s.lead.articleId)).toEqual(['fr']);
    expect(evening.warnings.join(' ')).toMatch(/1 stories left out: sent in an earlier edition/);
  });

  it('without keepForeign, foreign articles are left out before anything is written', () => {
    const c = clusterDigests([RATE, ENGLISH].map((a) => composeDigest(a)));
    expect(c.stories).toHaveLength(1);
    expect(c.warnings.join(' ')).toMatch(/Maghreb Wire/);
  });
});
