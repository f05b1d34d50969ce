/** Thin video/photo teasers rank low (a teaser and an article written for the test; the teaser's «شاهد..» and «(CNN)--» as CNN Arabic prints them). */
import { describe, expect, it } from 'vitest';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import type { Article } from '../../src/core/types.js';

const article = (id: string, title: string, paragraphs: string[], source = 'CNN'): Article => ({ id, title, source: { name: source }, sections: [{ paragraphs }] });

const teaser = article('t1', 'شاهد.. عازف كمان يجوب لشبونة على دراجة', [
  '(CNN)-- على دراجة هوائية بطيئة، جاب عازف كمان شاب أزقة لشبونة القديمة وهو يعزف، فتبعه المارة حتى ساحة المدينة.',
]);
const story = article('s1', 'مؤتمر الأمراض المعدية ينتقل إلى نيروبي', [
  'دبي، الإمارات العربية المتحدة (CNN)-- للمرة الأولى منذ تأسيسه، يعقد المؤتمر الدولي للأمراض المعدية دورته المقبلة خارج أوروبا، إذ اختارت لجنته المنظمة العاصمة الكينية نيروبي.',
  'ويشارك في المؤتمر أكثر من ألفي طبيب وباحث، يناقشون على مدى أربعة أيام سبل الوقاية من الحميات الموسمية.',
  'وتخصص جلسة كاملة لتجارب اللقاحات التي أجريت في شرق القارة خلال العامين الماضيين.',
]);

describe('thin teasers', () => {
  it('a video teaser of a line keeps a fraction of its importance; the same text without the teaser title does not', () => {
    const thin = composeDigest(teaser);
    const plain = composeDigest({ ...teaser, title: 'عازف كمان يجوب لشبونة على دراجة' });
    expect(thin.bullets.length).toBeGreaterThan(0);
    expect(thin.importance).toBeGreaterThan(0);
    expect(thin.importance).toBeLessThan(plain.importance * 0.5);
  });

  it('an article that mentions a video at length is not thin', () => {
    const long = composeDigest(article('v', 'فيديو: تقنية جديدة في التحكيم', [...story.sections[0]!.paragraphs, ...story.sections[0]!.paragraphs]));
    const same = composeDigest(article('v', 'تقنية جديدة في التحكيم', [...story.sections[0]!.paragraphs, ...story.sections[0]!.paragraphs]));
    expect(long.importance).toBe(same.importance);
  });

  it('ranks below a story told in words, and still comes when nothing else covers its story', () => {
    const b = composeBriefing([composeDigest(teaser), composeDigest(story)], { briefingId: 'm', title: 'موجز', date: '2018-03-23', topics: [] });
    const items = b.groups.flatMap((g) => g.items);
    expect(items.map((i) => i.digest.articleId)).toEqual(['s1', 't1']);
  });
});
