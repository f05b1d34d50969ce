/**
 * Datelines, agency tags and hashtags, one test per style. The sentences are short quotes of real
 * paragraph openings of ../shared (CNN Arabic, Sabq, Asharq Al-Awsat, Al Arabiya, …). The agency
 * tags that the shared texts carry only inside sentences (أ ف ب، د ب أ، واس، وام، الأناضول, Sky
 * News Arabia's dateline) are tested as the outlets print them, before a real sentence.
 */
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/composer/index.js';
import { cleanSentence, cleanTitle, datelineLength, plainHashtags, stripDateline } from '../../src/composer/stages/clean-text.js';

describe('datelines and agency tags', () => {
  it.each([
    ['دبي، الإمارات العربية المتحدة (CNN)-- قال الرئيس الأمريكي، دونالد ترامب،', 'قال الرئيس الأمريكي، دونالد ترامب،'],
    ['دبي، الإمارات العربية المتحدة (CNN) – حدد الاتحاد الدولي لكرة القدم،', 'حدد الاتحاد الدولي لكرة القدم،'],
    ['دبي، الإمارات العربية المتحدة (CNN)— قال ثامر السبهان، وزير الدولة', 'قال ثامر السبهان، وزير الدولة'],
    ['دبي، الإمارات العربية المتحدة (CNN) -- قال الدكتور أنور قرقاش،', 'قال الدكتور أنور قرقاش،'],
    ['دبي، الإمارات العربية المتحدة (CNN)- - رحبت مملكة البحرين، الثلاثاء،', 'رحبت مملكة البحرين، الثلاثاء،'],
    ['عمان، الأردن (CNN)-- كشفت السلطات الأردنية، السبت عن حيثيات مقتل ضابط', 'كشفت السلطات الأردنية، السبت عن حيثيات مقتل ضابط'],
    ['(CNN)-- قال الرئيس الأمريكي، دونالد ترامب، إن نظيره الروسي', 'قال الرئيس الأمريكي، دونالد ترامب، إن نظيره الروسي'],
    ['(CNN Business)-- قبل 45 عاما، قطعت السعودية وحلفاؤها إمدادات النفط', 'قبل 45 عاما، قطعت السعودية وحلفاؤها إمدادات النفط'],
  ])('CNN Arabic: place, country, (CNN) and a dash of any kind: %s', (written, expected) => {
    expect(stripDateline(written)).toBe(expected);
  });

  it('place - Reuters: «* تونس - رويترز:» (Asharq Al-Awsat)', () => {
    expect(stripDateline('* تونس - رويترز: قالت شركة الطيران التونسية الخاصة «سيفاكس إيرلاينز» إنها علقت جميع رحلاتها')).toBe(
      'قالت شركة الطيران التونسية الخاصة «سيفاكس إيرلاينز» إنها علقت جميع رحلاتها',
    );
  });

  it('place - «outlet»: «كولومبو - «الشرق الأوسط»:»', () => {
    expect(stripDateline('كولومبو - «الشرق الأوسط»: قالت الشرطة في سريلانكا، أمس (الجمعة)، إن شخصا قتل')).toBe('قالت الشرطة في سريلانكا، أمس (الجمعة)، إن شخصا قتل');
  });

  it('outlet- place: and writer- outlet- place: (Sabq)', () => {
    expect(stripDateline('سبق- القنفذة: وصل مساء اليوم جثمان الشهيد الجندي أول محمد بن علي ياسين العمري')).toBe('وصل مساء اليوم جثمان الشهيد الجندي أول محمد بن علي ياسين العمري');
    expect(stripDateline('عبدالله البرقاوي- سبق- الرياض: أصدر مكتب تحقيقات الطيران بالمملكة العربية السعودية بياناً تفصيلياً')).toBe(
      'أصدر مكتب تحقيقات الطيران بالمملكة العربية السعودية بياناً تفصيلياً',
    );
  });

  it('a byline paragraph is nothing but a tag («سلوى سعد – متابعات», «أحمد البشيري- الباحة»)', () => {
    expect(stripDateline('سلوى سعد – متابعات')).toBe('');
    expect(stripDateline('أحمد البشيري- الباحة')).toBe('');
  });

  it('place and a dash (the sample article: «الرباط -»)', () => {
    expect(stripDateline('الرباط - دعا المغرب إلى تعاون أمني عادل.')).toBe('دعا المغرب إلى تعاون أمني عادل.');
  });

  it.each([
    ['باريس (أ ف ب) - ', 'أعلنت الحكومة الفرنسية الجمعة خطة جديدة'],
    ['برلين (د ب أ) - ', 'قال شتاينماير إن المعاملة القاسية استمرت'],
    ['الرياض - واس ', 'أكد وزير الداخلية السعودي أن ما تم تداوله غير صحيح'],
    ['أبوظبي - وام: ', 'وافق المجلس التنفيذي على خفض رسم الأسواق'],
    ['أنقرة (الأناضول) - ', 'قال الرئيس التركي إن بلاده لن تتراجع'],
    ['أبوظبي - سكاي نيوز عربية ', 'قرر الاتحاد الدولي لكرة القدم فتح تحقيق'],
    ['القاهرة - رويترز - ', 'قالت مجموعة باركليز أفريقيا إنها تجري مباحثات أولية'],
  ])('agency tag as outlets print it: «%s»', (tag, sentence) => {
    expect(stripDateline(`${tag}${sentence}`)).toBe(sentence);
  });

  it('keeps a sentence that names an agency, a score, a numbered list or a quote after a colon', () => {
    for (const s of [
      'ونقلت وكالة الأنباء السعودية (واس) تأكيد وزير الداخلية السعودي أن ما تم تداوله بوجود أوامر',
      'وقالت وكالة أنباء الإمارات (وام)، إن قوات تحالف دعم الشرعية شنت قصفا مدفعيا',
      'اختار الاتحاد الدولي لكرة القدم (فيفا) أربعة لاعبين من منتخب فرنسا',
      'بعد فوز إنكلترا على بنما بنتيجة 6-1 ظهر الأحد في ختام الجولة الثانية',
      '1- لا تسأل العملاء:',
      'وقال غيتس: "الأشخاص الأكثر ثراء يحصلون على فائدة أعمق"',
      'وهذه الدعوة قد تبدو- قياسا ببنود اخرى- هامشية في نظر البعض',
    ]) expect(datelineLength(s)).toBe(0);
  });

  it('removes only the opening of a paragraph, and in a title only a tag that names an agency', () => {
    expect(cleanSentence('الرباط - دعا المغرب إلى تعاون أمني عادل.', false)).toBe('الرباط - دعا المغرب إلى تعاون أمني عادل.');
    expect(cleanTitle('رويترز: السعودية تغلق قرضا مجمعا بقيمة 16 مليار دولار')).toBe('السعودية تغلق قرضا مجمعا بقيمة 16 مليار دولار');
    expect(cleanTitle('صفقة إيطالية- بريطانية تعيد مشروع استكشاف نفطي في ليبيا للعمل')).toBe('صفقة إيطالية- بريطانية تعيد مشروع استكشاف نفطي في ليبيا للعمل');
    expect(cleanTitle('ريبورتاج - لبنان: مشاركة مميزة لنجوم عرب وأجانب في مهرجان بيت الدين')).toBe('ريبورتاج - لبنان: مشاركة مميزة لنجوم عرب وأجانب في مهرجان بيت الدين');
  });
});

describe('hashtags', () => {
  it('become plain words (Al Arabiya, Saudi papers)', () => {
    expect(plainHashtags('وقعت #شركة_السلام لصناعة الطائرات اتفاقية')).toBe('وقعت شركة السلام لصناعة الطائرات اتفاقية');
    expect(plainHashtags('وكان #مؤسس_فيسبوك #مارك_زوكربيرغ قد خرج عن صمته')).toBe('وكان مؤسس فيسبوك مارك زوكربيرغ قد خرج عن صمته');
    expect(plainHashtags('فابتدأ هاشتاق "عزام#يتخبط".')).toBe('فابتدأ هاشتاق "عزام يتخبط".');
    expect(cleanTitle('#سكن _ وتعليم .. أيها الوزير !')).toBe('سكن وتعليم .. أيها الوزير !');
  });
});

describe('in a digest', () => {
  it('no bullet or headline carries the dateline or a hashtag, and the dateline counts toward no words', () => {
    const d = composeDigest({
      id: 'cnn', title: 'فلاديمير #بوتين يلتقي #ترامب', source: { name: 'CNN' },
      sections: [{ paragraphs: [
        'دبي، الإمارات العربية المتحدة (CNN)-- قال الرئيس الأمريكي، دونالد ترامب، إن نظيره الروسي، فلاديمير #بوتين، وافق على عقد لقاء ثان في العاصمة #واشنطن خلال الخريف المقبل.',
        'وأضاف ترامب أن اللقاء سيتناول ملفات الأمن والتجارة والأسلحة النووية بين البلدين.',
      ] }],
    }, { maxBulletWords: 20 });
    expect(d.headline).toBe('فلاديمير بوتين يلتقي ترامب');
    for (const b of d.bullets) {
      expect(b.text).not.toMatch(/CNN|دبي|#/);
      expect(b.text.split(/\s+/).length).toBeLessThanOrEqual(20);
    }
    expect(d.bullets[0]!.text.startsWith('قال الرئيس الأمريكي')).toBe(true);
    expect(d.bullets[0]!.sourceSentence.startsWith('دبي، الإمارات')).toBe(true);
  });
});
