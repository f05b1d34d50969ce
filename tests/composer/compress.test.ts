import { describe, expect, it } from 'vitest';
import { compressSentence } from '../../src/composer/index.js';
import { isInOrderSubsequence } from '../helpers.js';

const words = (s: string): number => s.split(/\s+/).length;

describe('compressSentence', () => {
  it('drops a dateline', () => {
    expect(compressSentence('الرباط - دعا المغرب إلى تعاون أمني عادل.')).toBe('دعا المغرب إلى تعاون أمني عادل.');
  });

  it('drops a parenthetical without numbers when too long, but keeps one with a number', () => {
    const limit = { maxWords: 6, minKeepShare: 0.7 };
    expect(compressSentence('أعلنت الوزارة (في بيان رسمي) عن خطة جديدة.', limit)).toBe('أعلنت الوزارة عن خطة جديدة.');
    expect(compressSentence('أعلنت الوزارة (في بيان رسمي) عن خطة جديدة.')).toBe('أعلنت الوزارة (في بيان رسمي) عن خطة جديدة.');
    expect(compressSentence('ارتفع الإنتاج (بنسبة 4 في المئة) هذا العام في المصانع.', { maxWords: 8, minKeepShare: 0.7 })).toBe(
      'ارتفع الإنتاج (بنسبة 4 في المئة) هذا العام',
    );
  });

  it('keeps a trailing attribution when the sentence fits, and drops it first when it does not', () => {
    const s = 'ارتفعت أسعار النفط إلى أعلى مستوى منذ عامين، بحسب وكالة رويترز.';
    expect(compressSentence(s)).toBe(s);
    expect(compressSentence(s, { maxWords: 8, minKeepShare: 0.7 })).toBe('ارتفعت أسعار النفط إلى أعلى مستوى منذ عامين');
  });

  it('with word worths, drops the clause worth least per word rather than cutting the tail', () => {
    const s = 'أعلن وزير الطاقة السعودي في مؤتمر صحفي، الذي عقد في الرياض أمس بحضور عدد كبير من الصحفيين، أن أسعار النفط ارتفعت بنسبة 5 في المئة.';
    const limit = { maxWords: 16, minKeepShare: 0.7 };
    // The oil price and the figure are worth most: the middle clause goes, the tail stays.
    const valued = compressSentence(s, { ...limit, wordWorth: (w) => (/النفط|\d/.test(w) ? 0.9 : 0.4) });
    expect(valued).toBe('أعلن وزير الطاقة السعودي في مؤتمر صحفي، أن أسعار النفط ارتفعت بنسبة 5 في المئة.');
    // When every word is worth the same, the longest choice wins: the sentence is cut at the limit
    // (less the preposition it would end on), unless that parts «أعلن» from its «أن» clause.
    expect(compressSentence(s, { ...limit, wordWorth: () => 0.5 })).toBe(valued);
    const noClause = s.replace('أن أسعار النفط ارتفعت', 'ارتفاع أسعار النفط');
    const flat = compressSentence(noClause, { ...limit, wordWorth: () => 0.5 });
    expect(words(flat)).toBe(15);
    expect(flat.startsWith('أعلن وزير الطاقة السعودي في مؤتمر صحفي، الذي عقد')).toBe(true);
    expect(isInOrderSubsequence(valued, s)).toBe(true);
    expect(isInOrderSubsequence(flat, noClause)).toBe(true);
  });

  it('drops a descriptive apposition when the sentence is too long', () => {
    const s = 'وأكد عبدالنبي صبري، الأستاذ الجامعي في العلاقات الدولية والجيوسياسية، أن المغرب كان وما زال وفيا لمبادئه في التعاون الأمني.';
    expect(compressSentence(s, { maxWords: 15, minKeepShare: 0.7 })).toBe('وأكد عبدالنبي صبري، أن المغرب كان وما زال وفيا لمبادئه في التعاون الأمني.');
  });

  it('keeps a name apposition after a title', () => {
    const s = 'أكدت مديرة المهرجان، سلمى العابد، أن عروض هذا العام ستقام في الهواء الطلق.';
    expect(compressSentence(s, { maxWords: 12, minKeepShare: 0.7 })).toContain('سلمى العابد');
  });

  it('drops a circumstantial phrase before the object of the main verb', () => {
    const s =
      'الرباط - دافع المدير العام للأمن الوطني في المغرب، عبداللطيف حموشي، خلال تمثيله المملكة في الاجتماع الدولي الثالث عشر لكبار المسؤولين، عن نهج مشترك للأمن قائم على تعاون عادل.';
    expect(compressSentence(s, { maxWords: 25, minKeepShare: 0.7 })).toBe(
      'دافع المدير العام للأمن الوطني في المغرب، عبداللطيف حموشي، عن نهج مشترك للأمن قائم على تعاون عادل.',
    );
  });

  it('drops trailing clauses without numbers before those with numbers', () => {
    const s =
      'ومع تصاعد التحديات الأمنية العالمية، يظل دور المغرب محوريا في تعزيز التعاون الأمني الدولي حيث جاء التعاون مع إسبانيا في المرتبة الأولى بنسبة 37 في المئة، متبوعا بالتعاون الشرطي مع فرنسا بنسبة 28 في المئة، إلى جانب مشاركته الفعالة في المنتديات الدولية وتبنيه لمقاربات شاملة تقوم على الشراكة وتبادل المعلومات.';
    const out = compressSentence(s, { maxWords: 30, minKeepShare: 0.7 });
    expect(words(out)).toBeLessThanOrEqual(30);
    expect(out).toContain('37 في المئة');
    expect(out).toContain('28 في المئة');
    expect(out).not.toContain('المنتديات');
    expect(isInOrderSubsequence(out, s)).toBe(true);
  });

  it('cuts a long main clause at the limit and never ends on a preposition', () => {
    const s =
      'أعلن المدرب أنه سيختار قريبا أسماء اللاعبين الذين سيسافرون مع المنتخب إلى المعسكر الذي تنظمه الجامعة استعدادا لما ينتظره من مباريات صعبة في تصفيات كأس القارة خلال فصل الربيع المقبل';
    const out = compressSentence(s, { maxWords: 20, minKeepShare: 0.7 });
    expect(words(out)).toBeLessThanOrEqual(20);
    expect(out.split(' ').at(-1)).not.toMatch(/^(في|على|من|إلى)$/);
    expect(isInOrderSubsequence(out, s)).toBe(true);
  });

  it('leaves a short sentence untouched', () => {
    expect(compressSentence('ارتفع سعر الذهب اليوم.')).toBe('ارتفع سعر الذهب اليوم.');
  });

  it('removes an opening quote left unbalanced by a cut', () => {
    const s = 'وأوضح حموشي أن “المدخل الأساسي لتحييد المخاطر ينطلق من ضرورة خلق بنية أمنية مشتركة وغير قابلة للتجزئة تساهم فيها مصالح الأمن والاستخبارات الوطنية بتعاون وثيق.”';
    const out = compressSentence(s, { maxWords: 15, minKeepShare: 0.7 });
    expect(out).not.toContain('“');
    expect(isInOrderSubsequence(out, s)).toBe(true);
  });

  it('returns an empty string for an empty sentence', () => {
    expect(compressSentence('   ')).toBe('');
  });

  it('never ends a cut bullet on a conjunction such as «لكن» (a long sentence of several clauses)', () => {
    const s = 'أغلقت المدارس أبوابها في ثلاث محافظات شمالية، صباح الثلاثاء، بسبب الثلوج التي قطعت الطرق منذ الأحد، وقالت مديرية التربية في بيان نشرته الوكالة الرسمية (سانا) إن الدوام سيستأنف حين تفتح الطرق، لكن الأهالي يخشون أن يطول الانتظار أسبوعا آخر.';
    for (const [maxWords, wordWorth] of [20, 25, 30, 33].flatMap((m) => [[m, undefined], [m, () => 0.5]] as const)) {
      const out = compressSentence(s, { maxWords, minKeepShare: 0.7, ...(wordWorth ? { wordWorth } : {}) });
      expect(out.split(/\s+/).at(-1)!.replace(/[،,.]/g, '')).not.toMatch(/^(لكن|ولكن|إلى|أن|من|في|مع|التي|الذي)$/);
      expect(isInOrderSubsequence(out, s)).toBe(true);
    }
  });
});

describe('cuts that part what belongs together', () => {
  const s = 'أغلقت المدارس أبوابها في ثلاث محافظات شمالية، صباح الثلاثاء، بسبب الثلوج التي قطعت الطرق منذ الأحد، وقالت مديرية التربية في بيان نشرته الوكالة الرسمية (سانا) إن الدوام سيستأنف حين تفتح الطرق، لكن الأهالي يخشون أن يطول الانتظار أسبوعا آخر.';
  const cuts = [20, 25, 30, 33].flatMap((maxWords) => [undefined, () => 0.5].map((wordWorth) => compressSentence(s, { maxWords, minKeepShare: 0.7, ...(wordWorth ? { wordWorth } : {}) })));

  it('never ends one word into a clause of time («… حين تفتح»)', () => {
    for (const out of cuts) expect(out).not.toMatch(/حين تفتح$/);
  });
});

describe('a verb and the clause it governs stay together or go together', () => {
  const shapes = [20, 25, 30].flatMap((maxWords) => [undefined, () => 0.5].map((wordWorth) => ({ maxWords, minKeepShare: 0.7, ...(wordWorth ? { wordWorth } : {}) })));
  const cutsOf = (s: string): string[] => shapes.map((o) => compressSentence(s, o));

  it('a verb of saying is not kept without its «أن» clause («… وأوضح المدير سامر خليل»)', () => {
    const s = 'افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر الكبير، وأوضح مدير إدارة الطرق والجسور في المحافظة المهندس سامر خليل، أن الجسر سيخفف الزحام عن وسط المدينة ويختصر الرحلة بين الضفتين إلى خمس دقائق.';
    for (const out of cutsOf(s)) {
      expect(isInOrderSubsequence(out, s)).toBe(true);
      expect(out.includes('وأوضح') ? out.includes('أن الجسر') : true).toBe(true);
      expect(out.startsWith('افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر الكبير')).toBe(true);
    }
  });

  it('an «إن» clause is not kept without its verb, nor the verb without it, however the clauses are dropped', () => {
    const s = 'افتتح المحافظ صباح اليوم جسرا جديدا فوق النهر، وقال مدير إدارة الطرق في المحافظة، إن الجسر سيختصر الرحلة بين الضفتين إلى 5 دقائق بدلا من 30 دقيقة في أوقات الذروة كل يوم.';
    const lowVerb = (w: string): number => (/وقال|مدير|إدارة|الطرق|المحافظة/.test(w) ? 0.1 : 0.6);
    for (const out of [...cutsOf(s), ...[20, 25].map((maxWords) => compressSentence(s, { maxWords, minKeepShare: 0.7, wordWorth: lowVerb }))]) {
      expect(isInOrderSubsequence(out, s)).toBe(true);
      expect(out.includes('إن الجسر')).toBe(out.includes('وقال'));
    }
  });

  it('a verb of saying before a dash is no dateline («وقال المهندس - في بيان - إنه …»)', () => {
    const s = 'وقال المهندس سامر خليل - في بيان وزعه المكتب الإعلامي - إنه أنهى أعمال الصيانة.';
    expect(compressSentence(s)).toBe(s);
    expect(compressSentence('الخرطوم - أنهت البلدية أعمال الصيانة.')).toBe('أنهت البلدية أعمال الصيانة.');
  });

  it('a cut does not end on a verb that wants its «أن» clause («… ويخشى المزارعون», «وقرر المجلس», «ويخشون»)', () => {
    const s = 'تراجع منسوب المياه في البحيرة إلى أدنى مستوى منذ عقدين بعد صيف قليل الأمطار وحار على غير العادة في كل مناطق الجنوب، ويخشى المزارعون أن تجف الآبار قبل موسم الحصاد المقبل.';
    for (const out of cutsOf(s)) {
      expect(isInOrderSubsequence(out, s)).toBe(true);
      expect(out.includes('ويخشى') ? out.includes('أن تجف') : true).toBe(true);
    }
    const lead = 'أعلنت وزارة الصحة افتتاح مستشفى جديد للأطفال يضم مئتي سرير وقسما للطوارئ وعيادات خارجية ومختبرات حديثة وصيدلية كبيرة ومواقف واسعة للسيارات وحديقة للمرضى ومكتبة صغيرة وقاعة محاضرات ومصلى';
    for (const tail of ['وقرر المجلس أن يفتتح المبنى في الربيع المقبل.', 'وتأمل الوزارة أن يخفف المستشفى الضغط عن المدن.', 'ويخشون أن يتأخر الافتتاح أشهرا أخرى.', 'ويريد الأهالي أن يفتح أبوابه قبل الشتاء.']) {
      const out = compressSentence(`${lead} ${tail}`, { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 });
      expect(out.split(' ').at(-1)).toBe('ومصلى');
    }
  });

  it('an opinion verb keeps its «أن» clause past a long subject, a title, a name and an aside closed by a comma', () => {
    const s = 'وفي السياق ذاته، رجح كبير الاقتصاديين في مصرف التنمية الوطني الدكتور فادي منصور في حديث مع إذاعة محلية، أن يتباطأ نمو الواردات في البلاد خلال العام المقبل، بينما ستواصل الصادرات الزراعية ارتفاعها بنسبة 6% حتى نهاية 2025.';
    expect(compressSentence(s)).toBe('رجح كبير الاقتصاديين في مصرف التنمية الوطني الدكتور فادي منصور في حديث مع إذاعة محلية، أن يتباطأ نمو الواردات في البلاد خلال العام المقبل');
    const t = 'وتوقعت مديرة قسم الدراسات في الغرفة التجارية، السيدة ليلى حداد، في ندوة عقدت بالعاصمة أمس، أن يرتفع عدد المتاجر الإلكترونية، بينما تتراجع المحلات التقليدية في الأحياء القديمة بنسبة 4% سنويا حتى نهاية العقد.';
    for (const out of cutsOf(t)) {
      expect(isInOrderSubsequence(out, t)).toBe(true);
      expect(out.includes('وتوقعت') ? out.includes('أن يرتفع') : true).toBe(true);
    }
  });

  it('but not an unrelated «أن» further on, after the verb\'s own object («توقع … تباطؤ …، حيث إن …»)', () => {
    // With a link, the «حيث» clause would go only with the verb's clause, and the sentence would be cut at the limit instead.
    const s = 'افتتحت الحكومة ميناء جديدا للحاويات على الساحل الشرقي، وتوقع المصرف المركزي تباطؤ نمو الواردات خلال العام المقبل بسبب تراجع الطلب المحلي، حيث إن أسعار الشحن ارتفعت كثيرا في الأشهر الأخيرة بعد أزمة الممرات البحرية.';
    expect(compressSentence(s)).toBe('افتتحت الحكومة ميناء جديدا للحاويات على الساحل الشرقي، وتوقع المصرف المركزي تباطؤ نمو الواردات خلال العام المقبل بسبب تراجع الطلب المحلي');
    const u = 'افتتحت الحكومة ميناء جديدا للحاويات على الساحل الشرقي، وتوقع المصرف المركزي تباطؤ نمو الواردات بعد أن تراجع الطلب المحلي في المدن الكبرى، أن أسعار الشحن ارتفعت كثيرا في الأشهر الأخيرة بعد أزمة الممرات البحرية.';
    expect(compressSentence(u)).toBe('افتتحت الحكومة ميناء جديدا للحاويات على الساحل الشرقي، وتوقع المصرف المركزي تباطؤ نمو الواردات بعد أن تراجع الطلب المحلي في المدن الكبرى');
  });

  it('nor from an opinion verb inside its clause, nor to «إن» meaning if («… الخطة تعتبر بمثابة …، معربة عن أملها …، أن», «وتعتبر … واحدة من …، إن لم تكن …»)', () => {
    const mid = 'أعلنت البلدية أن خطة النقل الجديدة تعتبر بمثابة الخطوة الأولى في مشروع تطوير وسط المدينة القديم، معربة عن أملها بمساعدة السكان، أن ينتهي العمل قبل الصيف المقبل بعد سنوات طويلة من التأخير والتعثر.';
    expect(compressSentence(mid)).toBe('أعلنت البلدية أن خطة النقل الجديدة تعتبر بمثابة الخطوة الأولى في مشروع تطوير وسط المدينة القديم، معربة عن أملها بمساعدة السكان');
    const cond = 'افتتحت الحكومة ميناء جديدا للحاويات على الساحل الشرقي، وتعتبر المدينة الساحلية التي يسكنها أكثر من مليوني نسمة واحدة من أغلى مدن المنطقة، إن لم تكن أغلاها على الإطلاق بعد ارتفاع الإيجارات في الأحياء الجديدة والقديمة.';
    expect(compressSentence(cond)).toBe('افتتحت الحكومة ميناء جديدا للحاويات على الساحل الشرقي، وتعتبر المدينة الساحلية التي يسكنها أكثر من مليوني نسمة واحدة من أغلى مدن المنطقة');
  });

  it('a cut does not end on a noun or an adjective that wants its «أن» clause («ومن الواضح», «وهناك احتمال», «وليس من المقبول»)', () => {
    // 27 words, then the phrase: a cut at 30 words would end one word before or on «أن».
    const lead = 'أعلنت وزارة الصحة افتتاح مستشفى جديد للأطفال يضم مئتي سرير وقسما للطوارئ وعيادات خارجية ومختبرات حديثة وصيدلية كبيرة ومواقف واسعة للسيارات وحديقة للمرضى ومكتبة صغيرة وقاعة محاضرات';
    for (const tail of ['ومن الواضح أن المبنى سيفتح أبوابه قبل الشتاء المقبل.', 'وهناك احتمال أن يتأخر الافتتاح أشهرا أخرى.', 'وليس من المقبول أن يتأخر الافتتاح أشهرا أخرى.', 'ومن المعروف أن المبنى سيفتح أبوابه قبل الشتاء.']) {
      for (const o of [{ maxWords: 30, minKeepShare: 0.7 }, { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 }]) {
        expect(compressSentence(`${lead} ${tail}`, o).split(' ').at(-1)).toBe('محاضرات');
      }
    }
  });

  it('such a noun without its «أن», among a verb\'s asides, does not part the verb from its quotation («… عن احتمال تأجيل الموسم: …»)', () => {
    const s = 'وقال المتحدث باسم الاتحاد سامي داود، في لقاء مع الصحفيين بعد الاجتماع، الأحد، ردا على سؤال عن احتمال تأجيل الموسم الجديد: القرار لم يتخذ بعد والمشاورات مستمرة مع الأندية حتى نهاية الشهر.';
    expect(compressSentence(s)).toContain('احتمال تأجيل الموسم الجديد: القرار لم يتخذ بعد');
  });

  it('a cut does not end on a list\'s lead-in («… وتشمل الفعاليات الآتية:») without its items', () => {
    const s = 'عقدت اللجنة المنظمة للمهرجان اجتماعها الأخير قبل الافتتاح بحضور ممثلين عن البلدية والدفاع المدني والشرطة والصحة، وتشمل الفعاليات الآتية: عروضا للفرق الشعبية ومعرضا للكتاب وسوقا للحرف اليدوية.';
    for (const out of cutsOf(s)) {
      expect(isInOrderSubsequence(out, s)).toBe(true);
      expect(out).not.toMatch(/الآتية:?$/);
    }
  });
});

describe('whole-phrase bullets', () => {
  it('does not use a sentence that ends mid-phrase (a list\'s lead-in), and keeps one that ends on its own stop', async () => {
    const { composeDigest } = await import('../../src/composer/index.js');
    const d = composeDigest({
      id: 'l', title: 'قواعد جديدة للسفر جوا', source: { name: 'نص' },
      sections: [{ paragraphs: [
        'وتضم قائمة ما يمنع حمله في حقائب اليد على متن الطائرات بعد التعديل الأخير كلا من:',
        'هبطت في مطار المدينة ظهر اليوم أول رحلة للخط الجوي الجديد.',
      ] }],
    }, { maxBullets: 3 });
    expect(d.bullets.map((b) => b.text)).toEqual(['هبطت في مطار المدينة ظهر اليوم أول رحلة للخط الجوي الجديد.']);
  });
});

describe('a sentence cut at the limit ends where its last words want nothing more', () => {
  // 29 words with no clause word or comma among them, then what the cut would end on, then the rest.
  const lead = 'أعلنت وزارة الصحة افتتاح مستشفى جديد للأطفال يضم مئتي سرير وقسما للطوارئ وعيادات خارجية ومختبرات حديثة وصيدلية كبيرة ومواقف واسعة للسيارات وحديقة للمرضى ومكتبة صغيرة وقاعة محاضرات ومصلى ومطعم';
  const cutAfter = (tail: string): string => compressSentence(`${lead} ${tail} من الزوار والعاملين فيه كل يوم.`);

  it('the 29 lead words are what the tests below cut at', () => {
    expect(lead.split(' ')).toHaveLength(29);
  });

  it('not on a partitive, a verb of saying with «و», or an elative after a preposition', () => {
    for (const tail of ['بإحدى المدن', 'وأشارت الوزارة', 'من أهم المرافق']) {
      const out = cutAfter(tail);
      expect(isInOrderSubsequence(out, `${lead} ${tail}`)).toBe(true);
      expect(out.endsWith('ومطعم') || out.endsWith('ومصلى')).toBe(true);
    }
  });

  // Cut by worth (as the first bullet is), every word worth the same: the longest cut scores best.
  const byWorth = (tail: string): string => compressSentence(`${lead.split(' ').slice(0, 28).join(' ')} ${tail}`, { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 });

  it('not one word into a clause («… الذي يخدم»), but after a relative clause its pronoun closes («… التي تضمها»)', () => {
    expect(byWorth('الذي يخدم آلاف المرضى من المدن المجاورة كل يوم.').split(' ').at(-1)).toBe('ومصلى');
    expect(byWorth('التي تضمها المدينة الطبية في الشمال منذ أعوام.').split(' ').at(-1)).toBe('تضمها');
  });

  it('a partitive that is an adjective, or «أحد» meaning anyone, may end it; «فيما» opens a clause as written', () => {
    expect(byWorth('بشكل مختلف عن الخطة الأولى للوزارة في العام الماضي.').split(' ').slice(-2)).toEqual(['بشكل', 'مختلف']);
    expect(compressSentence(`${lead.split(' ').slice(0, 27).join(' ')} ولم يصب أحد بأذى في الحادث الذي وقع صباح اليوم.`).split(' ').slice(-3)).toEqual(['ولم', 'يصب', 'أحد']);
    expect(byWorth('فيما يغفلون عن المرضى في الأقسام الأخرى منذ أعوام.').split(' ').at(-1)).toBe('ومصلى');
    // «أحد عشر» is a number; «أحد إلى» is «anyone» before a preposition («إلى» is no noun with «ال»).
    expect(byWorth('وقتل أحد عشر شخصا في الحادث الذي وقع صباح اليوم.').split(' ').at(-1)).not.toBe('أحد');
    expect(compressSentence(`${lead.split(' ').slice(0, 27).join(' ')} ولم يتطرق أحد إلى الأسباب التي أدت إلى الحادث صباح اليوم.`).split(' ').slice(-3)).toEqual(['ولم', 'يتطرق', 'أحد']);
    // «أحد» before a definite noun wants it.
    expect(byWorth('في أحد المباني القديمة للوزارة منذ أعوام طويلة.').split(' ').at(-1)).toBe('ومصلى');
  });

  it('not on a noun wanting its genitive: a title, a body or a place before a definite noun or a number («… ورئيس الوزراء», «بمدينة الرياض», «يوم 15»)', () => {
    for (const tail of ['ورئيس الوزراء', 'بمدينة الرياض', 'من معسكر الفريق', 'وحزب العمال', 'لكرة القدم', 'في جميع أنحاء البلاد', 'يوم 15 مارس', 'وكأس خادم الحرمين', 'وزير الخارجية', 'ولاية الخرطوم', 'في أواخر يوليو', 'مطلع مارس']) {
      const out = cutAfter(tail);
      expect(isInOrderSubsequence(out, `${lead} ${tail}`)).toBe(true);
      expect(out.endsWith('ومطعم') || out.endsWith('ومصلى'), out).toBe(true);
    }
    expect(byWorth('والعاملين ووزير الخارجية في الحكومة الجديدة منذ أعوام طويلة.').split(' ').at(-1)).toBe('والعاملين');
  });

  it('not inside an attribution before its source names it («، بحسب», «، بحسب ما أعلنت»): the attribution goes whole', () => {
    const at = (k: number, tail: string): string => compressSentence(`${lead.split(' ').slice(0, k).join(' ')} للزوار، ${tail} في بيانها الصادر اليوم عن المستشفى.`, { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 });
    expect(at(27, 'بحسب ما أعلنت وزارة الصحة')).toMatch(/للزوار$/);
    expect(at(26, 'بحسب ما أعلنت وزارة الصحة')).toMatch(/للزوار$/);
    expect(at(27, 'وفقا لما ذكرته الوزارة')).toMatch(/للزوار$/);
    expect(at(27, 'حسبما ذكرت الوزارة')).toMatch(/للزوار$/);
  });

  it('a noun with its own pronoun, or before an indefinite word or a preposition, may end it', () => {
    expect(cutAfter('ورئيسها الجديد').split(' ').at(-1)).toBe('ورئيسها');
    expect(cutAfter('ومركز جديد').split(' ').at(-1)).toBe('ومركز');
    expect(byWorth('ومدينة في الشمال تضم آلاف المرضى منذ أعوام.').split(' ').slice(-2)).toEqual(['ومصلى', 'ومدينة']);
  });

  // The lead cut short so that the tail's number is the 30th word, the last the limit keeps.
  const numberLast = (tail: string, rest = 'من الزوار والعاملين فيه كل يوم.'): string => {
    const k = tail.split(' ').findIndex((w) => /[0-9]/.test(w));
    return `${lead.split(' ').slice(0, 29 - k).join(' ')} ${tail} ${rest}`;
  };

  it('not on a number whose unit, scale or counted noun the cut leaves out («40 | مليون يورو», «32.5 | %», «9 | أشهر»): the number goes with what leads to it', () => {
    for (const tail of [
      'بتكلفة تتجاوز 40 مليون يورو', 'بنسبة تعادل 32.5 %', 'بعد إغلاقها لمدة 9 أشهر', 'يوم 15 مارس', 'وعدد أسرته 120 سريرا', 'بزيادة 12 في المئة', 'بنسبة الـ48 بالمئة', 'بين سن 13 و17 عاما',
      // A counted noun with its own «و» or «ف», a scale that looks definite, a month written two ways, a score, a range.
      'ويضم المجمع 40 وحدة سكنية', 'على مساحة 500 فدان', 'بتكلفة تبلغ 3 آلاف ريال', 'المقررة في 14 شباط/فبراير', 'بنتيجة 3 - 1', 'بين 15 إلى 20 طالبا', 'بين 13 و 17 عاما',
    ]) {
      const sentence = numberLast(tail);
      expect(sentence.split(' ').findIndex((w) => /[0-9]/.test(w))).toBe(29);
      const out = compressSentence(sentence);
      const kept = out.split(' ');
      expect(isInOrderSubsequence(out, sentence)).toBe(true);
      expect(/[0-9]/.test(kept.at(-1)!), out).toBe(false);
      // What led to the number («تتجاوز», «تعادل», «لمدة») goes with it, and so does a detached «الـ».
      expect(['تتجاوز', 'تعادل', 'لمدة', 'بزيادة', 'تبلغ', 'الـ'].includes(kept.at(-1)!), out).toBe(false);
    }
    for (const tail of ['بتكلفة تتجاوز 40 مليون يورو', 'بعد إغلاقها لمدة 9 أشهر']) {
      const out = compressSentence(numberLast(tail), { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 });
      expect(/[0-9]/.test(out.split(' ').at(-1)!), out).toBe(false);
    }
  });

  it('a number that ends its phrase may end it: a year before a preposition or «و», a number before a comma', () => {
    const worth = { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 };
    expect(compressSentence(numberLast('منذ عام 2015 في المدينة')).split(' ').at(-1)).toBe('2015');
    expect(compressSentence(numberLast('منذ عام 2015', 'وحتى اليوم بلا توقف.'), worth).split(' ').at(-1)).toBe('2015');
    expect(compressSentence(numberLast('وسجل 45،', 'في الأسبوع الأول من افتتاحه.'), worth).split(' ').at(-1)).toBe('45');
    // A year after the word that names it, before a verb or a relative word; a number before «و» and a verb.
    expect(compressSentence(numberLast('في عام 2015', 'شهدت المدينة افتتاح مستشفاها الأول.')).split(' ').at(-1)).toBe('2015');
    expect(compressSentence(numberLast('منذ مارس 2014', 'التي شهدت افتتاح المستشفى.')).split(' ').at(-1)).toBe('2014');
    expect(compressSentence(numberLast('بلغ عدد زواره 300', 'ويتوقع أن يرتفع العدد في الصيف.')).split(' ').at(-1)).toBe('300');
  });

  it('a score cut at its dash goes whole («… سيتي 3 -» of «3 - 1»)', () => {
    const sentence = `${lead.split(' ').slice(0, 27).join(' ')} بنتيجة 3 - 1، في المباراة التي أقيمت مساء اليوم.`;
    expect(sentence.split(' ')[29]).toBe('-');
    const out = compressSentence(sentence);
    expect(/[0-9]/.test(out.split(' ').at(-1)!), out).toBe(false);
  });

  it('a number glued after «و(» is still a number that wants its noun: no bracket is left open', () => {
    const out = compressSentence(numberLast('و(50', 'قائدا من الكشافة) في المخيم.'));
    expect(out.includes('(')).toBe(false);
    expect(/[0-9]/.test(out.split(' ').at(-1)!)).toBe(false);
  });

  it('an elative after a noun is an adjective and may end it («بشكل أكبر»)', () => {
    expect(byWorth('بشكل أكبر من المتوقع في الخطة الأولى للوزارة.').split(' ').slice(-2)).toEqual(['بشكل', 'أكبر']);
  });
});

describe('a sentence that opens on its source («ووفقا لتقرير …،»)', () => {
  it('keeps the claim it introduces: the source phrase is no main clause on its own, and stays with its claim', () => {
    const sentence = 'ووفقا لتقرير سنوي أصدرته هيئة الإحصاء الوطنية في عاصمة البلاد بعد مسح شمل آلاف الأسر في كل المحافظات، ارتفع عدد الأسر التي تملك سيارة كهربائية إلى مثلي ما كان عليه قبل ثلاث سنوات في المدن الكبرى.';
    for (const options of [{ maxWords: 30, minKeepShare: 0.7 }, { maxWords: 30, minKeepShare: 0.7, wordWorth: () => 1 }]) {
      const out = compressSentence(sentence, options);
      expect(out, JSON.stringify(options)).toContain('المحافظات، ارتفع عدد الأسر');
      expect(out.startsWith('ووفقا لتقرير سنوي')).toBe(true);
      expect(out.split(' ').length).toBeLessThanOrEqual(30);
    }
  });
});

describe('a short main clause opened by «لا يزال» or a sister keeps its predicate', () => {
  it('the clause with the present-tense verb after the subject\'s asides goes only with all after it', () => {
    const sentence = 'لا يزال الباحث أحمد سالم (40 عاماً)، الذي يعمل في المختبر الوطني منذ سنوات طويلة، وأحد أبرز علماء الفيزياء في المنطقة العربية، يشكّل مرجعا أساسيا للطلاب في الجامعات، والباحثين في العالم، إذ يعتقد زملاؤه أنه سيحصل على جائزة كبرى قريبا.';
    // Worth that makes the predicate cheap and what follows it dear: dropping the predicate alone
    // would score best, and leave «… العربية، والباحثين في العالم، إذ يعتقد …» without a verb.
    const dear = new Set(['والباحثين', 'العالم،', 'زملاؤه']);
    const cheap = new Set(['يشكّل', 'مرجعا', 'أساسيا', 'للطلاب', 'الجامعات،']);
    const out = compressSentence(sentence, { maxWords: 30, minKeepShare: 0.7, wordWorth: (w) => (dear.has(w) ? 5 : cheap.has(w) ? 0.05 : 1) });
    expect(isInOrderSubsequence(out, sentence)).toBe(true);
    expect(out).toContain('والباحثين في العالم');
    expect(out).toContain('يشكّل مرجعا أساسيا للطلاب في الجامعات، والباحثين');
    expect(out.split(' ').length).toBeLessThanOrEqual(30);
  });
});

describe('a sentence that opens on «حيث» or «إذ»', () => {
  it('starts at the word after, as a bullet of its own; a short one keeps it', () => {
    expect(compressSentence('حيث أنهى المدرب المرحلة الأولى من المعسكر بنجاح أمام الفريق الضيف.')).toBe('أنهى المدرب المرحلة الأولى من المعسكر بنجاح أمام الفريق الضيف.');
    expect(compressSentence('إذ لم يبق في مخازن البلدية سوى عشرين طنا من ملح الطرق.')).toBe('لم يبق في مخازن البلدية سوى عشرين طنا من ملح الطرق.');
    expect(compressSentence('أقام الفريق معسكره حيث أنهى المرحلة الأولى.')).toBe('أقام الفريق معسكره حيث أنهى المرحلة الأولى.');
  });
});
