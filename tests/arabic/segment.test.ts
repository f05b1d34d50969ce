import { describe, expect, it } from 'vitest';
import { segmentSentences } from '../../src/arabic/index.js';

const texts = (s: string): string[] => segmentSentences(s).map((x) => x.text);

describe('segmentSentences', () => {
  it('splits on the period and the Arabic question mark ؟', () => {
    expect(texts('وصل الوفد إلى الرباط. هل تنجح المحادثات؟ ننتظر النتائج')).toEqual([
      'وصل الوفد إلى الرباط.',
      'هل تنجح المحادثات؟',
      'ننتظر النتائج',
    ]);
  });
  it('splits on ! and the Arabic semicolon ؛ and the ellipsis …', () => {
    expect(texts('يا للهول! انتهى الاجتماع؛ ثم غادروا… وبعدها صمت')).toEqual(['يا للهول!', 'انتهى الاجتماع؛', 'ثم غادروا…', 'وبعدها صمت']);
  });
  it('does not cut a site\'s name written in Arabic letters at its dot («العربية.نت», «سوق.كوم»), but still cuts at a dot with no space after it', () => {
    expect(texts('وقال المتحدث لـ"العربية.نت" إن المفاوضات مستمرة. ولم يحدد موعدا')).toEqual(['وقال المتحدث لـ"العربية.نت" إن المفاوضات مستمرة.', 'ولم يحدد موعدا']);
    expect(texts('أطلق موقع سوق.كوم خدمة جديدة للدفع. وتبدأ الخدمة غدا')).toEqual(['أطلق موقع سوق.كوم خدمة جديدة للدفع.', 'وتبدأ الخدمة غدا']);
    expect(texts('انتهى الاجتماع.وقال الوزير إن الاتفاق قريب.')).toEqual(['انتهى الاجتماع.', 'وقال الوزير إن الاتفاق قريب.']);
    // «نتائج» and «كومة» open with the same letters as a site's ending: a word of their own.
    expect(texts('انتهى الاجتماع.نتائج المفاوضات لم تعلن.')).toEqual(['انتهى الاجتماع.', 'نتائج المفاوضات لم تعلن.']);
  });
  it('splits at line breaks', () => {
    expect(texts('السطر الأول\nالسطر الثاني')).toEqual(['السطر الأول', 'السطر الثاني']);
  });
  it('does not cut inside «…» quotations', () => {
    expect(texts('قال الوزير: «وصلنا. الحمد لله». ثم غادر.')).toEqual(['قال الوزير: «وصلنا. الحمد لله».', 'ثم غادر.']);
  });
  it('does not cut inside “…” quotations and ends with the closing quote', () => {
    expect(texts('وأوضح أن “المدخل الأساسي واضح. والعمل مستمر.” وأكد حموشي ذلك.')).toEqual([
      'وأوضح أن “المدخل الأساسي واضح. والعمل مستمر.”',
      'وأكد حموشي ذلك.',
    ]);
  });
  it('does not cut inside "…" quotations', () => {
    expect(texts('وقال "انتهى الأمر. لا عودة." ثم رحل.')).toEqual(['وقال "انتهى الأمر. لا عودة."', 'ثم رحل.']);
  });
  it('treats ” glued after لـ as an opening quote (as outlets type it)', () => {
    expect(texts('ولفت لـ”العرب”، أن الأمر جاد. ثم أضاف.')).toEqual(['ولفت لـ”العرب”، أن الأمر جاد.', 'ثم أضاف.']);
  });
  it('splits at the Arabic ends !؟ ؟! .. and …, also inside a long quotation for !؟ (as ant-multisource 2018 types them)', () => {
    expect(texts('هل يعقل هذا!؟ قتل 13 شخصا. ماذا حدث؟!وقال الوزير')).toEqual(['هل يعقل هذا!؟', 'قتل 13 شخصا.', 'ماذا حدث؟!', 'وقال الوزير']);
    expect(texts('بالفيديو.. شاهد لحظة سقوط الطائرة')).toEqual(['بالفيديو..', 'شاهد لحظة سقوط الطائرة']);
    expect(texts('بالفيديو..10 قتلى في الحادث')).toEqual(['بالفيديو..', '10 قتلى في الحادث']);
    expect(texts('ثم صمت… وغادر القاعة')).toEqual(['ثم صمت…', 'وغادر القاعة']);
    const quoted = 'كتبت المعلمة في رسالتها: "أربعون تلميذا في صف واحد بلا مكيف ولا نافذة تفتح. هل هذا ما نسميه مدرسة!؟ ومن يسمع شكوى الأهالي منذ سنتين؟ لا أحد".';
    expect(texts(quoted).map((t) => t.split(' ').at(-1))).toEqual(['مدرسة!؟', 'سنتين؟', 'أحد".']);
  });
  it('keeps a closing quote after a stop with its sentence, ″ included (as «“darb3″» is typed)', () => {
    expect(texts('قال الوزير: «انتهى الأمر.» ثم غادر القاعة.')).toEqual(['قال الوزير: «انتهى الأمر.»', 'ثم غادر القاعة.']);
    expect(texts('وقال: "لن نسمح بذلك". وأضاف أن الحكومة ستتحرك.')).toEqual(['وقال: "لن نسمح بذلك".', 'وأضاف أن الحكومة ستتحرك.']);
    expect(texts('وفاز التطبيق “darb3″ بجائزة المسابقة. ثم غادر.')).toEqual(['وفاز التطبيق “darb3″ بجائزة المسابقة.', 'ثم غادر.']);
  });
  it('does not cut decimals', () => {
    expect(texts('بلغ النمو 3.5 في المئة. وارتفع التضخم.')).toEqual(['بلغ النمو 3.5 في المئة.', 'وارتفع التضخم.']);
  });
  it('does not cut after common abbreviations', () => {
    expect(texts('التقى د. أحمد بالسفير. وزار U.S. Embassy أمس.')).toEqual(['التقى د. أحمد بالسفير.', 'وزار U.S. Embassy أمس.']);
  });
  it('does not cut inside Latin initials spelled in Arabic letters with periods («سي. أي. آيه», «إف. بي. آي.»)', () => {
    expect(texts('فتش عملاء مكتب التحقيقات الفدرالي (إف. بي. آي) مستودعا قرب الميناء. وعرضت شبكة «سي إن إن» لقطات منه.')).toEqual([
      'فتش عملاء مكتب التحقيقات الفدرالي (إف. بي. آي) مستودعا قرب الميناء.',
      'وعرضت شبكة «سي إن إن» لقطات منه.',
    ]);
    expect(texts('وحقق مكتب التحقيقات الاتحادي إف. بي. آي. في الحادث. ثم أغلق الملف.')).toEqual(['وحقق مكتب التحقيقات الاتحادي إف. بي. آي. في الحادث.', 'ثم أغلق الملف.']);
    // Written without spaces: «(إف.بي.آي)», «بي.إم.دبليو.».
    expect(texts('انتقد الرئيس مكتب التحقيقات الاتحادي (إف.بي.آي). ثم غادر.')).toEqual(['انتقد الرئيس مكتب التحقيقات الاتحادي (إف.بي.آي).', 'ثم غادر.']);
    expect(texts('تعتزم شركة بي.إم.دبليو. الألمانية خفض الإنتاج.')).toEqual(['تعتزم شركة بي.إم.دبليو. الألمانية خفض الإنتاج.']);
    // A sentence that ends on initials written as words opens the next with «في» or «إن»: two sentences.
    expect(texts('قال المتحدث في مقابلة مع بي بي سي. في المقابل رفضت الحكومة التعليق.')).toEqual(['قال المتحدث في مقابلة مع بي بي سي.', 'في المقابل رفضت الحكومة التعليق.']);
    expect(texts('نقلت الخبر شبكة سي إن إن. إن الحكومة لم تعلق بعد.')).toEqual(['نقلت الخبر شبكة سي إن إن.', 'إن الحكومة لم تعلق بعد.']);
    // Two letters, one period: «إل. جي», «إتش. بي», «[بي. سي]».
    expect(texts('أعلنت شركة إل. جي الكورية عن هاتف جديد. ثم ارتفع سهمها.')).toEqual(['أعلنت شركة إل. جي الكورية عن هاتف جديد.', 'ثم ارتفع سهمها.']);
    expect(texts('قالت [بي. سي] إنها ستنسحب. ثم غادر.')).toEqual(['قالت [بي. سي] إنها ستنسحب.', 'ثم غادر.']);
    // A word that is also a letter's name, alone before a period, still ends its sentence.
    expect(texts('ولم يحدد أي. وقال الوزير إن الخطة جاهزة. في المساء عاد.')).toEqual(['ولم يحدد أي.', 'وقال الوزير إن الخطة جاهزة.', 'في المساء عاد.']);
  });
  it('splits a period glued to the next Arabic word', () => {
    expect(texts('أقدم آلة في التاريخ .وللناي ستة ثقوب')).toEqual(['أقدم آلة في التاريخ .', 'وللناي ستة ثقوب']);
  });
  it('recovers from a stray quote mark after maxQuoteChars', () => {
    const long = 'كلمة '.repeat(150);
    const out = texts(`قال “${long}. ثم جملة أخرى.`);
    expect(out).toHaveLength(2);
  });
  it('gives offsets into the input', () => {
    const input = 'أولا.  ثانيا.';
    const [, second] = segmentSentences(input);
    expect(input.slice(second!.start, second!.start + second!.text.length)).toBe('ثانيا.');
  });
  it('returns nothing for empty or blank text', () => {
    expect(texts('')).toEqual([]);
    expect(texts('  \n \n')).toEqual([]);
  });
});
