/**
 * Key figures, one test per pattern, on a sentence of the sample article and on sentences written
 * for these tests after the shapes real outlets use (league tables, oil-market reports, tallies,
 * ministry figures). A figure is «label: value», both from the sentence's words, never opening on a
 * function word, never leaving a bracket open, each value once.
 */
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/composer/index.js';
import { figuresOf } from '../../src/composer/stages/extract-key-figures.js';
import { sampleArticle } from '../helpers.js';

const figures = (s: string): string[] => figuresOf(s).map((f) => f.figure);

describe('key figures', () => {
  it('shares (the sample): Spain first, then France, each with what it counts', () => {
    const s = 'حيث جاء التعاون مع إسبانيا في المرتبة الأولى بنسبة 37 في المئة، متبوعا بالتعاون الشرطي مع فرنسا بنسبة 28 في المئة، وألمانيا بـ11 في المئة، والولايات المتحدة الأميركية بنسبة مئوية بلغت 10 في المئة.';
    expect(figures(s)).toEqual([
      'التعاون مع إسبانيا: 37 في المئة',
      'التعاون الشرطي مع فرنسا: 28 في المئة',
      'ألمانيا: 11 في المئة',
      'الولايات المتحدة الأميركية: 10 في المئة',
    ]);
  });

  it('league points: each club with its points', () => {
    expect(figures('تقدم فريق الشباب إلى 33 نقطة بعد فوزه في الجولة الأخيرة، فيما تجمد رصيد منافسه الاتفاق عند 30 نقطة.')).toEqual([
      'تقدم فريق الشباب: 33 نقطة',
      'تجمد رصيد منافسه الاتفاق: 30 نقطة',
    ]);
  });

  it('prices: the price named, and a change in cents', () => {
    expect(figures('ويحتاج المنتجون إلى أن يبلغ سعر البرميل 60 دولارا على الأقل لتغطية نفقاتهم، بحسب تقديرات مصرفية.')).toEqual(['سعر البرميل: 60 دولارا']);
    expect(figures('وتراجعت عقود الذهب الآجلة 12 دولارا في جلسة الأمس، بينما كسبت الفضة 30 سنتا.')).toEqual([
      'تراجعت عقود الذهب الآجلة: 12 دولارا',
      'كسبت الفضة: 30 سنتا',
    ]);
  });

  it('a value after «أمام»: the definite phrase nearest it, not the verb of a relative clause before that', () => {
    const s = 'تأهل المنتخب الوطني إلى المباراة النهائية بعد فوزه على منافسه بهدفين مقابل هدف واحد، في مباراة مثيرة احتضنها الملعب الدولي أمام أكثر من 45 ألف متفرج.';
    expect(figures(s)).toEqual(['الملعب الدولي: أكثر من 45 ألف متفرج']);
    // With a function word to cut at, the phrase after it, as before.
    expect(figures('تأهل المنتخب إلى النهائي بعد فوزه في مباراة مثيرة أمام أكثر من 45 ألف متفرج.')).toEqual(['مباراة مثيرة: أكثر من 45 ألف متفرج']);
  });

  it('casualties: the approximation stays with the number', () => {
    expect(figures('وأحصت فرق الإسعاف إصابة أكثر من 40 شخصا في المواجهات.')).toEqual(['وأحصت فرق الإسعاف إصابة: أكثر من 40 شخصا']);
  });

  it('percentages: the subject of the rise, not the quarter it rose in; the approximated total left without a label is left out', () => {
    const s = 'وقالت الهيئة في بيان إن عدد ركاب المطار زاد في الربع الأول بنسبة 9.3% ليصل إلى نحو 4 ملايين راكب.';
    expect(figures(s)).toEqual(['عدد ركاب المطار زاد: 9.3%']);
  });

  it('dates: a day and a month, with the year', () => {
    expect(figures('تنطلق الانتخابات البرلمانية في 15 سبتمبر 2018 في كل المحافظات.')).toEqual(['تنطلق الانتخابات البرلمانية: 15 سبتمبر 2018']);
  });

  it('an aside in brackets is not a figure, and no figure opens on a function word or leaves a bracket open', () => {
    const out = figures('وقدرت قيمة العقد بنحو 450 مليون يورو (نحو 490 مليون دولار).');
    expect(out).toEqual(['قيمة العقد: نحو 450 مليون يورو']);
    for (const f of figures('ويملك النادي قرابة 80 ألف منتسب يدفعون اشتراكات تصل إلى 30 مليون ريال (8 ملايين دولار) كل موسم.')) {
      expect(f).not.toMatch(/[()]/);
      expect(f).not.toMatch(/^(في|من|إلى|على|عن|مع|الذي|التي|و|ب)\s/);
    }
  });

  it('a label of one word is a noun of measure, never a lone verb or fragment; an item of a list keeps its name without «و»', () => {
    expect(figures('قتل 27 شخصا.')).toEqual([]);
    expect(figures('وسجلت الشركة أرباحا جيدة هذا الربع، بزيادة 4 في المئة عن العام الماضي.')).toEqual(['زيادة: 4 في المئة']);
    expect(figures('وبلغت البطالة 24 في المئة.')).toEqual(['البطالة: 24 في المئة']);
    // A noun of ratio alone says nothing: «نسبة: 2.5%».
    expect(figures('وبلغت النسبة 2.5 في المئة.')).toEqual([]);
    expect(figures('وحصلت إسبانيا على 37 في المئة من المنح، وفرنسا 28 في المئة، وألمانيا 11 في المئة، والنمسا 3 في المئة.')).toEqual(['وحصلت إسبانيا: 37 في المئة', 'فرنسا: 28 في المئة', 'ألمانيا: 11 في المئة', 'النمسا: 3 في المئة']);
    // An ordinal alone names nothing: «والثاني 30 في المئة» gives no «الثاني: …».
    expect(figures('ونال الحزب الفائز 40 في المئة من الأصوات، والثاني 30 في المئة.')).toEqual(['ونال الحزب الفائز: 40 في المئة']);
  });

  it('a duration or a date needs a label that says what lasts or what falls on it', () => {
    expect(figures('وعمل الراحل في الصحافة 35 عاما قبل أن يتقاعد.')).toEqual([]);
    expect(figures('وقضت المحكمة بسجنه 12 عاما.')).toEqual(['وقضت المحكمة بسجنه: 12 عاما']);
    expect(figures('وتوفي الكاتب في القاهرة في 30 مايو 1988.')).toEqual([]);
    expect(figures('ويعقد المؤتمر السنوي للجمعية في 16 أغسطس.')).toEqual(['ويعقد المؤتمر السنوي للجمعية: 16 أغسطس']);
  });

  it('no label runs on from the figure before it, names the source of a figure, or ends on a word of time', () => {
    const out = figures('وأنتج الحقل الجديد 80 ألف برميل يوميا تضاف إليها 15 ألف برميل من المكثفات.');
    expect(out).toEqual(['وأنتج الحقل الجديد: 80 ألف برميل']);
    for (const f of out) expect(f).not.toMatch(/^يوميا/);
    expect(figures('ووفقا لمركز الإحصاء الوطني بلغ 10.8 في المئة.')).toEqual([]);
    expect(figures('وشارك في العام 1600 مشارك.')).toEqual([]);
    expect(figures('وبلغ الإنتاج المتوقع هذا العام 1.5 مليون طن.')).toEqual(['الإنتاج المتوقع: 1.5 مليون طن']);
  });

  it('«بأكثر من» belongs to the value; a label with another number or a month in it mixes two figures and is left out', () => {
    expect(figures('وتراجعت البورصة بأكثر من 3 في المئة.')).toEqual(['تراجعت البورصة: أكثر من 3 في المئة']);
    expect(figures('وسجل اللاعب ثلاثة أهداف في 17 مباراة.')).toEqual([]);
    expect(figures('وأعلنت الوزارة في منتصف يناير توظيف 30 ألف معلم.')).toEqual([]);
    expect(figures('وكانت على متن الطائرة المنكوبة 66 شخصا.')).toEqual(['متن الطائرة المنكوبة: 66 شخصا']);
  });

  it('«عدد» and «نسبة» head the label when a noun follows them', () => {
    expect(figures('وقال المتحدث إن عدد المصابين ارتفع إلى 120 مصابا.')).toEqual(['عدد المصابين ارتفع: 120 مصابا']);
    expect(figures('وبلغت نسبة البطالة بين الشباب 18 في المئة.')).toEqual(['نسبة البطالة بين الشباب: 18 في المئة']);
  });

  it('items of a list joined by «و» after a figure keep their names; a word left after «كما» is no item', () => {
    expect(figures('وبلغت الصادرات 20 مليار ريال والواردات 15 مليار ريال.')).toEqual(['الصادرات: 20 مليار ريال', 'الواردات: 15 مليار ريال']);
    expect(figures('وانخفضت البطالة 2 في المئة والتضخم 1 في المئة.')).toEqual(['وانخفضت البطالة: 2 في المئة', 'التضخم: 1 في المئة']);
    const signings = figures('وضم النادي مهاجما في صفقة بلغت 20 مليون يورو، كما تعاقد مع حارس مرمى شاب مقابل 30 مليون يورو.');
    expect(signings.length).toBeGreaterThan(0);
    for (const f of signings) expect(f).not.toMatch(/^تعاقد:/);
  });

  it('«مدة» heads a duration; «العام» and a day stay when they belong to the noun before them', () => {
    expect(figures('وتبلغ مدة العقد 3 سنوات.')).toEqual(['مدة العقد: 3 سنوات']);
    expect(figures('وبلغ الدين العام 100 مليار دولار.')).toEqual(['الدين العام: 100 مليار دولار']);
    expect(figures('وبلغت رواتب القطاع العام 50 مليار ريال.')).toEqual(['رواتب القطاع العام: 50 مليار ريال']);
    expect(figures('وبلغت تكاليف غداء ظهر الجمعة 300 ريال.')).toEqual(['تكاليف غداء ظهر الجمعة: 300 ريال']);
    // A day or a year that only says when goes.
    expect(figures('وقتل مسلح الاثنين 8 أشخاص في سوق شعبي.')).toEqual(['وقتل مسلح: 8 أشخاص']);
    expect(figures('وبلغت موازنة العام 20 مليار دينار.')).toEqual(['موازنة: 20 مليار دينار']);
    expect(figures('وسجلت الأسعار منتصف العام 15 في المئة.')).toEqual(['وسجلت الأسعار: 15 في المئة']);
    // A noun of ratio alone is no item of a list.
    expect(figures('وبلغت حصة الحكومة 53 في المئة، ونسبة 33 في المئة للمعارضة.')).toEqual(['حصة الحكومة: 53 في المئة']);
  });

  it('a label never loses the negation before it, nor ends on a detached «الـ»; an end of a range is no figure of its own', () => {
    // «لا تزال …» means «still»: the label starts after it.
    expect(figures('ولا تزال المدينة تحتفظ بأعلى رصيد يبلغ 40 مليون دينار حتى اليوم.').join(' | ')).not.toMatch(/^تزال|\| تزال/);
    expect(figures('ولم يتجاوز إنتاج المصنع 12 ألف طن في الموسم.')).toEqual([]);
    // «لا يزال», «ما زال», «لم يزل» say «still»: the figure stands, without «يزال» in its label.
    expect(figures('ولا يزال عدد المرضى في المستشفى 40 شخصا.')).toEqual(['عدد المرضى في المستشفى: 40 شخصا']);
    expect(figures('وما زالت نسبة البطالة 12 في المئة.')).toEqual(['نسبة البطالة: 12 في المئة']);
    // «لا … سوى» says «only»: the label stands.
    expect(figures('ولا تمثل النساء في المجلس سوى 30 في المئة من أعضائه.').some((f) => f.endsWith(': 30 في المئة'))).toBe(true);
    // «الـ 38» keeps its article with the number, not at the label's end.
    const age = figures('وتوفي الشاعر عن عمر يناهز الـ 38 عاماً بعد مرض طويل.');
    expect(age).toHaveLength(1);
    expect(age[0]).toMatch(/عمر: 38 عاماً$/);
    // «بين 4% و6%»: neither end alone is what the label says.
    const range = figures('وبلغ ارتفاع الأجور 11% متجاوزا تقديرات المحللين بين 4% و6% للقطاع العام.');
    expect(range.some((f) => f.endsWith(': 11%')), range.join(' | ')).toBe(true);
    expect(range.some((f) => f.endsWith(': 4%') || f.endsWith(': 6%')), range.join(' | ')).toBe(false);
    expect(figures('وتوقع المحللون نمو الأجور بين 4% و6% هذا العام.')).toEqual([]);
    for (const sentence of ['وارتفع سعر تذكرة الحافلة من 3 دولارات إلى 5 دولارات.', 'وبلغت الإيرادات من 3 ملايين دولار إلى 5 ملايين دولار.']) {
      const fromTo = figures(sentence);
      expect(fromTo.some((f) => /: 3 /.test(f)), fromTo.join(' | ')).toBe(false);
    }
    // «من … إلى …» gives the value reached, with the label before «من».
    expect(figures('وبلغت الإيرادات من 3 ملايين دولار إلى 5 ملايين دولار.')).toEqual(['الإيرادات: 5 ملايين دولار']);
    // A range written with «و» apart, or «لـ» glued: no end alone.
    expect(figures('وتراوحت الأسعار بين 4% و 6% هذا العام.')).toEqual([]);
    expect(figures('وتراوحت الأسعار بين 4% إلى 6% هذا العام.')).toEqual([]);
    // A range's word alone does not hide a figure that is not in one.
    expect(figures('ووقعت الحكومة اتفاقا بين الشركتين بقيمة 15 مليون دولار.').some((f) => f.endsWith('15 مليون دولار'))).toBe(true);
  });

  it('a label does not open on the conjunction «و» glued to a verb; a noun\'s own «و» stays', () => {
    expect(figures('وتستهدف الجمعية رفع الصادرات بنسبة 10 في المئة.')).toEqual(['تستهدف الجمعية رفع الصادرات: 10 في المئة']);
    expect(figures('وأنفقت البلدية على الحدائق 3 ملايين دينار.')).toEqual(['أنفقت البلدية على الحدائق: 3 ملايين دينار']);
    expect(figures('وتيرة البناء بلغت 40 في المئة.').every((f) => f.startsWith('وتيرة'))).toBe(true);
  });

  it('gives each value once in a digest', () => {
    const d = composeDigest({
      id: 'p', title: 'النصر ينفرد بالصدارة', source: { name: 'نص' },
      sections: [{ paragraphs: [
        'وبلغ رصيد فريق النصر 61 نقطة بعد انتصاره الأخير، ليبقى وحده في المقدمة.',
        'ويبتعد الفريق بفارق 9 نقاط عن أقرب ملاحقيه الذي يتأخر عنه 9 نقاط قبل أربع جولات من النهاية.',
      ] }],
    });
    const values = d.keyFigures.map((f) => f.split(': ')[1]);
    expect(new Set(values).size).toBe(values.length);
    expect(d.keyFigures).toContain('رصيد فريق النصر: 61 نقطة');
  });

  it('the sample digest: every figure is «label: value»', () => {
    const d = composeDigest(sampleArticle(), { maxBullets: 12 });
    expect(d.keyFigures.length).toBeGreaterThan(0);
    for (const f of d.keyFigures) expect(f).toMatch(/^[^:]+: .*[0-9]/);
  });
});
