/**
 * One story told on two days (our own Arabic texts): yesterday's report, and today's tellings of
 * it: the same report posted again, another outlet's, the first outlet's follow-up with a new
 * figure; and an unrelated story.
 */
import type { Article } from '../../src/core/types.js';

export function article(id: string, outlet: string, title: string, paragraphs: string[], published: string): Article {
  return { id, title, published, source: { name: outlet, url: id }, sections: [{ paragraphs }], topics: [] };
}

const RATE_REPORT = [
  'قرر البنك المركزي اليوم رفع سعر الفائدة الرئيسي بمقدار ربع نقطة مئوية، في خطوة تهدف إلى كبح التضخم الذي بلغ أعلى مستوياته منذ سنوات.',
  'وقال محافظ البنك المركزي في مؤتمر صحفي إن قرار رفع الفائدة جاء بعد مراجعة شاملة لمؤشرات الاقتصاد، وإن اللجنة ستواصل متابعة الأسعار عن كثب.',
  'ويتوقع محللون أن ينعكس قرار البنك المركزي على تكلفة القروض العقارية والاستهلاكية خلال الأشهر المقبلة.',
];

/** Yesterday's report (sent in yesterday's edition). */
export const yesterdaysReport = article('https://alwatan.example/economy/rate', 'الوطن', 'البنك المركزي يرفع سعر الفائدة الرئيسي لكبح التضخم', RATE_REPORT, '2026-12-01T09:00:00Z');

/** The same report posted again today under another address: nothing new. */
export const repostedReport = article('https://alwatan.example/economy/rate-2', 'الوطن', 'البنك المركزي يرفع سعر الفائدة الرئيسي لكبح التضخم', RATE_REPORT, '2026-12-02T01:00:00Z');

/** Another outlet tells the same decision: a new outlet joins the story. */
export const otherOutletReport = article(
  'https://wakala.example/news/central-bank',
  'وكالة الأنباء',
  'البنك المركزي يرفع سعر الفائدة الرئيسي ربع نقطة لكبح التضخم',
  [
    'رفع البنك المركزي سعر الفائدة الرئيسي ربع نقطة مئوية لكبح التضخم، بحسب بيان صدر عن البنك.',
    'وأوضح محافظ البنك المركزي أن اللجنة ستواصل متابعة الأسعار ومؤشرات الاقتصاد عن كثب.',
  ],
  '2026-12-02T02:00:00Z',
);

/** The first outlet's follow-up: the same decision, with a figure it did not have yesterday. */
export const followUpWithFigure = article(
  'https://alwatan.example/economy/rate-markets',
  'الوطن',
  'البنك المركزي يرفع سعر الفائدة الرئيسي والبورصة تتراجع',
  [
    'تراجع المؤشر العام للبورصة بنسبة 2.5 في المئة بعد أن قرر البنك المركزي رفع سعر الفائدة الرئيسي لكبح التضخم.',
    'وقال متعاملون إن أسهم البنوك وشركات العقار تصدرت الخسائر في جلسة اليوم بعد قرار رفع الفائدة.',
  ],
  '2026-12-02T03:00:00Z',
);

/** A story of its own. */
export const bookFair = article(
  'https://alwatan.example/culture/book-fair',
  'الوطن',
  'انطلاق معرض الكتاب الدولي بمشاركة ثلاثين دولة',
  [
    'انطلقت اليوم فعاليات معرض الكتاب الدولي بمشاركة دور نشر من ثلاثين دولة، ويستمر المعرض عشرة أيام.',
    'وقال رئيس اللجنة المنظمة إن المعرض يضم ندوات وأمسيات شعرية وورشا للأطفال طوال أيامه.',
  ],
  '2026-12-02T04:00:00Z',
);
