/**
 * What the guard knows of a story's sources: every word under its clitic analyses and inflection
 * keys, every figure by value, the token stream for quotations, the Latin-script words and the
 * links. Built once per story, then every bullet and the headline are checked against it.
 */
import { isStopWord, normalizeArabic, tokenizeWords } from '../../arabic/index.js';
import { figureValue, numberWordValue, scaleOf, valueKey } from './numbers.js';
import { StringIds } from './form-table.js';
import { clearVectorCache, createTopicAccumulator, prepareVectorTable } from './topic-fit.js';
import { clearProfileCache, prepareFamilies } from './word-profile.js';
import { addInflectionKeys, cliticAnalyses, INFLECTION_PREFIXES, INFLECTION_SUFFIXES, isArabicWord, quoteKey } from './word-forms.js';
import type { WordLexicon } from './word-lexicon.js';

/** One source of a story as the guard reads it. */
export interface GuardSource {
  /** The title, if any. */
  title?: string;
  /** The article's text. */
  text: string;
  /** The article's URL (links in a bullet must be one of these). */
  url?: string;
  /** True when the source is not in Arabic (a translated story): only figures, quotations and Latin-script names are checked against it. */
  foreign?: boolean;
}

/** The index of a story's sources. */
export interface StoryIndex {
  /** Clitic analyses of every Arabic word, and every Latin word lower-cased (materialised on first use; the look-ups below never build it). */
  readonly forms: ReadonlySet<string>;
  /** Inflection keys of every analysis of every Arabic word (materialised on first use; {@link StoryIndex.hasKey} answers without it). */
  readonly keys: ReadonlySet<string>;
  /** Whether `forms` has this form. */
  hasForm(form: string): boolean;
  /** Whether `forms` has any of these (the clitic analyses of one word): a source word as written, else a search of the story's words that could hold one. */
  hasAnyForm(forms: readonly string[]): boolean;
  /** Whether a source has this word as written (a content word, a compound or a Latin word): a word is its own first analysis. */
  hasWritten(word: string): boolean;
  /** Whether `keys` has this key. */
  hasKey(key: string): boolean;
  /** The forms of this many characters (as in `forms`, a form possibly listed more than once). */
  formsOfLength(length: number): readonly string[];
  /** Whether `forms` has a form of `minLength` characters or more one edit from this one ({@link withinOneEdit}), the same answer as a scan of {@link StoryIndex.formsOfLength} gives. */
  hasNear(form: string, minLength: number): boolean;
  /** Figures by value key (digits and spelled-out numbers). */
  readonly figures: ReadonlySet<string>;
  /** {@link quoteKey}s of the tokens of each source in order (for quotations), Arabic sources and foreign ones alike. */
  readonly streams: readonly (readonly string[])[];
  /** Positions of each normalized token in the streams: `token → [stream, position, stream, position, …]`. */
  readonly positions: ReadonlyMap<string, readonly number[]>;
  /** The same streams and positions by key number ({@link TokenStreams}), for the guard's own reading. */
  readonly tokenStreams: TokenStreams;
  /** Lower-cased Latin words of every source. */
  readonly latin: ReadonlySet<string>;
  /** The sources' own URLs, normalized by {@link normalizeLink} (a link quoted inside an article is not the source's). */
  readonly links: ReadonlySet<string>;
  /** The sources' titles, normalized (the words a story is known by: a bullet that drops one for a word no source has is suspect). */
  readonly titles: readonly string[];
  /** Whether every source is foreign (the story is translated): the Arabic-word checks do not apply. */
  readonly translated: boolean;
  /** The story's subject: the mean category distribution of its opening words (when built with a lexicon). */
  readonly topic: Float64Array | undefined;
}

/**
 * The {@link StoryIndex.streams} with each key as a number: `keys[n]` is key n, numbered in order
 * of first occurrence (the order of {@link StoryIndex.positions}' keys), `streams[s][i]` the
 * number of token i of source s, and the positions of key n, `[stream, position, …]` in order,
 * are `at[start[n]]` to `at[start[n + 1] - 1]`.
 */
export interface TokenStreams {
  readonly keys: readonly string[];
  readonly streams: readonly Int32Array[];
  readonly start: Int32Array;
  readonly at: Int32Array;
  /** The number of a key, or -1 when no source has it. */
  idOf(key: string): number;
}

class KeyedStreams implements TokenStreams {
  readonly keys: readonly string[];

  constructor(
    private readonly ids: StringIds,
    readonly streams: readonly Int32Array[],
    readonly start: Int32Array,
    readonly at: Int32Array,
  ) {
    this.keys = ids.words;
  }

  idOf(key: string): number {
    return this.ids.get(key);
  }
}

// Analyses and keys of a word do not depend on the story: they are kept across stories.
const formsCache = new Map<string, readonly string[]>();
const keysCache = new Map<string, readonly string[]>();
const ANALYSIS_CACHE_LIMIT = 200_000;

/** The clitic analyses of a normalized word (cached); a Latin word or a number is its own only analysis. */
export function wordForms(word: string): readonly string[] {
  const hit = formsCache.get(word);
  if (hit) return hit;
  const v = isArabicWord(word) ? cliticAnalyses(word) : [word];
  if (formsCache.size >= ANALYSIS_CACHE_LIMIT) formsCache.clear();
  formsCache.set(word, v);
  return v;
}

/** The inflection keys of every clitic analysis of a normalized word (cached). */
export function wordKeys(word: string): readonly string[] {
  const hit = keysCache.get(word);
  if (hit) return hit;
  // Distinct, in order of first finding.
  const v: string[] = [];
  for (const f of wordForms(word)) addInflectionKeys(f, v);
  if (keysCache.size >= ANALYSIS_CACHE_LIMIT) keysCache.clear();
  keysCache.set(word, v);
  return v;
}

/** The clitic analyses and inflection keys of a normalized word (cached). */
export function analyzeWord(word: string): { forms: readonly string[]; keys: readonly string[] } {
  return { forms: wordForms(word), keys: wordKeys(word) };
}

// Word caches kept by modules this one does not import (they import it): emptied with the others.
const cacheClearers: (() => void)[] = [];

/** Has {@link clearGuardCaches} empty a word cache of another module of the guard too. */
export function registerGuardCache(clear: () => void): void {
  cacheClearers.push(clear);
}

/**
 * Builds what the guard derives from the lexicon alone, once per process: its families (for word
 * profiles) and its table of category distributions (for the story's subject and a word's fit).
 * Made on first use otherwise; {@link clearGuardCaches} keeps them, as a running bot does.
 */
export function prepareLexicon(lexicon: WordLexicon): void {
  prepareFamilies(lexicon);
  prepareVectorTable(lexicon);
}

/** Empties the guard's word caches (analyses, source-word records, profiles, category vectors of unlisted lexicons, figures), so that a benchmark pass starts cold as on a new day's news; the tables of {@link prepareLexicon} stay. */
export function clearGuardCaches(): void {
  for (const clear of cacheClearers) clear();
  formsCache.clear();
  keysCache.clear();
  sourceWords.clear();
  figureCache.clear();
  scaleCache.clear();
  clearProfileCache();
  clearVectorCache();
}

// What the guard knows of a source word, kept across stories: whether it is a function word, its
// clitic analyses and, once asked for, its stems. A story's index looks up the records of only the
// words a search hits ({@link SourceIndex.searchWords}): a verbatim bullet needs none.
interface SourceWord {
  readonly word: string;
  /** Whether it is a function word (never looked up by its analyses). */
  readonly stop: boolean;
  /** Its clitic analyses ({@link wordForms}). */
  readonly forms: readonly string[];
  /** Its stems ({@link stemsOf}), once asked for. */
  stems: readonly string[] | undefined;
}

const sourceWords = new Map<string, SourceWord>();

function sourceWord(word: string): SourceWord {
  let info = sourceWords.get(word);
  if (info === undefined) {
    if (sourceWords.size >= ANALYSIS_CACHE_LIMIT) sourceWords.clear();
    info = { word, stop: isStopWord(word), forms: wordForms(word), stems: undefined };
    sourceWords.set(word, info);
  }
  return info;
}

// The suffixes and tense prefixes an inflection key takes off ({@link inflectionKeys}): the same lists.
const KEY_SUFFIXES = INFLECTION_SUFFIXES;
const TENSE_PREFIX: ReadonlySet<string> = new Set(INFLECTION_PREFIXES);
const MIN_KEY = 3;

// The stems of a word: every Arabic analysis of three letters or more, with and without each
// inflection suffix it ends with (keeping three letters). A key k is one of the word's
// inflection keys exactly when k, or k after one tense prefix (ي ت ن ا), is one of its stems:
// the keys are the stems with at most one such prefix taken off as well.
function stemsOf(info: SourceWord): readonly string[] {
  if (info.stems) return info.stems;
  const stems: string[] = [];
  for (const f of info.forms) {
    if (!isArabicWord(f)) continue;
    if (f.length >= MIN_KEY && !stems.includes(f)) stems.push(f);
    for (const s of KEY_SUFFIXES) {
      if (f.length - s.length >= MIN_KEY && f.endsWith(s)) {
        const stem = f.slice(0, f.length - s.length);
        if (!stems.includes(stem)) stems.push(stem);
      }
    }
  }
  info.stems = stems;
  return stems;
}

// A figure token's value key (or null when it has no value), and a word's scale factor.
const figureCache = new Map<string, string | null>();
const scaleCache = new Map<string, number>();

function figureKeyOf(token: string): string | null {
  let k = figureCache.get(token);
  if (k === undefined) {
    const v = figureValue(token);
    k = Number.isNaN(v) ? null : valueKey(v);
    if (figureCache.size >= ANALYSIS_CACHE_LIMIT) figureCache.clear();
    figureCache.set(token, k);
  }
  return k;
}

function cachedScaleOf(word: string): number {
  let f = scaleCache.get(word);
  if (f === undefined) {
    f = scaleOf(word);
    if (scaleCache.size >= ANALYSIS_CACHE_LIMIT) scaleCache.clear();
    scaleCache.set(word, f);
  }
  return f;
}

// Whether a from i and b from j are the same characters (a.slice(i) === b.slice(j), without the slices).
function sameTail(a: string, i: number, b: string, j: number): boolean {
  const n = a.length - i;
  if (n !== b.length - j) return false;
  for (let k = 0; k < n; k++) if (a.charCodeAt(i + k) !== b.charCodeAt(j + k)) return false;
  return true;
}

/** Whether two words are at most one edit apart (insert, delete, substitute, or swap two neighbours). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (la === lb) {
    if (sameTail(a, i + 1, b, i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && sameTail(a, i + 2, b, i + 2); // transposition
  }
  return la > lb ? sameTail(a, i + 1, b, i) : sameTail(a, i, b, i + 1);
}

// How an analysis's last letter can be written in its word: as itself, «ه» as the «ت» a pronoun
// follows, «ء» as «ئ» or «ؤ» ({@link cliticAnalyses}).
function lastLetterVariants(form: string): string[] {
  const head = form.slice(0, -1);
  const last = form[form.length - 1];
  return last === 'ه' ? [form, `${head}ت`] : last === 'ء' ? [form, `${head}ئ`, `${head}ؤ`] : [form];
}

const NO_FORMS: readonly string[] = [];

// A bit for each of the 31 letters of normalized Arabic (alef forms, «ة» and «ى» folded away), and
// one for any other character: what a word's letters can hold, for skipping words cheaply.
const OTHER_BIT = 1 << 31;
const LETTER_BITS = new Int32Array(0x064a - 0x0621 + 1).fill(OTHER_BIT);
[...'ءؤئابتثجحخدذرزسشصضطظعغفقكلمنهوي'].forEach((letter, i) => (LETTER_BITS[letter.charCodeAt(0) - 0x0621] = 1 << i));

/** The letters of a word as bits ({@link LETTER_BITS}). */
export function letterMask(w: string): number {
  let m = 0;
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i) - 0x0621;
    m |= c >= 0 && c < LETTER_BITS.length ? LETTER_BITS[c]! : OTHER_BIT;
  }
  return m;
}

// An analysis may end in «ه» where its word has «ت», or in «ء» where it has «ئ» or «ؤ» ({@link cliticAnalyses}).
const ANALYSIS_ENDINGS = letterMask('هء');

// What a search of the story's words looks for ({@link SourceIndex.searchWords}).
const enum Want {
  Form,
  AnyForm,
  Key,
  Near,
}

// Pairs of letters by bucket: each of the 42 codes U+0621–U+064A (normalized Arabic letters) and one
// for any other character, first letter × second.
const PAIR_LETTERS = 0x064a - 0x0621 + 2;
const PAIR_BUCKETS = PAIR_LETTERS * PAIR_LETTERS;

// Working arrays of the pair tables' making, one story at a time.
const lastWordScratch = new Int32Array(PAIR_BUCKETS);
const fillScratch = new Int32Array(PAIR_BUCKETS);
// Each word's pairs with its place, before they are sorted by pair (grown as needed).
let pairScratch = new Int32Array(4096);
let wordScratch = new Int32Array(4096);

function pairBucket(w: string, i: number): number {
  const a = w.charCodeAt(i) - 0x0620;
  const b = w.charCodeAt(i + 1) - 0x0620;
  return (a > 0 && a < PAIR_LETTERS ? a : 0) * PAIR_LETTERS + (b > 0 && b < PAIR_LETTERS ? b : 0);
}

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

function addByLength(byLength: Map<number, string[]>, form: string): void {
  const list = byLength.get(form.length);
  if (list) list.push(form);
  else byLength.set(form.length, [form]);
}

const COMPOUND_HEADS: ReadonlySet<string> = new Set(['عبد', 'وعبد', 'لعبد', 'ابو', 'وابو', 'ابي', 'بن', 'ابن', 'ام', 'ال', 'دار', 'سان', 'نور', 'سيف', 'عز', 'بو']);

// The story's subject is read from the opening of each source: its title and first paragraphs.
const TOPIC_TOKENS = 300;

const URL_RE = /\bhttps?:\/\/[^\s<>"'«»)\]]+|\bwww\.[^\s<>"'«»)\]]+/gi;

/** Links found in a text. */
export function findLinks(text: string): string[] {
  return text.match(URL_RE) ?? [];
}

/** A link reduced for comparison: no scheme, no `www.`, no trailing slash or punctuation, lower-cased host. */
export function normalizeLink(link: string): string {
  let s = link.trim().replace(/[.,;:!?،؛]+$/u, '');
  s = s.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
  const slash = s.indexOf('/');
  const host = (slash < 0 ? s : s.slice(0, slash)).toLowerCase();
  const path = slash < 0 ? '' : s.slice(slash);
  return `${host}${path}`.replace(/\/+$/, '');
}

/**
 * Builds the index of a story's sources; with a lexicon, also the story's subject (for the
 * off-subject check).
 *
 * @example
 * const index = buildStoryIndex([{ title: 'المغرب يدعو إلى تعاون', text: 'دعا المغرب في الرباط …' }], lexicon);
 * index.forms.has('مغرب') // → true: «المغرب» with its article taken off
 */
export function buildStoryIndex(sources: readonly GuardSource[], lexicon?: WordLexicon): StoryIndex {
  return new SourceIndex(sources, lexicon);
}

class SourceIndex implements StoryIndex {
  readonly figures = new Set<string>();
  readonly latin = new Set<string>();
  readonly links = new Set<string>();
  readonly titles: string[] = [];
  readonly translated: boolean;
  // Tokens of each source, in order, and the type of each (its place in `typeWords`; -1 for a
  // token that is not a type: a figure, a Latin word, a word of a foreign source).
  private readonly texts: string[][] = [];
  private readonly textTypes: Int32Array[] = [];
  // Arabic word types of the Arabic sources, numbered in order of first use, with their counts,
  // negative for function words (never looked up: a bullet's are skipped; nor do they say what a
  // story is about).
  // Numbered by a {@link StringIds}, whose strings are `typeWords`.
  private readonly types = new StringIds();
  private readonly typeWords: string[] = this.types.words;
  private readonly typeCounts: number[] = [];
  // The types among the opening tokens of the Arabic sources (the story's subject), in order of first use there.
  private readonly opening: number[] = [];
  // Compound names written apart in one outlet and joined in another: «عبد السلام» / «عبدالسلام».
  private readonly compounds = new Set<string>();
  private readonly lexicon: WordLexicon | undefined;
  // Built on first use: the subject is needed only when a bullet has a word no source has, the
  // streams only by quotations, the materialised sets only by callers that iterate them.
  private topicVector: Float64Array | undefined | null;
  private formSet: Set<string> | undefined;
  private keySet: Set<string> | undefined;
  private keyed: KeyedStreams | undefined;
  private stringStreams: string[][] | undefined;
  private tokenPositions: Map<string, number[]> | undefined;
  private records: { words: readonly SourceWord[]; compounds: readonly SourceWord[] } | undefined;
  private byLength: Map<number, string[]> | undefined;
  // The story's words (every type, then the compounds), their letter masks and the words holding
  // each pair of letters: a form or key is looked for as a substring of the words that could
  // carry it, not in a set of every analysis of every word (see {@link SourceIndex.searchWords}).
  private searchable: { words: string[]; masks: Int32Array; pairStarts: Int32Array; pairWords: Int32Array } | undefined;
  // The records of the words searches have hit, by their place in `words`.
  private found: (SourceWord | undefined)[] | undefined;
  // Answers already given, per look-up: a bullet's words repeat across a story's bullets.
  private formAnswers: Map<string, boolean> | undefined;
  private keyAnswers: Map<string, boolean> | undefined;
  // By the shortest length asked for, then by form (no key string made per question).
  private nearAnswers: Map<number, Map<string, boolean>> | undefined;

  constructor(sources: readonly GuardSource[], lexicon: WordLexicon | undefined) {
    this.lexicon = lexicon;
    this.topicVector = lexicon ? null : undefined;
    this.translated = sources.length > 0 && sources.every((s) => s.foreign === true);
    const { figures, latin, types, compounds, typeCounts, opening } = this;
    const openingFlags: boolean[] = [];
    for (const source of sources) {
      if (source.title && !source.foreign) this.titles.push(normalizeArabic(source.title));
      if (source.url) this.links.add(normalizeLink(source.url));
      const raw = source.title ? `${source.title}\n${source.text}` : source.text;
      const tokens = tokenizeWords(normalizeArabic(raw));
      this.texts.push(tokens);
      const tokenTypes = new Int32Array(tokens.length).fill(-1);
      this.textTypes.push(tokenTypes);
      for (let i = 0; i < tokens.length; i++) {
        const w = tokens[i]!;
        const c = w.charCodeAt(0);
        if (c >= 0x30 && c <= 0x39) {
          // A figure, by its value and, with the scale word after it, its scaled value.
          const k = figureKeyOf(w);
          if (k === null) continue;
          figures.add(k);
          const next = tokens[i + 1];
          const scale = next === undefined ? 1 : cachedScaleOf(next);
          if (scale !== 1) figures.add(valueKey(figureValue(w) * scale));
          continue;
        }
        if (c >= 0x0621 && c <= 0x064a) {
          if (source.foreign) {
            const v = numberWordValue(w);
            if (v !== undefined) figures.add(valueKey(v));
            continue;
          }
          const id = types.add(w);
          if (types.added) {
            const v = numberWordValue(w);
            if (v !== undefined) figures.add(valueKey(v));
            typeCounts.push(isStopWord(w) ? -1 : 1);
            openingFlags.push(false);
          } else typeCounts[id] = typeCounts[id]! < 0 ? typeCounts[id]! - 1 : typeCounts[id]! + 1;
          tokenTypes[i] = id;
          if (i < TOPIC_TOKENS && !openingFlags[id]) {
            openingFlags[id] = true;
            opening.push(id);
          }
          if (w.length <= 4 && COMPOUND_HEADS.has(w) && i + 1 < tokens.length) compounds.add(w + tokens[i + 1]!);
        } else {
          latin.add(w.toLowerCase());
        }
      }
    }
  }

  // The records of the story's words (in the order of `types`) and of its compounds, looked up once.
  private sourceWords(): { words: readonly SourceWord[]; compounds: readonly SourceWord[] } {
    if (!this.records) {
      const words: SourceWord[] = [];
      for (const w of this.typeWords) words.push(sourceWord(w));
      const compounds: SourceWord[] = [];
      for (const w of this.compounds) compounds.push(sourceWord(w));
      this.records = { words, compounds };
    }
    return this.records;
  }

  hasForm(form: string): boolean {
    return this.hasWritten(form) || this.hasAnalysis(form);
  }

  hasAnyForm(forms: readonly string[]): boolean {
    // A word is its own first analysis: every form is tried as a source's word written first, and
    // the story's words are searched only for a word none of whose forms is one.
    for (const f of forms) if (this.hasWritten(f)) return true;
    if (this.formSet || forms.length < 2) return forms.some((f) => this.hasAnalysis(f));
    // A word's analyses are nested (clitics off one after another): the shortest one's part is
    // mostly in every other's, and then one search finds every word that could have any of them.
    let shortest = forms[0]!;
    for (const f of forms) if (f.length < shortest.length) shortest = f;
    const part = shortest.slice(0, -1);
    if (part.length < 2 || !forms.every((f) => f.slice(0, -1).includes(part))) return forms.some((f) => this.hasAnalysis(f));
    // Each form but its last letter is part of the word it is an analysis of: the letters all share are needed.
    let need = -1;
    for (const f of forms) need &= letterMask(f.slice(0, -1));
    return this.searchWords(part, Want.AnyForm, '', forms, need);
  }

  // Whether `forms` has this form: a Latin word of a source, or a clitic analysis of a source's
  // content word or compound. An analysis, but for its last letter («حكومته» → «حكومه»), is part of
  // the word as written, so only the words that hold that part are looked at.
  private hasAnalysis(form: string): boolean {
    if (this.formSet) return this.formSet.has(form);
    if (this.latin.has(form)) return true;
    const answers = (this.formAnswers ??= new Map());
    let v = answers.get(form);
    if (v === undefined) {
      const part = form.slice(0, -1);
      // A form of two letters: its part of one letter is in most words, so the form itself is
      // looked for, with the letters its last one stands for in a word written with a pronoun.
      if (part.length >= 2) v = this.searchWords(part, Want.Form, form);
      else {
        v = false;
        for (const written of lastLetterVariants(form)) if ((v = this.searchWords(written, Want.Form, form))) break;
      }
      answers.set(form, v);
    }
    return v;
  }

  // The story's words (every type, then the compounds) and, for each pair of letters, the words
  // that hold it ({@link pairBucket}): a part is looked for in the words of its rarest pair only.
  private search(): { words: string[]; masks: Int32Array; pairStarts: Int32Array; pairWords: Int32Array } {
    if (!this.searchable) {
      // The types in order (the keys of `types` are `typeWords`), then the compounds.
      const words = this.typeWords.slice();
      for (const w of this.compounds) words.push(w);
      const masks = new Int32Array(words.length);
      // Each word's distinct pairs once, with the word's place, then sorted by pair (counting sort).
      let total = 0;
      for (const w of words) total += Math.max(0, w.length - 1);
      if (pairScratch.length < total) {
        pairScratch = new Int32Array(2 * total);
        wordScratch = new Int32Array(2 * total);
      }
      const pairOf = pairScratch;
      const wordOf = wordScratch;
      const counts = new Int32Array(PAIR_BUCKETS + 1);
      const last = lastWordScratch.fill(-1);
      let n = 0;
      for (let id = 0; id < words.length; id++) {
        const w = words[id]!;
        masks[id] = letterMask(w);
        for (let i = 0; i + 1 < w.length; i++) {
          const b = pairBucket(w, i);
          if (last[b] !== id) {
            last[b] = id;
            counts[b + 1]!++;
            pairOf[n] = b;
            wordOf[n++] = id;
          }
        }
      }
      for (let b = 0; b < PAIR_BUCKETS; b++) counts[b + 1]! += counts[b]!;
      const pairWords = new Int32Array(n);
      const fill = fillScratch;
      fill.set(counts.subarray(0, PAIR_BUCKETS));
      for (let k = 0; k < n; k++) pairWords[fill[pairOf[k]!]!++] = wordOf[k]!;
      this.searchable = { words, masks, pairStarts: counts, pairWords };
    }
    return this.searchable;
  }

  // Whether a story word (a type, or a compound) containing `part` is what is wanted ({@link Want};
  // `form`, `forms` and `shortest` say of what), the words tried in order. With `need`, a word
  // whose letters ({@link letterMask}, with «ه» and «ء» allowed, the letters an analysis may end in
  // that its word writes otherwise) miss more than `slack` of its bits cannot be: it is skipped
  // before its record is looked up.
  private searchWords(part: string, want: Want, form: string, forms: readonly string[] = NO_FORMS, need = 0, slack = 0, shortest = 0): boolean {
    const { words, masks, pairStarts, pairWords } = this.search();
    let from = 0;
    let to = words.length;
    let listed = false;
    if (part.length >= 2) {
      // Every word holding the part holds each of its pairs: the pair held by the fewest words is read.
      listed = true;
      to = Number.POSITIVE_INFINITY;
      for (let i = 0; i + 1 < part.length; i++) {
        const b = pairBucket(part, i);
        if (pairStarts[b + 1]! - pairStarts[b]! < to - from) {
          from = pairStarts[b]!;
          to = pairStarts[b + 1]!;
        }
      }
    }
    const typeCount = this.typeWords.length;
    const records = (this.found ??= new Array<SourceWord | undefined>(words.length));
    for (let k = from; k < to; k++) {
      const id = listed ? pairWords[k]! : k;
      if (!words[id]!.includes(part)) continue;
      if (need !== 0 && bitCount(need & ~(masks[id]! | ANALYSIS_ENDINGS)) > slack) continue;
      const info = (records[id] ??= sourceWord(words[id]!));
      if (this.isWanted(info, id >= typeCount, want, form, forms, shortest)) return true;
    }
    return false;
  }

  // Whether a story word's record is what a search wants: a content word or compound with `form`
  // among its analyses (Want.Form), or one of `forms` (Want.AnyForm), or of `shortest` letters or
  // more one edit from `form` (Want.Near); a type (not a compound) with `form` as an inflection key
  // (Want.Key: a stem, or a stem with a tense prefix off).
  private isWanted(info: SourceWord, compound: boolean, want: Want, form: string, forms: readonly string[], shortest: number): boolean {
    if (want === Want.Key) {
      if (compound) return false;
      for (const st of stemsOf(info)) if (st === form || (st.length === form.length + 1 && TENSE_PREFIX.has(st[0]!) && st.endsWith(form))) return true;
      return false;
    }
    // A type is a content word when it is not a stop word (its count's sign): its record says so.
    if (!compound && info.stop) return false;
    if (want === Want.Form) return info.forms.includes(form);
    if (want === Want.AnyForm) {
      for (const f of forms) if (info.forms.includes(f)) return true;
      return false;
    }
    for (const g of info.forms) if (g.length >= shortest && g.length <= form.length + 1 && withinOneEdit(form, g)) return true;
    return false;
  }

  // Whether a word is one of the story's Arabic content words (a type that is not a function word).
  private isContent(word: string): boolean {
    const id = this.types.get(word);
    return id >= 0 && this.typeCounts[id]! > 0;
  }

  hasWritten(word: string): boolean {
    return this.latin.has(word) || this.isContent(word) || this.compounds.has(word);
  }

  hasKey(key: string): boolean {
    if (key.length < MIN_KEY) return false;
    const answers = (this.keyAnswers ??= new Map());
    let v = answers.get(key);
    if (v === undefined) {
      // A key is a stem, or a stem with a tense prefix off; a stem is an analysis with a suffix
      // off, or the analysis itself: but for its last letter, a key is part of the word as written.
      v = this.searchWords(key.slice(0, -1), Want.Key, key, NO_FORMS, letterMask(key));
      answers.set(key, v);
    }
    return v;
  }

  hasNear(form: string, minLength: number): boolean {
    const byMin = (this.nearAnswers ??= new Map());
    let answers = byMin.get(minLength);
    if (answers === undefined) byMin.set(minLength, (answers = new Map()));
    let v = answers.get(form);
    if (v === undefined) {
      v = this.searchNear(form, minLength);
      answers.set(form, v);
    }
    return v;
  }

  // A form g one edit from f (of L ≥ 4 letters) keeps f's first half as its start (an edit in the
  // second half, or an insertion between them), or f's second half as its end (an edit in the
  // first half), or, when the edit swaps the two letters either side of the middle, f's start with
  // them swapped. g but for its last letter is part of a source word as written, and g's last
  // letter is the word's, or «ه» for its «ت», or «ء» for its «ئ» or «ؤ» ({@link cliticAnalyses}):
  // each of these parts is looked for in the story's words, and only their words' forms compared.
  private searchNear(f: string, minLength: number): boolean {
    const L = f.length;
    const shortest = Math.max(minLength, L - 1);
    for (const g of this.latin) if (g.length >= shortest && g.length <= L + 1 && withinOneEdit(f, g)) return true;
    if (L < 4 || !isArabicWord(f)) {
      for (let len = shortest; len <= L + 1; len++) for (const g of this.formsOfLength(len)) if (withinOneEdit(f, g)) return true;
      return false;
    }
    const h = L >> 1;
    // A form one edit from f has all of f's letters but one at most.
    const need = letterMask(f);
    // The parts in turn, each made only when the ones before found nothing.
    if (this.searchWords(f.slice(0, h), Want.Near, f, NO_FORMS, need, 1, shortest)) return true;
    if (this.searchWords(f.slice(0, h - 1) + f[h]! + f[h - 1]!, Want.Near, f, NO_FORMS, need, 1, shortest)) return true;
    for (const part of lastLetterVariants(f.slice(h))) if (this.searchWords(part, Want.Near, f, NO_FORMS, need, 1, shortest)) return true;
    return false;
  }

  formsOfLength(length: number): readonly string[] {
    if (!this.byLength) {
      const byLength = new Map<number, string[]>();
      for (const f of this.latin) addByLength(byLength, f);
      const { words, compounds } = this.sourceWords();
      for (const info of words) if (!info.stop) for (const f of info.forms) addByLength(byLength, f);
      for (const info of compounds) for (const f of info.forms) addByLength(byLength, f);
      this.byLength = byLength;
    }
    return this.byLength.get(length) ?? NO_FORMS;
  }

  get forms(): ReadonlySet<string> {
    if (!this.formSet) {
      const forms = new Set<string>(this.latin);
      const { words, compounds } = this.sourceWords();
      for (const info of words) if (!info.stop) for (const f of info.forms) forms.add(f);
      for (const info of compounds) for (const f of info.forms) forms.add(f);
      this.formSet = forms;
    }
    return this.formSet;
  }

  get keys(): ReadonlySet<string> {
    if (!this.keySet) {
      const keys = new Set<string>();
      for (const w of this.typeWords) for (const k of wordKeys(w)) keys.add(k);
      this.keySet = keys;
    }
    return this.keySet;
  }

  get topic(): Float64Array | undefined {
    if (this.topicVector === null) {
      const lexicon = this.lexicon!;
      const acc = createTopicAccumulator(lexicon);
      // The Arabic words of each Arabic source's opening tokens, each once.
      const forms: string[] = [];
      const times: number[] = [];
      for (const id of this.opening) {
        const n = this.typeCounts[id]!;
        if (n > 0) {
          forms.push(this.typeWords[id]!);
          times.push(n);
        }
      }
      acc.addForms(forms, times, forms.length);
      this.topicVector = acc.vector();
    }
    return this.topicVector;
  }

  // The keyed streams: a type's key and its number are found once per type (by its place in
  // `typeWords`), another token's by its key; the positions are sorted by key (a counting sort).
  get tokenStreams(): TokenStreams {
    if (!this.keyed) {
      const ids = new StringIds();
      const keys = ids.words;
      const counts: number[] = [];
      const typeKey = new Int32Array(this.typeWords.length).fill(-1);
      const { texts, textTypes } = this;
      const streams: Int32Array[] = [];
      let total = 0;
      for (let s = 0; s < texts.length; s++) {
        const tokens = texts[s]!;
        const types = textTypes[s]!;
        const stream = new Int32Array(tokens.length);
        for (let i = 0; i < tokens.length; i++) {
          const type = types[i]!;
          let n = type >= 0 ? typeKey[type]! : -1;
          if (n < 0) {
            n = ids.add(quoteKey(tokens[i]!));
            if (ids.added) counts.push(0);
            if (type >= 0) typeKey[type] = n;
          }
          stream[i] = n;
          counts[n]! += 2;
        }
        total += 2 * tokens.length;
        streams.push(stream);
      }
      const start = new Int32Array(keys.length + 1);
      for (let n = 0; n < keys.length; n++) start[n + 1] = start[n]! + counts[n]!;
      const fill = start.slice(0, keys.length);
      const at = new Int32Array(total);
      for (let s = 0; s < streams.length; s++) {
        const stream = streams[s]!;
        for (let i = 0; i < stream.length; i++) {
          const f = fill[stream[i]!]!;
          at[f] = s;
          at[f + 1] = i;
          fill[stream[i]!] = f + 2;
        }
      }
      this.keyed = new KeyedStreams(ids, streams, start, at);
    }
    return this.keyed;
  }

  get streams(): readonly (readonly string[])[] {
    if (!this.stringStreams) {
      const { keys, streams } = this.tokenStreams;
      this.stringStreams = streams.map((stream) => Array.from(stream, (n) => keys[n]!));
    }
    return this.stringStreams;
  }

  get positions(): ReadonlyMap<string, readonly number[]> {
    if (!this.tokenPositions) {
      const { keys, start, at } = this.tokenStreams;
      const positions = new Map<string, number[]>();
      for (let n = 0; n < keys.length; n++) positions.set(keys[n]!, Array.from(at.subarray(start[n]!, start[n + 1]!)));
      this.tokenPositions = positions;
    }
    return this.tokenPositions;
  }
}
