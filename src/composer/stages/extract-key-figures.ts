/**
 * Stage 6: key figures that say what they count. A figure is a label and a value, both taken from
 * the words of one sentence, shown label first: «التعاون مع إسبانيا: 37 في المئة».
 * - The value is a number with its unit («في المئة», «مليون», «دولار», «نقطة», «شخصا», …), the word a
 *   magnitude counts («45 ألف متفرج»), a date («15 سبتمبر»), and an approximation before it («أكثر من»).
 * - The label is what the value belongs to: the words of the same clause before it, without the
 *   words that only link it to the value («بنسبة», «بلغت», «إلى»), without the verb of saying and
 *   its «إن» («وقال مسؤول إن …»), and without opening or closing on a function word.
 * - A value inside brackets (an aside: «(75 ألف يورو)») is not a figure; a figure that cannot be
 *   given a label is left out; a value already given is not given again.
 * - A figure whose label would name nothing is left out rather than shown: a lone word that is no
 *   noun of measure, a duration or a date with nothing that lasts or falls on it, a label that runs
 *   on from the figure before it, names its source, or mixes in another number or a month.
 * The selected sentences are read first, then the others by score, so that the figures a reader
 * most needs come first.
 */
import { RANGE_TO_WORDS, SCALE_WORDS } from '../number-words.js';
import { isStopWord, normalizeArabic, toAsciiDigits } from '../../arabic/index.js';
import type { AnyDraftStage } from '../draft.js';

/** Most figures kept (default of {@link createExtractKeyFigures}). */
export const DEFAULT_MAX_KEY_FIGURES = 6;
/** Most values of an article kept for comparing editions. */
const MAX_VALUES = 60;
/** Most words of a label. */
const MAX_LABEL_WORDS = 4;
/** How far before the value a label may start. */
const MAX_CLAUSE_WORDS = 12;

const norm = (words: readonly string[]): Set<string> => new Set(words.map((w) => normalizeArabic(w)));

const UNITS = norm([
  'في المئة', 'في المائة', 'بالمئة', 'بالمائة', '%', 'مليون', 'ملايين', 'مليونا', 'مليار', 'مليارات', 'مليارا', 'ألف', 'آلاف', 'ألفا',
  'تريليون', 'دولار', 'دولارا', 'دولارات', 'يورو', 'درهم', 'درهما', 'دينار', 'دينارا', 'جنيه', 'جنيها', 'جنيهات', 'ريال', 'ريالا',
  'ريالات', 'ليرة', 'شيكل', 'روبل', 'ين', 'شخصا', 'شخص', 'أشخاص', 'قتيلا', 'قتلى', 'جريحا', 'جرحى', 'مصابا', 'إصابة', 'إصابات',
  'حالة', 'حالات', 'طفلا', 'أطفال', 'لاعبا', 'هدفا', 'أهداف', 'نقطة', 'نقاط', 'مباراة', 'مباريات', 'عاما', 'أعوام', 'سنة', 'سنوات',
  'شهرا', 'أشهر', 'أسبوعا', 'أسابيع', 'يوما', 'أيام', 'ساعة', 'ساعات', 'دقيقة', 'دقائق', 'كيلومتر', 'كيلومترا', 'كلم', 'كم', 'متر',
  'مترا', 'ميلا', 'سنتا', 'سنت', 'طن', 'أطنان', 'برميل', 'مرة', 'مرات', 'دولة', 'دول', 'مقعدا', 'صوتا', 'عضو', 'عضوا', 'فرد', 'زائر', 'مشارك',
  'مشاركا', 'موظف', 'موظفا', 'وظيفة', 'منزل', 'منزلا', 'سيارة', 'طائرة', 'درجة', 'درجات',
]);
const MONTHS = norm([
  'يناير', 'فبراير', 'مارس', 'أبريل', 'إبريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'سبتمبر', 'أكتوبر', 'نوفمبر', 'ديسمبر',
  'كانون', 'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين', 'محرم', 'صفر', 'ربيع', 'جمادى', 'رجب', 'شعبان',
  'رمضان', 'شوال', 'القعدة', 'الحجة',
]);
/** Words before a number that belong to the value: «أكثر من 20 ألف», «نحو 500 كيلومتر». */
const APPROX_ONE = norm(['نحو', 'بنحو', 'حوالي', 'بحوالي', 'قرابة', 'بقرابة', 'زهاء', 'مايقارب', 'مايقرب', 'يقارب', 'تقارب', 'يناهز', 'تناهز', 'يفوق', 'تفوق', 'يتجاوز', 'تتجاوز']);
/** Words after a magnitude that are not what it counts («14 مليون بكثير»). */
const NOT_COUNTED = norm(['بكثير', 'فقط', 'تقريبا', 'سنويا', 'يوميا', 'شهريا', 'أسبوعيا', 'إضافية', 'إضافي', 'أخرى', 'آخرين']);
const APPROX_TWO = norm(['أكثر من', 'أقل من', 'يقارب', 'يقرب من', 'يزيد على', 'يزيد عن', 'يناهز', 'أزيد من']);
/** Words that only link a label to its value («بنسبة», «بلغت», «إلى»), dropped from the label's end. */
const LINKERS = norm([
  'بنسبة', 'نسبة', 'بنسبه', 'مئوية', 'بقيمة', 'قيمتها', 'قيمته', 'بمعدل', 'بواقع', 'بمبلغ', 'مبلغ', 'قدره', 'قدرها', 'مقدارها', 'مقداره',
  'بلغ', 'بلغت', 'يبلغ', 'تبلغ', 'وصل', 'وصلت', 'يصل', 'تصل', 'قدر', 'قدرت', 'يقدر', 'تقدر', 'بـ', 'ب', 'لـ', 'إلى', 'الى', 'من', 'في',
  'على', 'عن', 'مع', 'بين', 'حتى', 'منذ', 'خلال', 'بعد', 'قبل', 'عند', 'لمدة', 'مدة', 'بحدود', 'حدود', 'ما', 'إلى', 'و', 'أو',
  'عدد', 'بعدد', 'بلغ', 'سجل', 'سجلت', 'حيث', 'إذ', 'مجموعه', 'مجموعها', 'إجمالي', 'بإجمالي', 'عبر', 'لأن', 'لدى', 'ضد', 'حول', 'نحو',
  'دون', 'بدون', 'وسط', 'عقب', 'إثر', 'رغم', 'بسبب', 'لكن', 'بل', 'ثم', 'لتبلغ', 'ليبلغ', 'لتصل', 'ليصل', 'وعددهم', 'وعددها', 'عددهم',
  'عددها', 'أمام', 'مقارنة', 'مقارنه', 'البالغ', 'البالغة', 'والبالغ', 'والبالغة', 'بحيث',
]);
/** Particles of negation: a label that would open right after one is left out ({@link opensAfterNegation}). */
const NEGATIONS = norm(['لا', 'ولا', 'فلا', 'لم', 'ولم', 'فلم', 'لن', 'ولن', 'ليس', 'ليست', 'وليس', 'وليست', 'غير']);
/** Words of exception, which turn a negation into «only» («لا … سوى 30»). */
const EXCEPT = norm(['سوى', 'إلا', 'الا']);
/** «زال» and its forms: after «لا», «ما» or «لم» they say «still» («لا يزال», «ما زالت»), and open no label. */
const ZAAL = norm(['زال', 'زالت', 'يزال', 'تزال', 'يزالون', 'يزل', 'تزل', 'انفك', 'انفكت', 'برح', 'برحت']);
/** Prepositions whose object the value is («أمام 45 ألف متفرج»): its owner is the phrase nearest it. */
const OBJECT_PREPOSITIONS = norm(['أمام', 'بين', 'عن', 'على', 'من', 'مع', 'ضد', 'لـ', 'ل', 'بحق', 'لصالح']);
/** Verbs of saying and linking verbs a label does not open on («وبلغت قيمة الصفقة» → «قيمة الصفقة»). */
const OPENERS = norm([
  'بلغ', 'بلغت', 'يبلغ', 'تبلغ', 'وبلغ', 'وبلغت', 'وتبلغ', 'ويبلغ', 'وصل', 'وصلت', 'ووصل', 'ووصلت', 'جاء', 'جاءت', 'وجاء', 'وجاءت', 'حل',
  'حلت', 'وحل', 'وحلت', 'قدر', 'قدرت', 'وقدر', 'وقدرت', 'يقدر', 'تقدر', 'متبوعا', 'متبوعة', 'تليها', 'يليها', 'تليه', 'يليه', 'تلتها',
  'تلاه', 'تلتها', 'مقابل', 'ومقابل', 'بينها', 'منها', 'منهم', 'بينهم', 'وبينها', 'ومنها', 'ومنهم', 'أي', 'بما', 'يعادل', 'تعادل',
  'أولا', 'ثانيا', 'ثالثا', 'رابعا', 'خامسا',
]);
/** Words after which a new statement starts: the label starts after the last of them («وقال مسؤول إن …»). */
const COMPLEMENTIZERS = norm(['بحيث', 'إن', 'أن', 'بأن', 'إنه', 'أنه', 'إنها', 'أنها', 'بأنه', 'بأنها', 'الذي', 'التي', 'الذين', 'حيث', 'إذ', 'بينما', 'فيما', 'وفيما', 'وبينما', 'كما', 'وكما']);

/**
 * Nouns that name what a figure measures. A label of one word must be one of them («المبيعات»,
 * «مساحتها», «بزيادة» → «زيادة»): a lone word before a value is otherwise a verb or a fragment
 * («قتل: 27 شخصا», «يبعد: 500 متر», «ورجل: 20 ألف ساعة»), which names nothing.
 */
const MEASURES = norm([
  'مبيعات', 'بطالة', 'تضخم', 'أرباح', 'ربح', 'خسائر', 'خسارة', 'إيرادات', 'عائدات', 'صادرات', 'واردات', 'إنتاج', 'استثمارات', 'استثمار',
  'ميزانية', 'موازنة', 'ديون', 'دين', 'عجز', 'فائض', 'نمو', 'ارتفاع', 'انخفاض', 'زيادة', 'تراجع', 'هبوط', 'صعود', 'قيمة', 'تكلفة', 'كلفة',
  'سعر', 'أسعار', 'مساحة', 'طول', 'عمق', 'وزن', 'عدد', 'نسبة', 'حصة', 'صفقة', 'رواتب', 'راتب', 'أجور', 'مكافأة', 'جائزة', 'غرامة',
  'تعويض', 'تعويضات', 'تمويل', 'قرض', 'قروض', 'ودائع', 'احتياطي', 'احتياطيات', 'رأسمال', 'ضحايا', 'قتلى', 'جرحى', 'مصابين', 'وفيات',
  'إصابات', 'زوار', 'سكان', 'مشاركين', 'عاطلين', 'ولادات', 'مواليد', 'مشاريع', 'سرعة', 'مسافة', 'حجم', 'معدل',
  'مخصصات', 'منحة', 'ضرائب', 'رسوم', 'حرارة', 'أمطار', 'استهلاك', 'مدخرات', 'أصول', 'سيولة', 'تداولات', 'فاتورة',
]);
/** Words of order and time that name no measure: a label does not end on one («الثالث: …», «… العام الماضي»). */
const NO_LABEL_END = norm([
  'الفترة', 'المرة', 'الموافق', 'الماضي', 'الماضية', 'الجاري', 'الحالي', 'المقبل', 'المقبلة', 'الأول', 'الثاني', 'الثالث', 'الرابع',
  'الخامس', 'البالغ', 'البالغة', 'المركز', 'المرتبة', 'منتصف', 'مطلع', 'أواخر', 'أوائل', 'بداية', 'نهاية',
]);
/**
 * Days and spans of time: a label's time («قتل مسلح الاثنين», «ينهي الأسبوع»), not its measure;
 * they go from its end, but after a time of day or a prayer, whose day they name («ظهر الجمعة»).
 */
const TIME_NOUNS = norm([
  'الشهر', 'اليوم', 'الأسبوع', 'السبت', 'الأحد', 'الإثنين', 'الاثنين', 'الثلاثاء', 'الأربعاء', 'الخميس', 'الجمعة',
]);
const TIME_OF_DAY = norm(['ظهر', 'صباح', 'مساء', 'فجر', 'عصر', 'ليلة', 'صلاة', 'خطبة', 'يوم']);
/** «العام» is a noun's own after a definite noun («الدين العام», «القطاع العام»), a year elsewhere («موازنة العام», «منتصف العام»). */
const YEAR = norm(['العام', 'عام']);
const YEAR_SPANS = norm(['منتصف', 'مطلع', 'أواخر', 'أوائل', 'بداية', 'نهاية', 'خلال', 'طوال', 'ذروته', 'ذروتها']);
/** Units of time: a duration says little alone («فرصة الزيارة: 20 عاما»), unless its label names one (a sentence, a term, an age). */
const DURATIONS = norm(['عاما', 'عام', 'أعوام', 'سنة', 'سنوات', 'شهرا', 'شهر', 'أشهر', 'أسبوعا', 'أسابيع', 'يوما', 'يوم', 'أيام', 'ساعة', 'ساعات', 'دقيقة', 'دقائق']);
/** Words of a label that name a duration («عقوبة السجن: 12 عاما», «وقضت بحبسها: 8 سنوات», «تمديد مدة التوقيف: 15 يوما»). */
const DURATION_NOUN = /(?:سجن|حبس|عقوب|حكم|مد[ةه]|فتر[ةه]|عمر|اعمار|سن$|تمديد|توقيف|اعتقال|ولاي[ةه]|عقد|اعار[ةه]|اقام[ةه]|مهل[ةه]|استمر|يستمر|تستمر|دام|تدوم|يدوم)/;

/** Units that open no noun phrase: a label opening on one is the tail of the figure before it. */
const LEFTOVER_UNITS = norm(['المئة', 'المائة', 'بالمئة', 'بالمائة', 'مليون', 'ملايين', 'مليار', 'مليارات', 'ألف', 'آلاف', 'تريليون']);
/** Numbers in words («ثلاث مباريات»). */
const NUMBER_WORDS = norm([
  'اثنان', 'اثنين', 'ثلاث', 'ثلاثة', 'أربع', 'أربعة', 'خمس', 'خمسة', 'ست', 'ستة', 'سبع', 'سبعة', 'ثماني', 'ثمانية', 'تسع', 'تسعة', 'عشر',
  'عشرة', 'عشرين', 'عشرون', 'ثلاثين', 'أربعين', 'خمسين', 'مئة', 'مائة', 'مئات', 'ألف', 'آلاف', 'مليون', 'مليار',
]);
/** Linking words that head the measured phrase when a noun follows («عدد المصابين», «نسبة البطالة», «إجمالي الصادرات»). */
const MEASURE_HEADS = norm(['عدد', 'نسبة', 'مبلغ', 'إجمالي', 'مجموع', 'مدة', 'فترة']);
/** Words that open an attribution («ووفقا لمركز الإحصاء …»): the source of a figure, not what it counts. */
const ATTRIBUTIONS = norm(['وفقا', 'ووفقا', 'طبقا', 'وطبقا', 'حسب', 'بحسب', 'وبحسب', 'وحسب', 'نقلا', 'ونقلا']);
/** Nouns of an event a date is a figure of («تنطلق الانتخابات البرلمانية: 15 سبتمبر»); a date with none is left out. */
const EVENT_NOUN = /(?:انتخاب|موعد|قم[ةه]$|مؤتمر|اجتماع|جلس[ةه]|مباراه|مباراة|افتتاح|انطلاق|ينطلق|تنطلق|بطول|دوري|موسم|معرض|مهرجان|حفل|زيار[ةه]|محاكم|استفتاء|اطلاق|اكتتاب|قمه|منتدي|ملتقي|دور[ةه]|تصفيات|كاس|كأس)/;

/** Clitics a measure noun may carry: «و», «ف», «ب», «ل», the article, a possessive pronoun. */
const MEASURE_PREFIX = /^(?:[وف])?(?:بال|لل|ال|ب|ل)?/;
const MEASURE_SUFFIX = /(?:هما|هم|ها|ه)$/;

/** Measure nouns that say nothing alone, only with what they are of («نسبة: 2.5%», «بمعدل: 65%»). */
const RELATIONAL_MEASURES = norm(['نسبة', 'معدل', 'حجم', 'قيمة', 'عدد']);

/**
 * Whether a word is a measure noun ({@link MEASURES}) under its clitics: «بزيادة», «مساحتها»,
 * «وإيراداته»; `alone`: one that can be a label by itself (not {@link RELATIONAL_MEASURES}).
 */
function isMeasureNoun(word: string, alone = false): boolean {
  const b = bare(word);
  const known = (core: string): boolean => MEASURES.has(core) && !(alone && RELATIONAL_MEASURES.has(core));
  for (const core of [b, b.replace(MEASURE_PREFIX, ''), b.replace(/^[وف]/, '')]) {
    if (known(core)) return true;
    const bare2 = core.replace(MEASURE_SUFFIX, '');
    if (bare2 !== core && (known(bare2) || known(bare2.replace(/ت$/, 'ه')))) return true;
  }
  return false;
}

/** A one-word measure label as shown: without «و», «ف» or a preposition «ب»/«ل» when the noun is whole without it («بزيادة» → «زيادة», «بطالة» stays). */
function measureShown(word: string): string {
  const w = /^[وف]/.test(word) && isMeasureNoun(word.slice(1)) ? word.slice(1) : word;
  return /^[بل](?!ال)/.test(w) && !MEASURES.has(bare(w).replace(MEASURE_SUFFIX, '')) && !MEASURES.has(bare(w)) && isMeasureNoun(w.slice(1)) ? w.slice(1) : w;
}

const NUMBER = /^([^\s0-9\u0660-\u0669]{0,3}?)([0-9\u0660-\u0669][0-9\u0660-\u0669.,\u066B\u066C]*)(%?)([\u060C,.:؛)»”"]*)$/;
/** Sentence punctuation, quotes and brackets at a word's edges. */
const EDGES = /^["“”«»'()[\]]+|["“”«»'()[\].,\u060C:؛!?\u061F]+$/g;
const CLAUSE_END = /[\u060C,:؛;)\]»”]$|[.!?\u061F]$|^[-–—]+$/;
const ARABIC_WORD = /^[\u0621-\u064A\u0660-\u0669\u064B-\u0652]+$/;

const bareCache = new Map<string, string>();
/** The word without edge punctuation, normalized (memoized: it runs on the words around every number). */
function bare(w: string): string {
  let b = bareCache.get(w);
  if (b === undefined) {
    if (bareCache.size > 50_000) bareCache.clear();
    b = normalizeArabic(w.replace(EDGES, ''));
    bareCache.set(w, b);
  }
  return b;
}

/** Empties the word cache of the key-figure stage (benchmarks start cold). */
export function clearKeyFigureCache(): void {
  bareCache.clear();
}

/** A value found at word `k`: its words as shown, and the index after it. */
interface Value {
  start: number;
  end: number;
  text: string;
  /** What makes two figures the same value: ASCII digits and unit. */
  key: string;
}

/** The value starting at the number word `k`, or null when the number has no unit (a bare year or count says little). */
function valueAt(words: readonly string[], k: number): Value | null {
  const m = NUMBER.exec(words[k]!);
  if (!m) return null;
  const [, prefix = '', digits = '', percent = '', trail = ''] = m;
  if (prefix.includes('(') || prefix.includes('[')) return null; // an aside in brackets
  const shown: string[] = [digits + percent];
  let end = k + 1;
  if (percent === '') {
    if (trail.length > 0) return null; // «في عام 2015،»: punctuation right after the number, no unit
    const one = bare(words[k + 1] ?? '');
    const two = `${one} ${bare(words[k + 2] ?? '')}`;
    if (UNITS.has(two)) end = k + 3;
    else if (UNITS.has(one)) end = k + 2;
    else if (MONTHS.has(one)) {
      end = k + 2;
      if (MONTHS.has(bare(words[k + 2] ?? '')) || bare(words[k + 2] ?? '') === 'الأول' || bare(words[k + 2] ?? '') === 'الثاني' || bare(words[k + 2] ?? '') === 'الآخر') end = k + 3;
      if (/^[0-9\u0660-\u0669]{4}[\u060C,.]?$/.test(words[end] ?? '')) end++;
    } else return null;
    const unit = words[end - 1]!;
    const counted = words[end];
    if (SCALE_WORDS.has(bare(unit)) && !CLAUSE_END.test(unit) && counted !== undefined && ARABIC_WORD.test(counted.replace(EDGES, '')) && !isStopWord(bare(counted)) && !NOT_COUNTED.has(bare(counted)) && !/^ب(?:ا|ز)/.test(bare(counted))) end++; // «3.3 مليون بانخفاض» counts no «بانخفاض»
    for (let i = k + 1; i < end; i++) shown.push(words[i]!);
  }
  // An approximation before the number belongs to the value.
  let start = k;
  const before1 = bare(words[k - 1] ?? '');
  // «بأكثر من», «لأكثر من»: the approximation with its preposition.
  const before2 = `${bare(words[k - 2] ?? '').replace(/^[بل](?=اكثر|اقل|ازيد)/, '')} ${before1}`;
  if (prefix === '' && k >= 2 && APPROX_TWO.has(before2.replace(/^ما /, ''))) start = k - 2;
  else if (prefix === '' && k >= 2 && APPROX_TWO.has(before2)) start = k - 2;
  else if (prefix === '' && k >= 1 && APPROX_ONE.has(before1)) start = k - 1;
  if (start < k && bare(words[start - 1] ?? '') === 'ما') start--;
  const approx = words.slice(start, k).map((w) => w.replace(EDGES, '').replace(/^ب(?=نحو|حوالي|قرابة)/, '').replace(/^[بل](?=[أا](?:كثر|قل|زيد))/, ''));
  const text = [...approx, ...shown].join(' ').replace(EDGES, '');
  if (/[()[\]«»“”"]/.test(text)) return null;
  const key = `${toAsciiDigits(digits).replace(/[,\u066C]/g, '')}${percent} ${shown.slice(1).map((w) => bare(w)).join(' ')}`.trim();
  return { start, end, text, key };
}

/** Whether a word is one a label must not open or close on. */
function isFunctionWord(word: string): boolean {
  const b = bare(word);
  // «وذلك», «وعلى», «فقد»: a conjunction glued to a function word.
  return b.length === 0 || isStopWord(b) || LINKERS.has(b) || /^[وفبلك]ـ?$/.test(b) || /^و?الـ?$/.test(b) || (b.length > 2 && /^[وف]/.test(b) && isStopWord(b.slice(1)));
}

/**
 * The label of the value at `v.start`: the clause's words before it, trimmed (see the module
 * comment); '' when none, or when it would open in the middle of a phrase: the clause ran on from
 * the figure before it or past the clause limit, and nothing in it (an «إن», a joined «و» clause, a
 * function word) marks where its own words start («… 9.7 مليون برميل يوميا بعدما 860 …» gives no
 * «يوميا بعدما: 860 …»).
 */
function labelFor(words: readonly string[], v: Value, used: number): string {
  let from = v.start;
  // Back to the start of the clause: punctuation that ends one, a bracket, another figure, or the clause limit.
  let clean = false;
  while (from > used && v.start - from < MAX_CLAUSE_WORDS) {
    const w = words[from - 1]!;
    if (CLAUSE_END.test(w) || /[(\[0-9\u0660-\u0669]/.test(w)) break;
    from--;
  }
  if (from === 0 || CLAUSE_END.test(words[from - 1]!) || /[(\[0-9\u0660-\u0669]/.test(words[from - 1]!)) clean = true;
  let label = words.slice(from, v.start).map((w) => w.replace(EDGES, '')).filter((w) => w.length > 0);
  if (label.some((w) => /[()[\]«»“”"]/.test(w))) return '';
  // A statement inside the clause starts after its «إن» or its relative pronoun.
  for (let i = label.length - 1; i >= 0; i--) {
    if (COMPLEMENTIZERS.has(bare(label[i]!))) {
      label = label.slice(i + 1);
      clean = true;
      break;
    }
  }
  // Right after the figure before it, an item joined by «و» starts its own phrase («… 20 مليار
  // ريال والواردات 15 مليار ريال»).
  if (!clean && from === used && label.length > 0 && /^و[\u0621-\u064A]{2,}/.test(label[0]!)) clean = true;
  // A clause joined by «و» inside a run-on starts there.
  if (!clean) {
    const joined = label.findLastIndex((w, i) => i < label.length - 1 && /^و[\u0621-\u064A]{2,}/.test(w) && !/^وال/.test(w));
    if (joined >= 0) {
      label = label.slice(joined);
      clean = true;
    }
  }
  // Or after its last function word, the phrase of the value's own («… الجوية يليها قطار الشمال بمقدار»).
  if (!clean) {
    const cut = label.findLastIndex((w, i) => i < label.length - 1 && isFunctionWord(w));
    if (cut < 0) return '';
    label = label.slice(cut + 1);
    clean = true;
  }
  const trim = (): void => {
    while (label.length > 0 && (isFunctionWord(label[0]!) || OPENERS.has(bare(label[0]!)) || ZAAL.has(bare(label[0]!))) && !(label.length > 1 && MEASURE_HEADS.has(bare(label[0]!)))) label = label.slice(1);
    while (label.length > 0 && (isFunctionWord(label.at(-1)!) || APPROX_ONE.has(bare(label.at(-1)!)))) label = label.slice(0, -1);
  };
  trim();
  if (label.length > 0 && /^وال/.test(label[0]!)) label[0] = label[0]!.slice(1); // «والولايات المتحدة» → «الولايات المتحدة»
  // «و» before a verb's «ت», «ي» or «أ» with five letters or more after it is the conjunction
  // («وتستهدف الجمعية» → «تستهدف الجمعية»); shorter words keep it («وتيرة», «ولايات» is left alone).
  else if (label.length > 1 && /^و[تيأ][\u0621-\u064A\u064B-\u0652]{4,}$/.test(label[0]!)) label[0] = label[0]!.slice(1);
  if (label.length > 0 && /^بال/.test(label[0]!)) label[0] = label[0]!.slice(1); // «بالتعاون» → «التعاون»
  // A rank between the owner and the value says less than the owner: «إسبانيا في المرتبة الأولى».
  const rank = label.findIndex((w, i) => i > 0 && /^(?:ب|ل)?(?:المرتبه|المركز)$/.test(bare(w)));
  if (rank > 0) label = label.slice(0, bare(label[rank - 1]!) === 'في' ? rank - 1 : rank);
  trim();
  if (label.length > MAX_LABEL_WORDS) {
    const objectOf = OBJECT_PREPOSITIONS.has(bare(words[v.start - 1] ?? ''));
    if (objectOf) {
      // The value is a preposition's object: its owner is the phrase nearest it, after the last
      // function word («… في مباراة مثيرة أمام 45 ألف متفرج» → «مباراة مثيرة»).
      let cut = -1;
      for (let i = label.length - 2; i >= 0 && cut < 0; i--) if (isFunctionWord(label[i]!)) cut = i + 1;
      // With no function word to cut at, the definite noun phrase that ends the clause («… مثيرة
      // احتضنها الملعب الدولي أمام 45 ألف متفرج» → «الملعب الدولي»), not a relative clause's verb.
      let definite = label.length;
      while (definite > 0 && /^ال[\u0621-\u064A]{2,}/.test(label[definite - 1]!)) definite--;
      if (cut < 0 && definite < label.length && label.length - definite <= MAX_LABEL_WORDS) cut = definite;
      if (!(cut > 0 && label.length - cut <= MAX_LABEL_WORDS)) return ''; // no phrase of its own to cut at: a fragment
      label = label.slice(cut);
    } else {
      // A clause joined by «و» to the one before it starts there («… الترتيب وتوقف رصيد فولفسبورغ»).
      const joined = label.findLastIndex((w, i) => i > 0 && i < label.length - 1 && /^و[\u0621-\u064A]{2,}/.test(w) && !/^وال/.test(w));
      if (joined > 0) {
        label = label.slice(joined);
        trim();
      }
      // The value is what the clause's subject reached: drop the circumstances after it, from the
      // right («حجم الاستثمارات ارتفع في شهر يناير» → «حجم الاستثمارات ارتفع»).
      for (let i = label.length - 1; i >= 1 && label.length > MAX_LABEL_WORDS; i--) if (isFunctionWord(label[i]!)) label = label.slice(0, i);
      label = label.slice(0, MAX_LABEL_WORDS);
    }
    trim();
  }
  return label.length > 0 && opensAfterNegation(words, from, v.start, label[0]!) ? '' : label.join(' ');
}

/**
 * Whether a label's first word comes right after a negation in the sentence («لا تزال المدينة
 * تحتفظ …», «ولم يتجاوز …», «ما زالت …»): the label would say the opposite of the sentence.
 */
function opensAfterNegation(words: readonly string[], from: number, to: number, first: string): boolean {
  const b = bare(first);
  for (let j = to - 1; j >= from; j--) {
    const w = bare(words[j]!);
    if (w !== b && !w.endsWith(b)) continue;
    const before = bare(words[j - 1] ?? '');
    // «لا يزال», «ما زال», «لم يزل» say «still»: not a negation (the «يزال» itself is trimmed from the label).
    const negated = NEGATIONS.has(before) && !ZAAL.has(b);
    // «لا … سوى», «لم … إلا» restrict, they do not deny: «لا تمثل المرأة سوى 30 في المئة».
    return negated && !words.slice(j, to).some((w) => EXCEPT.has(bare(w)));
  }
  return false;
}

/** A sentence's words and the values in them, scanned once (see {@link valueAt}). */
interface Scanned {
  words: string[];
  values: Value[];
}

function scan(text: string): Scanned {
  const words = text.split(/\s+/).filter((w) => w.length > 0);
  const values: Value[] = [];
  for (let k = 0; k < words.length; k++) {
    if (!/[0-9\u0660-\u0669]/.test(words[k]!)) continue;
    const v = valueAt(words, k);
    if (!v) continue;
    values.push(v);
    k = v.end - 1;
  }
  return { words, values };
}

/** Every value of one sentence (a number with its unit, a date), labelled or not, as written, each with its key. */
export function valuesOf(text: string): { value: string; key: string }[] {
  return scan(text).values.map((v) => ({ value: v.text, key: v.key }));
}

/** The figures of one sentence, as «label: value», each with its value's key. */
export function figuresOf(text: string): { figure: string; key: string }[] {
  return figuresIn(scan(text));
}

function figuresIn({ words, values }: Scanned): { figure: string; key: string }[] {
  const out: { figure: string; key: string }[] = [];
  let used = 0;
  // Where the label of a range's second end ends: before the «من» of its first («… من 12% إلى 9%»).
  let rangeFrom: { start: number; used: number } | undefined;
  for (const v of values) {
    // Brackets opened before the value and not closed: the value is an aside.
    const before = words.slice(0, v.start).join(' ');
    if ((before.match(/\(/g) ?? []).length > (before.match(/\)/g) ?? []).length) continue;
    // One end of a range is not what its label says: «بين 15% و20%» («و 20%», «إلى 20», «لـ20%»)
    // gives no figure; «من 12% إلى 9%» gives its second end, the value reached, the label of the
    // words before «من» («وانخفضت نسبة البطالة من 12% إلى 9%» → «نسبة البطالة: 9%»).
    const opens = bare(words[v.start - 1] ?? '');
    const closes = bare(words[v.end] ?? '');
    const digitNext = /^[0-9\u0660-\u0669]/.test(words[v.end + 1] ?? '');
    const toOther = ((closes === 'و' || RANGE_TO_WORDS.has(closes)) && digitNext) || /^(?:و|إلى|الى|حتى|لـ?)ـ?[0-9\u0660-\u0669]/.test(closes);
    if ((opens === 'بين' || opens === 'وبين' || opens === 'من') && toOther) {
      if (opens === 'من') rangeFrom = { start: v.start - 1, used };
      used = v.end;
      continue;
    }
    const from = rangeFrom;
    rangeFrom = undefined;
    let label = from !== undefined ? labelFor(words, { ...v, start: from.start }, from.used) : labelFor(words, v, used);
    used = v.end;
    if (label.length === 0) continue;
    // Words of time at its end go («الإنتاج المتوقع هذا العام» → «الإنتاج المتوقع»); a label of nothing else is none.
    const labelWords = label.split(' ');
    const timeEnd = (): boolean => {
      const last = bare(labelWords.at(-1)!);
      const before = labelWords.length > 1 ? bare(labelWords.at(-2)!) : '';
      if (TIME_NOUNS.has(last)) return !TIME_OF_DAY.has(before) || before === 'يوم';
      if (YEAR.has(last)) return !/^ال/.test(before) || YEAR_SPANS.has(before) || isFunctionWord(labelWords.at(-2) ?? '');
      return false;
    };
    while (labelWords.length > 0 && (NO_LABEL_END.has(bare(labelWords.at(-1)!)) || isFunctionWord(labelWords.at(-1)!) || timeEnd())) labelWords.pop();
    if (labelWords.length === 0) continue;
    label = labelWords.join(' ');
    const unitWord = (v.key.split(' ')[1] ?? '').replace(/[\u064B-\u0652]/g, '');
    if (DURATIONS.has(unitWord) && !labelWords.some((w) => DURATION_NOUN.test(bare(w)))) continue;
    if (ATTRIBUTIONS.has(bare(labelWords[0]!))) continue;
    // A label that opens on the unit of the figure before it («المئة في فرنسا: …»), or carries
    // another number or a month («ثلاث مباريات والتعادل: 11 مباراة», «بمنتصف يناير: …»), mixes two figures.
    if (LEFTOVER_UNITS.has(bare(labelWords[0]!))) continue;
    if (labelWords.some((w) => w.split('/').some((p) => NUMBER_WORDS.has(bare(p).replace(/^[وبل]/, '')) || MONTHS.has(bare(p).replace(/^(?:[وف]?(?:ب|ل|في|منذ))/, '')) || MONTHS.has(bare(p))))) continue;
    if (MONTHS.has(unitWord) && !labelWords.some((w) => EVENT_NOUN.test(bare(w)))) continue;
    // A date wants a label that says what falls on it, not one word («الأرباح: 25 يونيو»).
    if (labelWords.length === 1 && MONTHS.has(v.key.split(' ')[1] ?? '')) continue;
    if (labelWords.length === 1 && !isMeasureNoun(label, true)) {
      // One word is a label only as an item of a list of the same unit: «…، وألمانيا بـ11 في المئة».
      const unit = v.key.slice(v.key.indexOf(' ') + 1);
      // An item follows a comma or «و» («…، فرنسا 28 في المئة، وألمانيا …»); a word left after «كما»
      // or «فيما» is a verb («كما حصل: 30 مليون») and names nothing.
      const at = words.findLastIndex((w, i) => i < v.start && (w.replace(EDGES, '') === label || w.replace(EDGES, '') === `و${label}`));
      const afterComma = at > 0 && /[\u060C,]$/.test(words[at - 1]!);
      // (Not a noun of ratio alone: «ونسبة 33 في المئة» names nothing.)
      const ratio = MEASURE_HEADS.has(bare(label).replace(/^و?ب?/, '')) || /^و?بنسب/.test(bare(label));
      const listed = !ratio && out.some((f) => f.key.slice(f.key.indexOf(' ') + 1) === unit) && /^[\u0621-\u064A]{3,}$/.test(label) && (afterComma || /^و/.test(words[at] ?? ''));
      if (!listed) continue;
      if (/^و/.test(label) && !/^ال/.test(label.slice(1))) label = label.slice(1); // «وألمانيا» → «ألمانيا» («والنمسا» is «النمسا» already)
    }
    if (labelWords.length === 1 && isMeasureNoun(label, true)) label = measureShown(label);
    out.push({ figure: `${label}: ${v.text}`, key: v.key });
  }
  return out;
}

/** Collects up to `limit` figures, each value once. */
export function createExtractKeyFigures(limit = DEFAULT_MAX_KEY_FIGURES): AnyDraftStage {
  return (draft) => {
    const chosen = new Set(draft.selected);
    const rest = draft.sentences
      .map((_, i) => i)
      .filter((i) => !chosen.has(i))
      .sort((a, b) => draft.sentences[b]!.score - draft.sentences[a]!.score);
    const figures: string[] = [];
    const keys = new Set<string>();
    // Each sentence with a number is scanned once, for its figures and for its values.
    const scanned = new Map<number, Scanned>();
    const scanOf = (i: number): Scanned => {
      let sc = scanned.get(i);
      if (!sc) scanned.set(i, (sc = scan(draft.sentences[i]!.text)));
      return sc;
    };
    for (const i of [...draft.selected, ...rest]) {
      if (figures.length >= limit) break;
      const s = draft.sentences[i]!;
      if (!s.hasNumber) continue;
      for (const { figure, key } of figuresIn(scanOf(i))) {
        if (figures.length >= limit || keys.has(key)) continue;
        keys.add(key);
        figures.push(figure);
      }
    }
    // Every value of the article, shown or not, by its key (digits and unit, without «نحو» or a
    // tanwin), in the article's order: what tells a follow-up's new toll from a repeat.
    const values = new Set<string>();
    draft.sentences.forEach((s, i) => {
      if (values.size < MAX_VALUES && s.hasNumber) for (const v of scanOf(i).values) values.add(v.key);
    });
    return { ...draft, keyFigures: figures, figureValues: [...values] };
  };
}

/** The key-figure stage with its default limit. */
export const extractKeyFigures = createExtractKeyFigures();
