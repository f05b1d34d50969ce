import { describe, expect, it } from 'vitest';
import { countWords, tokenize, tokenizeWords } from '../../src/arabic/index.js';

describe('tokenize', () => {
  it('splits words and numbers and drops punctuation', () => {
    expect(tokenizeWords('بنسبة 37 في المئة، و3.5 مليون!')).toEqual(['بنسبة', '37', 'في', 'المئة', 'و', '3.5', 'مليون']);
  });
  it('keeps Arabic-Indic numbers whole and marks numbers', () => {
    const t = tokenize('عام ٢٠١٨ و1,500 شخص');
    expect(t.map((x) => x.text)).toEqual(['عام', '٢٠١٨', 'و', '1,500', 'شخص']);
    expect(t.map((x) => x.isNumber)).toEqual([false, true, false, true, false]);
  });
  it('keeps harakat and tatweel inside a word', () => {
    expect(tokenizeWords('أَعلنَ بـ11')).toEqual(['أَعلنَ', 'بـ', '11']);
  });
  it('reads mixed Arabic and Latin', () => {
    expect(tokenizeWords('قالت CNN إن')).toEqual(['قالت', 'CNN', 'إن']);
  });
  it('gives offsets', () => {
    const [, second] = tokenize('مرحبا بالعالم');
    expect(second!.start).toBe(6);
  });
});

describe('countWords', () => {
  it('counts words, not bytes or characters', () => {
    expect(countWords('المغرب يدعو إلى تعاون')).toBe(4);
  });
});
