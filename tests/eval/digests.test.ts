import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/eval/digests.js';
import { endsBeforeUnit, endsMidPhrase, endsWanting, hasDateline, hasHashtag, isFragmentFigure, isLinkBullet } from '../../src/eval/digests.js';

describe('digest defect checks', () => {
  it('finds datelines and agency tags of several styles, and not a sentence that merely has a dash', () => {
    expect(hasDateline('دبي، الإمارات العربية المتحدة (CNN)-- شارك الداعية الإسلامي في حفل')).toBe(true);
    expect(hasDateline('القاهرة - رويترز: قالت الشرطة إن شخصا قتل')).toBe(true);
    expect(hasDateline('الرباط - دعا المغرب إلى تعاون أمني عادل.')).toBe(true);
    expect(hasDateline('(أ ف ب) - أعلنت الحكومة')).toBe(true);
    expect(hasDateline('متابعات')).toBe(true);
    expect(hasDateline('فاز المنتخب بنتيجة 6-1 على بنما في ختام الجولة.')).toBe(false);
    expect(hasDateline('ونقلت وكالة الأنباء السعودية (واس) عن الدفاع المدني تحذيره من السيول.')).toBe(false);
  });

  it('finds hashtags, mid-phrase endings and fragment figures', () => {
    expect(hasHashtag('قال فلاديمير #بوتين إن')).toBe(true);
    expect(hasHashtag('رقم 5 في القائمة')).toBe(false);
    expect(endsMidPhrase('… 13 شخصا مقابل')).toBe(true);
    expect(endsMidPhrase('أعلنت الحكومة خطة جديدة.')).toBe(false);
    expect(isFragmentFigure('إلى 92 نقطة')).toBe(true);
    expect(isFragmentFigure('شيكل (أكثر من 190 مليون')).toBe(true);
    expect(isFragmentFigure('الذي يتأخر عنه 22 نقطة')).toBe(true);
    expect(isFragmentFigure('ليفربول: 92 نقطة')).toBe(false);
  });

  it('finds bullets cut right after a number whose unit, counted noun or range end the sentence goes on to give', () => {
    const sentence = 'وقدرت البلدية تكلفة الجسر الجديد بنحو 40 مليون دينار، وتستغرق الأعمال 9 أشهر بين 13 و17 ساعة يوميا منذ عام 2015 في الحي.';
    expect(endsBeforeUnit('وقدرت البلدية تكلفة الجسر الجديد بنحو 40', sentence)).toBe(true);
    expect(endsBeforeUnit('وقدرت البلدية تكلفة الجسر الجديد بنحو 40 مليون دينار، وتستغرق الأعمال 9', sentence)).toBe(true);
    expect(endsBeforeUnit('… وتستغرق الأعمال 9 أشهر بين 13', sentence)).toBe(true);
    expect(endsBeforeUnit('ونسبة النمو 3.5', 'ونسبة النمو 3.5 % هذا العام')).toBe(true);
    expect(endsBeforeUnit('ونسبة النمو 3.5', 'ونسبة النمو 3.5 في المئة هذا العام')).toBe(true);
    // A number that ends its phrase, a bullet that ends with its sentence, a bullet with no sentence.
    expect(endsBeforeUnit('… ساعة يوميا منذ عام 2015', sentence)).toBe(false);
    expect(endsBeforeUnit('ونسبة النمو 3.5', 'ونسبة النمو 3.5، بحسب الوزارة')).toBe(false);
    expect(endsBeforeUnit('ونسبة النمو 3.5', 'ونسبة النمو 3.5 والتضخم 2')).toBe(false);
    expect(endsBeforeUnit('وبلغت النسبة 3.5.', 'وبلغت النسبة 3.5. مليون')).toBe(false);
    expect(endsBeforeUnit('وقدرت البلدية تكلفة الجسر الجديد بنحو 40', undefined)).toBe(false);
    // A counted noun with its own «و» or «ف», a scale, a month written two ways, a score, «و(50».
    const more = 'ويضم المجمع 40 وحدة على مساحة 500 فدان بتكلفة 3 آلاف ريال، ويفتتح في 14 شباط/فبراير بعد فوز بنتيجة 3 - 1 وبمشاركة و(50 قائدا).';
    for (const cut of ['ويضم المجمع 40', 'على مساحة 500', 'بتكلفة 3', 'ويفتتح في 14', 'بعد فوز بنتيجة 3', 'وبمشاركة و(50']) expect(endsBeforeUnit(cut, more), cut).toBe(true);
    // A year after its naming word, a number before «و» and a verb.
    expect(endsBeforeUnit('في عام 2015', 'في عام 2015 شهدت المدينة افتتاح مستشفاها.')).toBe(false);
    expect(endsBeforeUnit('بلغ عدد زواره 300', 'بلغ عدد زواره 300 ويتوقع أن يرتفع.')).toBe(false);
  });

  it('finds bullets cut where their last words want what follows: a partitive, a verb of saying, a clause of one or two words', () => {
    expect(endsWanting('وتم العثور على المياه في احد اضخم')).toBe(true);
    expect(endsWanting('يشكو المرضى سوء النظافة بإحدى')).toBe(true);
    expect(endsWanting('ضم النادي لاعبين جددا إلى سلسلة التعاقدات وأشارت')).toBe(true);
    expect(endsWanting('وأشاد بالمعرض الذي قال')).toBe(true);
    expect(endsWanting('ويرفض البيع بكل بساطة لأنه يملك')).toBe(true);
    expect(endsWanting('ويمتد موسم الحصاد هذا العام لأكثر')).toBe(true);
    expect(endsWanting('وارتفع عدد المصابين إلى عشرين، حسبما ذكرت')).toBe(true);
    expect(endsWanting('ونقلت القناة المباراة في بث حي')).toBe(false);
    // Whole phrases: a list's last item, a clause of three words or more, a sentence that ends.
    expect(endsWanting('دعا إلى الفتوة والعنفوان والقوة والحماسة')).toBe(false);
    expect(endsWanting('لم يتغير جدول الحافلات هذا الشتاء')).toBe(false);
    expect(endsWanting('والتقى الوفد بأحد المسؤولين الذي وصل أمس إلى الرياض')).toBe(false);
    // A relative clause closed by its pronoun, a clause of two words, «أحد» as «anyone».
    expect(endsWanting('وافتتح أحد المساجد التي بنتها')).toBe(false);
    expect(endsWanting('وتحدث عن توماس أديسون الذي اخترع الكهرباء')).toBe(false);
    expect(endsWanting('أنهت الطالبة مشروعها وحدها ولم تستعن بأحد')).toBe(false);
    // An elative after a preposition wants a noun; after a noun it is an adjective.
    expect(endsWanting('فكانا من أهم')).toBe(true);
    expect(endsWanting('امتلأت المقاعد هذا العام بشكل أكبر')).toBe(false);
    expect(endsWanting('وصل الوزير إلى العاصمة، حيث استقبله أحد.')).toBe(false);
    // A noun that wants its genitive: a title, a body, a place («… من معسكر», «وحزب», «لرئيس»).
    expect(endsWanting('وأفادت الأنباء الواردة من معسكر')).toBe(true);
    expect(endsWanting('اشتبكت القوات مع مقاتلي حزب العمال وحزب')).toBe(true);
    expect(endsWanting('اجتمع المحافظ بالمستشار الأول لرئيس')).toBe(true);
    expect(endsWanting('وقع القصف في وسط مدينة')).toBe(true);
    expect(endsWanting('وصل إلى الرياض أمس وزير')).toBe(true);
    expect(endsWanting('التقى الوفد ولي')).toBe(true);
    // An attribution without its source («، حسب», «، وفقا لما», «، بحسب ما أعلنت»).
    expect(endsWanting('وسبب وفاة نحو 40 شخصا، حسب')).toBe(true);
    expect(endsWanting('عثر على حطام الطائرة، وفقا لما')).toBe(true);
    expect(endsWanting('عثر على حطام الطائرة، بحسب ما أعلنت')).toBe(true);
    expect(endsWanting('عثر على حطام الطائرة، بحسب ما أعلنت الوزارة')).toBe(false);
    expect(endsWanting('واجتمع الوزير برئيس الحزب ومدينته')).toBe(false);
    expect(endsWanting('وقع القصف في وسط مدينة الرمادي.')).toBe(false);
    expect(endsWanting('وافتتح الأمير مركز الأورام في المدينة')).toBe(false);
  });

  it('finds bullets that are a page\'s link line, not a sentence that names a link', () => {
    expect(isLinkBullet('رابط الخبر بصحيفة الساحل: مكتبة الروضة تستقبل قراءها الأوائل')).toBe(true);
    expect(isLinkBullet('إقرأ أيضا: مدرب المنتخب يكشف عن قائمته الجديدة')).toBe(true);
    expect(isLinkBullet('اقرأ أيضًا – ارتفاع أسعار النفط')).toBe(true);
    expect(isLinkBullet('اقرأ: (وزير الخارجية يلتقي نظيره)')).toBe(true);
    expect(isLinkBullet('رابط التقرير على موقع الوزارة: تقرير الربع الثاني')).toBe(true);
    expect(isLinkBullet('ونشرت البلدية على رابط صفحتها الرسمية جدول نوادي القراءة')).toBe(false);
    expect(isLinkBullet('رابط الخبر الذي نشرته الصحيفة أثار جدلا واسعا')).toBe(false);
    expect(isLinkBullet('قد يهمك| خطيبة الصحفي تكشف عن خطتها')).toBe(true);
    expect(isLinkBullet('قد يهمك أيضا: افتتاح معرض الكتاب')).toBe(true);
    expect(isLinkBullet('اقرأ أيضا/ الحكومة تعلن خطة جديدة للنقل')).toBe(true);
    expect(isLinkBullet('تابعونا على تويتر لمعرفة آخر الأخبار')).toBe(true);
    expect(isLinkBullet('للمزيد من المعلومات زوروا موقع الوزارة')).toBe(true);
    expect(isLinkBullet('قد يهمك أن تعرف أن التسجيل مدد حتى نهاية الشهر')).toBe(false);
    expect(isLinkBullet('وتابعوا: «سنواصل العمل»')).toBe(false);
  });

  it('writes one { id, headline, summary, figures } line per row with --out', () => {
    const dir = mkdtempSync(join(tmpdir(), 'digests-'));
    const data = join(dir, 'rows.jsonl');
    writeFileSync(data, `${JSON.stringify({ id: 'r1', title: 'المغرب يدعو إلى تعاون', text: 'الرباط - دعا المغرب إلى تعاون أمني عادل مع جيرانه. وقال مسؤول إن التعاون مع إسبانيا بلغ 37 في المئة من المبادلات.' })}\n`);
    const out = join(dir, 'out.jsonl');
    expect(run(['digests', '--data', data, '--out', out])).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(Object.keys(lines[0]!).sort()).toEqual(['figures', 'headline', 'id', 'summary']);
    expect(lines[0]!.id).toBe('r1');
    expect(lines[0]!.headline).toBe('المغرب يدعو إلى تعاون');
    // One bullet per line, each a non-empty phrase, at most the composer's three.
    const bullets = String(lines[0]!.summary).split('\n');
    expect(bullets.length).toBeGreaterThan(0);
    expect(bullets.length).toBeLessThanOrEqual(3);
    for (const b of bullets) expect(b.trim().length).toBeGreaterThan(10);
    expect(String(lines[0]!.summary)).not.toContain('الرباط');
    expect(Array.isArray(lines[0]!.figures)).toBe(true);
  });
});
