import { describe, expect, it } from 'vitest';
import { isStopWord, lightStem, normalizeArabic } from '../../src/arabic/index.js';

const stem = (w: string): string => lightStem(normalizeArabic(w));

describe('lightStem', () => {
  it('strips the conjunction and article: والمعلومات → معلوم', () => {
    expect(stem('والمعلومات')).toBe('معلوم');
  });
  it('strips بال and لل', () => {
    expect(stem('بالمغرب')).toBe('مغرب');
    expect(stem('للأمن')).toBe('امن');
  });
  it('strips common suffixes: المغربي → مغرب, الدولية → دول', () => {
    expect(stem('المغربي')).toBe('مغرب');
    expect(stem('الدولية')).toBe('دول');
  });
  it('conflates inflections of one word', () => {
    expect(stem('الأمنية')).toBe(stem('أمني'));
  });
  it('keeps a three-letter core', () => {
    expect(stem('وهم')).toBe('وهم');
  });
  it('leaves Latin words and numbers alone', () => {
    expect(stem('CNN')).toBe('cnn');
    expect(stem('2026')).toBe('2026');
  });
});

describe('isStopWord', () => {
  it('knows function words from the stopword package', () => {
    expect(isStopWord(normalizeArabic('الذي'))).toBe(true);
    expect(isStopWord(normalizeArabic('إلى'))).toBe(true);
  });
  it('does not treat content words as stop words', () => {
    expect(isStopWord(normalizeArabic('المغرب'))).toBe(false);
  });
});
