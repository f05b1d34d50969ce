/**
 * Datelines, agency tags and hashtags, one test per style. The sentences are written for these
 * tests after the paragraph openings real outlets print (CNN Arabic, Sabq, Asharq Al-Awsat, Al
 * Arabiya, …): the same datelines, brackets, dashes and colons, the words our own. The agency tags
 * that the shared texts carry only inside sentences (أ ف ب، د ب أ، واس، وام، الأناضول, Sky News
 * Arabia's dateline) are tested as the outlets print them, before a sentence of the same kind.
 */
import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../src/composer/index.js';
import { cleanSentence, cleanTitle, datelineLength, plainHashtags, stripDateline } from '../../src/composer/stages/clean-text.js';

describe('datelines and agency tags', () => {
  it.each([
    ['دبي، الإمارات العربية المتحدة (CNN)-- صرّح رئيس البلدية، سامر الخطيب،', 'صرّح رئيس البلدية، سامر الخطيب،'],
    ['دبي، الإمارات العربية المتحدة (CNN) – حسم الاتحاد الآسيوي للسباحة،', 'حسم الاتحاد الآسيوي للسباحة،'],
    ['دبي، الإمارات العربية المتحدة (CNN)— ذكر نادر العلي، مدير الميناء', 'ذكر نادر العلي، مدير الميناء'],
    ['دبي، الإمارات العربية المتحدة (CNN) -- أوضح الباحث سليم حداد،', 'أوضح الباحث سليم حداد،'],
    ['دبي، الإمارات العربية المتحدة (CNN)- - استضافت سلطنة عمان، الأربعاء،', 'استضافت سلطنة عمان، الأربعاء،'],
    ['عمان، الأردن (CNN)-- فتحت الشرطة الأردنية، الأحد تحقيقا في حريق مستودع', 'فتحت الشرطة الأردنية، الأحد تحقيقا في حريق مستودع'],
    ['(CNN)-- أعلن رئيس الوزراء الكندي، جان مارتن، أن نظيره المكسيكي', 'أعلن رئيس الوزراء الكندي، جان مارتن، أن نظيره المكسيكي'],
    ['(CNN Business)-- قبل 30 عاما، أطلقت الشركة ومنافساتها أول هاتف بشاشة لمس', 'قبل 30 عاما، أطلقت الشركة ومنافساتها أول هاتف بشاشة لمس'],
  ])('CNN Arabic: place, country, (CNN) and a dash of any kind: %s', (written, expected) => {
    expect(stripDateline(written)).toBe(expected);
  });

  it('place - Reuters: «* تونس - رويترز:» (Asharq Al-Awsat)', () => {
    expect(stripDateline('* تونس - رويترز: أعلنت شركة الحافلات التونسية «الساحل إكسبرس» أنها أوقفت خطوطها الليلية')).toBe(
      'أعلنت شركة الحافلات التونسية «الساحل إكسبرس» أنها أوقفت خطوطها الليلية',
    );
  });

  it('place - «outlet»: «كولومبو - «الشرق الأوسط»:»', () => {
    expect(stripDateline('كولومبو - «الشرق الأوسط»: أفادت السلطات في سريلانكا، أمس (الخميس)، بأن زلزالا خفيفا ضرب الساحل')).toBe('أفادت السلطات في سريلانكا، أمس (الخميس)، بأن زلزالا خفيفا ضرب الساحل');
  });

  it('outlet- place: and writer- outlet- place: (Sabq)', () => {
    expect(stripDateline('سبق- القنفذة: افتُتح مساء اليوم أول معرض للكتاب في المحافظة بحضور المحافظ سعد بن فهد')).toBe('افتُتح مساء اليوم أول معرض للكتاب في المحافظة بحضور المحافظ سعد بن فهد');
    expect(stripDateline('سامي الحربي- سبق- الرياض: نشرت هيئة الأرصاد في المنطقة الوسطى تقريراً مفصلاً عن موجة الغبار')).toBe(
      'نشرت هيئة الأرصاد في المنطقة الوسطى تقريراً مفصلاً عن موجة الغبار',
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
    ['باريس (أ ف ب) - ', 'كشفت وزارة الثقافة الفرنسية الخميس برنامجا صيفيا للمتاحف'],
    ['برلين (د ب أ) - ', 'أكد المستشار الألماني أن المحادثات ستتواصل'],
    ['الرياض - واس ', 'افتتحت وزارة الصحة مركزين للرعاية الأولية في حائل'],
    ['أبوظبي - وام: ', 'أقر المجلس البلدي تمديد ساعات عمل الحدائق'],
    ['أنقرة (الأناضول) - ', 'توقع وزير الزراعة التركي موسما وفيرا للقمح'],
    ['أبوظبي - سكاي نيوز عربية ', 'أجل الاتحاد الآسيوي لكرة السلة قرعة البطولة'],
    ['القاهرة - رويترز - ', 'قالت شركة مصرية للإسمنت إنها تدرس بيع حصة في مصنعها'],
  ])('agency tag as outlets print it: «%s»', (tag, sentence) => {
    expect(stripDateline(`${tag}${sentence}`)).toBe(sentence);
  });

  it('keeps a sentence that names an agency, a score, a numbered list or a quote after a colon', () => {
    for (const s of [
      'وأوردت وكالة الأنباء السعودية (واس) مساء أمس أن المهرجان سيقام في موعده',
      'وأفادت وكالة أنباء الإمارات (وام)، بأن فرق الإنقاذ البحري سحبت قاربا جانحا',
      'منح الاتحاد الدولي لكرة القدم (فيفا) ثلاثة حكام عرب شارات دولية',
      'بعد فوز البرتغال على غانا بنتيجة 4-2 مساء السبت في افتتاح الجولة الثالثة',
      '1- لا تشارك كلمة المرور:',
      'وقال المدرب: "الفريق الأكثر صبرا يحصد النقاط في النهاية"',
      'وهذه الخطوة قد تبدو- مقارنة بقرارات سابقة- محدودة الأثر في نظر المراقبين',
    ]) expect(datelineLength(s)).toBe(0);
  });

  it('removes only the opening of a paragraph, and in a title only a tag that names an agency', () => {
    expect(cleanSentence('الرباط - دعا المغرب إلى تعاون أمني عادل.', false)).toBe('الرباط - دعا المغرب إلى تعاون أمني عادل.');
    expect(cleanTitle('رويترز: الكويت تبرم قرضا مصرفيا بقيمة 8 مليارات دولار')).toBe('الكويت تبرم قرضا مصرفيا بقيمة 8 مليارات دولار');
    expect(cleanTitle('شراكة فرنسية- مغربية تطلق مشروعا للطاقة الشمسية في الجنوب')).toBe('شراكة فرنسية- مغربية تطلق مشروعا للطاقة الشمسية في الجنوب');
    expect(cleanTitle('ريبورتاج - تونس: حضور لافت لفرق عربية وأوروبية في مهرجان المدينة')).toBe('ريبورتاج - تونس: حضور لافت لفرق عربية وأوروبية في مهرجان المدينة');
  });
});

describe('hashtags', () => {
  it('become plain words (Al Arabiya, Saudi papers)', () => {
    expect(plainHashtags('وقعت #شركة_النخيل للصناعات الغذائية عقدا')).toBe('وقعت شركة النخيل للصناعات الغذائية عقدا');
    expect(plainHashtags('وكان #رئيس_النادي #سالم_العتيبي قد رد على الانتقادات')).toBe('وكان رئيس النادي سالم العتيبي قد رد على الانتقادات');
    expect(plainHashtags('فانتشر وسم "المدرب#يرحل".')).toBe('فانتشر وسم "المدرب يرحل".');
    expect(cleanTitle('#نقل _ وطرق .. يا معالي الوزير !')).toBe('نقل وطرق .. يا معالي الوزير !');
  });
});

describe('in a digest', () => {
  it('no bullet or headline carries the dateline or a hashtag, and the dateline counts toward no words', () => {
    const d = composeDigest({
      id: 'cnn', title: 'كارلوس #رويث يلتقي #مارتن', source: { name: 'CNN' },
      sections: [{ paragraphs: [
        'دبي، الإمارات العربية المتحدة (CNN)-- أعلن رئيس الوزراء الكندي، جان مارتن، أن نظيره المكسيكي، كارلوس #رويث، وافق على عقد قمة ثانية في العاصمة #أوتاوا خلال الربيع المقبل.',
        'وأضاف مارتن أن القمة ستتناول ملفات الطاقة والتجارة والهجرة بين البلدين.',
      ] }],
    }, { maxBulletWords: 20 });
    expect(d.headline).toBe('كارلوس رويث يلتقي مارتن');
    for (const b of d.bullets) {
      expect(b.text).not.toMatch(/CNN|دبي|#/);
      expect(b.text.split(/\s+/).length).toBeLessThanOrEqual(20);
    }
    expect(d.bullets[0]!.text.startsWith('أعلن رئيس الوزراء الكندي')).toBe(true);
    expect(d.bullets[0]!.sourceSentence.startsWith('دبي، الإمارات')).toBe(true);
  });
});

describe('a page\'s tags after its last sentence', () => {
  it('are no sentence of the story: «… راجعون. سمات …» gives no bullet of tags, and a sentence that opens on «سمات» stays', () => {
    const d = composeDigest({
      id: 'tags', title: 'تشييع جندي في مسقط رأسه', source: { name: 'صحيفة' },
      sections: [{ paragraphs: [
        'شيع المئات من أهالي القرية جثمان الجندي الذي توفي أثناء أداء واجبه على الحدود الجنوبية أمس.',
        'وأدى المشيعون الصلاة على الفقيد في جامع القرية الكبير قبل مواراته الثرى في مقبرتها. سمات الجندي القرية الحدود الجنوبية تشييع جثمان شهيد الواجب',
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
