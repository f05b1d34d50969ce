/**
 * Runs lexrank in a process of its own (it patches String and RegExp, slowing everything after it
 * loads): a floor pass first, then lexrank on the same articles, then its ROUGE on the dev sets.
 * Prints one JSON object on stdout. Arguments: corpus dir, EASC file, ANT-BBC file, warm-up count,
 * and optionally a limit on the articles of each file.
 */
import { createRequire } from 'node:module';
import { readCorpus, readEvalRows, toPlainText } from './corpus.js';
import { floorPass } from './floor.js';
import { timeEach } from './measure.js';
import { peerRouge } from './peer-rouge.js';

const [corpusDir, eascPath, bbcPath, warmupArg, limitArg] = process.argv.slice(2);
const limit = limitArg ? Number(limitArg) : undefined;
const articles = readCorpus(corpusDir!).slice(0, limit);
const texts = articles.map((a) => toPlainText(a));
const warmup = Number(warmupArg ?? 200);
// Warm-up on the eval articles, as in the parent process.
const warm = [...readEvalRows(eascPath!), ...readEvalRows(bbcPath!)].slice(0, warmup).map((r) => toPlainText(r));
warm.forEach(floorPass);
const floor = timeEach('floor', texts, floorPass);

const require = createRequire(import.meta.url);
const lexrank = require('lexrank') as { summarize(text: string, lines: number, cb: (err: unknown, lines: { text: string; index: number }[]) => void): void };
const summarize = (text: string, count: number): string => {
  let out: string | undefined;
  let error: unknown;
  lexrank.summarize(text, count, (err, lines) => {
    if (err) error = err;
    else out = [...lines].sort((a, b) => a.index - b.index).map((l) => l.text).join(' ');
  });
  if (error !== undefined) throw error instanceof Error ? error : new Error(String(error));
  if (out === undefined) throw new Error('lexrank did not answer synchronously');
  return out;
};
warm.forEach((t) => {
  try {
    summarize(t, 3);
  } catch {
    // counted in the timed pass
  }
});
const timing = timeEach('lexrank', texts, (t) => summarize(t, 3));
const easc = peerRouge('lexrank', readEvalRows(eascPath!).slice(0, limit), 'easc', summarize);
const bbc = peerRouge('lexrank', readEvalRows(bbcPath!).slice(0, limit), 'bbc', summarize);
process.stdout.write(JSON.stringify({ floor, timing, easc, bbc, rssMb: process.resourceUsage().maxRSS / 1024 }));
