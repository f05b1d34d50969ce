/**
 * Text a reader should not see in a bullet or a headline, and which must not count toward their
 * words: the dateline and agency tag that open a news paragraph, and hashtag marks.
 *
 * The dateline styles were mined from the paragraph openings of ../shared/topics/ant-train.jsonl
 * (10,301 articles of four outlets) and of the two shared corpora (ten Saudi papers, 2015; six
 * outlets, 2018), grouping each opening by its shape (words, brackets, dash, colon):
 * - place, then a bracketed agency and a dash run of any kind: «دبي، الإمارات العربية المتحدة (CNN)--»,
 *   «(CNN) –», «(CNN)—», «(CNN) --», «(CNN)- -» (CNN Arabic: 1,895 of its 1,960 articles);
 * - place, a dash, an agency: «القاهرة - رويترز:», «أبوظبي - سكاي نيوز عربية», «كولومبو - «الشرق الأوسط»:»;
 * - agency or writer, dashes, place and a colon: «سبق- القنفذة:», «عبدالله البرقاوي- سبق- الرياض:»;
 * - place and a dash: «الرباط - …»; a bracketed agency alone: «(أ ف ب) -»;
 * - a byline paragraph with nothing after it: «سلوى سعد – متابعات», «أحمد البشيري- الباحة».
 * A bracketed agency inside a sentence («وكالة الأنباء السعودية (واس) …») is a source named by the
 * sentence, not a tag, and stays.
 */
import { isStopWord, normalizeArabic } from '../../arabic/index.js';

/** News agencies and outlets that tag a story's first paragraph (Arabic names as written, and Latin acronyms). */
const AGENCIES = [
  'CNN', 'AFP', 'AP', 'BBC', 'RT', 'رويترز', 'أ ف ب', 'ا ف ب', 'أ.ف.ب', 'فرانس برس', 'الفرنسية', 'د ب أ', 'د.ب.أ', 'دب أ', 'الألمانية',
  'أ ش أ', 'واس', 'وام', 'قنا', 'كونا', 'بنا', 'سبأ', 'سانا', 'وفا', 'معا', 'إرنا', 'الأناضول', 'الاناضول', 'شينخوا', 'يونا',
  'أسوشيتد برس', 'الأسوشيتد برس', 'سكاي نيوز عربية', 'سكاي نيوز', 'العربية.نت', 'العربية نت', 'بي بي سي', 'فرانس 24',
  'الشرق الأوسط', 'متابعات', 'وكالات', 'خاص',
];
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An agency name, its spaces optional («أ ف ب», «أف ب»), in quotes or not. */
const AGENCY = `["«“]?(?:${AGENCIES.map((a) => escape(a).replace(/ /g, '\\s?')).join('|')})["»”]?`;
/** A run of dashes, however spaced: «-», «--», « – », «—», «- -». */
const DASH = String.raw`\s*[-–—_](?:\s*[-–—_]){0,2}\s*`;
/** A word of a place or a name: no sentence punctuation, bracket, quote or dash. */
const WORD = String.raw`[^\s\-–—_:;؛()«»"“”.!?؟,،]+`;

/** A bracketed agency, or a Latin acronym with a desk («(CNN Business)»); «(CNN--» without its bracket closed too. */
const BRACKETED = new RegExp(String.raw`^\((?:${AGENCY}|[A-Z]{2,5}(?:\s[A-Z][a-z]+)?)(?:\)|(?=\s*[-–—]))`);
const AGENCY_AT = new RegExp(`^${AGENCY}(?=$|[\\s\\-–—:،,])`);
/** One to four words (a comma may join a city and its country), before a dash or a bracketed agency. */
const PLACE = new RegExp(String.raw`^${WORD}(?:،?\s+${WORD}){0,3}،?`);
const DASH_AT = new RegExp(`^${DASH}`);
const COLON_AT = /^\s*:\s*/;
const ENDING = /^[\s.،,:؛]*$/;

/** Whether words may be a place or a name: no function word, no digit. */
function placeLike(words: string): boolean {
  return words.split(/[\s،]+/).every((w) => w.length > 0 && !/[0-9\u0660-\u0669]/.test(w) && !isStopWord(normalizeArabic(w)));
}

/**
 * The length of the dateline or agency tag that opens `text` (0 when there is none). When
 * nothing follows it (a byline paragraph), the whole text's length.
 *
 * @example
 * const t = 'دبي، الإمارات العربية المتحدة (CNN)-- شارك الداعية في الحفل';
 * t.slice(datelineLength(t)) // → 'شارك الداعية في الحفل'
 */
export function datelineLength(text: string, requireAgency = false): number {
  let pos = /^[\s*•]*/.exec(text)![0].length;
  let parts = 0;
  let agency = false;
  /** Whether the last part ended on a dash (a byline's name is followed by one). */
  let lastDash = false;
  for (let round = 0; round < 4; round++) {
    const rest = text.slice(pos);
    // A bracketed agency, with the place before it: «دبي، الإمارات (CNN)--».
    let m = BRACKETED.exec(rest);
    let place = '';
    if (!m && parts === 0) {
      const p = PLACE.exec(rest);
      if (p) {
        const after = rest.slice(p[0].length).replace(/^\s+/, '');
        const b = BRACKETED.exec(after);
        // After a place, the bracket must end on a dash: «وقالت وكالة أنباء الإمارات (وام)، إن …» names a source.
        if (b && placeLike(p[0]) && DASH_AT.test(after.slice(b[0].length))) {
          place = rest.slice(0, rest.length - after.length);
          m = b;
        }
      }
    }
    if (m) {
      pos += place.length + m[0].length;
      const d = DASH_AT.exec(text.slice(pos)) ?? COLON_AT.exec(text.slice(pos));
      if (d) pos += d[0].length;
      else pos += /^\s*/.exec(text.slice(pos))![0].length;
      lastDash = false;
      parts++;
      agency = true;
      continue;
    }
    // An agency's name: «رويترز:», «- سكاي نيوز عربية» (nothing needs to follow it once a dash came before).
    const a = AGENCY_AT.exec(rest);
    if (a) {
      const after = rest.slice(a[0].length);
      const sep = DASH_AT.exec(after) ?? COLON_AT.exec(after);
      if (sep || parts > 0) {
        pos += a[0].length + (sep ? sep[0].length : /^\s*/.exec(after)![0].length);
        lastDash = false;
        parts++;
        agency = true;
        continue;
      }
    }
    // A place or a name and a dash; after a dash, one word and a colon («سبق- القنفذة:»).
    const p = PLACE.exec(rest);
    if (!p) break;
    const words = p[0];
    const after = rest.slice(words.length);
    const dash = DASH_AT.exec(after);
    const colon = parts > 0 && !/\s/.test(words.trim()) ? COLON_AT.exec(after) : null;
    const sep = dash ?? colon;
    if (sep && placeLike(words) && (parts > 0 || words.split(/\s+/).length <= 4)) {
      pos += words.length + sep[0].length;
      lastDash = dash !== null;
      parts++;
      continue;
    }
    // A byline paragraph: a name and a dash, then one or two words of a place or a source, and nothing else.
    if (parts === 1 && lastDash && ENDING.test(after) && words.trim().split(/\s+/).length <= 2 && placeLike(words)) pos = text.length;
    break;
  }
  if (parts === 0 || (requireAgency && !agency)) return 0;
  return pos;
}

/** «أيضا», its tanwin either side of the alif, with or without the hamza. */
const AYDAN = String.raw`(?:أ|ا)يض\u064B?ا\u064B?`;
/**
 * A paragraph that links to a page rather than telling the story: «رابط الخبر بصحيفة الوئام: …»
 * (this article's own title again), «إقرأ أيضا: …», «اقرأ أيضا/ …», «قد يهمك| …», «للمزيد: …»,
 * «شاهد أيضا: …» (another story's title), «اضغط هنا …», an invitation to follow the site
 * («تابعونا على …», «تابعوا السباق لحظة بلحظة …»; «تابعوا: "…"» is a verb of saying),
 * «للمزيد من المعلومات …», «لمزيد من التفاصيل …». Its words are another page's, so no bullet
 * may be made of them. Mined from the paragraph openings of the shared corpora and
 * ant-train.jsonl; a sentence that names a link within what it says («نشره على رابط موقعه»,
 * «رابط الخبر الذي نشرته الصحيفة أثار جدلا: …», «رابط الخبر في وسائل التواصل أثار جدلا: …») is not
 * one: «رابط الخبر» is one only alone before its colon or with the paper or site it is on;
 * «قد يهمك» only before its mark («قد يهمك أن تعرف …» is a sentence).
 */
const LINK_LINE = new RegExp(
  String.raw`^[\s*•]*(?:رابط\s+(?:الخبر|المقال|الموضوع|التقرير)(?:\s+(?:ب|في\s+|على\s+|من\s+|عبر\s+)?(?:صحيفة|موقع|جريدة|بوابة|صفحة)[^:\n]{0,50})?\s*:` +
    String.raw`|(?:اقرأ|إقرأ|اقرا|إقرا|طالع)\s*(?:${AYDAN}|المزيد)?\s*(?:[:|/\-–—]|\.\.)` +
    String.raw`|(?:اقرأ|إقرأ|اقرا|إقرا|طالع)\s*(?:${AYDAN}|المزيد)[\s.:]*$` +
    String.raw`|قد\s+يهمك(?:\s*${AYDAN})?\s*(?:[:|/\-–—]|\.\.|$)` +
    String.raw`|للمزيد\s*[:\-–—]|(?:للمزيد|لمزيد)\s+من\s+(?:المعلومات|التفاصيل)(?=[\s:،,]|$)` +
    String.raw`|شاهد\s+${AYDAN}\s*[:\-–—]|(?:اضغط|انقر)\s+هنا` +
    String.raw`|تابعو(?:نا|ا)\s+[^\s:«"“])`,
  'u',
);
/** A short line that ends on «اضغط هنا» or «انقر هنا» («صور الحفل كاملة، اضغط هنا...»): a link's caption. */
const CLICK_HERE_END = /(?:اضغط|انقر)\s+هنا[\s.…)\]]*$/u;
/** The most words of a line that ends on «اضغط هنا» and is only a link's caption. */
const CLICK_HERE_MAX_WORDS = 15;
/** A source credit: «المصدر: وكالات», «المصدر - صحيفة الوطن» (a few words, no quotation). */
const SOURCE_CREDIT = /^[\s*•]*المصدر\s*[:\-–—]\s*[^\s«"“]\S*(?:\s+\S+){0,4}\s*$/u;

/**
 * A page's own note about the piece, not its news: a byline or a partner's credit opening on the
 * piece itself («هذا المقال بقلم …», «هذا التقرير منشور بالتعاون مع …», «نشر هذا المقال بالتعاون
 * مع …», «هذا الفيديو جزء من سلسلة …», «التحليل بقلم …»), or an opinion disclaimer («… ولا تعكس
 * بالضرورة وجهة نظر الشبكة»; «لا يعكس بالضرورة رأي أغلبية السكان» is a sentence).
 */
const PIECE = String.raw`(?:المقال|المقالة|التقرير|التحليل|الفيديو|المادة|المدونة|الموضوع)`;
const PIECE_NOTE = new RegExp(
  String.raw`^[\s*•]*(?:(?:هذا|هذه)\s+${PIECE}\s+(?:بقلم|(?:منشور|منشورة)\s+بالتعاون|جزء\s+من\s+سلسلة)` +
    String.raw`|(?:نشر|نُشر|تنشر|ينشر)\s+(?:هذا|هذه)\s+${PIECE}\s+بالتعاون\s+مع` +
    String.raw`|${PIECE}\s+بقلم[\s:])` +
    // The disclaimer ends its sentence on the outlet («… وجهة نظر شبكة CNN.»); one that goes on
    // («… لا يعكس بالضرورة موقف الصحيفة من القضية») is news about a paper.
    String.raw`|(?:^|[\s،,])(?:لا|ولا)\s+(?:تعكس|يعكس|تمثل|يمثل)\s+بالضرورة\s+(?:رأي|آراء|وجهة\s+نظر|موقف|توجهات)(?:\s+(?:أو|و)\s*\S+)?\s+(?:ال)?(?:شبكة|موقع|صحيفة|جريدة|قناة|مجلة|وكالة|CNN|بي\s*بي\s*سي)(?:\s+\S+)?\s*[.!]?["'\u201D\u00BB)]*\s*$`,
  'u',
);

/** A breaking item's promise of more («التفاصيل لاحقاً.», «المزيد من التفاصيل في وقت لاحق»): no news of its own. */
const DETAILS_LATER = /^[\s*•]*(?:و?(?:ال)?مزيد\s+من\s+)?(?:ال)?تفاصيل\s+(?:لاحقا\u064B?|بعد\s+قليل|في\s+وقت\s+لاحق|تتبع|تأتي\s+لاحقا\u064B?)\s*[.!…]*\s*$/u;

/** Whether a paragraph is a link line ({@link LINK_LINE}, a short line ending on «اضغط هنا», a source credit, a page's note about the piece ({@link PIECE_NOTE}), or a promise of details to come). */
export function isLinkLine(paragraph: string): boolean {
  if (LINK_LINE.test(paragraph) || SOURCE_CREDIT.test(paragraph) || DETAILS_LATER.test(paragraph) || PIECE_NOTE.test(paragraph)) return true;
  return CLICK_HERE_END.test(paragraph) && paragraph.trim().split(/\s+/).length <= CLICK_HERE_MAX_WORDS;
}

/**
 * Whether a link line is only a heading over the titles that follow it («اقرأ أيضاً:», «قد يهمك..»,
 * «اقرأ أيضا|»): nothing but marks after its words.
 */
export function isLinkHeading(sentence: string): boolean {
  const m = LINK_LINE.exec(sentence);
  return m !== null && /^[\s.:|/\-–—…]*$/u.test(sentence.slice(m[0].length));
}

/**
 * A page's tags run on after its last sentence («… المحلية. سمات المعرض الزراعي العسل»): a tag
 * word, then words with no punctuation to the paragraph's end. Only as a paragraph's last
 * sentence, so that «سمات الشخصية القيادية كثيرة، منها …» stays.
 */
const TAGS_LINE = /^(?:سمات|وسوم|الوسوم|الكلمات\s+(?:المفتاحية|الدلالية))\s*:?\s+[^.،,:؛;!?؟"«»“”()]+$/u;

/** Whether the last sentence of a paragraph is its page's tags ({@link TAGS_LINE}). */
export function isTagsLine(sentence: string): boolean {
  return TAGS_LINE.test(sentence.trim());
}

/** The text without its opening dateline or agency tag. */
export function stripDateline(text: string): string {
  const n = datelineLength(text);
  return n === 0 ? text : text.slice(n).trim();
}

/** Hashtags as plain words: «#كنيسة_القيامة» → «كنيسة القيامة», «عزام#يتخبط» → «عزام يتخبط». */
export function plainHashtags(text: string): string {
  if (!text.includes('#')) return text;
  return text
    .replace(/(\S?)#([\p{L}\p{M}\p{N}_]+)/gu, (_, before: string, tag: string) => `${before}${before && before !== ' ' ? ' ' : ''}${tag.replace(/_+/g, ' ').trim()}`)
    .replace(/\s_\s/g, ' ')
    .replace(/ {2,}/g, ' ');
}

/** A sentence as the composer reads it: no list mark opening it and no control character, hashtags as words; a paragraph's first sentence without its dateline. */
export function cleanSentence(text: string, opensParagraph: boolean): string {
  const plain = plainHashtags(text.replace(CONTROL_CHARS, '').replace(LIST_MARK, '').trimStart());
  return opensParagraph ? stripDateline(plain) : plain;
}

/** Control characters a page's text carries by mistake (U+001A in place of a lost letter): never shown. */
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/**
 * A list mark a sentence opens on: stars, bullets, or a dash before a space or a letter («* …»,
 * «•• …», «- 2 كوب …», «-تقصد …»), not a minus sign («-5 درجات») nor a dash glued to a word
 * that another dash closes later (an aside: «-تقصد كتابي-، فقال …»).
 */
const LIST_MARK = /^\s*(?:[*•▪●◦·]+\s*|[-–—]+(?:\s+|(?=[\u0621-\u064A])(?![^-–—]*[-–—])))/u;

/**
 * A title as a headline shows it: hashtags as words, and no agency tag before it («رويترز: …»).
 * A title's dash is more often a rubric («ريبورتاج - …») or a compound («إيطالية- بريطانية»)
 * than a dateline, so only a tag naming an agency goes.
 */
export function cleanTitle(title: string): string {
  const plain = plainHashtags(title);
  const n = datelineLength(plain, true);
  return n === 0 || n >= plain.length ? plain : plain.slice(n).trim();
}
