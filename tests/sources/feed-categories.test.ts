import { describe, expect, it } from 'vitest';
import { feedItemToArticle, parseFeedText } from '../../src/sources/index.js';

// A feed written for this test.
const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>أخبار</title><link>https://news.example.com/</link>
<item><title>المنتخب يفوز بالكأس</title><link>https://news.example.com/a1</link><category>رياضة</category><category>كرة القدم</category>
<description>فاز المنتخب الوطني بالكأس بعد مباراة مثيرة.</description><pubDate>Sun, 18 Feb 2018 21:35:43 +0400</pubDate></item>
<item><title>خبر بلا تصنيف</title><link>https://news.example.com/a2</link><description>نص الخبر.</description></item>
</channel></rss>`;

describe('feedItemToArticle', () => {
  const items = parseFeedText(RSS, 'https://news.example.com/rss', new Date('2018-02-19T00:00:00Z')).items;

  it('keeps the item’s <category> values apart from the topics the source pins', () => {
    const a = feedItemToArticle(items[0]!, 'أخبار', ['economy']);
    expect(a.categories).toEqual(['رياضة', 'كرة القدم']);
    expect(a.topics).toEqual(['economy']);
  });

  it('gives no categories to an item without any', () => {
    expect(feedItemToArticle(items[1]!, 'أخبار').categories).toBeUndefined();
  });
});
