import { describe, expect, it } from 'vitest';
import { canonicalUrl, contentHash } from '../../src/sources/index.js';

describe('canonicalUrl', () => {
  it('drops utm_* and other tracking parameters, and the fragment', () => {
    expect(canonicalUrl('https://news.example.com/ar/1?utm_source=rss&utm_medium=x&id=5&fbclid=abc#comments')).toBe('https://news.example.com/ar/1?id=5');
  });
  it('folds AMP variants into the article URL', () => {
    const plain = 'https://news.example.com/ar/story-1';
    expect(canonicalUrl('https://news.example.com/ar/story-1/amp')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/ar/story-1/amp/')).toBe(plain);
    expect(canonicalUrl('https://amp.news.example.com/ar/story-1')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/ar/story-1?amp')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/amp/ar/story-1')).toBe(plain);
    expect(canonicalUrl('https://news.example.com/ar/story-1.amp.html')).toBe('https://news.example.com/ar/story-1.html');
  });
  it('keeps Arabic paths (percent-encoded) and lower-cases the host', () => {
    expect(canonicalUrl('https://WWW.Example.COM/ar/خبر-عاجل')).toBe('https://www.example.com/ar/%D8%AE%D8%A8%D8%B1-%D8%B9%D8%A7%D8%AC%D9%84');
  });
  it('returns what it cannot parse as given', () => {
    expect(canonicalUrl('not a url')).toBe('not a url');
  });
});

describe('contentHash', () => {
  it('is the same for the same text whatever the whitespace', () => {
    expect(contentHash('نص  الخبر\nهنا')).toBe(contentHash('نص الخبر هنا'));
    expect(contentHash('نص الخبر هنا')).not.toBe(contentHash('نص آخر'));
  });
});
