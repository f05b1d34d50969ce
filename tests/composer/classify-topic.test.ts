import { describe, expect, it } from 'vitest';
import { isStopWord, lightStem, normalizeArabic, tokenizeWords } from '../../src/arabic/index.js';
import { classifyFeatures, classifyTopic, clearTopicCaches, DEFAULT_TOPIC_THRESHOLD, shippedTopicModel, topicFeatures } from '../../src/composer/index.js';
import { nextTopicToken, topicStem, topicTokenStart } from '../../src/composer/topics/topic-features.js';
import { TOPIC_CLASSES } from '../../src/core/topic-classes.js';

// Articles written for these tests.
const SPORT = {
  title: 'المنتخب يتأهل إلى نهائي كأس آسيا بعد فوزه بهدفين',
  text: 'تأهل المنتخب الوطني لكرة القدم إلى المباراة النهائية لبطولة كأس آسيا بعد فوزه على منافسه بهدفين مقابل هدف. وسجل المهاجم هدف الفوز في الدقيقة الأخيرة من الشوط الثاني، وقال المدرب إن اللاعبين قدموا أداء كبيرا أمام الجماهير في الملعب.',
};
const ECONOMY = {
  title: 'ارتفاع أسعار النفط وتراجع البورصة مع مخاوف التضخم',
  text: 'ارتفعت أسعار النفط الخام في الأسواق العالمية بنسبة 3 في المئة، بينما تراجعت مؤشرات البورصة بعد أن رفع البنك المركزي أسعار الفائدة لمواجهة التضخم. وقال محللون إن الاستثمارات والصادرات قد تتأثر بارتفاع تكاليف الاقتراض على الشركات.',
};
const POLITICS = {
  title: 'وزير الخارجية يبحث مع نظيره الأمريكي وقف إطلاق النار في سوريا',
  text: 'بحث وزير الخارجية مع نظيره الأمريكي في اتصال هاتفي جهود وقف إطلاق النار في سوريا، وأكد الجانبان ضرورة الحل السياسي للأزمة. وقال المتحدث باسم الوزارة إن الحكومة تدعم المفاوضات برعاية الأمم المتحدة.',
};

describe('classifyTopic', () => {
  it('labels a football report as sport, a markets report as economy, a diplomatic one as politics', () => {
    expect(classifyTopic(SPORT).label).toBe('sport');
    expect(classifyTopic(ECONOMY).label).toBe('economy');
    expect(['middleEast', 'internationalNews']).toContain(classifyTopic(POLITICS).label);
  });

  it('returns a probability for each class that sum to one, the confidence being the largest', () => {
    const r = classifyTopic(ECONOMY);
    const ps = TOPIC_CLASSES.map((c) => r.probabilities[c]);
    expect(ps.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(r.confidence).toBe(Math.max(...ps));
    expect(r.confidence).toBeGreaterThanOrEqual(DEFAULT_TOPIC_THRESHOLD);
  });

  it('gives no label below the threshold: an article with no known word, or a threshold no class reaches', () => {
    const empty = classifyTopic({ title: '', text: 'zzqx qqzx' });
    expect(empty.label).toBeNull();
    expect(empty.confidence).toBeLessThan(DEFAULT_TOPIC_THRESHOLD);
    const strict = classifyTopic(SPORT, { threshold: 1.01 });
    expect(strict.label).toBeNull();
    expect(strict.confidence).toBeGreaterThan(0.5);
  });

  it('reads diacritics and Arabic-Indic digits as their plain forms', () => {
    const plain = classifyTopic(SPORT);
    const marked = classifyTopic({ title: 'المُنتخبُ يتأهّل إلى نهائي كأس آسيا بعد فوزه بهدفين', text: SPORT.text.replace('3', '٣') });
    expect(marked.label).toBe(plain.label);
    expect(marked.confidence).toBeCloseTo(plain.confidence, 10);
  });

  it('adds up the same scores as the trainer’s features (word by word instead of counts)', () => {
    const model = shippedTopicModel();
    for (const a of [SPORT, ECONOMY, POLITICS]) {
      const fast = classifyTopic(a);
      const counted = classifyFeatures(topicFeatures(a.title, a.text, model.features), model);
      expect(fast.label).toBe(counted.label);
      expect(fast.confidence).toBeCloseTo(counted.confidence, 9);
    }
  });

  it('keeps the same scores while its word cache grows past tens of thousands of words and is emptied', () => {
    const model = shippedTopicModel();
    const letters = 'ابتثجحخدذرزسشصضطظعغفقكلمنهوي';
    // Thousands of distinct made-up words (the cache rehashes as it grows), among real ones.
    const made = Array.from({ length: 70_000 }, (_, i) => `${letters[i % 28]}${letters[Math.floor(i / 28) % 28]}${letters[Math.floor(i / 784) % 28]}${letters[Math.floor(i / 21952) % 28]}ق`);
    const article = { title: `${made.join(' ')} ${ECONOMY.title}`, text: `${ECONOMY.text} 3.5 ٣٫٥ 1,500` };
    const counted = classifyFeatures(topicFeatures(article.title, article.text, model.features), model);
    for (let round = 0; round < 2; round++) {
      const fast = classifyTopic(article);
      expect(fast.label).toBe(counted.label);
      expect(fast.confidence).toBeCloseTo(counted.confidence, 9);
      for (const a of [SPORT, POLITICS]) expect(classifyTopic(a).confidence).toBeCloseTo(classifyFeatures(topicFeatures(a.title, a.text, model.features), model).confidence, 9);
      clearTopicCaches();
    }
  });

  it('is deterministic', () => {
    expect(classifyTopic(POLITICS)).toEqual(classifyTopic(POLITICS));
  });
});

describe('topicFeatures', () => {
  it('counts title stems three times and stops after the given number of text words', () => {
    const f = topicFeatures('المنتخب يفوز', 'فاز المنتخب الوطني في المباراة', { titleWeight: 3, maxTextWords: 2 });
    expect(f.get('منتخب')).toBe(4);
    expect(f.get('فاز')).toBe(1);
    expect(f.has('وطن')).toBe(false); // third content word of the text
    expect(f.has('في')).toBe(false); // stop word
  });
});

describe('topicStem', () => {
  it('gives the light stem of the normalized word of a content word, null for a stop word', () => {
    const slow = (w: string): string | null => {
      const n = normalizeArabic(w);
      if (n.length < 2 || isStopWord(n)) return null;
      const s = lightStem(n);
      return s.length >= 2 && !isStopWord(s) ? s : null;
    };
    const words = ['والمعلومات', 'المُنتخبُ', 'أسعار', 'إيران', 'آسيا', 'ٱلقدس', 'مؤتمر', 'رئيس', 'مستشفى', 'المدرسة', 'الـــنفط', '٢٠١٨', '۱۳۹۷', 'BBC', 'Élysée', 'الذي', 'في', 'و', 'بالمغرب'];
    for (const w of words) {
      expect(topicStem(w), w).toBe(slow(w));
    }
  });
});

describe('nextTopicToken', () => {
  it('finds the tokens of tokenizeWords (numbers with inner separators, Arabic and Latin words) without a regex', () => {
    const text = 'قال «المتحدث» إن 37 في المئة، و3.5 مليون و١٬٥٠٠ دولار (BBC-News) بتاريخ 2018م: ۱۳۹۷. ثم 1,5, و.';
    const found: string[] = [];
    for (let end = nextTopicToken(text, 0, text.length); end >= 0; end = nextTopicToken(text, end, text.length)) found.push(text.slice(topicTokenStart, end));
    expect(found).toEqual(tokenizeWords(text));
  });
});
