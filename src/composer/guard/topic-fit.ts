/**
 * How well a word fits the subject of a story, from the categories of the corpus articles that
 * use it: a word drawn from another story (a football club's name in a story about a court
 * ruling) belongs to other kinds of news than the story's own words. Cosine of two category
 * distributions; no model beyond the word-frequency list.
 */
import { FormTable } from './form-table.js';
import type { WordLexicon } from './word-lexicon.js';

// Per lexicon: the distribution of every listed form, computed at once into one buffer (a row of
// k numbers per form) with a map from form to row, so that a look-up allocates nothing and reads
// one small number from the map (a list of 50,000 forms and 6 categories: a 2.4 MB buffer). Like
// the lexicon's families ({@link prepareLexicon}), it depends on the lexicon alone: made once per
// process, on first use or when the lexicon is prepared, and kept.
interface VectorTable {
  rows: FormTable;
  data: Float64Array;
  k: number;
}
const vectorTables = new WeakMap<WordLexicon, VectorTable>();
// For lexicons that cannot list their forms: each form's distribution as it is asked for.
let vectorCache = new WeakMap<WordLexicon, Map<string, Float64Array | null>>();

/** Empties the category-vector cache of lexicons that cannot list their forms (benchmarks start cold); a listed lexicon's table stays. */
export function clearVectorCache(): void {
  vectorCache = new WeakMap();
}

/** Builds the lexicon's table of category distributions now, if it can list its forms (the first story's check then does not pay for it). */
export function prepareVectorTable(lexicon: WordLexicon): void {
  vectorTable(lexicon);
}

function vectorTable(lexicon: WordLexicon): VectorTable | undefined {
  let table = vectorTables.get(lexicon);
  if (!table && lexicon.forms) {
    const listed: string[] = [];
    const k = lexicon.categoryDocs.length;
    const vectors: Float64Array[] = [];
    for (const form of lexicon.forms()) {
      const v = computeCategoryVector(form, lexicon);
      if (!v) continue;
      listed.push(form);
      vectors.push(v);
    }
    const data = new Float64Array(listed.length * k);
    vectors.forEach((v, row) => data.set(v, row * k));
    table = { rows: new FormTable(listed), data, k };
    vectorTables.set(lexicon, table);
  }
  return table;
}

/**
 * The category distribution of a form: the share of each category's articles that use it,
 * smoothed (+0.5) and normalized to sum 1; undefined when the list does not hold the form.
 */
export function categoryVector(form: string, lexicon: WordLexicon): Float64Array | undefined {
  const table = vectorTable(lexicon);
  if (table) {
    const row = table.rows.place(form);
    return row < 0 ? undefined : table.data.subarray(row * table.k, (row + 1) * table.k);
  }
  let cache = vectorCache.get(lexicon);
  if (!cache) vectorCache.set(lexicon, (cache = new Map()));
  const hit = cache.get(form);
  if (hit !== undefined) return hit ?? undefined;
  const v = computeCategoryVector(form, lexicon);
  if (cache.size > 200_000) cache.clear();
  cache.set(form, v);
  return v ?? undefined;
}

/** {@link categoryVector} without its cache: null when the list does not hold the form. */
export function computeCategoryVector(form: string, lexicon: WordLexicon): Float64Array | null {
  const docs = lexicon.docs(form);
  if (!docs || docs.length !== lexicon.categoryDocs.length || docs.length === 0) return null;
  const v = new Float64Array(docs.length);
  let sum = 0;
  for (let c = 0; c < docs.length; c++) {
    v[c] = (docs[c]! + 0.5) / (lexicon.categoryDocs[c]! + 1);
    sum += v[c]!;
  }
  for (let c = 0; c < v.length; c++) v[c]! /= sum;
  return v;
}

/** Accumulates the category distributions of a story's words ({@link categoryVector}) into its subject. */
export interface TopicAccumulator {
  /** Adds a distribution `times` times (nothing when it is missing or of another length). */
  addVector(v: Float64Array | null | undefined, times?: number): void;
  /** Adds the distribution of a form `times` times, as `addVector(categoryVector(form, lexicon), times)` does, without making the vector. */
  addForm(form: string, times?: number): void;
  /** Adds the distribution of each of `count` forms `times[i]` times, as `addForm` one after another does (the same sums in the same order). */
  addForms(forms: readonly string[], times: ArrayLike<number>, count: number): void;
  /** The mean of what was added, or undefined when nothing was. */
  vector(): Float64Array | undefined;
}

/** An accumulator of category distributions of the lexicon's forms. */
export function createTopicAccumulator(lexicon: WordLexicon): TopicAccumulator {
  return new Accumulator(lexicon);
}

// Working arrays of {@link Accumulator.addForms}, one call at a time.
let hashScratch = new Float64Array(512);
let placeScratch = new Int32Array(512);

class Accumulator implements TopicAccumulator {
  private readonly k: number;
  private readonly acc: Float64Array;
  private n = 0;
  private readonly table: VectorTable | undefined;

  constructor(private readonly lexicon: WordLexicon) {
    this.k = lexicon.categoryDocs.length;
    this.acc = new Float64Array(this.k);
    this.table = vectorTable(lexicon);
  }

  addVector(w: Float64Array | null | undefined, times = 1): void {
    const { k, acc } = this;
    if (!w || w.length !== k || k === 0) return;
    for (let c = 0; c < k; c++) acc[c]! += times * w[c]!;
    this.n += times;
  }

  addForm(form: string, times = 1): void {
    const { k, acc, table } = this;
    if (!table) return this.addVector(categoryVector(form, this.lexicon), times);
    const row = table.rows.place(form);
    if (row < 0 || k === 0) return;
    const { data } = table;
    for (let c = 0, at = row * k; c < k; c++) acc[c]! += times * data[at + c]!;
    this.n += times;
  }

  addForms(forms: readonly string[], times: ArrayLike<number>, count: number): void {
    const { k, acc, table } = this;
    if (!table || k === 0) {
      for (let i = 0; i < count; i++) this.addForm(forms[i]!, times[i]);
      return;
    }
    // Every hash first, then every place, then the sums: the look-ups of the places do not wait
    // on one another (each is a likely cache miss in a table of megabytes), nor on the hashing.
    const { rows, data } = table;
    if (hashScratch.length < count) {
      hashScratch = new Float64Array(2 * count);
      placeScratch = new Int32Array(2 * count);
    }
    const hashes = hashScratch;
    const places = placeScratch;
    for (let i = 0; i < count; i++) hashes[i] = rows.hashOf(forms[i]!);
    for (let i = 0; i < count; i++) places[i] = rows.placeOfHash(hashes[i]!, forms[i]!);
    for (let i = 0; i < count; i++) {
      const row = places[i]!;
      if (row < 0) continue;
      const t = times[i]!;
      for (let c = 0, at = row * k; c < k; c++) acc[c]! += t * data[at + c]!;
      this.n += t;
    }
  }

  vector(): Float64Array | undefined {
    const { n } = this;
    return n > 0 ? this.acc.map((x) => x / n) : undefined;
  }
}

/** Cosine of two vectors (1 when either is missing: no evidence against the word). */
export function topicFit(word: Float64Array | undefined, story: Float64Array | undefined): number {
  if (!word || !story || word.length !== story.length) return 1;
  let dot = 0;
  let a = 0;
  let b = 0;
  for (let c = 0; c < word.length; c++) {
    dot += word[c]! * story[c]!;
    a += word[c]! * word[c]!;
    b += story[c]! * story[c]!;
  }
  return a > 0 && b > 0 ? dot / Math.sqrt(a * b) : 1;
}
