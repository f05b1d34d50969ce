import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/composer/index.js';
import type { Article } from '../../src/core/types.js';
import { isInOrderSubsequence, sampleArticle } from '../helpers.js';

const article = (paragraphs: string[], title?: string): Article => ({
  id: 't',
  ...(title ? { title } : {}),
  source: { name: 'اختبار' },
  sections: [{ paragraphs }],
});
const words = (s: string): number => s.split(/\s+/).length;

describe('composeDigest', () => {
  it('writes a digest of the sample article: the title as headline and up to three bullets', () => {
    const d = composeDigest(sampleArticle());
    expect(d.headline).toBe('المغرب يدعو إلى تعاون استخباراتي عادل في مواجهة المخاطر');
    expect(d.bullets.length).toBeGreaterThan(0);
    expect(d.bullets.length).toBeLessThanOrEqual(3);
    expect(d.warnings).toEqual([]);
  });

  it('keeps every bullet of the sample within 30 words and an in-order subsequence of its source sentence', () => {
    const d = composeDigest(sampleArticle(), { maxBullets: 10 });
    expect(d.bullets.length).toBeGreaterThanOrEqual(5);
    for (const b of d.bullets) {
      expect(words(b.text)).toBeLessThanOrEqual(30);
      expect(isInOrderSubsequence(b.text, b.sourceSentence)).toBe(true);
      expect(sampleArticle().sections[b.section]!.paragraphs.join('\n')).toContain(b.sourceSentence);
    }
  });

  it('keeps the word a magnitude counts in a key figure ("45 ألف متفرج", "1.5 مليون طن"), and no function word', () => {
    const d = composeDigest({
      id: 'f', title: 'المنتخب يتأهل إلى النهائي', source: { name: 'نص' },
      sections: [{ paragraphs: [
        'تأهل المنتخب الوطني إلى المباراة النهائية بعد فوزه في مباراة مثيرة أمام أكثر من 45 ألف متفرج.',
        'وقال رئيس الجمعية إن الإنتاج المتوقع هذا العام يقارب 1.5 مليون طن، بزيادة 4 في المئة.',
        'وبلغت قيمة الصفقة 3 ملايين من الدولارات.',
      ] }],
    }, { maxBullets: 3 });
    const figures = d.keyFigures.join(' | ');
    expect(figures).toContain('45 ألف متفرج');
    expect(figures).toContain('1.5 مليون طن');
    expect(figures).toContain('زيادة: 4 في المئة');
    expect(figures).toContain('قيمة الصفقة: 3 ملايين');
    expect(figures).not.toContain('ملايين من');
  });

  it('keeps the key figures of the sample (Spain 37 %, France 28 %, Germany 11 %) when their sentence is selected', () => {
    const d = composeDigest(sampleArticle(), { maxBullets: 12 });
    const figuresBullet = d.bullets.find((b) => b.sourceSentence.includes('إسبانيا'));
    expect(figuresBullet).toBeDefined();
    expect(figuresBullet!.text).toContain('إسبانيا في المرتبة الأولى بنسبة 37 في المئة');
    expect(figuresBullet!.text).toContain('فرنسا بنسبة 28 في المئة');
    expect(d.keyFigures).toContain('التعاون مع إسبانيا: 37 في المئة');
    expect(d.keyFigures).toContain('التعاون الشرطي مع فرنسا: 28 في المئة');
    expect(d.keyFigures).toContain('ألمانيا: 11 في المئة');
  });

  it('drops the dateline "الرباط -" from the lead bullet', () => {
    const d = composeDigest(sampleArticle());
    expect(d.bullets[0]!.text.startsWith('الرباط')).toBe(false);
    expect(d.bullets[0]!.text).toContain('عن نهج مشترك للأمن');
  });

  it('is deterministic', () => {
    expect(composeDigest(sampleArticle())).toEqual(composeDigest(sampleArticle()));
  });

  it('makes a headline from the lead when the article has no title', () => {
    const d = composeDigest(article(['أعلنت الحكومة اليوم عن خطة جديدة لدعم الزراعة في المناطق الريفية بقيمة مليار دولار.', 'وقال الوزير إن الخطة تبدأ الشهر المقبل.']));
    expect(d.headline.length).toBeGreaterThan(0);
    expect(words(d.headline)).toBeLessThanOrEqual(14);
  });

  it('skips redundant sentences', () => {
    const s = 'أعلنت الحكومة اليوم عن خطة جديدة لدعم الزراعة في المناطق الريفية.';
    const d = composeDigest(article([s, s, 'وقال الوزير إن تنفيذ الخطة يبدأ الشهر المقبل في ثلاث محافظات.']));
    expect(d.bullets.filter((b) => b.sourceSentence === s)).toHaveLength(1);
  });

  it('prefers content over a short caption line', () => {
    const d = composeDigest(
      article(['الحرب السورية: من يقاتل من', 'أعلنت الأمم المتحدة أن عدد النازحين تجاوز مليون شخص خلال الشهر الماضي في شمال البلاد.'], 'النزوح في سوريا'),
      { maxBullets: 1 },
    );
    expect(d.bullets[0]!.sourceSentence).toContain('الأمم المتحدة');
  });

  it('never makes a bullet of a caption or rubric of a few words while the article has a sentence (with or without «؟»)', () => {
    const un = 'أعلنت الأمم المتحدة أن عدد النازحين تجاوز مليون شخص خلال الشهر الماضي في شمال البلاد.';
    for (const caption of ['أزمة النزوح: أسئلة وأجوبة', 'قصة النزوح بالصور', 'الحرب في الشمال: خريطة القوى المتقاتلة', 'من يقاتل من في الشمال؟']) {
      for (const maxBullets of [1, 3]) {
        const d = composeDigest(article([caption, un], 'النزوح في الشمال'), { maxBullets });
        expect(d.bullets.map((b) => b.text)).toEqual([un]);
      }
    }
  });

  it('never makes a bullet of a line of three words or fewer while the article has a sentence, full stop or not («ألف مبروك.», «الجزء الأول.»)', () => {
    const un = 'أعلنت الأمم المتحدة أن عدد النازحين تجاوز مليون شخص خلال الشهر الماضي في شمال البلاد.';
    const more = 'وقالت المفوضية إن المخيمات في المنطقة الحدودية لم تعد تتسع لمزيد من الأسر القادمة.';
    for (const short of ['ألف مبروك.', 'الجزء الأول.', 'بسبب البرد القارس.', 'تهانينا!']) {
      const d = composeDigest(article([un, short, more], 'النزوح في الشمال'), { maxBullets: 3 });
      expect(d.bullets.map((b) => b.text)).toEqual([un, more]);
    }
    // With nothing else, a short line is still the digest.
    expect(composeDigest(article(['انهيار جسر المدينة.', 'ألف مبروك.'], 'حادث في المدينة')).bullets.map((b) => b.text)).toEqual(['انهيار جسر المدينة.']);
  });

  it('makes no bullet of what a line\'s dateline-like opening leaves without an Arabic word («* أهلا بكم في ركن الأسبوع - 312»)', () => {
    const d = composeDigest(article(['* أهلا بكم في ركن الأسبوع - 312', 'تعد الذاكرة من أعقد ما يملكه الإنسان، وهي تحفظ تجاربه منذ الطفولة.'], 'الذاكرة والإنسان'), { maxBullets: 3 });
    expect(d.bullets.map((b) => b.text)).toEqual(['تعد الذاكرة من أعقد ما يملكه الإنسان، وهي تحفظ تجاربه منذ الطفولة.']);
  });

  it('keeps the news of a short breaking item: a first line with a title that says nothing, or none, is no caption; «التفاصيل لاحقاً» is no news', () => {
    for (const title of ['عاجل', '']) {
      for (const rest of ['التفاصيل لاحقاً.', 'المزيد من التفاصيل في وقت لاحق.', 'ويلتقي خلال الزيارة عددا من المسؤولين.']) {
        const d = composeDigest(article(['وزير الخارجية يصل إلى الرياض', rest], title), { maxBullets: 3 });
        expect(d.bullets[0]!.text).toBe('وزير الخارجية يصل إلى الرياض');
        expect(d.bullets.map((b) => b.text).join(' ')).not.toContain('التفاصيل');
      }
    }
    // A short line that ends on «!» is a sentence.
    const cup = composeDigest(article(['المنتخب يتأهل إلى كأس العالم!', 'وحسم المنتخب تأهله بعد فوزه في المباراة الأخيرة من التصفيات بهدفين.'], 'فرحة في الشوارع'), { maxBullets: 3 });
    expect(cup.bullets.map((b) => b.text)).toContain('المنتخب يتأهل إلى كأس العالم!');
  });

  it('fills the place of a chosen line that cannot be a bullet (it ends mid-phrase) with the next sentence', () => {
    const un = 'أعلنت الأمم المتحدة أن عدد النازحين تجاوز مليون شخص خلال الشهر الماضي في شمال البلاد.';
    const d = composeDigest(article(['وقالت المنظمة في بيانها الذي نشرته صباح اليوم على موقعها الرسمي إن من بين النازحين أطفالا ونساء وكبارا في السن من', un], 'النزوح في الشمال'), { maxBullets: 1 });
    expect(d.bullets.map((b) => b.text)).toEqual([un]);
  });

  it('does not make a bullet of a list\'s lead-in ending in «:» without its items, and fills its place', () => {
    const leadIn = 'أعلنت بلدية المدينة مواعيد جديدة لحافلات النقل العام في الأحياء الشرقية تبدأ مطلع الشهر المقبل على النحو التالي:';
    const said = 'وقال مدير النقل في البلدية إن المواعيد الجديدة تراعي ساعات الدوام في المدارس والجامعات والأسواق.';
    const d = composeDigest(article([leadIn, 'من السادسة صباحا حتى العاشرة ليلا.', said], 'مواعيد جديدة لحافلات النقل العام'), { maxBullets: 1 });
    expect(d.bullets.map((b) => b.text)).toEqual([said]);
    // A lead-in whose items follow it in the sentence is a bullet.
    const withItems = 'وتشمل المواعيد الجديدة لحافلات النقل العام خطين: خط الجامعة وخط السوق القديم.';
    expect(composeDigest(article([withItems], 'مواعيد جديدة لحافلات النقل العام'), { maxBullets: 1 }).bullets.map((b) => b.text)).toEqual([withItems]);
  });

  describe('bad input', () => {
    it('returns an empty digest with a warning for an empty article', () => {
      const d = composeDigest(article([]));
      expect(d.bullets).toEqual([]);
      expect(d.warnings.map((w) => w.code)).toEqual(['empty']);
    });
    it('returns an empty digest with a warning for English text', () => {
      const d = composeDigest(article(['The central bank raised interest rates by half a point on Tuesday, citing inflation.']));
      expect(d.bullets).toEqual([]);
      expect(d.warnings.map((w) => w.code)).toEqual(['not-arabic']);
    });
    it('calls an Arabic text of a few letters too short, not «not Arabic» (a column whose text is its author\'s name)', () => {
      const d = composeDigest(article(['سامر الخليلي'], 'مقالات الرأي'));
      expect(d.bullets).toEqual([]);
      expect(d.warnings.map((w) => w.code)).toEqual(['too-short']);
      // A few Latin words with one Arabic word are still not Arabic.
      expect(composeDigest(article(['Breaking news from the city: عاجل'])).warnings.map((w) => w.code)).toEqual(['not-arabic']);
    });
    it('returns an empty digest with a warning for binary data', () => {
      const bytes = Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)).toString('utf8');
      const d = composeDigest(article([bytes]));
      expect(d.bullets).toEqual([]);
      expect(d.warnings.map((w) => w.code)).toContain('binary');
    });
    it('returns an empty digest for text with only diacritics', () => {
      const d = composeDigest(article(['\u064E\u064F\u0650\u0651\u0652'.repeat(50)]));
      expect(d.bullets).toEqual([]);
      expect(d.warnings.length).toBeGreaterThan(0);
    });
    it('reads the beginning of a 5 MB article and warns that it was truncated', () => {
      const para = 'أعلنت الحكومة اليوم عن خطة جديدة لدعم الزراعة في المناطق الريفية بقيمة مليار دولار. ';
      const paragraphs = Array.from({ length: Math.ceil((5 * 1024 * 1024) / (para.length * 2 * 10)) }, (_, i) => `${para.repeat(10)} رقم ${i}.`);
      const d = composeDigest(article(paragraphs));
      expect(d.bullets.length).toBeGreaterThan(0);
      expect(d.warnings.map((w) => w.code)).toContain('truncated');
    });
    it('composes mixed Arabic and English text from its Arabic sentences', () => {
      const d = composeDigest(
        article(['The report was published in London.', 'أعلنت منظمة الصحة العالمية أن حالات الإصابة تراجعت بنسبة 20 في المئة خلال الأسبوع الماضي.', 'More details will follow.']),
        { maxBullets: 1 },
      );
      expect(d.bullets[0]!.text).toContain('20 في المئة');
    });
  });
});

describe('a link line of the page is no bullet', () => {
  it('«رابط الخبر بصحيفة …: <title>», «إقرأ أيضا: <another story>» and «للمزيد: …» are left out; a sentence that mentions a link stays', () => {
    const d = composeDigest({
      id: 'links', title: 'مكتبة عامة جديدة تفتح أبوابها في حي الروضة', source: { name: 'نص' },
      sections: [{ paragraphs: [
        'بعد عامين من البناء، صارت لحي الروضة مكتبته العامة: ثلاثة طوابق وقاعة للأطفال ونحو 30 ألف كتاب، افتتحتها البلدية صباح الخميس.',
        'والاشتراك مجاني لسكان المدينة، أما الزوار فيدفعون رسما رمزيا عن كل شهر.',
        'إقرأ أيضا: البلدية تزرع ألف شجرة على طريق الكورنيش..',
        'للمزيد: سوق للكتب المستعملة كل جمعة في الساحة القديمة',
        'ونشرت البلدية على رابط صفحتها الرسمية جدول نوادي القراءة التي تبدأ الشهر المقبل.',
        'رابط الخبر بصحيفة الساحل: مكتبة الروضة تستقبل قراءها الأوائل',
        // Run on after the story in one paragraph.
        'ويختم الأطفال مساء السبت أول ورشة للخط العربي في المكتبة.\u00a0 \u00a0 رابط الخبر بصحيفة الساحل: ورشة خط للصغار في الروضة',
      ] }],
    }, { maxBullets: 5 });
    const texts = d.bullets.map((b) => b.text);
    expect(texts.some((t) => /^(رابط|إقرأ|للمزيد)/.test(t))).toBe(false);
    expect(texts.some((t) => t.includes('ألف شجرة') || t.includes('الكتب المستعملة'))).toBe(false);
    expect(texts.some((t) => t.startsWith('ونشرت البلدية على رابط صفحتها'))).toBe(true);
    expect(texts.some((t) => t.startsWith('بعد عامين من البناء'))).toBe(true);
  });

  it('a body run into one paragraph after a link line keeps its story; «أيضًا» is matched with its tanwin; a sentence about a link stays', () => {
    const d = composeDigest({
      id: 'run-in', title: 'ميزانية جديدة لوزارة المالية', source: { name: 'نص' },
      sections: [{ paragraphs: [
        'اقرأ أيضًا: ارتفاع أسعار النفط في الأسواق العالمية. أعلنت وزارة المالية اليوم عن ميزانية جديدة تبلغ 300 مليار ريال للعام المقبل. وقال الوزير إن الإنفاق على التعليم والصحة سيرتفع بنسبة 8 في المئة عن العام الماضي. وأضاف أن العجز سيتراجع إلى 2 في المئة من الناتج المحلي.',
        'رابط الخبر الذي نشرته الصحيفة أثار جدلا واسعا بين القراء: فقد تداولوه آلاف المرات خلال ساعات من نشره أمس.',
        'رابط الخبر في وسائل التواصل أثار جدلا: فقد تناقله المغردون بعد دقائق من نشره على الموقع.',
        'اقرأ أيضاً.. أسعار الذهب تتراجع في الأسواق العالمية',
        'طالع أيضا: توقعات بارتفاع أسعار الوقود الشهر المقبل',
      ] }],
    }, { maxBullets: 5 });
    const texts = d.bullets.map((b) => b.text);
    expect(texts.some((t) => t.startsWith('أعلنت وزارة المالية اليوم'))).toBe(true);
    expect(texts.some((t) => t.includes('ارتفاع أسعار النفط'))).toBe(false);
    expect(texts.some((t) => t.startsWith('رابط الخبر الذي نشرته الصحيفة'))).toBe(true);
    expect(texts.some((t) => t.includes('الذهب') || t.includes('الوقود'))).toBe(false);
    // A short paragraph that opens with a link line keeps the story's sentence after it.
    const short = composeDigest({
      id: 'short', title: 'ميزانية جديدة لوزارة المالية', source: { name: 'نص' },
      sections: [{ paragraphs: ['اقرأ أيضا: ارتفاع أسعار النفط. وأوضحت وزارة المالية أن الميزانية الجديدة تشمل 40 مشروعا للتعليم والصحة.'] }],
    }, { maxBullets: 3 });
    expect(short.bullets.map((b) => b.text)).toEqual(['وأوضحت وزارة المالية أن الميزانية الجديدة تشمل 40 مشروعا للتعليم والصحة.']);
  });

  it('a sentence opening with «رابط الخبر» and a word that only starts like a preposition is no link line', async () => {
    const { isLinkLine } = await import('../../src/composer/stages/clean-text.js');
    expect(isLinkLine('رابط الخبر في وسائل التواصل أثار جدلا: فقد تناقله المغردون')).toBe(false);
    expect(isLinkLine('رابط الخبر منتشر على الشبكة: فقد تناقله المغردون')).toBe(false);
    expect(isLinkLine('رابط الخبر بصحيفة الشرق الأوسط اللندنية الصادرة اليوم: عنوان')).toBe(true);
  });

  it('link lines without a colon: «قد يهمك»/«اقرأ أيضا/», an invitation to follow the site, «لمزيد من التفاصيل», «اضغط هنا» ending a short line, a source credit', async () => {
    const { isLinkLine } = await import('../../src/composer/stages/clean-text.js');
    for (const line of [
      'قد يهمك| وزير الخارجية يلتقي نظيره الفرنسي في باريس',
      'قد يهمك أيضا: افتتاح معرض الكتاب في الرياض',
      'قد يهمك/\u00a0ارتفاع أسعار الذهب..',
      'قد يهمك..',
      'اقرأ أيضا/ الحكومة تعلن خطة جديدة للنقل العام',
      'اقرأ المزيد',
      'إقرأ أيضاً',
      'تابعونا على تويتر وفيسبوك لمعرفة آخر الأخبار',
      'تابعوا السباق لحظة بلحظة في بثنا الحي الليلة.',
      'للمزيد من المعلومات: زوروا الموقع الرسمي للوزارة',
      'لمزيد من التفاصيل حول الخدمة يمكنكم زيارة الموقع',
      'ملخص الشوط الأول بالصوت والصورة، اضغط هنا...',
      'للاطلاع على نص القرار كاملا انقر هنا',
      'المصدر: وكالات',
      'المصدر - صحيفة الوطن',
    ]) expect(isLinkLine(line), line).toBe(true);
    // Real sentences that open alike stay.
    for (const line of [
      'وتابعوا: «سنواصل العمل حتى نهاية الموسم».',
      'تابعوا: «لن نتراجع عن مطالبنا».',
      'قد يهمك أن تعرف أن الوزارة مددت التسجيل حتى نهاية الشهر.',
      'المصدر: «الوزير سيعلن القرار غدا بعد اجتماع مجلس الوزراء مع ممثلي القطاع الخاص».',
      'وقال المصدر: إن الاجتماع سيعقد الأسبوع المقبل.',
      'وأعلنت الوزارة أنها ستتيح التسجيل عبر بوابتها الإلكترونية خلال الأسبوع المقبل لجميع المتقدمين من الطلاب والطالبات في المدارس الحكومية والأهلية، اضغط هنا',
      'اقرأ كتابك قبل النوم كل ليلة، ينصح الأطباء الآباء.',
    ]) expect(isLinkLine(line), line).toBe(false);
  });

  it('a page\'s byline, partner credit or opinion disclaimer is no sentence of the story', async () => {
    const { isLinkLine } = await import('../../src/composer/stages/clean-text.js');
    for (const line of [
      'هذا المقال بقلم سامر خليل، أستاذ الاقتصاد في الجامعة.',
      'هذا التقرير بقلم منى سالم، محررة الشؤون الثقافية.',
      'نشر هذا المقال بالتعاون مع منصة وظائف.كوم للتدريب',
      'هذا المقال منشور بالتعاون مع وظائف.كوم',
      'هذا الفيديو جزء من سلسلة أسبوعية عن ريادة الأعمال',
      'التحليل بقلم كبير المحررين في الموقع، سامر خليل',
      'وكل رأي هنا لصاحبه، فهو لا يعكس بالضرورة موقف الصحيفة.',
    ]) expect(isLinkLine(line), line).toBe(true);
    for (const line of [
      'وقال الباحث إن الاستطلاع لا يعكس بالضرورة رأي أغلبية السكان في المدينة.',
      'وأشار هذا التقرير إلى ارتفاع عدد الزوار بنسبة كبيرة خلال الصيف.',
      'نشر هذا المقال في الصحيفة أمس وأثار جدلا واسعا بين القراء.',
      'هذا التقرير منشور على موقع المنظمة ويكشف أن ثلث الأطفال يعانون من فقر الدم.',
      'هذه المادة منشورة في الجريدة الرسمية وتلزم الشركات بالتسجيل.',
      'وأوقفت الصحيفة الكاتب، وقالت إن مقاله لا يعكس بالضرورة موقف الصحيفة من القضية.',
    ]) expect(isLinkLine(line), line).toBe(false);
    expect(isLinkLine('التحليل بقلم: سامر خليل')).toBe(true);
  });

  it('a linked title that runs on past «..» goes with its link line; a list of titles under a bare «اقرأ أيضا:» goes with it', () => {
    const d = composeDigest({
      id: 'titles', title: 'الحكومة تعلن ميزانية العام المقبل', source: { name: 'نص' },
      sections: [{ paragraphs: [
        'أعلنت الحكومة اليوم ميزانية العام المقبل بإنفاق يبلغ 300 مليار ريال، بزيادة 5 في المئة عن العام الحالي.',
        'قد يهمك/ وزير المالية يتحدث عن الميزانية.. ويكشف خطط الإنفاق على المدارس والمستشفيات الجديدة',
        'وقال وزير المالية إن الإنفاق على التعليم سيرتفع بنسبة 8 في المئة.',
        'اقرأ أيضاً:',
        'ماذا تعرف عن صندوق الاستثمارات العامة؟',
        'الميزانية الجديدة: خطط الإنفاق على المدارس والمستشفيات الجديدة في المناطق',
        'وأضاف الوزير أن العجز سيتراجع إلى 2 في المئة من الناتج المحلي العام المقبل.',
      ] }],
    }, { maxBullets: 5 });
    const texts = d.bullets.map((b) => b.text);
    expect(texts.some((t) => t.includes('خطط الإنفاق') || t.includes('صندوق الاستثمارات'))).toBe(false);
    expect(texts.some((t) => t.startsWith('وقال وزير المالية إن الإنفاق'))).toBe(true);
    expect(texts.some((t) => t.startsWith('وأضاف الوزير أن العجز'))).toBe(true);
  });
});
