/**
 * The forms under which the guard looks a word up: its clitic analyses (what is left when the
 * attached conjunction, preposition, article, future particle or pronoun is taken off) and, for
 * words the corpus knows as ordinary vocabulary, its inflection keys (tense prefixes and
 * plural/feminine/person suffixes off too). Not a stemmer: a name such as «تايلاند» is only
 * ever compared by its clitic analyses, so that no affix rule can make two names meet.
 * Input is a normalized word ({@link normalizeArabic} with its defaults: alef forms folded,
 * ة → ه, ى → ي).
 */

const CONJUNCTIONS = ['', 'و', 'ف'] as const;
// After a conjunction: preposition + article, the article alone, a preposition alone, the future
// particle, or nothing. «لل» is ل + ال with the alef dropped: «للامن» = ل + الامن.
const WITH_ARTICLE = ['بال', 'كال', 'لل', 'ال'] as const;

// Attached pronouns, longest first. A definite noun takes none, so they are not tried after ال.
const PRONOUNS = ['هما', 'كما', 'هم', 'هن', 'ها', 'كم', 'كن', 'نا', 'ني', 'ه', 'ك', 'ي'] as const;

const MIN_BASE = 3;

function isArabicLetterCode(c: number): boolean {
  return c >= 0x0621 && c <= 0x064a;
}

/** Whether a normalized token is an Arabic word (rather than a Latin word or a number). */
export function isArabicWord(w: string): boolean {
  return w.length > 0 && isArabicLetterCode(w.charCodeAt(0));
}

// Pronouns by the code of their last letter (from U+0600), so that a word is tried only against
// those it can end with: a look-up by number, not by a one-letter string.
const PRONOUNS_BY_LAST: (readonly string[] | undefined)[] = new Array<readonly string[] | undefined>(0x100).fill(undefined);
for (const p of PRONOUNS) {
  const last = p.charCodeAt(p.length - 1) - 0x0600;
  PRONOUNS_BY_LAST[last] = [...(PRONOUNS_BY_LAST[last] ?? []), p];
}

function push(out: string[], w: string): void {
  if (!out.includes(w)) out.push(w);
}

function addPronounAnalyses(base: string, out: string[]): void {
  const last = base.charCodeAt(base.length - 1) - 0x0600;
  const candidates = last >= 0 && last < 0x100 ? PRONOUNS_BY_LAST[last] : undefined;
  if (!candidates) return;
  for (const p of candidates) {
    if (base.length - p.length >= MIN_BASE && base.endsWith(p)) {
      const b = base.slice(0, base.length - p.length);
      push(out, b);
      // «حكومتها» → «حكومت» + ها: the ة of «حكومة» is written ت before a pronoun.
      if (b.endsWith('ت')) push(out, `${b.slice(0, -1)}ه`);
      // «حلفائها» → «حلفاء»: a final hamza sits on a carrier before a pronoun.
      if (b.endsWith('ئ') || b.endsWith('ؤ')) push(out, `${b.slice(0, -1)}ء`);
    }
  }
}

/**
 * Every clitic analysis of a normalized Arabic word, the word itself first.
 *
 * @example
 * cliticAnalyses('وبالمغرب') // → ['وبالمغرب', 'بالمغرب', 'مغرب', …]
 * cliticAnalyses('حكومتها') // → ['حكومتها', 'حكومت', 'حكومه', …]
 */
export function cliticAnalyses(word: string): string[] {
  const out = [word];
  if (!isArabicWord(word)) return out;
  for (const conj of CONJUNCTIONS) {
    if (conj !== '' && !(word[0] === conj && word.length - 1 >= MIN_BASE)) continue;
    const rest = conj === '' ? word : word.slice(1);
    if (conj !== '') push(out, rest);
    addPronounAnalyses(rest, out);
    const first = rest[0];
    if (first === 'ا' || first === 'ب' || first === 'ك' || first === 'ل') {
      for (const art of WITH_ARTICLE) {
        if (rest.startsWith(art) && rest.length - art.length >= 2) {
          // The bare form alone: «بالمغرب» and «المغرب» meet on «مغرب».
          push(out, rest.slice(art.length));
        }
      }
    }
    if ((first === 'ب' || first === 'ل' || first === 'ك') && rest.length - 1 >= MIN_BASE) {
      const b = rest.slice(1);
      push(out, b);
      addPronounAnalyses(b, out);
    }
    // The future particle: «سيعلن» = س + يعلن.
    if (first === 'س' && rest.length - 1 >= MIN_BASE && 'يتنا'.includes(rest[1] ?? '')) {
      const b = rest.slice(1);
      push(out, b);
      addPronounAnalyses(b, out);
    }
  }
  return out;
}

// Tense and person prefixes of the imperfect (and the ا of the perfect of derived forms:
// «اعلن»), and the suffixes of number, gender and person on nouns and verbs, longest first.
export const INFLECTION_PREFIXES = ['ي', 'ت', 'ن', 'ا'] as const;
export const INFLECTION_SUFFIXES = ['يين', 'تان', 'تين', 'ات', 'ون', 'ين', 'ان', 'وا', 'يه', 'تم', 'ته', 'ه', 'ي', 'ت', 'ن', 'ا'] as const;

/**
 * Inflection keys of one clitic analysis: the analysis with at most one tense prefix and one
 * inflection suffix taken off, keeping at least `minKey` (default 3) letters. «تعلن» and «اعلنت»
 * share the key «علن»; a broken plural («اطفال» / «طفل») does not meet its singular.
 */
export function inflectionKeys(base: string, minKey = 3): string[] {
  const out: string[] = [];
  addInflectionKeys(base, out, minKey);
  return out;
}

/** Adds the {@link inflectionKeys} of `base` that `out` lacks to it, in their order. */
export function addInflectionKeys(base: string, out: string[], minKey = 3): void {
  if (!isArabicWord(base)) return;
  addSuffixKeys(base, out, minKey);
  // One tense prefix off (the prefixes are single letters: a word starts with one at most).
  for (const p of INFLECTION_PREFIXES) if (base.length - 1 >= minKey && base.startsWith(p)) addSuffixKeys(base.slice(1), out, minKey);
}

// A start itself and with each suffix it ends with off.
function addSuffixKeys(s0: string, out: string[], minKey: number): void {
  if (s0.length >= minKey) push(out, s0);
  for (const s of INFLECTION_SUFFIXES) {
    if (s0.length - s.length >= minKey && s0.endsWith(s)) push(out, s0.slice(0, s0.length - s.length));
  }
}

/**
 * The key a word has in a quotation: one conjunction and one article or preposition off, so that
 * «والجنسية» in an article meets «وجنسية» in a bullet quoting it.
 */
export function quoteKey(word: string): string {
  if (!isArabicWord(word)) return word.toLowerCase();
  let w = word;
  if ((w[0] === 'و' || w[0] === 'ف') && w.length > 3) w = w.slice(1);
  for (const p of WITH_ARTICLE) {
    if (w.startsWith(p) && w.length - p.length >= 2) return w.slice(p.length);
  }
  if ((w[0] === 'ب' || w[0] === 'ل') && w.length > 4) return w.slice(1);
  return w;
}
