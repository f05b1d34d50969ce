/**
 * Datelines, agency tags and hashtags, one test per style. Each dateline, bracket, dash and colon
 * is printed as the outlets print it (CNN Arabic, Sabq, Asharq Al-Awsat, Al Arabiya, …); the
 * sentences after them are written for these tests, about events of their own. The agency tags
 * that the shared texts carry only inside sentences (أ ف ب، د ب أ، واس، وام، الأناضول, Sky News
 * Arabia's dateline) are tested as the outlets print them, before such a sentence.
 */
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/composer/index.js';
import { cleanSentence, cleanTitle, datelineLength, plainHashtags, stripDateline } from '../../src/composer/stages/clean-text.js';

describe('datelines and agency tags', () => {
  it.each([
    ['دبي، الإمارات العربية المتحدة (CNN)-- بعد ثلاث سنوات من الترميم، عاد السوق القديم في الشارقة', 'بعد ثلاث سنوات من الترميم، عاد السوق القديم في الشارقة'],
    ['دبي، الإمارات العربية المتحدة (CNN) – يستعد هواة الفلك العرب لرصد كسوف الشمس،', 'يستعد هواة الفلك العرب لرصد كسوف الشمس،'],
    ['دبي، الإمارات العربية المتحدة (CNN)— لم تعد القهوة المختصة حكرا على المدن الكبرى', 'لم تعد القهوة المختصة حكرا على المدن الكبرى'],
    ['دبي، الإمارات العربية المتحدة (CNN) -- في قرية جبلية صغيرة، تحيك النساء سجادا بألوان الصخر', 'في قرية جبلية صغيرة، تحيك النساء سجادا بألوان الصخر'],
    ['دبي، الإمارات العربية المتحدة (CNN)- - هل يمكن لطائرة أن تطير بزيت الطهي المستعمل؟', 'هل يمكن لطائرة أن تطير بزيت الطهي المستعمل؟'],
    ['عمان، الأردن (CNN)-- تحولت مدرسة مهجورة في الزرقاء، إلى مكتبة للأطفال', 'تحولت مدرسة مهجورة في الزرقاء، إلى مكتبة للأطفال'],
    ['(CNN)-- يقول باحثون في جامعة أوسلو إن النوم المبكر يحسن الذاكرة', 'يقول باحثون في جامعة أوسلو إن النوم المبكر يحسن الذاكرة'],
    ['(CNN Business)-- من مرآب صغير في جدة، خرجت شركة ناشئة تبيع الخبز بالاشتراك', 'من مرآب صغير في جدة، خرجت شركة ناشئة تبيع الخبز بالاشتراك'],
  ])('CNN Arabic: place, country, (CNN) and a dash of any kind: %s', (written, expected) => {
    expect(stripDateline(written)).toBe(expected);
  });

  it('place - Reuters: «* تونس - رويترز:» (Asharq Al-Awsat)', () => {
    expect(stripDateline('* تونس - رويترز: ارتفع عدد السياح الجزائريين في المنتجعات التونسية هذا الصيف')).toBe(
      'ارتفع عدد السياح الجزائريين في المنتجعات التونسية هذا الصيف',
    );
  });

  it('place - «outlet»: «كولومبو - «الشرق الأوسط»:»', () => {
    expect(stripDateline('كولومبو - «الشرق الأوسط»: يصل فريق سريلانكا للكريكيت غدا (الأحد)، إلى دبي لخوض مباراتين وديتين')).toBe('يصل فريق سريلانكا للكريكيت غدا (الأحد)، إلى دبي لخوض مباراتين وديتين');
  });

  it('outlet- place: and writer- outlet- place: (Sabq)', () => {
    expect(stripDateline('سبق- القنفذة: تسلمت أسرة من المحافظة مفاتيح منزلها الجديد ضمن مبادرة للإسكان الخيري')).toBe('تسلمت أسرة من المحافظة مفاتيح منزلها الجديد ضمن مبادرة للإسكان الخيري');
    expect(stripDateline('منى العتيبي- سبق- الرياض: تبقى الحدائق العامة في العاصمة مفتوحة حتى منتصف الليل طوال أيام العيد')).toBe(
      'تبقى الحدائق العامة في العاصمة مفتوحة حتى منتصف الليل طوال أيام العيد',
    );
  });

  it('a byline paragraph is nothing but a tag («ليلى منصور – متابعات», «خالد الغامدي- الباحة»)', () => {
    expect(stripDateline('ليلى منصور – متابعات')).toBe('');
    expect(stripDateline('خالد الغامدي- الباحة')).toBe('');
  });

  it('place and a dash (the sample article: «الرباط -»)', () => {
    expect(stripDateline('الرباط - دعا المغرب إلى تعاون أمني عادل.')).toBe('دعا المغرب إلى تعاون أمني عادل.');
  });

  it.each([
    ['باريس (أ ف ب) - ', 'تنطلق في ليون الأسبوع المقبل أول دورة لألعاب الطاولة الإلكترونية'],
    ['برلين (د ب أ) - ', 'ستجرب السكك الحديدية قطارا يعمل بالهيدروجين بين بلدتين صغيرتين'],
    ['الرياض - واس ', 'بدأ موسم قطاف الورد في الطائف مبكرا هذا العام'],
    ['أبوظبي - وام: ', 'سجلت محطات الرصد أدنى حرارة هذا الشتاء على قمة جبل جيس'],
    ['أنقرة (الأناضول) - ', 'عثر علماء آثار على فسيفساء رومانية تحت ساحة مدرسة ابتدائية'],
    ['أبوظبي - سكاي نيوز عربية ', 'كشفت دراسة حديثة أن ثلث سكان المدن ينامون أقل من ست ساعات'],
    ['القاهرة - رويترز - ', 'هبطت مبيعات السيارات المستعملة في مصر للشهر الثالث على التوالي'],
  ])('agency tag as outlets print it: «%s»', (tag, sentence) => {
    expect(stripDateline(`${tag}${sentence}`)).toBe(sentence);
  });

  it('keeps a sentence that names an agency, a score, a numbered list or a quote after a colon', () => {
    for (const s of [
      'ونشرت وكالة الأنباء السعودية (واس) صورا لأول قافلة إغاثة تعبر المنفذ',
      'وبحسب وكالة أنباء الإمارات (وام)، تضاعف عدد زوار المتحف في عامه الثاني',
      'يدرس الاتحاد الدولي لكرة القدم (فيفا) إقامة البطولة في الشتاء',
      'انتهت المباراة بنتيجة 3-3 بعد وقت إضافي مثير',
      '2- اغسل الخضار جيدا قبل تقطيعها:',
      'وكتبت الروائية على غلاف كتابها: "لكل مدينة ذاكرة لا تشبه غيرها"',
      'أما المشروع- بحسب مهندسيه- فسيكتمل قبل نهاية العام',
    ]) expect(datelineLength(s)).toBe(0);
  });

  it('removes only the opening of a paragraph, and in a title only a tag that names an agency', () => {
    expect(cleanSentence('الرباط - دعا المغرب إلى تعاون أمني عادل.', false)).toBe('الرباط - دعا المغرب إلى تعاون أمني عادل.');
    expect(cleanTitle('رويترز: صادرات التمور الجزائرية تبلغ مستوى قياسيا')).toBe('صادرات التمور الجزائرية تبلغ مستوى قياسيا');
    expect(cleanTitle('مباراة ودية مغربية- سنغالية في طنجة الشهر المقبل')).toBe('مباراة ودية مغربية- سنغالية في طنجة الشهر المقبل');
    expect(cleanTitle('ريبورتاج - الجزائر: صيادو القالة يعودون إلى البحر بعد العاصفة')).toBe('ريبورتاج - الجزائر: صيادو القالة يعودون إلى البحر بعد العاصفة');
  });
});

describe('list marks and control characters', () => {
  it('a sentence loses the list mark it opens on («* », «** », «• », «•• », «- », «– ») and any control character, not a sign or a number', () => {
    for (const [line, clean] of [
      ['* افتتح المطعم الجديد فرعه الثاني في المدينة.', 'افتتح المطعم الجديد فرعه الثاني في المدينة.'],
      ['** يرى الخبراء أن القطاع يحتاج إلى دعم أكبر.', 'يرى الخبراء أن القطاع يحتاج إلى دعم أكبر.'],
      ['•• يسأل القراء عن موعد افتتاح الملعب.', 'يسأل القراء عن موعد افتتاح الملعب.'],
      ['- 2 كوب من الدقيق الأبيض', '2 كوب من الدقيق الأبيض'],
      ['– بطولة الشباب للفروسية تنطلق غدا', 'بطولة الشباب للفروسية تنطلق غدا'],
      ['-تقصد كتابي الجديد الذي صدر مؤخرا؟', 'تقصد كتابي الجديد الذي صدر مؤخرا؟'],
      ['\u001a\u001a لا يمكن تجاهل الجهود الكبيرة للإدارة.', 'لا يمكن تجاهل الجهود الكبيرة للإدارة.'],
      ['-5 درجات مئوية سجلت في الجبال ليلا.', '-5 درجات مئوية سجلت في الجبال ليلا.'],
      // A dash that another closes is an aside's, not a list mark.
      ['-تقصد كتابي الذي صدر مؤخرا-، فوضح لي الأديب.', '-تقصد كتابي الذي صدر مؤخرا-، فوضح لي الأديب.'],
    ] as const) {
      expect(cleanSentence(line, true)).toBe(clean);
      expect(cleanSentence(line, false)).toBe(clean);
    }
  });
});

describe('hashtags', () => {
  it('become plain words (Al Arabiya, Saudi papers)', () => {
    expect(plainHashtags('انطلق #مهرجان_الزيتون في جرش هذا الصباح')).toBe('انطلق مهرجان الزيتون في جرش هذا الصباح');
    expect(plainHashtags('شارك #الفنان_التشكيلي #نبيل_عيسى في معرض الربيع')).toBe('شارك الفنان التشكيلي نبيل عيسى في معرض الربيع');
    expect(plainHashtags('وتصدر وسم "الطريق#مغلق" المنصات.')).toBe('وتصدر وسم "الطريق مغلق" المنصات.');
    expect(cleanTitle('#مياه _ وكهرباء .. متى ينتهي الانقطاع ؟')).toBe('مياه وكهرباء .. متى ينتهي الانقطاع ؟');
  });
});

describe('in a digest', () => {
  it('no bullet or headline carries the dateline or a hashtag, and the dateline counts toward no words', () => {
    const d = composeDigest({
      id: 'cnn', title: 'أسبوع #الموضة يعود إلى #بيروت', source: { name: 'CNN' },
      sections: [{ paragraphs: [
        'دبي، الإمارات العربية المتحدة (CNN)-- يعود أسبوع الموضة إلى #بيروت في أكتوبر بعد غياب أربع سنوات، بمشاركة ثلاثين مصمما من #لبنان والمنطقة، ويقام العرض الافتتاحي في مرفأ المدينة القديم.',
        'وتذهب عائدات التذاكر إلى ورش الخياطة الصغيرة التي تضررت في السنوات الماضية.',
      ] }],
    }, { maxBulletWords: 20 });
    expect(d.headline).toBe('أسبوع الموضة يعود إلى بيروت');
    for (const b of d.bullets) {
      expect(b.text).not.toMatch(/CNN|دبي|#/);
      expect(b.text.split(/\s+/).length).toBeLessThanOrEqual(20);
    }
    expect(d.bullets[0]!.text.startsWith('يعود أسبوع الموضة')).toBe(true);
    expect(d.bullets[0]!.sourceSentence.startsWith('دبي، الإمارات')).toBe(true);
  });
});

describe('a page\'s tags after its last sentence', () => {
  it('are no sentence of the story: «… المحلية. سمات …» gives no bullet of tags, and a sentence that opens on «سمات» stays', () => {
    const d = composeDigest({
      id: 'tags', title: 'افتتاح معرض المنتجات الزراعية', source: { name: 'صحيفة' },
      sections: [{ paragraphs: [
        'افتتح محافظ المنطقة صباح اليوم معرض المنتجات الزراعية الذي تنظمه الغرفة التجارية بمشاركة عشرات المزارعين.',
        'ويستمر المعرض أسبوعا كاملا وتعرض فيه أصناف العسل والتمور والألبان المحلية. سمات الزراعة الريف الأسواق الشعبية الاقتصاد المحلي المواسم',
      ] }],
    }, { maxBullets: 3 });
    expect(d.bullets.map((b) => b.text).join(' ')).not.toContain('سمات');
    expect(d.bullets.length).toBe(2);
    const trait = composeDigest({
      id: 'trait', title: 'صفات القائد', source: { name: 'صحيفة' },
      sections: [{ paragraphs: ['سمات القائد الناجح كثيرة، أهمها الصبر والقدرة على الاستماع إلى فريقه قبل اتخاذ القرار.'] }],
    });
    expect(trait.bullets[0]!.text.startsWith('سمات القائد الناجح')).toBe(true);
  });
});
