/**
 * The npm summarizers a JavaScript developer would install instead (devDependencies), behind one
 * signature: (text, sentences) → summary. lexrank is not here: it patches String and RegExp for
 * the whole process, so it runs in a child process of its own (lexrank-child.ts).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** A peer summarizer: returns the summary text of `count` sentences (or a share when `ratio` is given). */
export interface Peer {
  name: string;
  summarize(text: string, count: number): string;
}

interface TsTextRank {
  SorensenDiceSimilarity: new () => unknown;
  DefaultTextParser: new () => unknown;
  NullLogger: new () => unknown;
  AbsoluteSummarizerConfig: new (n: number, sim: unknown, parser: unknown, d: number, sort: number) => unknown;
  Summarizer: { new (config: unknown, logger: unknown): { summarize(text: string, lang: string): string[] }; SORT_OCCURENCE: number };
}

/** ts-textrank 1.0.3: TextRank with Sørensen–Dice similarity, Arabic stop words. */
export function createTsTextRank(): Peer {
  const t = require('ts-textrank') as TsTextRank;
  return {
    name: 'ts-textrank',
    summarize(text, count) {
      const config = new t.AbsoluteSummarizerConfig(count, new t.SorensenDiceSimilarity(), new t.DefaultTextParser(), 0.85, t.Summarizer.SORT_OCCURENCE);
      return new t.Summarizer(config, new t.NullLogger()).summarize(text, 'ar').join(' ');
    },
  };
}

interface NodeSummarizer {
  SummarizerManager: new (text: string, n: number) => { getSummaryByFrequency(): { summary: string } };
}

/** node-summarizer 1.0.7, frequency method. */
export function createNodeSummarizer(): Peer {
  const m = require('node-summarizer') as NodeSummarizer;
  return {
    name: 'node-summarizer',
    summarize(text, count) {
      const s = new m.SummarizerManager(text, count).getSummaryByFrequency().summary;
      if (typeof s !== 'string') throw new Error('node-summarizer gave no summary');
      return s;
    },
  };
}
