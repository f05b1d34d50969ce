/** Thin video/photo teasers rank low (a teaser and an article written for the test in the shape of CNN Arabic's, 2018). */
import { describe, expect, it } from 'vitest';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import type { Article } from '../../src/core/types.js';

const article = (id: string, title: string, paragraphs: string[], source = 'CNN'): Article => ({ id, title, source: { name: source }, sections: [{ paragraphs }] });

const teaser = article('t1', 'شاهد.. إنقاذ قطة علقت فوق سطح برج سكني في شيكاغو', [
  '(CNN)-- أنقذت فرق الإطفاء في مدينة شيكاغو بولاية إلينوي الأمريكية قطة صغيرة من موقف خطير، وذلك بعد أن علقت ثلاثة أيام فوق سطح برج سكني.',
]);
const story = article('s1', 'الاتحاد الإفريقي يعلق عضوية مالي في هيئاته', [
  'دبي، الإمارات العربية المتحدة (CNN)-- علّق الاتحاد الإفريقي عضوية مالي في جميع هيئاته، وفقاً لما ذكره رئيس مفوضية الاتحاد في بيان مقتضب، قبل قمة طارئة في أديس أبابا.',
  'وقال رئيس المفوضية إن الدول الأعضاء اتفقت على الوقوف صفا واحدا في وجه أي تغيير غير دستوري للحكم في القارة.',
  'وأضاف أن بعض الدول قد تفرض عقوبات إضافية خلال الأسابيع المقبلة، بينها تجميد أرصدة مسؤولين في المجلس العسكري.',
]);

describe('thin teasers', () => {
  it('a video teaser of a line keeps a fraction of its importance; the same text without the teaser title does not', () => {
    const thin = composeDigest(teaser);
    const plain = composeDigest({ ...teaser, title: 'إنقاذ قطة علقت فوق سطح برج سكني في شيكاغو' });
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
