import { describe, expect, it } from 'vitest';
import { clusterStories } from '../../src/composer/index.js';

const story = (title: string, lead: string, published?: string) => ({ title, lead, ...(published ? { published } : {}) });

describe('clusterStories', () => {
  const items = [
    story('نائب الرئيس اليمني يصل إلى عدن', 'وصل نائب الرئيس اليمني خالد بحاح إلى مطار عدن اليوم على متن طائرة سعودية.', '2026-11-29T06:00:00Z'),
    story('استقرار التضخم في منطقة اليورو عند 0.2% في يوليو', 'أظهرت بيانات رسمية استقرار معدل التضخم في منطقة اليورو عند 0.2 في المئة.', '2026-11-29T07:00:00Z'),
    story('نائب الرئيس اليمني خالد بحاح يصل إلى مطار عدن', 'وصل خالد بحاح نائب الرئيس اليمني إلى عدن في أول زيارة منذ أشهر.', '2026-11-29T08:00:00Z'),
    story('انخفاض معدل التضخم في مصر إلى 11 في المئة', 'أعلن البنك المركزي المصري انخفاض معدل التضخم السنوي في مصر إلى 11 في المئة.', '2026-11-29T09:00:00Z'),
    story('ثبات معدل التضخم في منطقة اليورو عند 0.2 بالمئة', 'قال مكتب الإحصاء الأوروبي إن التضخم في منطقة اليورو ثبت عند 0.2 في المئة في يوليو.', '2026-11-29T10:00:00Z'),
  ];

  it('puts retellings of one event by several outlets in one story, the first (most important) leading', () => {
    const clusters = clusterStories(items);
    expect(clusters).toContainEqual([0, 2]);
    expect(clusters).toContainEqual([1, 4]);
  });

  it('keeps different events on the same subject apart (euro-zone and Egyptian inflation)', () => {
    const clusters = clusterStories(items);
    expect(clusters).toContainEqual([3]);
    expect(clusters).toHaveLength(3);
  });

  it('never joins articles published further apart than the window', () => {
    const far = [items[0]!, { ...items[2]!, published: '2026-12-05T08:00:00Z' }];
    expect(clusterStories(far, { windowHours: 48 })).toEqual([[0], [1]]);
  });

  it('is deterministic and handles an empty day', () => {
    expect(clusterStories(items)).toEqual(clusterStories(items));
    expect(clusterStories([])).toEqual([]);
  });
});

describe('clusterStories title check', () => {
  const lead = 'توقعت هيئة الأرصاد الجوية هطول أمطار رعدية غزيرة على الرياض والمنطقة الشرقية مساء اليوم مع رياح نشطة مثيرة للغبار وانخفاض مدى الرؤية الأفقية.';
  const fillers = ['الذهب', 'النفط', 'القمح', 'الحديد', 'النحاس', 'الفضة', 'القطن', 'السكر', 'البن', 'الأرز', 'الشعير', 'الذرة', 'الصوف', 'الملح', 'الزيت', 'الغاز', 'الفحم', 'الجلود', 'التمور', 'الحليب']
    .map((w) => ({ title: `تقرير عن سوق ${w}`, lead: `سجلت أسواق ${w} تغيرات في التداول خلال الأسبوع الماضي.` }));
  const items = [{ title: 'توقعات الطقس لنهاية الأسبوع', lead }, { title: 'الأرصاد: أمطار رعدية على الرياض والشرقية', lead }, ...fillers];

  it('keeps apart two articles whose leads match but whose titles share no word', () => {
    expect(clusterStories(items, { titleThreshold: 0 })[0]).toEqual([0, 1]);
    expect(clusterStories(items)[0]).toEqual([0]);
  });
});
