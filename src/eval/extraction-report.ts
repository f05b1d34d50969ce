/** The page-extraction report of `npm run eval -- pages`: how much of each real page's body the extractor keeps. */
import { readFileSync } from 'node:fs';
import { decodeBytes, extractPage } from '../sources/index.js';
import { scoreExtraction } from './extraction.js';
import { readPageFixtures } from './page-fixtures.js';

/** One page of the extraction report. */
export interface ExtractionRow {
  file: string;
  recall: number;
  leakage: number;
  /** Recall over the expected body's Arabic tokens only (some gold texts carry a video player's Latin UI). */
  arabicRecall: number;
  expectedTokens: number;
  extractedTokens: number;
}

/**
 * Extracts every page of `pagesDir` (../shared/fixtures/pages) that has an expected body and
 * scores it: token recall of the body and leakage of other text. The title counts when the
 * expected text starts with it.
 */
export function extractionReport(pagesDir: string): ExtractionRow[] {
  return readPageFixtures(pagesDir).map((f) => {
    const page = extractPage(decodeBytes(readFileSync(f.path)).text, f.url);
    const body = page.sections.flatMap((sec) => [...(sec.heading ? [sec.heading] : []), ...sec.paragraphs]).join('\n');
    const text = f.expected.trimStart().startsWith(page.title) ? `${page.title}\n${body}` : body;
    const score = scoreExtraction(f.expected, text);
    const arabicOnly = (t: string): string => t.replace(/[^\u0600-\u06FF\s]/g, ' ');
    return { file: f.file, ...score, arabicRecall: scoreExtraction(arabicOnly(f.expected), arabicOnly(text)).recall };
  });
}
