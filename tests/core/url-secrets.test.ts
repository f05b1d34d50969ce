import { describe, expect, it } from 'vitest';
import { SourceError, withoutUrlSecrets } from '../../src/core/index.js';

describe('withoutUrlSecrets', () => {
  it('masks a password and the values of key-like query parameters, keeping host, path and the other parameters', () => {
    expect(withoutUrlSecrets('https://u:p@feeds.example.com/rss?api_key=K1&lang=ar')).toBe('https://***@feeds.example.com/rss?api_key=***&lang=ar');
    expect(withoutUrlSecrets('http://news.example.com/feed?lang=ar&token=abc#top')).toBe('http://news.example.com/feed?lang=ar&token=***#top');
    expect(withoutUrlSecrets('https://aljazeera.net/ar/rss?x-amz-signature=ZZ')).toBe('https://aljazeera.net/ar/rss?x-amz-signature=***');
    expect(withoutUrlSecrets('https://bbc.com/arabic/index.xml?page=2')).toBe('https://bbc.com/arabic/index.xml?page=2');
    // Percent-encoded names, and the short names APIs use for a key or a code.
    expect(withoutUrlSecrets('https://api.example.com/rss?api%5Fkey=S1&lang=ar')).toBe('https://api.example.com/rss?api%5Fkey=***&lang=ar');
    expect(withoutUrlSecrets('https://api.example.com/rss?k=S2&code=S3&hash=S4')).toBe('https://api.example.com/rss?k=***&code=***&hash=***');
  });

  it('keeps a source error from quoting a paid feed key, so that logs, the feed health row and the dashboard never show it', () => {
    const err = new SourceError('network', 'الشرق', 'https://feeds.example.com/ar?apikey=SECRET-42 could not be reached (ECONNRESET): check the URL and the network; it will be tried again later.');
    expect(err.message).not.toContain('SECRET-42');
    expect(err.message).toContain('https://feeds.example.com/ar?apikey=***');
    expect(err.source).toBe('الشرق');
  });
});
