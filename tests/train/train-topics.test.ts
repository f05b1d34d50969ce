import { describe, expect, it } from 'vitest';
import { classifyTopic, toTopicModel } from '../../src/composer/index.js';
import type { TopicClass } from '../../src/core/topic-classes.js';
import { serializeTopicModel, trainTopicModel, type TopicExample, type UnlabelledArticle } from '../../src/train/index.js';

// A tiny labelled set written for this test: two outlets, every class.
const WORDS: Record<TopicClass, string[]> = {
  middleEast: ['غزة', 'لبنان', 'سوريا', 'الفصائل'],
  internationalNews: ['واشنطن', 'موسكو', 'الكرملين', 'الانتخابات'],
  economy: ['البورصة', 'التضخم', 'الأسهم', 'الفائدة'],
  sport: ['المنتخب', 'المباراة', 'الدوري', 'الهدف'],
  technology: ['الهواتف', 'التطبيق', 'الروبوت', 'الإنترنت'],
  culture: ['المهرجان', 'الرواية', 'السينما', 'المسرح'],
};
const examples: TopicExample[] = ['أ', 'ب'].flatMap((outlet, o) =>
  (Object.keys(WORDS) as TopicClass[]).flatMap((category) =>
    [0, 1].map((k) => ({ id: `${outlet}-${category}-${k}`, outlet, category, title: `${WORDS[category][k + o]} في عناوين الصباح`, text: WORDS[category].join(' ') })),
  ),
);
const record = { data: { file: 'tiny.jsonl', rows: examples.length, sha256: 'x' }, trainer: { 'src/train/train-topics.ts': 'y' } };
const options = { features: { titleWeight: 3, maxTextWords: 50 }, alpha: 1, minArticles: 1, minOutlets: 1, maxStems: 100, scale: 100, unlabelledWeight: 0.3, emIterations: 3, complementWeight: 5 };

describe('trainTopicModel', () => {
  it('gives the same bytes every time', () => {
    expect(serializeTopicModel(trainTopicModel(examples, record, options))).toBe(serializeTopicModel(trainTopicModel([...examples], record, options)));
  });

  it('learns a model the classifier loads, which labels a text of the training words', () => {
    const file = trainTopicModel(examples, record, options);
    const text = serializeTopicModel(file);
    expect(text).toMatch(/^\{\n  "format": "topic-nb-1",/);
    // Stems and weights only: no title or text of the training data.
    for (const e of examples) {
      expect(text).not.toContain(e.title);
      expect(text).not.toContain(e.text);
    }
    const model = toTopicModel(JSON.parse(text));
    expect(classifyTopic({ title: 'المباراة', text: 'المنتخب الدوري' }, { model, threshold: 0 }).label).toBe('sport');
    expect(file.data).toEqual(record.data);
    expect(file.trainer).toEqual(record.trainer);
  });

  it('moves the weights toward the unlabelled articles (EM), deterministically, and records their files', () => {
    // Unlabelled sport articles of a third outlet, with a word the labelled data never gives a class to.
    const unlabelled: UnlabelledArticle[] = [0, 1, 2, 3].map(() => ({ outlet: 'ج', title: 'المباراة', text: 'المنتخب الملعب الدوري' }));
    const withStadium = [...examples, { id: 'x', outlet: 'ب', category: 'culture' as TopicClass, title: 'الملعب', text: 'المسرح' }];
    const unl = { ...record, unlabelled: [{ file: 'u.jsonl', rows: 4, sha256: 'z' }] };
    const plain = trainTopicModel(withStadium, record, options);
    const em = trainTopicModel(withStadium, unl, options, unlabelled);
    expect(serializeTopicModel(em)).toBe(serializeTopicModel(trainTopicModel(withStadium, unl, options, [...unlabelled])));
    expect(em.unlabelled).toEqual(unl.unlabelled);
    expect(plain.unlabelled).toBeUndefined();
    expect(em.method).toMatch(/3 EM steps over 4 unlabelled articles/);
    const sportMinusCulture = (f: typeof em) => {
      const row = f.vocabulary.find((r) => r[0] === 'ملعب')!;
      return Number(row[1 + f.classes.indexOf('sport')]) - Number(row[1 + f.classes.indexOf('culture')]);
    };
    expect(sportMinusCulture(em)).toBeGreaterThan(sportMinusCulture(plain));
    // No EM steps: the same bytes as without unlabelled articles.
    expect(serializeTopicModel(trainTopicModel(withStadium, record, { ...options, emIterations: 0 }, unlabelled))).toBe(serializeTopicModel(plain));
  });

  it('adds the complement naive Bayes weights: a word of one class only weighs more for it than naive Bayes alone gives', () => {
    // «الدوري» is in sport articles only; the complement weights of the other classes all see it.
    const gap = (f: ReturnType<typeof trainTopicModel>) => {
      const row = f.vocabulary.find((r) => r[0] === 'دور')!;
      return Number(row[1 + f.classes.indexOf('sport')]) - Number(row[1 + f.classes.indexOf('culture')]);
    };
    const nb = trainTopicModel(examples, record, { ...options, complementWeight: 0 });
    const both = trainTopicModel(examples, record, options);
    expect(nb.method).not.toMatch(/complement/);
    expect(both.method).toMatch(/plus 5 × weight-normalized complement naive Bayes weights/);
    expect(gap(both)).toBeGreaterThan(gap(nb));
  });

  it('refuses data that lacks a class', () => {
    expect(() => trainTopicModel(examples.filter((e) => e.category !== 'culture'), record, options)).toThrow(/no training example of culture/);
  });
});
