import { describe, expect, it } from 'vitest';
import { composeBriefing, composeDigest, OTHER_TOPIC } from '../../src/composer/index.js';
import type { Article, Digest, TopicDefinition } from '../../src/core/types.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/index.js';
import { parseTextArticle } from '../../src/sources/index.js';
import { ROOT, sampleArticle } from '../helpers.js';

const art = (id: string, source: string, title: string, text: string): Article => ({ id, title, source: { name: source, url: `https://example.com/${id}` }, sections: [{ paragraphs: [text] }] });
const topics: TopicDefinition[] = [
  { id: 'security', title: 'سياسة وأمن', keywords: ['الأمن', 'الاستخبارات'] },
  { id: 'sports', title: 'رياضة', keywords: ['المنتخب', 'المباراة'] },
];
const opts = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics };

describe('composeBriefing', () => {
  const a = art('a', 'صحيفة أ', 'المنتخب يفوز على منافسه بهدفين', 'فاز المنتخب الوطني على منافسه بهدفين مقابل هدف في المباراة التي أقيمت مساء أمس في العاصمة.');
  const b = art('b', 'صحيفة ب', 'فوز المنتخب الوطني بهدفين على منافسه', 'حقق المنتخب الوطني فوزا على منافسه بهدفين مقابل هدف في المباراة التي أقيمت أمس في العاصمة.');
  const c = art('c', 'صحيفة ج', 'ارتفاع أسعار الخضار في الأسواق', 'سجلت أسعار الخضار ارتفاعا ملحوظا في الأسواق المحلية هذا الأسبوع بسبب موجة البرد.');

  it('merges the same story from several outlets into one item that names every source', () => {
    const br = composeBriefing([a, b, c].map((x) => composeDigest(x)), opts);
    const items = br.groups.flatMap((g) => g.items);
    expect(items).toHaveLength(2);
    const match = items.find((i) => i.sources.length === 2)!;
    expect(match.sources.map((s) => s.name).sort()).toEqual(['صحيفة أ', 'صحيفة ب']);
  });

  it('groups items by topic, with unmatched items under the catch-all topic', () => {
    const br = composeBriefing([sampleArticle(), a, c].map((x) => composeDigest(x)), opts);
    expect(br.groups.map((g) => g.topic).sort()).toEqual([OTHER_TOPIC, 'رياضة', 'سياسة وأمن'].sort());
  });

  it('ranks a story told by several outlets above single-outlet stories', () => {
    const br = composeBriefing([c, a, b].map((x) => composeDigest(x)), { ...opts, topics: [] });
    expect(br.groups[0]!.items[0]!.sources).toHaveLength(2);
  });

  it('keeps within the character budget and says how many stories were left out', () => {
    const br = composeBriefing([sampleArticle(), a, c].map((x) => composeDigest(x)), { ...opts, maxChars: 400 });
    const chars = br.groups.flatMap((g) => g.items).reduce((n, i) => n + i.digest.headline.length + i.digest.bullets.reduce((m, x) => m + x.text.length + 1, 0), 0);
    expect(chars).toBeLessThanOrEqual(400);
    expect(br.warnings.join(' ')).toMatch(/left out/);
  });

  it('skips digests with nothing in them and reports them', () => {
    const empty = composeDigest({ id: 'e', source: { name: 'فارغ' }, sections: [{ paragraphs: [] }] });
    const br = composeBriefing([empty, composeDigest(c)], opts);
    expect(br.groups.flatMap((g) => g.items)).toHaveLength(1);
    expect(br.warnings[0]).toContain('فارغ');
  });

  it('is deterministic whatever the input order', () => {
    const x = composeBriefing([a, b, c].map((d) => composeDigest(d)), opts);
    const y = composeBriefing([c, b, a].map((d) => composeDigest(d)), opts);
    expect(x.groups.map((g) => g.items.map((i) => i.digest.articleId))).toEqual(y.groups.map((g) => g.items.map((i) => i.digest.articleId)));
  });
});

describe('composeBriefing topics', () => {
  const sport = art('s', 'صحيفة د', 'المنتخب يتأهل إلى نهائي كأس آسيا بعد فوزه بهدفين', 'تأهل المنتخب الوطني لكرة القدم إلى المباراة النهائية لبطولة كأس آسيا بعد فوزه على منافسه بهدفين مقابل هدف. وسجل المهاجم هدف الفوز في الدقيقة الأخيرة من الشوط الثاني.');
  const markets = art('m', 'صحيفة هـ', 'ارتفاع أسعار النفط وتراجع البورصة مع مخاوف التضخم', 'ارتفعت أسعار النفط الخام في الأسواق العالمية بنسبة 3 في المئة، بينما تراجعت مؤشرات البورصة بعد أن رفع البنك المركزي أسعار الفائدة لمواجهة التضخم.');
  const byClass: TopicDefinition[] = [
    { id: 'economy', title: 'اقتصاد', keywords: [], classes: ['economy'] },
    { id: 'sports', title: 'رياضة', keywords: [], classes: ['sport'] },
    // Keywords that the football report matches, on a topic without classes.
    { id: 'cups', title: 'كؤوس', keywords: ['المنتخب', 'المباراة'] },
  ];
  const topicOfItem = (d: Digest, options: Partial<Parameters<typeof composeBriefing>[1]> = {}): string =>
    composeBriefing([d], { ...opts, topics: byClass, ...options }).groups[0]!.topic;

  it('puts a story under the topic that takes its class, before any keyword match', () => {
    expect(topicOfItem(composeDigest(sport))).toBe('رياضة');
    expect(topicOfItem(composeDigest(markets))).toBe('اقتصاد');
  });

  it('lets a topic pinned by the source win over the class', () => {
    expect(topicOfItem(composeDigest({ ...markets, topics: ['sports'] }))).toBe('رياضة');
  });

  it('falls back to keywords when the class is below the threshold or taken by no topic', () => {
    const d = composeDigest(sport);
    expect(topicOfItem(d, { classThreshold: 1.01 })).toBe('كؤوس');
    expect(topicOfItem(d, { topics: byClass.filter((t) => t.id !== 'sports') })).toBe('كؤوس');
  });

  it('leaves to the keywords of the shipped «طقس» topic a weather story whose best class is below the threshold', () => {
    const briefing = loadConfig({ root: ROOT, env: {} }).briefings.find((b) => b.id === 'morning')!;
    const weather = parseTextArticle(readFileSync(join(ROOT, 'briefings/samples/sample-weather-rain.txt'), 'utf8'), { id: 'w', source: { name: 'عينة' } });
    const unsure = { label: null, confidence: 0.26, probabilities: { middleEast: 0.22, internationalNews: 0.25, economy: 0.15, sport: 0.04, technology: 0.26, culture: 0.08 } };
    expect(topicOfItem({ ...composeDigest(weather), classification: unsure }, { topics: briefing.topics })).toBe('طقس');
  });

  it('puts the shipped weather sample under «طقس», whose keywords come first, whatever class the classifier gives it', () => {
    const briefing = loadConfig({ root: ROOT, env: {} }).briefings.find((b) => b.id === 'morning')!;
    const weather = composeDigest(parseTextArticle(readFileSync(join(ROOT, 'briefings/samples/sample-weather-rain.txt'), 'utf8'), { id: 'w', source: { name: 'عينة' } }));
    expect(topicOfItem(weather, { topics: briefing.topics })).toBe('طقس');
    const sure = { label: 'technology' as const, confidence: 0.9, probabilities: { middleEast: 0.02, internationalNews: 0.02, economy: 0.02, sport: 0.02, technology: 0.9, culture: 0.02 } };
    expect(topicOfItem({ ...weather, classification: sure }, { topics: briefing.topics })).toBe('طقس');
  });

  it('leaves to its class a story that names one of the weather words only in passing', () => {
    const briefing = loadConfig({ root: ROOT, env: {} }).briefings.find((b) => b.id === 'morning')!;
    const bridges = composeDigest(art('b', 'صحيفة و', 'وزير الداخلية يعلن خطة الحكومة لإعادة إعمار القرى الشمالية', 'أعلن وزير الداخلية أن الحكومة ستعيد بناء الجسور والمدارس التي دمرتها الأمطار في القرى الشمالية خلال عامين. وقال الوزير أمام البرلمان إن الخطة تشمل تعويض الأسر المتضررة ونقل بعضها إلى مساكن جديدة.'));
    const politics = { label: 'middleEast' as const, confidence: 0.8, probabilities: { middleEast: 0.8, internationalNews: 0.1, economy: 0.04, sport: 0.02, technology: 0.02, culture: 0.02 } };
    expect(topicOfItem({ ...bridges, classification: politics }, { topics: briefing.topics })).toBe('سياسة وأمن');
  });

  it('takes a story by keywords only when it matches at least the topic’s minKeywords of them', () => {
    const d = composeDigest(sport);
    const cupsFirst = (minKeywords: number): TopicDefinition[] => [...byClass.slice(0, 2), { id: 'cups', title: 'كؤوس', keywords: ['المنتخب', 'المباراة', 'الملعب'], keywordsFirst: true, minKeywords }];
    expect(topicOfItem(d, { topics: cupsFirst(2) })).toBe('كؤوس');
    expect(topicOfItem(d, { topics: cupsFirst(3) })).toBe('رياضة');
  });

  it('then maps the outlet’s own category to a class through the briefing’s categories, written with or without hamza and diacritics', () => {
    const unsure = { label: null, confidence: 0.2, probabilities: { middleEast: 0.2, internationalNews: 0.2, economy: 0.15, sport: 0.15, technology: 0.15, culture: 0.15 } };
    const d: Digest = { ...composeDigest({ ...markets, title: 'خبر قصير', sections: [{ paragraphs: ['نص قصير عن حدث جرى أمس في المدينة وتابعه الناس باهتمام كبير.'] }] }), categories: ['رِياضة'], classification: unsure };
    expect(topicOfItem(d, { topics: byClass.slice(0, 2), categories: { رياضة: 'sport' } })).toBe('رياضة');
    expect(topicOfItem(d, { topics: byClass.slice(0, 2), categories: { اقتصاد: 'economy' } })).toBe(OTHER_TOPIC);
  });

  it('leaves a story under «منوعات» when nothing places it', () => {
    const d: Digest = { ...composeDigest(markets), classification: { label: null, confidence: 0.2, probabilities: { middleEast: 0.2, internationalNews: 0.2, economy: 0.15, sport: 0.15, technology: 0.15, culture: 0.15 } } };
    expect(topicOfItem(d, { topics: byClass.slice(0, 2) })).toBe(OTHER_TOPIC);
  });
});
