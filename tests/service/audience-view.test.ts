/** viewFor: the one decision of what a subscription or an on-demand answer shows. */
import { describe, expect, it } from 'vitest';
import type { Briefing, BriefingItem } from '../../src/core/types.js';
import { viewFor } from '../../src/service/index.js';
import { morning } from '../support/fixtures.js';

const item = (headline: string, bullet: string): BriefingItem => ({
  topic: '', sources: [{ name: 'مصدر' }],
  digest: { headline, bullets: [{ text: bullet, section: 0, sourceSentence: bullet }], keyFigures: [], source: { name: 'مصدر' }, articleId: headline, topics: [], importance: 1, warnings: [] },
});
const definition = morning({
  topics: [
    { id: 'sports', title: 'رياضة', keywords: [] },
    { id: 'economy', title: 'اقتصاد', keywords: [] },
    { id: 'weather', title: 'طقس', keywords: [] },
  ],
});
const edition: Briefing = {
  briefingId: 'morning', title: 'موجز الصباح', date: '2026-11-29', warnings: [],
  groups: [
    { topic: 'رياضة', topicId: 'sports', items: [item('المنتخب يفوز بالبطولة', 'فاز المنتخب بهدفين.')] },
    { topic: 'اقتصاد', topicId: 'economy', items: [item('أسعار النفط ترتفع', 'ارتفعت أسعار النفط بنسبة 3 في المئة.'), item('البورصة تغلق على تراجع', 'تراجع المؤشر العام.')] },
    { topic: 'منوعات', items: [item('مهرجان للتمور', 'افتتح مهرجان التمور أبوابه.')] },
  ],
};

describe('viewFor', () => {
  it('keeps the groups of the topic ids a subscriber chose, in the edition\'s order', () => {
    expect(viewFor(edition, { topics: ['economy', 'sports'] }).groups.map((g) => g.topicId)).toEqual(['sports', 'economy']);
  });

  it('keeps everything when no topic is chosen, and returns the edition itself', () => {
    expect(viewFor(edition, { topics: [] })).toBe(edition);
  });

  it('reads editions stored before groups carried ids through the definition\'s titles', () => {
    const legacy: Briefing = { ...edition, groups: edition.groups.map(({ topicId: _id, ...g }) => g) };
    expect(viewFor(legacy, { topics: ['economy'] }, definition).groups.map((g) => g.topic)).toEqual(['اقتصاد']);
    expect(viewFor(legacy, { topics: ['economy'] }).groups).toEqual([]);
  });

  it('answers a query that names a topic, by its title (hamza and diacritics aside) or its id', () => {
    expect(viewFor(edition, { topics: [], query: 'اقتصاد' }).groups.map((g) => g.topicId)).toEqual(['economy']);
    expect(viewFor(edition, { topics: [], query: 'رِياضة' }).groups.map((g) => g.topicId)).toEqual(['sports']);
    expect(viewFor(edition, { topics: [], query: 'sports' }).groups.map((g) => g.topicId)).toEqual(['sports']);
  });

  it('answers other words with the items that mention all of them, light stems matched', () => {
    const oil = viewFor(edition, { topics: [], query: 'النفط' });
    expect(oil.groups.flatMap((g) => g.items.map((i) => i.digest.headline))).toEqual(['أسعار النفط ترتفع']);
    expect(viewFor(edition, { topics: [], query: 'الطائرات' }).groups).toEqual([]);
  });

  it('applies the subscription\'s topics before the query', () => {
    expect(viewFor(edition, { topics: ['sports'], query: 'النفط' }).groups).toEqual([]);
  });
});
