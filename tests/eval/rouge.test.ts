import { describe, expect, it } from 'vitest';
import { lcsLength, leadSentences, leadWords, normalizeForRouge, rougeL, rougeN, rougeTokens, scoreSummary } from '../../src/eval/index.js';

describe('normalizeForRouge', () => {
  it('folds أ إ آ ٱ to ا and ى to ي, removes harakat and tatweel, lower-cases Latin', () => {
    expect(normalizeForRouge('إِنَّ الأخبـــارَ آتية ٱلآن على BBC')).toBe('ان الاخبار اتية الان علي bbc');
  });
  it('keeps ة and hamza carriers (the scorer does not fold them)', () => {
    expect(normalizeForRouge('مدينة مسؤول رئيس')).toBe('مدينة مسؤول رئيس');
  });
});

describe('rougeTokens', () => {
  it('takes maximal runs of Arabic letters, digits and Latin letters', () => {
    expect(rougeTokens('بلغت 3.5٪، و"قال" ٢٠١٨-BBC')).toEqual(['بلغت', '3', '5', 'و', 'قال', '٢٠١٨', 'bbc']);
  });
});

describe('rougeN', () => {
  // candidate: a b a c (4 tokens); reference: a a d (3 tokens)
  const c = ['a', 'b', 'a', 'c'];
  const r = ['a', 'a', 'd'];
  it('clips unigram counts by the reference: overlap 2, P 2/4, R 2/3, F 4/7', () => {
    const s = rougeN(c, r, 1);
    expect(s.p).toBeCloseTo(0.5);
    expect(s.r).toBeCloseTo(2 / 3);
    expect(s.f).toBeCloseTo(4 / 7);
  });
  it('counts bigrams: no common bigram gives 0', () => {
    expect(rougeN(c, r, 2).f).toBe(0);
  });
  it('counts a shared bigram: (a b) in both, P 1/3, R 1/2, F 0.4', () => {
    expect(rougeN(['a', 'b', 'c', 'd'], ['x', 'a', 'b'], 2).f).toBeCloseTo(0.4);
  });
  it('gives 0 for an empty candidate', () => {
    expect(rougeN([], r, 1).f).toBe(0);
  });
});

describe('rougeL', () => {
  it('uses the longest common subsequence: "a b c d e" vs "a c e f" → LCS 3, P 3/5, R 3/4', () => {
    expect(lcsLength(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'e', 'f'])).toBe(3);
    const s = rougeL(['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'e', 'f']);
    expect(s.f).toBeCloseTo((2 * 0.6 * 0.75) / 1.35);
  });
});

describe('scoreSummary', () => {
  it('is 100 for a summary equal to its reference up to normalisation', () => {
    expect(scoreSummary('أعلنت الحكومة الخطة', ['اعلنت الحكومة الخطة.'])).toEqual({ r1: 100, r2: 100, rl: 100 });
  });
  it('averages per-reference F1 over several references', () => {
    const s = scoreSummary('الحكومة الخطة', ['الحكومة الخطة', 'شيء آخر تماما']);
    expect(s.r1).toBeCloseTo(50);
  });
});

describe('leadSentences', () => {
  it('splits after . ! ? ؟ followed by space and at newlines, and drops sentences under 3 tokens', () => {
    expect(leadSentences('هذه جملة أولى طويلة. قصيرة جدا؟ وهذه جملة ثالثة هنا\nسطر رابع له كلمات')).toEqual([
      'هذه جملة أولى طويلة.',
      'وهذه جملة ثالثة هنا',
      'سطر رابع له كلمات',
    ]);
  });
  it('does not split at 3.5 (no space after the period)', () => {
    expect(leadSentences('بلغ النمو 3.5 في المئة هذا العام.')).toHaveLength(1);
  });
});

describe('leadWords', () => {
  it('takes whole sentences while they fit the word budget', () => {
    expect(leadWords('واحد اثنان ثلاثة. أربعة خمسة ستة. سبعة ثمانية تسعة.', 6)).toBe('واحد اثنان ثلاثة. أربعة خمسة ستة.');
  });
});
