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
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeArabic } from '../src/arabic/index.js';
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
 * The words of a text as compared here (see the header). With `ends`, also whether each word
 * closes a sentence (. ! ? ؟ … among the punctuation stripped after it).
 */
function comparedWords(text: string, ends?: boolean[]): string[] {
  const plain = text
    .replace(TAG, ' ')
    .replace(ENTITY, decodeEntity)
    .replace(TAG, ' ') // markup that was entity-escaped in feeds
    .replace(/\\[nrt]/g, ' ') // escapes inside string literals of the repository
    .replace(FORMAT, '');
  const out: string[] = [];
  const base = ends?.length ?? 0;
  for (const raw of normalizeArabic(plain).split(SEPARATORS)) {
    const w = raw.replace(EDGE, '');
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

/** Marks the words of `words` that belong to a phrase of {@link FORMULAIC}. */
function formulaicWords(words: readonly string[]): boolean[] {
  const marked = new Array<boolean>(words.length).fill(false);
  for (const phrase of FORMULAIC.map((f) => comparedWords(f))) {
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
    const formula = formulaicWords(f.words);
    // Runs that cross a sentence's end («… مع بي بي سي. في المقابل …» is chance) or hold a word of
    // a formula are left out: lastBreak is the last such word so far.
    let lastBreak = -1;
    for (let j = 0; j < N - 1 && j < f.words.length; j++) if (formula[j] || (j < N - 2 && f.ends[j])) lastBreak = j;
    for (let i = 0; i + N <= f.words.length; i++) {
      if (f.ends[i + N - 2]) lastBreak = Math.max(lastBreak, i + N - 2);
      if (formula[i + N - 1]) lastBreak = i + N - 1;
      if (lastBreak >= i) continue;
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
});

describe.skipIf(!HAS_SHARED || !IS_GIT)('no publisher text in the repository', () => {
  it(`shares no run of ${N} words with the texts of ../shared`, () => {
    const { findings } = findSharedRuns(trackedTextFiles(), forEachSharedText);
    const report = findings.map((f) => `${f.path}:${f.line}  (${f.shared})  «${f.run}»`);
    expect(report).toEqual([]);
  }, 120_000);
});
