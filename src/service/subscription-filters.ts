/**
 * A subscriber's filters: parsing what a person typed (`+النفط -كرة`, `clear`), merging it into
 * what is stored, and matching items and outlets. Words are compared by their normalized,
 * light-stemmed content words (diacritics, hamza forms, ة/ه and Arabic-Indic digits folded):
 * set lookups only, never a pattern built from user text, so no input can make matching slow.
 */
import { lightStem, normalizeArabic, stripBidiControls, tokenizeWords } from '../arabic/index.js';
import { contentStems } from '../composer/index.js';
import { StoreError } from '../core/errors.js';
import { sliceUnits } from '../core/cut-at-word.js';
import { MAX_FILTER_WORD_CHARS, MAX_FILTER_WORDS, MAX_MUTED_OUTLETS } from '../core/subscriptions.js';
import type { BriefingItem, SourceRef, SubscriptionChange, SubscriptionFilters } from '../core/types.js';

/** No filter at all. */
const NO_FILTERS: Readonly<SubscriptionFilters> = Object.freeze({ include: [], exclude: [], muted: [] });

/** One entry of a `/filter` text: a sign, then a phrase in quotes ("…", “…”, «…») or a word. */
const TERM = /[+\uFF0B\uFE62\-\u2212\u2013\u2014\uFF0D\uFE63]?(?:["\u201C\u201D\u00AB][^"\u201C\u201D\u00BB]*["\u201C\u201D\u00BB]?|\S+)/g;
const QUOTES = /["\u201C\u201D\u00AB\u00BB]/g;

/** What clears the words (normalized): «مسح الكل» is no +word «مسح». */
const CLEAR = new Set(['clear', 'clear all', 'reset', 'مسح', 'امسح', 'مسح الكل', 'امسح الكل', 'مسح الكلمات', 'امسح الكلمات']);

/** What a `/filter …` text asks for. */
export type FilterRequest =
  | { kind: 'show' }
  | { kind: 'clear' }
  | {
      kind: 'add';
      include: string[];
      exclude: string[];
      /** Words made only of stop words or signs («في», «+»): nothing to match, so not kept. */
      ignored: string[];
    };

const SIGNS_PLUS = new Set(['+', '\uFF0B', '\uFE62']);
const SIGNS_MINUS = new Set(['-', '\u2212', '\u2013', '\u2014', '\uFF0D', '\uFE63']);

/**
 * Invisible characters a copied or typed word brings along that are no bidi control: soft hyphen,
 * zero-width space, word joiner, BOM. In front of a sign («\u200B-كرة») they would hide it.
 */
const INVISIBLE = /[\u00AD\u200B\u2060\uFEFF]/g;

/** Text without bidi controls and invisible characters. */
function visible(text: string): string {
  return stripBidiControls(text).replace(INVISIBLE, '');
}

/** A word as kept: bidi controls, invisible characters and surrounding space dropped, bounded (what the person sees again in the settings). */
function cleanWord(word: string): string {
  return sliceUnits(visible(word).trim(), MAX_FILTER_WORD_CHARS);
}

/**
 * The stems a word is matched by: its content words, normalized and light-stemmed, without
 * repeats, and a lone Latin letter beside them («G20», «F-16»: without it, «+G20» would be «+20»
 * and take in every story of 20 dead). Empty for a word made only of stop words.
 *
 * @example
 * filterStems('النِّفط')   // → ['نفط']
 * filterStems('٢٠٢٦')      // → ['2026']
 * filterStems('G20')       // → ['g', '20']
 * filterStems('في')        // → []
 */
function filterStems(word: string): string[] {
  const content = contentStems(word);
  if (content.length === 0) return [];
  const letters = tokenizeWords(word).filter((w) => /^[a-z]$/i.test(w)).map((w) => w.toLowerCase());
  return [...new Set([...letters, ...content])];
}

/** The key two spellings of one word share («النفط», «نفط», «النِّفط» → «نفط»). */
function wordKey(word: string): string {
  return filterStems(word).join(' ');
}

/**
 * The `/filter` text with its entries apart, as people type them: a sign parted from its word by
 * a space («- كرة», «+ النفط») is the word's (the word was saved on the other side: «- كرة» added
 * football), and a comma («-كرة، -المنتخب», «-كرة,+النفط») parts entries as a space does (it was
 * kept inside the word: «كرة،-المنتخب» as one entry). A comma between digits stays («+1,000»).
 */
function separated(text: string): string {
  return visible(text)
    .replace(/[\u060C\u061B]|,(?!\d)|(?<!\d),/g, ' ')
    .replace(/(^|\s)([+\uFF0B\uFE62\-\u2212\u2013\u2014\uFF0D\uFE63])\s+(?=\S)/g, '$1$2')
    .trim();
}

/**
 * Parses the text after `/filter`: nothing shows the filters, `clear` (or «مسح», «امسح الكل») clears them,
 * otherwise each word is a `+word` (or bare word) to add or a `-word` to leave out; a word typed
 * again (any spelling) counts once, on the side typed last. A phrase in quotes is one entry.
 *
 * @example
 * parseFilterText('+النفط -كرة') // → { kind: 'add', include: ['النفط'], exclude: ['كرة'], ignored: [] }
 */
export function parseFilterText(text: string): FilterRequest {
  const words = visible(text).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'show' };
  if (CLEAR.has(normalizeArabic(words.join(' ')))) return { kind: 'clear' };
  const ignored: string[] = [];
  // A word typed twice («-النفط … +النفط», «+نفط +النفط») counts once, on the side typed last.
  const kept: { word: string; minus: boolean; key: string }[] = [];
  for (const [raw] of separated(text).matchAll(TERM)) {
    const sign = raw[0]!;
    const minus = SIGNS_MINUS.has(sign);
    // A phrase in quotes («+"الأمم المتحدة"») is one entry: every word of it must be in the story.
    const word = cleanWord((minus || SIGNS_PLUS.has(sign) ? raw.slice(1) : raw).replace(QUOTES, ' ').replace(/\s+/g, ' '));
    const key = wordKey(word);
    if (!key) {
      ignored.push(raw);
      continue;
    }
    const before = kept.findIndex((k) => k.key === key);
    if (before >= 0) kept.splice(before, 1);
    kept.push({ word, minus, key });
  }
  return { kind: 'add', include: kept.filter((k) => !k.minus).map((k) => k.word), exclude: kept.filter((k) => k.minus).map((k) => k.word), ignored };
}

/**
 * A link pasted from a story («https://www.aljazeera.net/news/…», «aljazeera.net/news») names its
 * site, «aljazeera.net», muted as a web host; any other name is kept as written.
 */
function siteOfLink(name: string): string {
  const link = /^(https?:\/\/)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::\d+)?([/?#]\S*)?$/i.exec(name);
  if (!link || (!link[1] && !link[3])) return name;
  return link[2]!.toLowerCase().replace(/^www\./, '');
}

/** Splits `/mute` text into outlet names: one name per line or comma; a single line is one name («الجزيرة نت»); a link, its site. */
export function parseOutletNames(text: string): string[] {
  return visible(text)
    .split(/[\n,،]/)
    .map((s) => sliceUnits(siteOfLink(s.trim().replace(/\s+/g, ' ')), MAX_FILTER_WORD_CHARS))
    .filter(Boolean);
}

/** What unmutes every outlet (normalized): «/unmute الكل» is not an outlet named «الكل». */
const ALL_OUTLETS = new Set(['all', 'الكل', 'كل المصادر', 'الجميع', 'كلها']);

/** The outlets `/unmute` text names, or 'all' (nothing named, or «الكل»). */
export function parseUnmuteText(text: string): string[] | 'all' {
  const names = parseOutletNames(text);
  return names.length === 0 || (names.length === 1 && ALL_OUTLETS.has(normalizeArabic(names[0]!))) ? 'all' : names;
}

/** The key of an outlet name («الجزيرة», «جزيرة» and «الجَزيرة» share one). */
function outletKey(name: string): string {
  // A web host (aljazeera.net) is matched as a host; «العربية.نت» is a name (hosts are ASCII or punycode).
  const trimmed = name.trim();
  return trimmed.includes('.') && /^[a-z0-9.-]+$/i.test(trimmed) ? trimmed.toLowerCase().replace(/^www\./, '') : outletStems(name).join(' ');
}

/** Outlet names seen, with their stems (a few hundred outlets; cleared past this many). */
const outletStemCache = new Map<string, string[]>();
const MAX_OUTLET_NAMES = 10_000;

/**
 * An outlet name's words, normalized and light-stemmed (stop words kept: «فرانس 24» is all name;
 * a word whose stem is a stop word is light-stemmed all the same, so «العينات» is «عينات»).
 */
function outletStems(name: string): string[] {
  let stems = outletStemCache.get(name);
  if (!stems) {
    stems = tokenizeWords(normalizeArabic(name)).map((w) => contentStems(w)[0] ?? lightStem(w.toLowerCase()));
    if (outletStemCache.size >= MAX_OUTLET_NAMES) outletStemCache.clear();
    outletStemCache.set(name, stems);
  }
  return stems;
}

/**
 * Merges a change's words and outlets into stored filters: words given again move to their new
 * side; `clearWords` drops every word first. Throws StoreError `filters_full` (more than 20 words)
 * or `mutes_full` (more than 20 outlets); nothing is changed then.
 */
export function mergeFilters(stored: SubscriptionFilters | undefined, change: SubscriptionChange): SubscriptionFilters {
  const base = stored ?? NO_FILTERS;
  let include = change.clearWords ? [] : [...base.include];
  let exclude = change.clearWords ? [] : [...base.exclude];
  const add = (word: string, to: 'include' | 'exclude'): void => {
    const key = wordKey(word);
    if (!key) return;
    include = include.filter((w) => wordKey(w) !== key);
    exclude = exclude.filter((w) => wordKey(w) !== key);
    (to === 'include' ? include : exclude).push(cleanWord(word));
  };
  for (const w of change.addWords?.include ?? []) add(w, 'include');
  for (const w of change.addWords?.exclude ?? []) add(w, 'exclude');
  let muted = [...base.muted];
  if (change.unmute === 'all') muted = [];
  else if (change.unmute) {
    const gone = new Set(change.unmute.map(outletKey));
    muted = muted.filter((m) => !gone.has(outletKey(m)));
  }
  for (const name of change.mute ?? []) {
    const key = outletKey(name);
    if (key && !muted.some((m) => outletKey(m) === key)) muted.push(sliceUnits(name.trim(), MAX_FILTER_WORD_CHARS));
  }
  if (include.length + exclude.length > MAX_FILTER_WORDS) throw new StoreError('filters_full', `filters: at most ${MAX_FILTER_WORDS} words per subscription; clear some first`);
  if (muted.length > MAX_MUTED_OUTLETS) throw new StoreError('mutes_full', `filters: at most ${MAX_MUTED_OUTLETS} muted outlets per subscription; unmute some first`);
  return { include, exclude, muted };
}

/** Filters made ready to match many items: each word's stems, each outlet's key. */
export interface CompiledFilters {
  readonly none: boolean;
  readonly hasInclude: boolean;
  /** Whether the item mentions a +word. */
  includes(item: BriefingItem): boolean;
  /** Whether the item mentions a -word. */
  excludes(item: BriefingItem): boolean;
  /** Whether an outlet is muted. */
  mutes(source: SourceRef): boolean;
}

/**
 * The stems of what a reader sees of an item (headline and bullets), kept while the item lives:
 * a stored edition is parsed once and read for every subscriber of its slot. Every word counts,
 * stop words too: a word the stop-word list holds in one of its forms («للأمم») is still the
 * story's word when a reader asks for it («الأمم المتحدة»); a reader's own stop words are never
 * kept, so they match nothing.
 */
const itemStemCache = new WeakMap<BriefingItem, Set<string>>();
export function itemStems(item: BriefingItem): Set<string> {
  let s = itemStemCache.get(item);
  if (!s) {
    s = new Set<string>();
    for (const w of tokenizeWords(`${item.digest.headline} ${item.digest.bullets.map((b) => b.text).join(' ')}`)) s.add(contentStems(w)[0] ?? lightStem(normalizeArabic(w)));
    itemStemCache.set(item, s);
  }
  return s;
}

/** Whether `run` occurs, in order and contiguous, in `words`. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  if (run.length === 0) return false;
  for (let i = 0; i + run.length <= words.length; i++) if (run.every((w, j) => words[i + j] === w)) return true;
  return false;
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return undefined;
  }
}

/**
 * Compiles filters once per view. A word matches an item when every one of its stems is among the
 * item's; an outlet is muted when its name holds the muted name's words in order («الجزيرة» mutes
 * «الجزيرة نت»), or, for a muted web host («aljazeera.net»), when its link is on that host.
 */
export function compileFilters(filters: SubscriptionFilters | undefined): CompiledFilters {
  const f = filters ?? NO_FILTERS;
  const include = f.include.map(filterStems).filter((s) => s.length > 0);
  const exclude = f.exclude.map(filterStems).filter((s) => s.length > 0);
  const hosts = f.muted.filter((m) => outletKey(m).includes('.')).map(outletKey);
  const names = f.muted.filter((m) => !outletKey(m).includes('.')).map(outletStems).filter((s) => s.length > 0);
  const mentions = (item: BriefingItem, words: string[][]): boolean => {
    if (words.length === 0) return false;
    const stems = itemStems(item);
    return words.some((w) => w.every((st) => stems.has(st)));
  };
  return {
    none: include.length === 0 && exclude.length === 0 && hosts.length === 0 && names.length === 0,
    hasInclude: include.length > 0,
    includes: (item) => mentions(item, include),
    excludes: (item) => mentions(item, exclude),
    mutes(source) {
      if (hosts.length > 0) {
        const host = hostOf(source.url);
        if (host && hosts.some((h) => host === h || host.endsWith(`.${h}`))) return true;
      }
      if (names.length === 0) return false;
      const words = outletStems(source.name);
      return names.some((n) => containsRun(words, n));
    },
  };
}
