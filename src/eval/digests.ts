/**
 * `npm run eval -- digests`: what a reader notices in digests of real articles. Each digest is
 * composed as the bot composes it (default options: three bullets of at most 30 words), and its
 * bullets and key figures are checked for the defects of issue #15. The checks are written
 * apart from the composer's rules (their own word lists), so that a rule the composer lacks shows.
 */
import { readFileSync } from 'node:fs';
import { composeDigest } from '../composer/index.js';
import type { Digest } from '../core/types.js';

/** One row of a digests data file (JSON lines): the text as a feed carries it. */
export interface DigestRow {
  id: string;
  title: string | null;
  text: string;
}

/** One output line of `--out`: the digest as a reader sees it. */
export interface DigestLine {
  id: string;
  headline: string;
  /** The bullets' plain text, one bullet per line. */
  summary: string;
  figures: string[];
}

/** Reads a JSON-lines file of rows with `id`, `title` and `text` (other fields are ignored). */
export function readDigestRows(path: string): DigestRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((line, i) => {
      const row = JSON.parse(line) as { id?: unknown; title?: unknown; text?: unknown };
      if (typeof row.text !== 'string') throw new Error(`${path}:${i + 1}: a row needs "text" (and "id", "title")`);
      return { id: String(row.id ?? i), title: typeof row.title === 'string' ? row.title : null, text: row.text };
    });
}

/** The digest of a row, from its title and its text's paragraphs (one per line). */
export function digestOf(row: DigestRow): Digest {
  return composeDigest({
    id: row.id,
    ...(row.title ? { title: row.title } : {}),
    source: { name: 'eval' },
    sections: [{ paragraphs: row.text.split('\n').map((p) => p.trim()).filter((p) => p.length > 0) }],
  });
}

/** The `--out` line of a digest. */
export function digestLine(id: string, d: Digest): DigestLine {
  return { id, headline: d.headline, summary: d.bullets.map((b) => b.text).join('\n'), figures: [...d.keyFigures] };
}

// ---- The defect checks (independent of the composer's own word lists). ----

const AGENCIES = [
  'CNN', 'رويترز', 'أ ف ب', 'أ.ف.ب', 'ا ف ب', 'فرانس برس', 'د ب أ', 'د.ب.أ', 'أ ش أ', 'واس', 'وام', 'قنا', 'كونا', 'بنا', 'سبأ',
  'سانا', 'الأناضول', 'الاناضول', 'شينخوا', 'يونا', 'أسوشيتد برس', 'سكاي نيوز عربية', 'سكاي نيوز', 'العربية.نت', 'العربية نت',
  'بي بي سي', 'متابعات', 'وكالات', 'سبق', 'الوئام', 'عين اليوم',
];
const AGENCY_ALT = AGENCIES.map((a) => a.replace(/[.]/g, '\\.').replace(/ /g, '\\s?')).join('|');
/** An agency in brackets opening the text, or near its start before a dash or a colon: «(CNN)--», «(أ ف ب) -». */
const BRACKETED_AGENCY = new RegExp(`^(?:\\((?:${AGENCY_ALT})\\)|(?:\\S+\\s+){0,6}?\\S*\\((?:${AGENCY_ALT})\\)\\s*[-–—:])`);
/** An agency name as a tag: at the very start, or after a dash, followed by a dash, a colon or the end. */
const AGENCY_TAG = new RegExp(`^(?:(?:\\S+\\s+){0,4}?\\S*\\s*[-–—]+\\s*)?(?:${AGENCY_ALT})\\s*(?:[-–—:]|$)`);
/** A place (one to four words without function words) and a dash opening the text: «الرباط - دعا …». */
const PLACE_DASH = /^((?:[^\s\-–—]+\s+){0,3}[^\s\-–—]+)\s*[-–—]{1,2}\s+\S/;
/** Function words: prepositions, conjunctions, particles, relative and demonstrative pronouns. */
const FUNCTION_WORDS = new Set([
  'في', 'من', 'على', 'إلى', 'الى', 'عن', 'مع', 'و', 'أو', 'او', 'ثم', 'أن', 'ان', 'إن', 'لا', 'ما', 'قد', 'لم', 'لن', 'التي', 'الذي',
  'الذين', 'اللذين', 'اللتين', 'اللواتي', 'اللاتي', 'هذا', 'هذه', 'ذلك', 'تلك', 'بين', 'حول', 'عند', 'بعد', 'قبل', 'حتى', 'منذ',
  'خلال', 'بأن', 'لأن', 'كما', 'حيث', 'إذ', 'مما', 'بما', 'لدى', 'عبر', 'نحو', 'ضد', 'وفي', 'ومن', 'وعلى', 'وإلى', 'وأن', 'أنه',
  'أنها', 'إنه', 'إنها', 'بأنه', 'بأنها', 'مقابل', 'لكن', 'ولكن', 'بل', 'أي', 'فيما', 'بينما', 'وهو', 'وهي', 'لـ', 'بـ', 'كـ',
  'ب', 'ل', 'ك', 'ف', 'فقد', 'وقد', 'ولا', 'وما', 'أما', 'إما', 'سواء', 'كان', 'كانت', 'يكون', 'تكون', 'بنسبة', 'بقيمة', 'بمعدل',
  'بحوالي', 'حوالي', 'قرابة', 'أكثر', 'أقل', 'وذلك',
]);
const EDGE = /^[\s"'“”«»()[\]،,.:؛!?؟\-–—…]+|[\s"'“”«»()[\]،,.:؛!?؟\-–—…]+$/g;
const bareWord = (w: string): string => w.replace(EDGE, '').replace(/[\u064B-\u0652\u0640]/g, '');

/** Whether a bullet opens on a dateline or an agency tag («دبي، الإمارات (CNN)--», «القاهرة - رويترز:», «(أ ف ب) -»). */
export function hasDateline(text: string): boolean {
  const t = text.trim();
  if (BRACKETED_AGENCY.test(t) || AGENCY_TAG.test(t)) return true;
  const m = PLACE_DASH.exec(t);
  if (!m) return false;
  // «جان- كلود» and «6-1» are not datelines: the words before the dash must be a place, so no function word and no digit.
  const words = m[1]!.split(/\s+/);
  return !words.some((w) => FUNCTION_WORDS.has(bareWord(w)) || /[0-9\u0660-\u0669]/.test(w));
}

/** Whether a text carries a hashtag («#بوتين», «#كنيسة_القيامة»). */
export function hasHashtag(text: string): boolean {
  return /#[\p{L}\p{N}_]/u.test(text);
}

/**
 * Whether a bullet ends mid-phrase: on a preposition, a conjunction, a particle or a relative
 * pronoun, where its sentence did not end («… دون مقابل.» is a whole sentence).
 */
export function endsMidPhrase(text: string): boolean {
  if (/[.!?\u061F\u2026]["'\u201D\u00BB)]*$/.test(text.trim())) return false;
  const words = text.trim().split(/\s+/);
  const last = bareWord(words.at(-1) ?? '');
  return last.length > 0 && (FUNCTION_WORDS.has(last) || /^[وف]$/.test(last));
}

// What the three checks below match, normalized (alef forms, «ى», «ة»): words that want a noun
// after them (partitives, elatives without «ال»), verbs of saying that open a new clause, and
// words that open a clause (a bullet ending one or two words after one has cut it short).
const PARTITIVES = new Set(['احدي', 'جميع', 'معظم', 'اغلب', 'مختلف', 'سائر', 'شتي', 'مزيد', 'بعض', 'كل']);
const ELATIVES = new Set(['اكبر', 'اضخم', 'اهم', 'ابرز', 'افضل', 'اكثر', 'اقل']);
const SAYING = new Set(['قال', 'قالت', 'اضاف', 'اضافت', 'اكد', 'اكدت', 'اشار', 'اشارت', 'اوضح', 'اوضحت', 'تابع', 'تابعت', 'لفت', 'لفتت', 'ذكر', 'ذكرت', 'اعلن', 'اعلنت', 'بين', 'بينت']);
/**
 * Nouns that head a genitive construct (their own list, normalized, written apart from the
 * composer's): a title, a body, a place, a span. Indefinite and bare of a pronoun at a bullet's
 * cut end, each wants the noun it is «of» («… من معسكر», «وحزب», «لرئيس», «في وسط مدينة»).
 */
const GENITIVE_HEADS = new Set([
  'رئيس', 'وزير', 'مدير', 'نائب', 'امين', 'قائد', 'عضو', 'ولي', 'خادم', 'حاكم', 'امير', 'سفير', 'زعيم', 'محافظ',
  'حزب', 'حركه', 'جماعه', 'تنظيم', 'معسكر', 'مجلس', 'وزاره', 'هيئه', 'لجنه', 'منظمه', 'قوات', 'جيش', 'منتخب', 'نادي', 'جامعه', 'محكمه',
  'مدينه', 'محافظه', 'منطقه', 'ولايه', 'اقليم', 'ريف', 'قريه', 'بلده', 'عاصمه', 'مخيم', 'مطار',
  'انحاء', 'مطلع', 'منتصف', 'اواخر', 'عشرات', 'مئات', 'كره', 'كاس',
]);
/** Words that open an attribution: a bullet that ends on one, or on one with «ما» and a verb, has lost its source. */
const ACCORDING = new Set(['حسب', 'بحسب', 'حسبما', 'وفق', 'وفقا', 'طبقا', 'نقلا', 'تبعا']);
const CLAUSE_OPENERS = new Set(['الذي', 'التي', 'الذين', 'اللذين', 'اللتين', 'حيث', 'اذ', 'لان', 'لانه', 'لانها', 'لانهم', 'بينما', 'فيما', 'مما', 'كي', 'لكي']);

// A word of a bullet, bare and normalized for the lists above.
function listWord(w: string): string {
  return bareWord(w).replace(/[أإآ]/g, 'ا').replace(/ى/g, 'ي').replace(/ة/g, 'ه');
}

/**
 * Whether a bullet was cut where its last words want what follows: it ends on a partitive or an
 * elative without «ال» («في احد أضخم», «بإحدى»), on a verb of saying with «و» (a new clause:
 * «… التعاقدات وأشارت»), on a noun wanting its genitive («… من معسكر», «وحزب», «لرئيس»), on an
 * attribution without its source («، حسب», «، بحسب ما أعلنت»), or one word after a word that opens a clause («… الذي قال»,
 * «لأنه يملك»; not «التي بنتها»: its pronoun closes it). A bullet whose sentence ends there is whole.
 */
export function endsWanting(text: string): boolean {
  const t = text.trim();
  if (/[.!?\u061F\u2026]["'\u201D\u00BB)]*$/.test(t)) return false;
  const words = t.split(/\s+/).map(listWord);
  const last = words.at(-1) ?? '';
  const unjoined = /^[وف]../.test(last) ? last.slice(1) : last;
  const bare = /^[بل]../.test(unjoined) && (PARTITIVES.has(unjoined.slice(1)) || ELATIVES.has(unjoined.slice(1))) ? unjoined.slice(1) : unjoined;
  if (PARTITIVES.has(bare)) return true;
  // An elative wants a noun with a prefix or after a function word («من أهم»), not after a noun («بشكل أكبر»).
  const prev = words.at(-2) ?? '';
  if (ELATIVES.has(bare) && (bare !== last || FUNCTION_WORDS.has(bareWord(t.split(/\s+/).at(-2) ?? '')) || prev === 'احد' || PARTITIVES.has(prev))) return true;
  if (/^[وف]/.test(last) && SAYING.has(last.slice(1))) return true;
  // An attribution without its source («، حسب», «، وفقا لما», «، بحسب ما أعلنت»).
  const according = (w: string): boolean => ACCORDING.has(w) || ACCORDING.has(w.replace(/^[وف]/, ''));
  if (according(last) || (/^ل?ما$/.test(last) && according(prev)) || (/^ل?ما$/.test(prev) && according(words.at(-3) ?? '')) || /^(?:[وف]?ب?حسبما|وفقما)$/.test(prev)) return true;
  // A construct's first noun without its second («من معسكر», «وحزب», «لرئيس»).
  if ([last, unjoined].some((w) => GENITIVE_HEADS.has(w) || (/^[بلك]../.test(w) && GENITIVE_HEADS.has(w.slice(1))))) return true;
  // One word after a clause's opener, without the pronoun that would close a relative clause («التي بنتها»).
  return words.length >= 3 && (CLAUSE_OPENERS.has(prev) || CLAUSE_OPENERS.has(prev.replace(/^[وف]/, ''))) && !/(ه|ها|هما|هم|هن)$/.test(last);
}

/**
 * Whether a bullet was cut right after a number its sentence goes on to qualify: a percent sign,
 * «في المئة», a scale, a counted noun or the other end of a range («… بتكلفة 40» from «40 مليون
 * يورو», «لمدة 9» from «9 أشهر», «بين 13» from «13 و17 عاما»). A number before a comma, a function
 * word, a noun with «ال» or «و» and a word ends its phrase («عام 2015 في …», «2015 وحتى …»).
 * Needs the bullet's source sentence (extractive bullets).
 */
export function endsBeforeUnit(text: string, sourceSentence: string | undefined): boolean {
  const t = text.trim();
  if (sourceSentence === undefined || /[.!?\u061F\u2026،,؛:]["'\u201D\u00BB)]*$/.test(t)) return false;
  const words = t.split(/\s+/);
  const last = words.at(-1) ?? '';
  const number = bareWord(last).replace(/^و?\(/, '');
  if (!/^(?:و|ال|وال)?ـ?[0-9\u0660-\u0669][0-9\u0660-\u0669.,٫٬/-]*$/.test(number)) return false;
  // A year after the word that names it is whole («عام 2015», «مارس 2014»).
  const named = bareWord(words.at(-2) ?? '').split('/').some((p) => YEAR_NAMERS.has(p));
  if (/^(?:1[89]|20)[0-9]{2}$/.test(number) && named) return false;
  const source = sourceSentence.trim().split(/\s+/);
  const prev = words.at(-2);
  let at = -1;
  for (let i = source.length - 2; i >= 0; i--) {
    if (source[i] === last && (prev === undefined || source[i - 1] === prev)) {
      at = i;
      break;
    }
  }
  if (at < 0) return false;
  const next = source[at + 1]!;
  const b = bareWord(next);
  if (/^[%\u066A]/.test(next) || /^بال(?:مئة|مائة)$/.test(b)) return true;
  if (b === 'في') return /^ال(?:مئة|مائة)/.test(bareWord(source[at + 2] ?? ''));
  if (/^و[0-9\u0660-\u0669]/.test(b)) return true;
  // The other end of a range or a score («13 و 17», «3 - 1», «15 إلى 20»), a scale («3 آلاف»), a month written two ways («14 شباط/فبراير»).
  if ((/^(?:و|إلى|الى|حتى)$/.test(b) || /^[-–—]+$/.test(next)) && /^[0-9\u0660-\u0669]/.test(bareWord(source[at + 2] ?? ''))) return true;
  if (/^(?:ألف|ألفا|آلاف|الاف|مليون|ملايين|مليار|مليارات|تريليون)$/.test(b)) return true;
  if (/^[\u0621-\u064A]+\/[\u0621-\u064A]+$/.test(b)) return true;
  if (!/^[\u0621-\u064A]+$/.test(b) || FUNCTION_WORDS.has(b) || b.startsWith('ال')) return false;
  // «و» or «ف» glued on: a new clause when what follows is a function word, a noun with «ال», a
  // present-tense verb or a verb of saying («2015 وحتى», «300 ويتوقع», «وقال»); the noun's own letter otherwise («40 وحدة», «500 فدان»).
  if (/^[وف]/.test(b)) {
    const rest = b.slice(1);
    return !(FUNCTION_WORDS.has(rest) || rest.startsWith('ال') || /^[يت].{3,}/.test(rest) || SAYING.has(listWord(rest)));
  }
  return true;
}

/** Words that name the year after them, and month names (their own list, written apart from the composer's). */
const YEAR_NAMERS = new Set([
  'عام', 'العام', 'لعام', 'للعام', 'سنة', 'السنة', 'منذ', 'مطلع', 'منتصف', 'أواخر', 'أوائل', 'نهاية', 'بداية', 'خلال', 'في', 'حتى', 'قبل', 'بعد',
  'يناير', 'فبراير', 'مارس', 'أبريل', 'ابريل', 'مايو', 'يونيو', 'يوليو', 'أغسطس', 'اغسطس', 'سبتمبر', 'أكتوبر', 'اكتوبر', 'نوفمبر', 'ديسمبر',
  'شباط', 'آذار', 'نيسان', 'أيار', 'حزيران', 'تموز', 'آب', 'أيلول', 'تشرين', 'كانون', 'الأول', 'الثاني',
]);

/**
 * Whether a bullet is a page's link line, not the story: «رابط الخبر بصحيفة …: …», «إقرأ أيضا: …» /
 * «اقرأ:» / «اقرأ أيضًا –» / «اقرأ أيضا/ …», «قد يهمك| …», «للمزيد: …», «للمزيد من المعلومات …»,
 * «شاهد أيضا: …», «تابعونا على …».
 */
export function isLinkBullet(text: string): boolean {
  const t = text.replace(/[\u064B-\u0652]/g, '');
  return /^\s*(?:رابط\s+(?:الخبر|المقال|الموضوع|التقرير)\s*(?::|(?:ب|في\s|على\s|من\s|عبر\s)?(?:صحيفة|موقع|جريدة|بوابة))|(?:[اإ]قر[أا]|طالع)\s*(?:[أا]يضا|المزيد)?\s*(?:[:|/\-–—]|\.\.)|قد\s+يهمك\s*(?:[أا]يضا)?\s*[:|/\-–—.]|لل?مزيد\s*(?:[:\-–—]|من\s+(?:المعلومات|التفاصيل))|شاهد\s+[أا]يضا\s*[:\-–—]|(?:اضغط|انقر)\s+هنا|تابعونا\s)/.test(t);
}

/** Whether a text leaves a bracket or a quotation mark open (or closes one it never opened). */
export function unbalanced(text: string): boolean {
  const count = (re: RegExp): number => (text.match(re) ?? []).length;
  return count(/\(/g) !== count(/\)/g) || count(/«/g) !== count(/»/g) || count(/“/g) !== count(/”/g) || count(/"/g) % 2 === 1;
}

/** Whether a key figure is a fragment: it opens on a function word, or leaves a bracket or quotation open. */
export function isFragmentFigure(figure: string): boolean {
  const first = bareWord(figure.trim().split(/\s+/)[0] ?? '');
  return FUNCTION_WORDS.has(first) || /^[بلك]ـ/.test(figure.trim()) || unbalanced(figure);
}

/** The number and the word after it in a figure: two figures with the same value say the same thing. */
function valueOf(figure: string): string {
  const m = /[0-9\u0660-\u0669][0-9\u0660-\u0669.,٫٬]*%?(?:\s+\S+)?/.exec(figure);
  return m ? m[0].replace(EDGE, '') : figure;
}

/** The shares of a set of digests' bullets and figures with each defect. */
export interface DefectReport {
  digests: number;
  bullets: number;
  figures: number;
  datelineBullets: number;
  hashtagBullets: number;
  midPhraseBullets: number;
  /** Bullets cut where their last words want what follows ({@link endsWanting}). */
  wantingBullets: number;
  /** Bullets that are a page's link line ({@link isLinkBullet}). */
  linkBullets: number;
  /** Bullets cut right after a number whose unit or counted noun their sentence goes on to give ({@link endsBeforeUnit}). */
  unitlessBullets: number;
  hashtagHeadlines: number;
  datelineHeadlines: number;
  fragmentFigures: number;
  /** Figures whose value (number and the word after it) another figure of the same digest already gave. */
  repeatedFigures: number;
  /** Examples of each defect (at most five each). */
  examples: Record<string, string[]>;
}

/** Counts the defects of a list of digests. */
export function defectReport(digests: readonly Digest[]): DefectReport {
  const r: DefectReport = {
    digests: digests.length, bullets: 0, figures: 0, datelineBullets: 0, hashtagBullets: 0, midPhraseBullets: 0, wantingBullets: 0, linkBullets: 0, unitlessBullets: 0,
    hashtagHeadlines: 0, datelineHeadlines: 0, fragmentFigures: 0, repeatedFigures: 0, examples: {},
  };
  const note = (kind: string, text: string): void => {
    const list = (r.examples[kind] ??= []);
    if (list.length < 5) list.push(text);
  };
  for (const d of digests) {
    if (hasHashtag(d.headline)) (r.hashtagHeadlines++, note('hashtag headline', d.headline));
    if (hasDateline(d.headline)) (r.datelineHeadlines++, note('dateline headline', d.headline));
    for (const b of d.bullets) {
      r.bullets++;
      if (hasDateline(b.text)) (r.datelineBullets++, note('dateline', b.text));
      if (hasHashtag(b.text)) (r.hashtagBullets++, note('hashtag', b.text));
      if (endsMidPhrase(b.text)) (r.midPhraseBullets++, note('mid-phrase', b.text));
      if (endsWanting(b.text)) (r.wantingBullets++, note('wanting', b.text));
      if (isLinkBullet(b.text)) (r.linkBullets++, note('link line', b.text));
      if (endsBeforeUnit(b.text, b.mode === 'ai' ? undefined : b.sourceSentence)) (r.unitlessBullets++, note('number without its unit', b.text));
    }
    const values = new Set<string>();
    for (const f of d.keyFigures) {
      r.figures++;
      if (isFragmentFigure(f)) (r.fragmentFigures++, note('fragment figure', f));
      const v = valueOf(f);
      if (values.has(v)) (r.repeatedFigures++, note('repeated figure', d.keyFigures.join(' | ')));
      values.add(v);
    }
  }
  return r;
}
