/**
 * A synthetic day of Arabic news for load tests that must not need ../shared: articles built from
 * a few dozen sentences, each event told by one to four outlets, deterministic.
 */
import type { Article } from '../../src/core/types.js';

const PLACES = ['الرياض', 'جدة', 'القاهرة', 'عمان', 'بيروت', 'تونس', 'الرباط', 'الدوحة', 'مسقط', 'الخرطوم', 'بغداد', 'الكويت'];
const EVENTS = [
  (p: string) => [`افتتاح مستشفى جديد في ${p}`, `افتتح وزير الصحة اليوم مستشفى جديدا في ${p} بسعة مئتي سرير لخدمة سكان المدينة والمناطق المجاورة.`],
  (p: string) => [`ارتفاع أسعار الوقود في ${p}`, `أعلنت الحكومة رفع أسعار الوقود في ${p} بنسبة عشرة في المئة ابتداء من مطلع الشهر المقبل.`],
  (p: string) => [`أمطار غزيرة على ${p}`, `توقعت هيئة الأرصاد هطول أمطار رعدية غزيرة على ${p} مساء اليوم مع رياح نشطة تحد من الرؤية.`],
  (p: string) => [`توقيع اتفاقية تجارية في ${p}`, `وقع الجانبان في ${p} اتفاقية لتعزيز التبادل التجاري وتسهيل حركة البضائع بين البلدين خلال الأعوام المقبلة.`],
  (p: string) => [`فوز فريق ${p} بالكأس`, `فاز فريق ${p} بكأس البطولة بعد مباراة مثيرة انتهت بهدفين مقابل هدف في الوقت الإضافي.`],
  (p: string) => [`إغلاق مطار ${p} مؤقتا`, `أغلقت السلطات مطار ${p} لساعات بسبب عاصفة رملية قوية أدت إلى تأجيل عشرات الرحلات.`],
];
const FILLER = [
  'وأوضح المسؤول أن العمل سيستمر خلال الأسابيع المقبلة وفق الخطة المعلنة.',
  'وأشار البيان إلى أن الجهات المعنية تتابع الوضع عن كثب وستعلن التفاصيل لاحقا.',
  'وقال مراقبون إن الخطوة تأتي في إطار جهود أوسع لتحسين الخدمات المقدمة للمواطنين.',
  'ولفت التقرير إلى أن الأرقام الأولية تشير إلى تحسن ملحوظ مقارنة بالعام الماضي.',
  'وأكد المتحدث أن السلطات اتخذت كل الإجراءات اللازمة لضمان السلامة العامة.',
];
const OUTLETS = ['الرياض', 'عكاظ', 'الوطن', 'اليوم', 'الحياة', 'الشرق الأوسط'];

/** `count` articles of one day (2026-11-29), events told by one to four outlets each. */
export function syntheticDay(count: number): Article[] {
  const out: Article[] = [];
  for (let e = 0; out.length < count; e++) {
    const [title, lead] = EVENTS[e % EVENTS.length]!(PLACES[Math.floor(e / EVENTS.length) % PLACES.length]!);
    const tellings = 1 + (e % 4);
    for (let t = 0; t < tellings && out.length < count; t++) {
      const n = out.length;
      out.push({
        id: `syn-${n}`,
        title: `${title!} (${e})`,
        published: new Date(Date.UTC(2026, 10, 29, 0, 0, 0) + ((n * 7919) % 86_400) * 1000).toISOString(),
        source: { name: OUTLETS[(e + t) % OUTLETS.length]!, url: `https://example.com/${n}` },
        sections: [{ paragraphs: [lead!, `${FILLER[(n + 1) % FILLER.length]!} ${FILLER[(n + 3) % FILLER.length]!}`, FILLER[(n + 2) % FILLER.length]!] }],
      });
    }
  }
  return out;
}
