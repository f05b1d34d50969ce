/**
 * The articles in ../shared (eval sets, topic training data, corpora, page and feed fixtures)
 * belong to their publishers: code reads them at run time, but none of their text may be copied
 * into the repository. This test looks for any run of N consecutive words that a tracked text file
 * of the repository shares with those texts, and names the file, the line and the shared file.
 *
 * Words: the text split on white space, markup tags, quotes, brackets and list commas, with
 * punctuation and symbols stripped at each word's edges and Arabic folded by normalizeArabic, so
 * that a sentence pasted into a string literal, a comment or HTML is found however it is quoted.
 * On the repository's side a run may not cross a sentence's end (. ! ? ؟ …) nor hold a word of a
 * formula ({@link FORMULAIC}): those are the chance matches. Runs are hashed to 53-bit numbers; the
 * repository's runs (the smaller side, about 250,000) are kept in a map and the shared texts (tens
 * of MB, 3.2 million runs) streamed past it, so memory stays bounded by the repository; a hash hit
 * is confirmed word by word before it is reported. About 6 s. Skipped when ../shared or git is absent.
 *
 * A sentence whose names and numbers alone were changed is still the publisher's. Every number is
 * one word here ({@link NUMBER}), and a second, loose pass ({@link findLooseRuns}) finds 7 words
 * shared in order by two passages of 9: the same sentence with up to two words changed, put in or
 * left out. Both ask for 4 words of substance among the words that match (neither a number nor a
 * function word), so that «إلى 5 في المئة من الناتج المحلي» is nobody's. About 6 s more.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isStopWord, normalizeArabic } from '../src/arabic/index.js';
import { decodeBytes } from '../src/sources/index.js';
import { HAS_SHARED, ROOT, SHARED_DIR } from './helpers.js';

/** Words in a run. 7 consecutive words are rarely shared by chance between independent writers. */
const N = 7;

/** Tracked files read as text. */
const TEXT_FILE = /\.(ts|mts|mjs|md|json|jsonc|txt|yaml|yml|html|example|service)$|(^|\/)Dockerfile$|^\.ci\/run$/;
/** Tracked files that hold no prose: the lock file and model weights (single stems and numbers). */
const SKIP_FILES = new Set(['package-lock.json', 'src/composer/topics/topic-model.json']);

const TAG = /<\/?[A-Za-z!?][^<>]*>/g;
const ENTITY = /&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp|laquo|raquo);/gi;
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', laquo: '«', raquo: '»' };
const EDGE = /^[\p{P}\p{S}]+|[\p{P}\p{S}]+$/gu;
const FORMAT = /\p{Cf}/gu;

function decodeEntity(_: string, e: string): string {
  const lower = e.toLowerCase();
  if (lower.startsWith('#x')) return String.fromCodePoint(parseInt(lower.slice(2), 16));
  if (lower.startsWith('#')) return String.fromCodePoint(Number(lower.slice(1)));
  return NAMED[lower] ?? ' ';
}

/** Separators besides white space: markup, code's quotes, brackets and operators, list commas. */
const SEPARATORS = /[\s<>'"`()[\]{}=,;+،؛«»“”]+/u;
const STOP = /[.!?؟…]/;
const TRAILING = /[\p{P}\p{S}]+$/u;

/**
 * A number, in Western, Arabic-Indic or Persian digits, with its separators («1,250», «20:45»,
 * «٣٫٥», «2026-12-03», «15%»), and with a proclitic stuck to it («و28», «بـ30»): one token, so that
 * a sentence whose numbers alone were changed still matches.
 */
const NUMBER = /^(?:[وفبلك]|وب|ول|وك|فب|فل)?ـ?[0-9٠-٩۰-۹]+(?:[.,:/٫٬٪%\-][0-9٠-٩۰-۹]+)*[%٪]?$/u;
const NUMBER_TOKEN = '#';
/** A thousands or decimal comma between digits, which {@link SEPARATORS} would otherwise split on. */
const DIGIT_GROUP = /([0-9٠-٩۰-۹])[,،](?=[0-9٠-٩۰-۹])/gu;

function foldNumber(word: string): string {
  return NUMBER.test(word) ? NUMBER_TOKEN : word;
}

/**
 * The words of a text as compared here (see the header). With `ends`, also whether each word
 * closes a sentence (. ! ? ؟ … among the punctuation stripped after it).
 */
function comparedWords(text: string, ends?: boolean[]): string[] {
  const plain = text
    .replace(TAG, ' ')
    .replace(ENTITY, decodeEntity)
    .replace(TAG, ' ') // markup that was entity-escaped in feeds
    .replace(/\\[nrt]/g, ' ') // escapes inside string literals of the repository
    .replace(FORMAT, '')
    .replace(DIGIT_GROUP, '$1'); // «1,250» is one number, not two words
  const out: string[] = [];
  const base = ends?.length ?? 0;
  for (const raw of normalizeArabic(plain).split(SEPARATORS)) {
    const w = foldNumber(raw.replace(EDGE, ''));
    if (!w) {
      // A stop on its own («غادر .») closes the word before it, on this line or an earlier one.
      if (ends && base + out.length > 0 && STOP.test(raw)) ends[base + out.length - 1] = true;
      continue;
    }
    out.push(w);
    ends?.push(STOP.test(TRAILING.exec(raw)?.[0] ?? ''));
  }
  return out;
}

/** Two 32-bit FNV-1a hashes (different offset bases) of each word. */
function wordHashes(words: readonly string[]): { a: Int32Array; b: Int32Array } {
  const a = new Int32Array(words.length);
  const b = new Int32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    let ha = 0x811c9dc5 | 0;
    let hb = 0x050c5d1f | 0;
    for (let j = 0; j < w.length; j++) {
      const c = w.charCodeAt(j);
      ha = Math.imul(ha ^ c, 0x01000193);
      hb = Math.imul(hb ^ c, 0x01000193);
    }
    a[i] = ha;
    b[i] = Math.imul(hb ^ (hb >>> 15), 0x2c1b3c6d);
  }
  return { a, b };
}

/** The 53-bit key of the run of N words starting at `i`. */
function runKey(h: { a: Int32Array; b: Int32Array }, i: number): number {
  let ka = 0;
  let kb = 0;
  for (let j = i; j < i + N; j++) {
    ka = (Math.imul(ka, 0x2f0b3) + h.a[j]!) | 0;
    kb = (Math.imul(kb, 0x1b873593) + h.b[j]!) | 0;
  }
  return (ka >>> 0) * 0x200000 + (kb >>> 11);
}

/**
 * Formula, not authorship: words that many articles open with, which runs of the repository may
 * not count. CNN Arabic's dateline is 5 of the 7 words by itself (any «… (CNN)-- أعلن رئيس …» would
 * match); an institution's full name between «أعلنت» and «اليوم عن» is all 7. A run that includes
 * any word of such a phrase is not compared; the words after it still are.
 */
const FORMULAIC: readonly string[] = ['دبي، الإمارات العربية المتحدة (CNN)', 'أعلنت الهيئة العامة للطيران المدني اليوم عن'];

/**
 * Formulas of the loose comparison alone: with two words free, each of these phrases of every
 * economy or sports page makes 7 words with the few words that always stand around it (the
 * central bank's rate and the points it moves by; the score and the match it was in).
 */
const LOOSE_FORMULAIC: readonly string[] = ['سعر الفائدة الرئيسي', 'بهدفين مقابل هدف'];

/** Marks the words of `words` that belong to a phrase of `phrases` ({@link FORMULAIC} unless told). */
function formulaicWords(words: readonly string[], phrases: readonly string[] = FORMULAIC): boolean[] {
  const marked = new Array<boolean>(words.length).fill(false);
  for (const phrase of phrases.map((f) => comparedWords(f))) {
    for (let i = words.indexOf(phrase[0]!); i >= 0 && i + phrase.length <= words.length; i = words.indexOf(phrase[0]!, i + 1)) {
      if (phrase.every((w, j) => words[i + j] === w)) marked.fill(true, i, i + phrase.length);
    }
  }
  return marked;
}

interface RepoFile {
  path: string;
  words: string[];
  /** Whether each word closes a sentence. */
  ends: boolean[];
  lines: number[];
}

interface Finding {
  path: string;
  line: number;
  shared: string;
  run: string;
}

/** A file of the repository as compared here, each word with its line. */
function repoFile(path: string, text: string): RepoFile {
  const words: string[] = [];
  const ends: boolean[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, i) => {
    for (const w of comparedWords(line, ends)) {
      words.push(w);
      lines.push(i + 1);
    }
  });
  return { path, words, ends, lines };
}

function trackedTextFiles(): RepoFile[] {
  const paths = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  const files: RepoFile[] = [];
  for (const path of paths) {
    if (!TEXT_FILE.test(path) || SKIP_FILES.has(path)) continue;
    let text: string;
    try {
      text = readFileSync(join(ROOT, path), 'utf8');
    } catch {
      continue; // deleted in the work tree but not yet in the index
    }
    files.push(repoFile(path, text));
  }
  return files;
}

/** Every text of ../shared that belongs to a publisher, one callback per text. */
function forEachSharedText(visit: (file: string, text: string) => void): void {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  const strings = (value: unknown, out: string[]): void => {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const v of value) strings(v, out);
    else if (value && typeof value === 'object') for (const v of Object.values(value)) strings(v, out);
  };
  const seen = new Set<string>();
  for (const sub of ['eval', 'topics', 'corpus']) {
    for (const file of walk(join(SHARED_DIR, sub)).filter((f) => f.endsWith('.jsonl'))) {
      const name = relative(SHARED_DIR, file);
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const texts: string[] = [];
        strings(JSON.parse(line), texts);
        for (const t of texts) {
          // The eval sets repeat each article (guard-dev is built from ant-bbc-dev): read it once.
          if (t.length > 200) {
            if (seen.has(t)) continue;
            seen.add(t);
          }
          visit(name, t);
        }
      }
    }
  }
  for (const file of walk(join(SHARED_DIR, 'fixtures'))) {
    const name = relative(SHARED_DIR, file);
    const text = decodeBytes(readFileSync(file)).text;
    if (file.endsWith('.json')) {
      const texts: string[] = [];
      strings(JSON.parse(text), texts);
      for (const t of texts) visit(name, t);
    } else {
      visit(name, text.replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, ' ').replace(/<!--[\s\S]*?-->/g, ' '));
    }
  }
}

/**
 * The starts of the runs of N words of a repository file that are compared: runs that cross a
 * sentence's end («… مع بي بي سي. في المقابل …» is chance) or hold a word of a formula are left out.
 */
function comparableRuns(f: RepoFile): number[] {
  const formula = formulaicWords(f.words);
  const out: number[] = [];
  // lastBreak is the last word so far that a run may not hold (or, for a stop, may not pass).
  let lastBreak = -1;
  for (let j = 0; j < N - 1 && j < f.words.length; j++) if (formula[j] || (j < N - 2 && f.ends[j])) lastBreak = j;
  for (let i = 0; i + N <= f.words.length; i++) {
    if (f.ends[i + N - 2]) lastBreak = Math.max(lastBreak, i + N - 2);
    if (formula[i + N - 1]) lastBreak = i + N - 1;
    if (lastBreak < i) out.push(i);
  }
  return out;
}

/** The runs of N words that `files` share with the texts `forEachText` gives, one finding per file line. */
function findSharedRuns(
  files: readonly RepoFile[],
  forEachText: (visit: (file: string, text: string) => void) => void,
): { findings: Finding[]; repoRuns: number; sharedRuns: number } {
  // key → packed (file index, word index) of each place the run occurs in the repository.
  const runs = new Map<number, number[]>();
  let repoRuns = 0;
  files.forEach((f, fi) => {
    const h = wordHashes(f.words);
    for (const i of comparableRuns(f)) {
      // A run with a number must hold words of substance besides (see isContent).
      const run = f.words.slice(i, i + N);
      if (run.includes(NUMBER_TOKEN) && run.filter(isContent).length < MIN_CONTENT) continue;
      const key = runKey(h, i);
      const at = runs.get(key);
      const packed = fi * 0x1000000 + i;
      if (at) at.push(packed);
      else runs.set(key, [packed]);
      repoRuns++;
    }
  });

  const found = new Map<string, Finding>();
  let sharedRuns = 0;
  forEachText((shared, text) => {
    const words = comparedWords(text);
    if (words.length < N) return;
    const h = wordHashes(words);
    for (let i = 0; i + N <= words.length; i++) {
      sharedRuns++;
      const at = runs.get(runKey(h, i));
      if (!at) continue;
      for (const packed of at) {
        const f = files[Math.floor(packed / 0x1000000)]!;
        const start = packed % 0x1000000;
        let same = true;
        for (let j = 0; j < N && same; j++) same = f.words[start + j] === words[i + j];
        if (!same) continue; // a hash collision
        const line = f.lines[start]!;
        const where = `${f.path}:${line}`;
        if (!found.has(where)) found.set(where, { path: f.path, line, shared, run: words.slice(i, i + N).join(' ') });
      }
    }
  });
  const findings = [...found.values()].sort((x, y) => x.path.localeCompare(y.path) || x.line - y.line);
  return { findings, repoRuns, sharedRuns };
}

/**
 * Words that carry content: Arabic, not a number, not a function word. A run that matches only through
 * its numbers, or only through 5 words kept of 7, must still hold {@link MIN_CONTENT} of these:
 * «إلى # في المئة من الناتج المحلي» and «بمقدار # نقطة أساس إلى # في» are how any outlet writes.
 */
function isContent(word: string): boolean {
  return ARABIC_WORD.test(word) && !isStopWord(word);
}
/** Arabic words only: the shared texts' English (a few feed fixtures) is no news, and the stop list is Arabic. */
const ARABIC_WORD = /^[\u0621-\u064a\u0671-\u06d3]+$/u;
const MIN_CONTENT = 4;

/**
 * The loose comparison looks at passages of {@link SPAN} words and the {@link N} words they keep
 * once two are taken out: the same passage with up to two words changed, put in or left out.
 */
const SPAN = N + 2;
/** Each way to keep N of SPAN positions, the first always among them (so each choice is seen once). */
const PATTERNS: readonly (readonly number[])[] = (() => {
  const out: number[][] = [];
  for (let s1 = 1; s1 < SPAN; s1++) for (let s2 = s1 + 1; s2 < SPAN; s2++) out.push([...Array(SPAN).keys()].filter((j) => j !== s1 && j !== s2));
  return out;
})();

/** The 53-bit key of the words at `start + kept[j]`. */
function keptKey(h: { a: Int32Array; b: Int32Array }, start: number, kept: readonly number[]): number {
  let ka = 0;
  let kb = 0;
  for (const j of kept) {
    ka = (Math.imul(ka, 0x2f0b3) + h.a[start + j]!) | 0;
    kb = (Math.imul(kb, 0x1b873593) + h.b[start + j]!) | 0;
  }
  return (ka >>> 0) * 0x200000 + (kb >>> 11);
}

/**
 * Open addressing on typed arrays: the repository's 5 million keys would not fit a Map's memory.
 * Each key keeps a chain of entries (file, start of the run, pattern).
 */
class KeyTable {
  private readonly hi: Int32Array;
  private readonly lo: Int32Array;
  private readonly head: Int32Array;
  private readonly mask: number;
  readonly file: Int32Array;
  readonly start: Int32Array;
  readonly pattern: Uint8Array;
  readonly next: Int32Array;
  size = 0;

  constructor(capacity: number) {
    let slots = 1024;
    while (slots < capacity * 2) slots *= 2;
    this.mask = slots - 1;
    this.hi = new Int32Array(slots);
    this.lo = new Int32Array(slots);
    this.head = new Int32Array(slots).fill(-1);
    this.file = new Int32Array(capacity);
    this.start = new Int32Array(capacity);
    this.pattern = new Uint8Array(capacity);
    this.next = new Int32Array(capacity);
  }

  private slot(key: number): number {
    const hi = Math.floor(key / 0x200000) | 0;
    const lo = key % 0x200000;
    let s = (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & this.mask;
    while (this.head[s] !== -1 && (this.hi[s] !== hi || this.lo[s] !== lo)) s = (s + 1) & this.mask;
    this.hi[s] = hi;
    this.lo[s] = lo;
    return s;
  }

  add(key: number, file: number, start: number, pattern: number): void {
    const s = this.slot(key);
    const e = this.size++;
    this.file[e] = file;
    this.start[e] = start;
    this.pattern[e] = pattern;
    this.next[e] = this.head[s]!;
    this.head[s] = e;
  }

  /** The first entry of `key`'s chain, or -1. */
  first(key: number): number {
    const hi = Math.floor(key / 0x200000) | 0;
    const lo = key % 0x200000;
    let s = (Math.imul(hi ^ lo, 0x9e3779b1) >>> 0) & this.mask;
    while (this.head[s] !== -1) {
      if (this.hi[s] === hi && this.lo[s] === lo) return this.head[s]!;
      s = (s + 1) & this.mask;
    }
    return -1;
  }
}

/** The bits (1 << j) of the patterns' kept positions, and which content bits of a passage let it count. */
const PATTERN_BITS = PATTERNS.map((kept) => kept.reduce((m, j) => m | (1 << j), 0));
const popcount = (m: number): number => (m ? (m & 1) + popcount(m >>> 1) : 0);
/**
 * For each SPAN-bit mask of a passage's content words (bits past the text's end clear), the
 * patterns whose kept words hold {@link MIN_CONTENT} of them.
 */
const PATTERNS_FOR: readonly (readonly number[])[] = Array.from({ length: 1 << SPAN }, (_, content) =>
  PATTERN_BITS.flatMap((bits, p) => (popcount(bits & content) >= MIN_CONTENT ? [p] : [])),
);

/** The SPAN-bit mask of the content words of the passage of `flags` at `i`, up to `end` (excluded). */
function contentMask(flags: Uint8Array, i: number, end: number): number {
  let m = 0;
  for (let j = 0; j < SPAN && i + j < end; j++) if (flags[i + j]) m |= 1 << j;
  return m;
}

/**
 * For each word of a repository file, the last word a loose passage starting there may reach:
 * up to the end of its sentence, and short of any formula word (-1 on a formula word itself).
 */
function passageEnds(f: RepoFile): Int32Array {
  const formula = formulaicWords(f.words, [...FORMULAIC, ...LOOSE_FORMULAIC]);
  const last = new Int32Array(f.words.length);
  let reach = f.words.length - 1;
  for (let i = f.words.length - 1; i >= 0; i--) {
    if (formula[i]) {
      last[i] = -1;
      reach = i - 1;
      continue;
    }
    if (f.ends[i]) reach = i;
    last[i] = reach;
  }
  return last;
}

/**
 * The loose comparison: N words of a passage of SPAN words of the repository that a passage of
 * SPAN words of a shared text has too, in the same order, and {@link MIN_CONTENT} of them of
 * substance: the same sentence with up to two words changed, put in or left out (a name, a place,
 * «موقعنا» for «موقع فرانس24»), numbers being one token already. Each passage is keyed by each of
 * its 28 choices of N words; a key hit is confirmed word by word. A repository passage keeps
 * within one sentence and outside the formulas.
 */
function findLooseRuns(
  files: readonly RepoFile[],
  forEachText: (visit: (file: string, text: string) => void) => void,
): Finding[] {
  const hashes = files.map((f) => wordHashes(f.words));
  const flags = files.map((f) => Uint8Array.from(f.words, (w) => (isContent(w) ? 1 : 0)));
  const reach = files.map(passageEnds);
  /** The patterns a repository passage at `i` uses: content enough, within its sentence. */
  const repoPatterns = (fi: number, i: number): number[] => {
    const last = reach[fi]![i]!;
    if (last < i + N - 1 || !flags[fi]![i]) return []; // keyed from a word of substance, on both sides
    return PATTERNS_FOR[contentMask(flags[fi]!, i, last + 1)]!.filter((p) => i + PATTERNS[p]![N - 1]! <= last);
  };
  let entries = 0;
  files.forEach((f, fi) => {
    for (let i = 0; i + N <= f.words.length; i++) entries += repoPatterns(fi, i).length;
  });
  const table = new KeyTable(entries);
  files.forEach((f, fi) => {
    for (let i = 0; i + N <= f.words.length; i++) for (const p of repoPatterns(fi, i)) table.add(keptKey(hashes[fi]!, i, PATTERNS[p]!), fi, i, p);
  });

  // The repository's words, as 2^24 bits of their hashes: a shared passage keeps only words of these.
  const vocabulary = new Uint8Array(1 << 21);
  for (const h of hashes) for (const a of h.a) vocabulary[(a >>> 8) >>> 3]! |= 1 << ((a >>> 8) & 7);
  const found = new Map<string, Finding>();
  forEachText((shared, text) => {
    const words = comparedWords(text);
    if (words.length < N) return;
    const h = wordHashes(words);
    const known = Uint8Array.from(h.a, (a) => (vocabulary[(a >>> 8) >>> 3]! >> ((a >>> 8) & 7)) & 1);
    const content = Uint8Array.from(words, (w, i) => (known[i] && isContent(w) ? 1 : 0));
    for (let i = 0; i + N <= words.length; i++) {
      if (!content[i]) continue;
      const unknown = ~contentMask(known, i, words.length);
      for (const p of PATTERNS_FOR[contentMask(content, i, words.length)]!) {
        const kept = PATTERNS[p]!;
        if (PATTERN_BITS[p]! & unknown || i + kept[N - 1]! >= words.length) continue;
        for (let e = table.first(keptKey(h, i, kept)); e !== -1; e = table.next[e]!) {
          const f = files[table.file[e]!]!;
          const start = table.start[e]!;
          const mine = PATTERNS[table.pattern[e]!]!;
          if (!mine.every((j, k) => f.words[start + j] === words[i + kept[k]!])) continue; // a hash collision
          const line = f.lines[start]!;
          const where = `${f.path}:${line}`;
          if (!found.has(where)) {
            const passage = (ws: readonly string[], at: number, pattern: readonly number[]): string => ws.slice(at, at + pattern[N - 1]! + 1).join(' ');
            found.set(where, { path: f.path, line, shared, run: `${passage(f.words, start, mine)} ~ ${passage(words, i, kept)}` });
          }
        }
      }
    }
  });
  return [...found.values()].sort((x, y) => x.path.localeCompare(y.path) || x.line - y.line);
}

const IS_GIT = (() => {
  try {
    execFileSync('git', ['rev-parse', '--git-dir'], { cwd: ROOT, stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('the comparison', () => {
  const shared = 'قالت البلدية إن أعمال صيانة الجسر القديم ستبدأ الأسبوع المقبل وتستمر شهرين. وأضافت أن حركة السير ستحول إلى الطريق الساحلي.';
  const find = (text: string): string[] =>
    findSharedRuns([repoFile('a.ts', text)], (visit) => visit('eval/x.jsonl', shared)).findings.map((f) => `${f.path}:${f.line} ${f.shared}`);

  it('finds a sentence pasted into a file, with its quotes, punctuation, harakat and markup, at its line', () => {
    expect(find("const a = 1;\nexpect(f('<p>أعمالُ صيانة الجسر «القديم» ستبدأ، الأسبوع المقبل</p>')).toBe(true);")).toEqual(['a.ts:2 eval/x.jsonl']);
    // Across the lines of a string built with +.
    expect(find("const s =\n  'قالت البلدية إن أعمال ' +\n  'صيانة الجسر القديم';")).toEqual(['a.ts:2 eval/x.jsonl']);
  });

  it('does not count 6 words, a run across a sentence\'s end, or a run through a formula', () => {
    expect(find('أعمال صيانة الجسر القديم ستبدأ الأسبوع')).toEqual([]);
    expect(find('تستمر شهرين. وأضافت أن حركة السير ستحول')).toEqual([]);
    const cnn = 'دبي، الإمارات العربية المتحدة (CNN)-- قالت البلدية إن الطريق مغلق';
    expect(findSharedRuns([repoFile('a.ts', cnn)], (visit) => visit('x', `${cnn}.`)).findings).toEqual([]);
  });

  it('reads every number as one word, in either digits and with its separators', () => {
    const text = 'ارتفع عدد زوار المعرض إلى 1,250 زائرا في يومه الأول.';
    const exact = (repo: string): number => findSharedRuns([repoFile('a.ts', repo)], (visit) => visit('x', text)).findings.length;
    expect(exact("'ارتفع عدد زوار المعرض إلى ٣٤٠ زائرا في يومه'")).toBe(1);
    expect(exact("'ارتفع عدد زوار المعرض إلى 12.5 زائرا في'")).toBe(1);
    // Numbers and function words alone make no match: 7 words, but none of substance.
    const teams = 'قال المدرب إنه في 2019 كان من بين 3 أو 4 مدربين مرشحين.';
    expect(findSharedRuns([repoFile('a.ts', 'في 2024 كان من بين 5 أو 6 لاعبين')], (visit) => visit('x', teams)).findings).toEqual([]);
  });

  const loose = (text: string): string[] =>
    findLooseRuns([repoFile('a.ts', text)], (visit) => visit('eval/x.jsonl', shared)).map((f) => `${f.path}:${f.line} ${f.shared}`);

  it('finds, loosely, the same sentence with up to two words changed, put in or left out', () => {
    expect(loose('قالت البلدية إن أعمال ترميم الجسر الحديدي ستبدأ الأسبوع المقبل')).toEqual(['a.ts:1 eval/x.jsonl']);
    expect(loose('x\nأعلنت البلدية أن أعمال صيانة الجسر القديم ستبدأ الأسبوع المقبل وتستمر')).toEqual(['a.ts:2 eval/x.jsonl']);
    expect(loose('وقالت البلدية إن أعمال الجسر ستبدأ الأسبوع المقبل وتستمر شهرين')).toEqual(['a.ts:1 eval/x.jsonl']);
  });

  it('does not count, loosely, three changes, a sentence\'s end, or function words and numbers', () => {
    expect(loose('قالت الوزارة إن أعمال ترميم المتحف القديم ستبدأ الأسبوع المقبل')).toEqual([]);
    expect(loose('قالت البلدية إن أعمال صيانة. الجسر القديم ستبدأ')).toEqual([]);
    expect(loose('أعمال الصيانة في الجسر ستبدأ في الأسبوع الذي يلي العيد')).toEqual([]);
  });
});

describe.skipIf(!HAS_SHARED || !IS_GIT)('no publisher text in the repository', () => {
  it(`shares no run of ${N} words with the texts of ../shared`, () => {
    const { findings } = findSharedRuns(trackedTextFiles(), forEachSharedText);
    const report = findings.map((f) => `${f.path}:${f.line}  (${f.shared})  «${f.run}»`);
    expect(report).toEqual([]);
  }, 120_000);

  it(`shares no run of ${N} words with them up to two words changed, put in or left out`, () => {
    const findings = findLooseRuns(trackedTextFiles(), forEachSharedText);
    const report = findings.map((f) => `${f.path}:${f.line}  (${f.shared})  «${f.run}»`);
    expect(report).toEqual([]);
  }, 120_000);
});
