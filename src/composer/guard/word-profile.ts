/**
 * What the word-frequency list says about a word beyond its own count: how often its family
 * (the same base under every attached conjunction, preposition and article) occurs, how often it
 * takes the article «ال», a pronoun suffix or a plural ending, and under how many tense forms
 * its stem occurs as a verb. Names of people, places and bodies seldom take «ال», a pronoun or a
 * plural, and never conjugate; ordinary nouns, adjectives and verbs do. The guard holds
 * name-like words to their clitic analyses and lets ordinary words be paraphrased.
 */
import { FormTable } from './form-table.js';
import { cliticAnalyses, isArabicWord } from './word-forms.js';
import type { WordLexicon } from './word-lexicon.js';

/** The lexicon's view of one word. */
export interface WordProfile {
  /** The base the figures are for (the analysis whose family is largest). */
  base: string;
  /** Occurrences of the base under any proclitic (و ف ب ل ك ال …) in the corpus. */
  family: number;
  /** Of those, occurrences with the article. */
  withArticle: number;
  /** Occurrences of the base with a pronoun suffix or a plural or dual ending (not counted in `family`). */
  affixed: number;
  /** Other tense forms of the word the corpus has: imperfects under another prefix, or the imperfects of a perfect. */
  verbForms: number;
  /** Whether the base has the shape of a verbal noun of a derived verb («استفعال», «افتعال», «انفعال», «إفعال», «تفعيل», «تفاعل»). */
  verbalNoun: boolean;
}

// Proclitic chains the family sums over; «لل» is ل + ال.
const PLAIN = ['', 'و', 'ف', 'ب', 'ل', 'ك', 'وب', 'ول', 'فب', 'فل', 'وك'] as const;
const ARTICLE = ['ال', 'وال', 'فال', 'بال', 'كال', 'لل', 'وبال', 'ولل', 'فلل', 'فبال'] as const;
const PRONOUNS = ['ه', 'ها', 'هم', 'هما', 'كم', 'نا'] as const;
// Plural and dual endings. Not the nisba ي/يه: «تونسي» is made from a name.
const PLURALS = ['ات', 'ين', 'ون', 'ان'] as const;
const FEMININE_PLURALS = ['ات', 'تين', 'تان'] as const;
// Verbal nouns of the derived forms X, VIII, VII, IV, II and VI, after normalization.
const VERBAL_NOUN = /^(?:است...ا.|ا.ت.ا.|ان..ا.|ا..ا.|ت..ي.|ت.ا..)$/;

// A lexicon's families, summed once per lexicon: for each base, the counts of its forms under the
// plain proclitic chains and under those with the article, with a pronoun (after و ب ل or none),
// and with a plural ending (after ال or none). The same integer sums as looking every form up.
// Summed in maps, then kept as one {@link FormTable} of every base with a column per sum.
interface FamilySums {
  plain: Map<string, number>;
  article: Map<string, number>;
  pronoun: Map<string, number>;
  plural: Map<string, number>;
  femininePlural: Map<string, number>;
}

type FamilyColumn = keyof FamilySums;

const COLUMNS: readonly FamilyColumn[] = ['plain', 'article', 'pronoun', 'plural', 'femininePlural'];
const COLUMN_PLACE: Readonly<Record<FamilyColumn, number>> = { plain: 0, article: 1, pronoun: 2, plural: 3, femininePlural: 4 };

class Families {
  private readonly table: FormTable;
  private readonly columns: Float64Array;

  constructor(sums: FamilySums) {
    const bases = new Set<string>();
    for (const c of COLUMNS) for (const b of sums[c].keys()) bases.add(b);
    const list = [...bases];
    this.table = new FormTable(list);
    this.columns = new Float64Array(list.length * COLUMNS.length);
    list.forEach((b, place) => COLUMNS.forEach((c, k) => (this.columns[place * COLUMNS.length + k] = sums[c].get(b) ?? 0)));
  }

  /** The sum of a column for a base (0 for a base no form has). */
  get(column: FamilyColumn, base: string): number {
    const place = this.table.place(base);
    return place < 0 ? 0 : this.columns[place * COLUMNS.length + COLUMN_PLACE[column]]!;
  }

  /** The place of a base, for {@link Families.at} (-1: no form has it). */
  place(base: string): number {
    return this.table.place(base);
  }

  /** The sum of a column (its place in {@link COLUMNS}) at a base's place: `get` without a second look-up. */
  at(place: number, column: number): number {
    return place < 0 ? 0 : this.columns[place * COLUMNS.length + column]!;
  }
}

const PLAIN_COLUMN = COLUMN_PLACE.plain;
const ARTICLE_COLUMN = COLUMN_PLACE.article;

const PRONOUN_PREFIXES = ['', 'و', 'ب', 'ل'] as const;
const PLURAL_PREFIXES = ['', 'ال'] as const;

// Adds n under the middle of every `prefix + middle + suffix` reading of a form.
function addMiddles(map: Map<string, number>, form: string, n: number, prefixes: readonly string[], suffixes: readonly string[]): void {
  for (const p of prefixes) {
    if (!form.startsWith(p)) continue;
    for (const s of suffixes) if (form.length - p.length >= s.length && form.endsWith(s)) addTo(map, form.slice(p.length, form.length - s.length), n);
  }
}

const familiesOf = new WeakMap<WordLexicon, Families | null>();

function addTo(map: Map<string, number>, key: string, n: number): void {
  map.set(key, (map.get(key) ?? 0) + n);
}

function families(lexicon: WordLexicon): Families | null {
  let f = familiesOf.get(lexicon);
  if (f === undefined) {
    f = null;
    if (lexicon.forms) {
      const sums: FamilySums = { plain: new Map(), article: new Map(), pronoun: new Map(), plural: new Map(), femininePlural: new Map() };
      for (const form of lexicon.forms()) {
        const n = lexicon.count(form);
        if (n === 0) continue;
        for (const p of PLAIN) if (form.startsWith(p)) addTo(sums.plain, form.slice(p.length), n);
        for (const p of ARTICLE) if (form.startsWith(p)) addTo(sums.article, form.slice(p.length), n);
        addMiddles(sums.pronoun, form, n, PRONOUN_PREFIXES, PRONOUNS);
        addMiddles(sums.plural, form, n, PLURAL_PREFIXES, PLURALS);
        addMiddles(sums.femininePlural, form, n, PLURAL_PREFIXES, FEMININE_PLURALS);
      }
      f = new Families(sums);
    }
    familiesOf.set(lexicon, f);
  }
  return f;
}

/** Sums the lexicon's families now (once per lexicon; the first profile then does not pay for it). */
export function prepareFamilies(lexicon: WordLexicon): void {
  families(lexicon);
}

// The result of {@link familyOf}, read right after the call (no object per base).
let familyOut = 0;
let withArticleOut = 0;

/** Sets {@link familyOut} and {@link withArticleOut} to a base's family and its part with the article. */
function familyOf(base: string, lexicon: WordLexicon): void {
  const f = families(lexicon);
  if (f) {
    const place = f.place(base);
    const art = f.at(place, ARTICLE_COLUMN);
    familyOut = f.at(place, PLAIN_COLUMN) + art;
    withArticleOut = art;
    return;
  }
  let plain = 0;
  let art = 0;
  for (const p of PLAIN) plain += lexicon.count(p + base);
  for (const p of ARTICLE) art += lexicon.count(p + base);
  familyOut = plain + art;
  withArticleOut = art;
}

function affixedOf(base: string, lexicon: WordLexicon): number {
  // «مدة» takes a pronoun as «مدته».
  const bound = base.endsWith('ه') ? `${base.slice(0, -1)}ت` : base;
  const f = families(lexicon);
  if (f) return f.get('pronoun', bound) + (base.endsWith('ه') ? f.get('femininePlural', base.slice(0, -1)) : f.get('plural', base));
  let n = 0;
  for (const s of PRONOUNS) n += lexicon.count(bound + s) + lexicon.count(`و${bound}${s}`) + lexicon.count(`ب${bound}${s}`) + lexicon.count(`ل${bound}${s}`);
  if (base.endsWith('ه')) {
    const stem = base.slice(0, -1);
    for (const s of FEMININE_PLURALS) n += lexicon.count(stem + s) + lexicon.count(`ال${stem}${s}`);
  } else {
    for (const s of PLURALS) n += lexicon.count(base + s) + lexicon.count(`ال${base}${s}`);
  }
  return n;
}

const IMPERFECT = ['ي', 'ت', 'ن'] as const;
// The imperfects of a perfect are looked for under these.
const PERFECT_PREFIXES = ['ي', 'ت'] as const;
// Plural and dual endings of the imperfect: «يشاركون» → «يشارك», «يتفقان» → «يتفق».
const IMPERFECT_ENDINGS = ['ون', 'ان', 'ين', 'وا'] as const;
// Endings of the perfect: «شكلت» → «شكل», «ارادوا» → «اراد».
const PERFECT_ENDINGS = ['وا', 'تم', 'نا', 'ت'] as const;

/**
 * Other tense forms of the word that the corpus has (at least twice each): for an imperfect
 * («تعلن») the same stem under the other prefixes («يعلن», «نعلن»); for a perfect («شكلت»,
 * «اعلن», «زاد») its imperfects («يشكل», «يعلن», «يزيد»). A name has none: «تونس» has «يونس»
 * only, «امازون» nothing.
 */
function verbSiblings(base: string, lexicon: WordLexicon): number {
  // The distinct forms found (few): their number is the answer.
  const found: string[] = [];
  const first = base[0] ?? '';
  if ((IMPERFECT as readonly string[]).includes(first) && base.length >= 3) {
    // The base, and the base without each plural or dual ending it has, as cores.
    for (let e = -1; e < IMPERFECT_ENDINGS.length; e++) {
      let core = base;
      if (e >= 0) {
        const ending = IMPERFECT_ENDINGS[e]!;
        if (!(base.length - ending.length >= 3 && base.endsWith(ending))) continue;
        core = base.slice(0, base.length - ending.length);
      }
      const rest = core.slice(1);
      for (const p of IMPERFECT) addSibling(found, p + rest, base, lexicon);
    }
  }
  // The base, and the base without each ending of the perfect it has, as perfects.
  for (let e = -1; e < PERFECT_ENDINGS.length; e++) {
    let perfect = base;
    if (e >= 0) {
      const ending = PERFECT_ENDINGS[e]!;
      if (!(base.length - ending.length >= 3 && base.endsWith(ending))) continue;
      perfect = base.slice(0, base.length - ending.length);
    }
    // Form IV and the derived forms with a prefixed alif: «اعلن» → «يعلن».
    const stem = first === 'ا' && perfect.length >= 4 ? perfect.slice(1) : perfect;
    for (const p of PERFECT_PREFIXES) addSibling(found, p + stem, base, lexicon);
    // Hollow verbs: «زاد» → «يزيد», «قال» → «يقول».
    if (stem.length === 3 && stem[1] === 'ا') {
      const yaa = `${stem[0]}ي${stem[2]}`;
      for (const p of PERFECT_PREFIXES) addSibling(found, p + yaa, base, lexicon);
      const waw = `${stem[0]}و${stem[2]}`;
      for (const p of PERFECT_PREFIXES) addSibling(found, p + waw, base, lexicon);
    }
  }
  return found.length;
}

function addSibling(found: string[], f: string, base: string, lexicon: WordLexicon): void {
  if (f !== base && !found.includes(f) && lexicon.count(f) >= 2) found.push(f);
}

// What a shorter analysis must add to the family, as a share of the longer one's, to be taken.
const STRIP_EVIDENCE = 0.25;
const MIN_EVIDENCE = 3;

// Adds a word's clitic analyses but those with the article (of more than two letters after it) to `bases`, each once.
function addBases(bases: string[], w: string): void {
  for (const a of cliticAnalyses(w)) {
    if (a.startsWith('ال') && a.length > 4) continue;
    if (!bases.includes(a)) bases.push(a);
  }
}

let profileCache = new WeakMap<WordLexicon, Map<string, WordProfile>>();

/** Empties the profile cache (benchmarks start cold). */
export function clearProfileCache(): void {
  profileCache = new WeakMap();
}

/**
 * The profile of a normalized word: among its clitic analyses without the article (and the word
 * without a final tanween alif: «انتقادا» → «انتقاد»), the one whose family is largest.
 *
 * @example
 * profileWord('والضريبة', lexicon) // → { base: 'ضريبه', withArticle: (a third of its family), affixed: …, … }
 * profileWord('تونس', lexicon)     // → { base: 'تونس', withArticle: 0, affixed: 0, verbForms: 2 (يونس, تونس), … }
 */
export function profileWord(word: string, lexicon: WordLexicon): WordProfile {
  let cache = profileCache.get(lexicon);
  if (!cache) profileCache.set(lexicon, (cache = new Map()));
  const hit = cache.get(word);
  if (hit) return hit;
  let base = word;
  let family: number;
  let withArticle = 0;
  if (isArabicWord(word)) {
    // Distinct, in order of first analysis.
    const bases: string[] = [];
    addBases(bases, word);
    // Accusative tanween is written with a final alif: «انتقادا شديدا», «وجوديا».
    if (word.length >= 4 && word.endsWith('ا')) addBases(bases, word.slice(0, -1));
    if (bases.length === 0) bases.push(word);
    // The longest analysis stands unless a shorter one brings much more evidence: the family of
    // a shorter base counts the longer word too, so only what it adds speaks for stripping
    // («لمدة» → «مدة» adds «مدة», «المدة», «بمدة»; «بكين» → «كين» adds next to nothing).
    // Longest first, in order of first analysis among equals (a stable sort, by insertion).
    for (let i = 1; i < bases.length; i++) {
      const b = bases[i]!;
      let j = i - 1;
      while (j >= 0 && bases[j]!.length < b.length) {
        bases[j + 1] = bases[j]!;
        j--;
      }
      bases[j + 1] = b;
    }
    base = bases[0]!;
    familyOf(base, lexicon);
    family = familyOut;
    withArticle = withArticleOut;
    for (let i = 1; i < bases.length; i++) {
      familyOf(bases[i]!, lexicon);
      if (familyOut - family >= Math.max(MIN_EVIDENCE, STRIP_EVIDENCE * family)) {
        base = bases[i]!;
        family = familyOut;
        withArticle = withArticleOut;
      }
    }
  } else family = lexicon.count(word);
  const arabic = isArabicWord(base);
  const profile: WordProfile = {
    base,
    family,
    withArticle,
    affixed: arabic ? affixedOf(base, lexicon) : 0,
    verbForms: arabic ? verbSiblings(base, lexicon) : 0,
    verbalNoun: arabic && VERBAL_NOUN.test(base),
  };
  if (cache.size > 100_000) cache.clear();
  cache.set(word, profile);
  return profile;
}
