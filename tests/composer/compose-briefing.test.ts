import { describe, expect, it } from 'vitest';
import { composeBriefing, composeDigest, OTHER_TOPIC } from '../../src/composer/index.js';
import type { Article, TopicDefinition } from '../../src/core/types.js';
import { sampleArticle } from '../helpers.js';

const art = (id: string, source: string, title: string, text: string): Article => ({ id, title, source: { name: source, url: `https://example.com/${id}` }, sections: [{ paragraphs: [text] }] });
const topics: TopicDefinition[] = [
  { id: 'security', title: 'سياسة وأمن', keywords: ['الأمن', 'الاستخبارات'] },
  { id: 'sports', title: 'رياضة', keywords: ['المنتخب', 'المباراة'] },
];
const opts = { briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', topics };

describe('composeBriefing', () => {
  const a = art('a', 'صحيفة أ', 'المنتخب يفوز على منافسه بهدفين', 'فاز المنتخب الوطني على منافسه بهدفين مقابل هدف في المباراة التي أقيمت مساء أمس في العاصمة.');
  const b = art('b', 'صحيفة ب', 'فوز المنتخب الوطني بهدفين على منافسه', 'حقق المنتخب الوطني فوزا على منافسه بهدفين مقابل هدف في المباراة التي أقيمت أمس في العاصمة.');
  const c = art('c', 'صحيفة ج', 'ارتفاع أسعار الخضار في الأسواق', 'سجلت أسعار الخضار ارتفاعا ملحوظا في الأسواق المحلية هذا الأسبوع بسبب موجة البرد.');

  it('merges the same story from several outlets into one item that names every source', () => {
    const br = composeBriefing([a, b, c].map((x) => composeDigest(x)), opts);
    const items = br.groups.flatMap((g) => g.items);
    expect(items).toHaveLength(2);
    const match = items.find((i) => i.sources.length === 2)!;
    expect(match.sources.map((s) => s.name).sort()).toEqual(['صحيفة أ', 'صحيفة ب']);
  });

  it('groups items by topic, with unmatched items under the catch-all topic', () => {
    const br = composeBriefing([sampleArticle(), a, c].map((x) => composeDigest(x)), opts);
    expect(br.groups.map((g) => g.topic).sort()).toEqual([OTHER_TOPIC, 'رياضة', 'سياسة وأمن'].sort());
  });

  it('ranks a story told by several outlets above single-outlet stories', () => {
    const br = composeBriefing([c, a, b].map((x) => composeDigest(x)), { ...opts, topics: [] });
    expect(br.groups[0]!.items[0]!.sources).toHaveLength(2);
  });

  it('keeps within the character budget and says how many stories were left out', () => {
    const br = composeBriefing([sampleArticle(), a, c].map((x) => composeDigest(x)), { ...opts, maxChars: 400 });
    const chars = br.groups.flatMap((g) => g.items).reduce((n, i) => n + i.digest.headline.length + i.digest.bullets.reduce((m, x) => m + x.text.length + 1, 0), 0);
    expect(chars).toBeLessThanOrEqual(400);
    expect(br.warnings.join(' ')).toMatch(/left out/);
  });

  it('skips digests with nothing in them and reports them', () => {
    const empty = composeDigest({ id: 'e', source: { name: 'فارغ' }, sections: [{ paragraphs: [] }] });
    const br = composeBriefing([empty, composeDigest(c)], opts);
    expect(br.groups.flatMap((g) => g.items)).toHaveLength(1);
    expect(br.warnings[0]).toContain('فارغ');
  });

  it('is deterministic whatever the input order', () => {
    const x = composeBriefing([a, b, c].map((d) => composeDigest(d)), opts);
    const y = composeBriefing([c, b, a].map((d) => composeDigest(d)), opts);
    expect(x.groups.map((g) => g.items.map((i) => i.digest.articleId))).toEqual(y.groups.map((g) => g.items.map((i) => i.digest.articleId)));
  });
});
