/** Thin video/photo teasers rank low (short quotes of CNN Arabic teasers and articles from ant-multisource 2018). */
import { describe, expect, it } from 'vitest';
import { composeBriefing, composeDigest } from '../../src/composer/index.js';
import type { Article } from '../../src/core/types.js';

const article = (id: string, title: string, paragraphs: string[], source = 'CNN'): Article => ({ id, title, source: { name: source }, sections: [{ paragraphs }] });

const teaser = article('t1', 'شاهد.. العثور على جثتي رضيعين داخل حقيبة بأمريكا', [
  '(CNN)-- تحقق السلطات في مقاطعة كروس بولاية أركنساس الأمريكية في قضية مريعة، وذلك بعد العثور على جثتي رضيعين داخل حقيبة.',
]);
const story = article('s1', 'الاتحاد الأوروبي يستدعي سفيره في موسكو للتشاور', [
  'دبي، الإمارات العربية المتحدة (CNN)-- أعلن الاتحاد الأوروبي استدعاءه لسفيره في موسكو لاستشارته، وفقاً لما ذكره رئيس الوزراء الإيرلندي ليو فارادكار، قبل اجتماع مجلس الاتحاد في بروكسل.',
  'وقال فارادكار إن دول الاتحاد اتفقت على التعبير عن تضامنها الكامل مع بريطانيا في قضية تسميم العميل الروسي السابق.',
  'وأضاف أن بعض الدول قد تتخذ إجراءات إضافية خلال الأيام المقبلة، بينها طرد دبلوماسيين روس من أراضيها.',
]);

describe('thin teasers', () => {
  it('a video teaser of a line keeps a fraction of its importance; the same text without the teaser title does not', () => {
    const thin = composeDigest(teaser);
    const plain = composeDigest({ ...teaser, title: 'العثور على جثتي رضيعين داخل حقيبة بأمريكا' });
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
