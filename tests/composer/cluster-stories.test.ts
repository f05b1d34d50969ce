import { describe, expect, it } from 'vitest';
import { clusterStories, clusterStoriesAsync, parsePublished } from '../../src/composer/index.js';
import { syntheticDay } from '../support/synthetic-day.js';
import { referenceClusters } from './cluster-reference.js';

const story = (title: string, lead: string, published?: string) => ({ title, lead, ...(published ? { published } : {}) });

describe('clusterStories', () => {
  const items = [
    story('افتتاح الخط الأزرق لمترو الدار البيضاء', 'دشنت سلطات الدار البيضاء صباح اليوم الخط الأزرق للمترو الذي يربط وسط المدينة بالمطار في أربعين دقيقة.', '2026-11-29T06:00:00Z'),
    story('محصول القمح في المغرب يتجاوز 5 ملايين طن', 'قدرت وزارة الفلاحة المغربية محصول القمح هذا الموسم بأكثر من 5 ملايين طن بفضل أمطار الربيع.', '2026-11-29T07:00:00Z'),
    story('الخط الأزرق لمترو الدار البيضاء يستقبل ركابه الأوائل', 'استقبل الخط الأزرق لمترو الدار البيضاء ركابه الأوائل اليوم بعد تدشينه، وهو يصل المطار بوسط المدينة.', '2026-11-29T08:00:00Z'),
    story('تراجع محصول القمح في سوريا إلى مليون طن', 'قال مسؤولون زراعيون إن الجفاف خفض محصول القمح في سوريا هذا العام إلى نحو مليون طن.', '2026-11-29T09:00:00Z'),
    story('المغرب يحصد أكثر من 5 ملايين طن من القمح', 'بفضل أمطار الربيع، تجاوز حصاد القمح في المغرب 5 ملايين طن هذا الموسم حسب تقديرات وزارة الفلاحة.', '2026-11-29T10:00:00Z'),
  ];

  it('puts retellings of one event by several outlets in one story, the first (most important) leading', () => {
    const clusters = clusterStories(items);
    expect(clusters).toContainEqual([0, 2]);
    expect(clusters).toContainEqual([1, 4]);
  });

  it('keeps different events on the same subject apart (the wheat harvests of Morocco and Syria)', () => {
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
  const lead = 'حذر الدفاع المدني سكان الساحل من موج يتجاوز ثلاثة أمتار غدا، ودعا الصيادين إلى البقاء في الموانئ حتى تهدأ الرياح وتتحسن الرؤية فوق البحر.';
  const fillers = ['الذهب', 'النفط', 'القمح', 'الحديد', 'النحاس', 'الفضة', 'القطن', 'السكر', 'البن', 'الأرز', 'الشعير', 'الذرة', 'الصوف', 'الملح', 'الزيت', 'الغاز', 'الفحم', 'الجلود', 'التمور', 'الحليب']
    .map((w) => ({ title: `تقرير عن سوق ${w}`, lead: `سجلت أسواق ${w} تغيرات في التداول خلال الأسبوع الماضي.` }));
  const items = [{ title: 'نشرة البحر ليوم الجمعة', lead }, { title: 'تحذير للصيادين: موج عال على الساحل', lead }, ...fillers];

  it('keeps apart two articles whose leads match but whose titles share no word', () => {
    expect(clusterStories(items, { titleThreshold: 0 })[0]).toEqual([0, 1]);
    expect(clusterStories(items)[0]).toEqual([0]);
  });
});

describe('clusterStories at scale', () => {
  // A synthetic day: events (a subject, a place, an actor) each told by a few outlets in different
  // words, among a common vocabulary every article shares a little of.
  const subjects = ['افتتاح مستشفى', 'انهيار جسر', 'ارتفاع أسعار الوقود', 'توقيع اتفاقية تجارية', 'حريق في مصنع', 'فوز المنتخب', 'إطلاق قمر صناعي', 'إغلاق مطار', 'زيارة رسمية', 'إضراب المعلمين'];
  const places = ['الرياض', 'جدة', 'القاهرة', 'عمان', 'بيروت', 'تونس', 'الرباط', 'الدوحة', 'مسقط', 'الخرطوم', 'بغداد', 'دمشق', 'الكويت', 'المنامة', 'طرابلس'];
  const actors = ['وزير الصحة', 'رئيس الوزراء', 'محافظ المدينة', 'الدفاع المدني', 'البنك المركزي', 'وزارة النقل', 'نقابة العمال', 'هيئة الطيران'];
  const verbs = ['أعلن', 'أكد', 'قال', 'كشف', 'أوضح'];
  const firsts = ['خالد', 'سالم', 'ناصر', 'فهد', 'عمر', 'يوسف', 'حسن', 'طارق', 'ماجد', 'سعيد', 'راشد', 'هشام', 'وليد', 'زياد', 'منير', 'نبيل', 'كريم', 'عادل', 'جمال', 'بسام'];
  const families = ['العتيبي', 'الحربي', 'الزهراني', 'الشمري', 'القحطاني', 'الدوسري', 'المطيري', 'الغامدي', 'السبيعي', 'العنزي', 'البلوشي', 'الكعبي', 'النعيمي', 'المري', 'الهاشمي', 'الخطيب', 'الحسيني', 'الجبوري', 'التميمي', 'الراشد'];
  const syllables = ['كا', 'مي', 'رو', 'سا', 'لي', 'نو', 'ها', 'دي'];
  const common = ['اليوم', 'الأسبوع', 'مصادر', 'مسؤول', 'بيان', 'الحكومة', 'العام', 'الجاري'];
  let seed = 7;
  const rand = (k: number): number => {
    seed = (seed * 48271) % 2147483647;
    return Math.floor((seed / 2147483647) * k);
  };
  const day = (events: number): { title: string; lead: string; published: string }[] => {
    const out: { title: string; lead: string; published: string }[] = [];
    for (let e = 0; e < events; e++) {
      const subject = subjects[e % subjects.length]!;
      const place = places[Math.floor(e / subjects.length) % places.length]!;
      const actor = actors[rand(actors.length)]!;
      // A made-up village name of three syllables, one per even event: the word that tells those
      // events apart; the odd ones are told apart (or not) by their place and people only.
      const village = `بلدة ${syllables[e % 8]}${syllables[Math.floor(e / 8) % 8]}${syllables[Math.floor(e / 64) % 8]}ن`;
      const code = `${firsts[e % firsts.length]} ${families[Math.floor(e / firsts.length) % families.length]}${e % 2 === 0 ? ` في ${village}` : ''}`;
      const tellings = 1 + rand(4);
      for (let t = 0; t < tellings; t++) {
        out.push({
          title: t % 2 === 0 ? `${subject} في ${place} بحضور ${code}` : `${code}: ${subject} في ${place}`,
          lead: `${verbs[rand(verbs.length)]} ${actor} ${common[rand(common.length)]} ${common[rand(common.length)]} أن ${subject} في ${place} تم ${code} ${common[rand(common.length)]}.`,
          published: `2026-11-29 ${String(rand(24)).padStart(2, '0')}:00:00`,
        });
      }
    }
    return out;
  };

  it('gives the same stories as the reference clustering when no stem is over the cutoff', () => {
    const items = day(300);
    const reference = referenceClusters(items);
    // The day has retellings to merge and events on one subject to keep apart.
    expect(items.length).toBeGreaterThan(300);
    // Events told apart, retellings merged, and events on one subject merged at the threshold's edge.
    expect(reference.filter((c) => c.length > 1).length).toBeGreaterThan(100);
    expect(reference.some((c) => c.length > 20)).toBe(true);
    expect(reference.length).toBeGreaterThan(120);
    expect(clusterStories(items, { maxLookupDf: Number.POSITIVE_INFINITY })).toEqual(reference);
    expect(clusterStories(items.slice(0, 200))).toEqual(referenceClusters(items.slice(0, 200)));
  });

  it('gives the same stories as the reference on the hand-made day, with and without the title check', () => {
    expect(clusterStories(items5())).toEqual(referenceClusters(items5()));
    expect(clusterStories(items5(), { titleThreshold: 0 })).toEqual(referenceClusters(items5(), { titleThreshold: 0 }));
  });

  it('never looks stories up by a stem over the cutoff: two articles sharing only such words stay apart', () => {
    const pair = [
      { title: 'بيان الحكومة اليوم', lead: 'بيان الحكومة اليوم' },
      { title: 'بيان الحكومة اليوم', lead: 'بيان الحكومة اليوم' },
    ];
    expect(clusterStories(pair)).toEqual([[0, 1]]);
    expect(clusterStories(pair, { maxLookupDf: 1 })).toEqual([[0], [1]]);
  });
});

function items5(): { title: string; lead: string; published?: string }[] {
  return [
    { title: 'افتتاح الخط الأزرق لمترو الدار البيضاء', lead: 'دشنت سلطات الدار البيضاء صباح اليوم الخط الأزرق للمترو الذي يربط وسط المدينة بالمطار في أربعين دقيقة.' },
    { title: 'محصول القمح في المغرب يتجاوز 5 ملايين طن', lead: 'قدرت وزارة الفلاحة المغربية محصول القمح هذا الموسم بأكثر من 5 ملايين طن بفضل أمطار الربيع.' },
    { title: 'الخط الأزرق لمترو الدار البيضاء يستقبل ركابه الأوائل', lead: 'استقبل الخط الأزرق لمترو الدار البيضاء ركابه الأوائل اليوم بعد تدشينه، وهو يصل المطار بوسط المدينة.' },
    { title: 'تراجع محصول القمح في سوريا إلى مليون طن', lead: 'قال مسؤولون زراعيون إن الجفاف خفض محصول القمح في سوريا هذا العام.' },
    { title: 'المغرب يحصد أكثر من 5 ملايين طن من القمح', lead: 'بفضل أمطار الربيع، تجاوز حصاد القمح في المغرب 5 ملايين طن هذا الموسم حسب تقديرات وزارة الفلاحة.' },
  ];
}

describe('clusterStories dates', () => {
  it('applies the window to RFC 822 dates as feeds write them', () => {
    const a = { title: 'افتتاح الخط الأزرق لمترو الدار البيضاء', lead: 'دشنت سلطات الدار البيضاء صباح اليوم الخط الأزرق للمترو.' };
    const near = [{ ...a, published: 'Sun, 18 Feb 2018 21:35:43 +0400' }, { ...a, published: 'Mon, 19 Feb 2018 10:00:00 GMT' }];
    const far = [{ ...a, published: 'Sun, 18 Feb 2018 21:35:43 +0400' }, { ...a, published: 'Thu, 22 Feb 2018 10:00:00 GMT' }];
    expect(clusterStories(near)).toEqual([[0, 1]]);
    expect(clusterStories(far)).toEqual([[0], [1]]);
  });
});

describe('parsePublished', () => {
  it('reads RFC 822 with an offset or a zone name', () => {
    expect(parsePublished('Sun, 18 Feb 2018 21:35:43 +0400')).toBe(Date.UTC(2018, 1, 18, 17, 35, 43));
    expect(parsePublished('18 Feb 2018 21:35 GMT')).toBe(Date.UTC(2018, 1, 18, 21, 35, 0));
    expect(parsePublished('Tue, 03 Apr 2018 17:10:57 EST')).toBe(Date.UTC(2018, 3, 3, 22, 10, 57));
  });

  it('reads ISO 8601 with T or a space, with or without a zone (UTC then)', () => {
    expect(parsePublished('2015-08-01 08:00:57')).toBe(Date.UTC(2015, 7, 1, 8, 0, 57));
    expect(parsePublished('2015-08-01T08:00:57.250+03:00')).toBe(Date.UTC(2015, 7, 1, 5, 0, 57, 250));
    expect(parsePublished('2026-11-29T06:00:00Z')).toBe(Date.UTC(2026, 10, 29, 6));
    expect(parsePublished('2026-11-29')).toBe(Date.UTC(2026, 10, 29));
  });

  it('gives NaN for what it cannot read', () => {
    expect(parsePublished(undefined)).toBeNaN();
    expect(parsePublished('أمس')).toBeNaN();
    expect(parsePublished('Sun, 18 Foo 2018 21:35:43 +0400')).toBeNaN();
    expect(parsePublished('2026-13-45')).toBeNaN();
  });
});

describe('clusterStoriesAsync', () => {
  it('gives the event loop turns while it clusters a big day, and finds the same stories as clusterStories', async () => {
    const day = syntheticDay(3_000).map((a) => story(a.title ?? '', a.sections[0]!.paragraphs[0]!, a.published));
    const events: string[] = [];
    let turns = 0;
    // A callback queued on the event loop, as an HTTP request would be: it runs only when clustering pauses.
    const tick = (): void => {
      turns++;
      if (events.length === 0) events.push('first turn');
      if (!done) setImmediate(tick);
    };
    let done = false;
    setImmediate(tick);
    const clusters = await clusterStoriesAsync(day);
    done = true;
    events.push('clustered');
    expect(events).toEqual(['first turn', 'clustered']);
    // Two passes over 3,000 articles, a pause every 256: many turns, not one at the end.
    expect(turns).toBeGreaterThanOrEqual(10);
    expect(clusters).toEqual(clusterStories(day));
    expect(clusters.length).toBeLessThan(day.length);
  });
});
