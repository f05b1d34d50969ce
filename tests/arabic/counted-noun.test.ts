import { describe, expect, it } from 'vitest';
import { countedNoun, countWordsLabel } from '../../src/arabic/index.js';

describe('Arabic number agreement', () => {
  it('agrees «كلمة» with its count by the rules of the language', () => {
    expect(countWordsLabel(1)).toBe('كلمة واحدة');
    expect(countWordsLabel(2)).toBe('كلمتان');
    expect([3, 7, 10].map(countWordsLabel)).toEqual(['3 كلمات', '7 كلمات', '10 كلمات']);
    expect([11, 25, 99].map(countWordsLabel)).toEqual(['11 كلمة', '25 كلمة', '99 كلمة']);
    expect([100, 101, 102, 103, 110, 111, 1003].map(countWordsLabel)).toEqual(['100 كلمة', '101 كلمة', '102 كلمة', '103 كلمات', '110 كلمات', '111 كلمة', '1003 كلمات']);
  });

  it('takes the forms of any noun (a masculine one: «خبر»)', () => {
    const news = { one: 'خبر واحد', two: 'خبران', plural: 'أخبار', accusative: 'خبرًا', genitive: 'خبر' };
    expect([1, 2, 5, 12, 200].map((n) => countedNoun(n, news))).toEqual(['خبر واحد', 'خبران', '5 أخبار', '12 خبرًا', '200 خبر']);
  });
});
