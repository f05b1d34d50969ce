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
}

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

function familyOf(base: string, lexicon: WordLexicon): { family: number; withArticle: number } {
  const f = families(lexicon);
  if (f) {
    const art = f.get('article', base);
    return { family: f.get('plain', base) + art, withArticle: art };
  }
  let plain = 0;
  let art = 0;
  for (const p of PLAIN) plain += lexicon.count(p + base);
  for (const p of ARTICLE) art += lexicon.count(p + base);
  return { family: plain + art, withArticle: art };
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
  const found = new Set<string>();
  const first = base[0] ?? '';
  if ((IMPERFECT as readonly string[]).includes(first) && base.length >= 3) {
    const cores = [base];
    for (const e of IMPERFECT_ENDINGS) if (base.length - e.length >= 3 && base.endsWith(e)) cores.push(base.slice(0, base.length - e.length));
    for (const core of cores) for (const p of IMPERFECT) addSibling(found, p + core.slice(1), base, lexicon);
  }
  const perfects = [base];
  for (const e of PERFECT_ENDINGS) if (base.length - e.length >= 3 && base.endsWith(e)) perfects.push(base.slice(0, base.length - e.length));
  for (const perfect of perfects) {
    // Form IV and the derived forms with a prefixed alif: «اعلن» → «يعلن».
    const stem = first === 'ا' && perfect.length >= 4 ? perfect.slice(1) : perfect;
    const stems = [stem];
    // Hollow verbs: «زاد» → «يزيد», «قال» → «يقول».
    if (stem.length === 3 && stem[1] === 'ا') stems.push(`${stem[0]}ي${stem[2]}`, `${stem[0]}و${stem[2]}`);
    for (const st of stems) for (const p of PERFECT_PREFIXES) addSibling(found, p + st, base, lexicon);
  }
  return found.size;
}

function addSibling(found: Set<string>, f: string, base: string, lexicon: WordLexicon): void {
  if (f !== base && lexicon.count(f) >= 2) found.add(f);
}

// What a shorter analysis must add to the family, as a share of the longer one's, to be taken.
const STRIP_EVIDENCE = 0.25;
const MIN_EVIDENCE = 3;

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
  let best = { base: word, family: lexicon.count(word), withArticle: 0 };
  if (isArabicWord(word)) {
    const bases = new Set<string>();
    // Accusative tanween is written with a final alif: «انتقادا شديدا», «وجوديا».
    const words = word.length >= 4 && word.endsWith('ا') ? [word, word.slice(0, -1)] : [word];
    for (const w of words) {
      for (const a of cliticAnalyses(w)) {
        if (a.startsWith('ال') && a.length > 4) continue;
        bases.add(a);
      }
    }
    if (bases.size === 0) bases.add(word);
    // The longest analysis stands unless a shorter one brings much more evidence: the family of
    // a shorter base counts the longer word too, so only what it adds speaks for stripping
    // («لمدة» → «مدة» adds «مدة», «المدة», «بمدة»; «بكين» → «كين» adds next to nothing).
    const ordered = [...bases].sort((a, b) => b.length - a.length);
    best = { base: ordered[0]!, ...familyOf(ordered[0]!, lexicon) };
    for (const b of ordered.slice(1)) {
      const f = familyOf(b, lexicon);
      if (f.family - best.family >= Math.max(MIN_EVIDENCE, STRIP_EVIDENCE * best.family)) best = { base: b, ...f };
    }
  }
  const arabic = isArabicWord(best.base);
  const profile: WordProfile = {
    ...best,
    affixed: arabic ? affixedOf(best.base, lexicon) : 0,
    verbForms: arabic ? verbSiblings(best.base, lexicon) : 0,
    verbalNoun: arabic && VERBAL_NOUN.test(best.base),
  };
  if (cache.size > 100_000) cache.clear();
  cache.set(word, profile);
  return profile;
}
