import { describe, expect, it } from 'vitest';
import { normalizeArabic, stripDiacritics, toAsciiDigits } from '../../src/arabic/index.js';

describe('normalizeArabic', () => {
  it('strips harakat and folds hamza forms to bare alef', () => {
    expect(normalizeArabic('إِنَّ الأخبارَ')).toBe('ان الاخبار');
  });
  it('removes tatweel', () => {
    expect(normalizeArabic('الأخـــبار')).toBe('الاخبار');
  });
  it('folds آ and ٱ as well', () => {
    expect(normalizeArabic('آمن ٱلله')).toBe('امن الله');
  });
  it('folds ى to ي and ة to ه', () => {
    expect(normalizeArabic('مستشفى المدينة')).toBe('مستشفي المدينه');
  });
  it('turns Arabic-Indic and Persian digits into ASCII', () => {
    expect(normalizeArabic('عام ٢٠٢٦ و۱۲')).toBe('عام 2026 و12');
  });
  it('lower-cases Latin', () => {
    expect(normalizeArabic('قناة BBC')).toBe('قناه bbc');
  });
  it('keeps hamza carriers ؤ ئ unless asked', () => {
    expect(normalizeArabic('مسؤول رئيس')).toBe('مسؤول رئيس');
    expect(normalizeArabic('مسؤول رئيس', { foldTehMarbuta: true, foldAlefMaqsura: true, foldHamzaCarriers: true })).toBe('مسوول رييس');
  });
  it('never alters its input string (display text stays as written)', () => {
    const shown = 'أَعلنَ الوزيرُ';
    normalizeArabic(shown);
    expect(shown).toBe('أَعلنَ الوزيرُ');
  });
});

describe('stripDiacritics', () => {
  it('keeps letters and hamza forms', () => {
    expect(stripDiacritics('أَعْلَنَ')).toBe('أعلن');
  });
});

describe('toAsciiDigits', () => {
  it('converts the time ٠٧:٣٠', () => {
    expect(toAsciiDigits('٠٧:٣٠')).toBe('07:30');
  });
});
