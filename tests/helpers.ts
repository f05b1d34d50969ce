/** Shared test helpers. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tokenizeWords } from '../src/arabic/index.js';
import type { Article } from '../src/core/types.js';
import { parseTextArticle } from '../src/sources/index.js';

export const ROOT = resolve(import.meta.dirname, '..');
export const SAMPLE_PATH = join(ROOT, 'briefings/samples/morocco-security-cooperation.txt');

/** The reference sample article, as the folder source reads it. */
export function sampleArticle(): Article {
  return parseTextArticle(readFileSync(SAMPLE_PATH, 'utf8'), { id: 'sample', source: { name: 'العرب', url: SAMPLE_PATH } });
}

/** Whether the words of `short` appear in `long` in the same order (punctuation ignored). */
export function isInOrderSubsequence(short: string, long: string): boolean {
  const a = tokenizeWords(short);
  const b = tokenizeWords(long);
  let j = 0;
  for (const w of a) {
    while (j < b.length && b[j] !== w) j++;
    if (j === b.length) return false;
    j++;
  }
  return true;
}

/** Path of ../shared (or SHARED_DIR), and whether it is there. */
export const SHARED_DIR = process.env.SHARED_DIR ?? resolve(ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(join(SHARED_DIR, 'eval'));
