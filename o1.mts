import { readFileSync } from 'node:fs';
import { segmentSentences } from './src/arabic/index.js';
import { meanScores } from './src/eval/run-eval.js';
import { scoreSummary } from './src/eval/rouge.js';
import { truncateWords } from './src/eval/lead.js';
import { describeClauses } from './src/composer/compress.js';
const bbc = readFileSync(`../shared/eval/ant-bbc-dev.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
const first = (r:any)=> segmentSentences(r.text).map(s=>s.text).find(s=>s.split(/\s+/).length>=3) ?? '';
// oracle over subsets of segments (up to 2^n for n<=10), then truncate 25
const pairs = bbc.map(r=>{ const cl=describeClauses(first(r)); const nseg=Math.max(...cl.map(c=>c.segment))+1; let best='', bs=-1;
  if (nseg>12) return {summary: truncateWords(first(r),25), references:r.references};
  for (let mask=1; mask<(1<<nseg); mask++) { const txt=truncateWords(cl.filter(c=>mask&(1<<c.segment)).map(c=>c.word).join(' '),25); const sc=scoreSummary(txt,r.references).r1; if (sc>bs){bs=sc;best=txt;} }
  return {summary:best, references:r.references}; });
console.log('segment-oracle', meanScores('o',pairs).r1.toFixed(1));
