import { readFileSync } from 'node:fs';
import { composeDigest } from './src/composer/index.js';
import { toArticle, meanScores } from './src/eval/run-eval.js';
import { rougeTokens } from './src/eval/rouge.js';
import { truncateWords } from './src/eval/lead.js';
const easc = readFileSync(`../shared/eval/easc-dev.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
const bbc = readFileSync(`../shared/eval/ant-bbc-dev.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
const grid = JSON.parse(process.argv[2]!) as Record<string, number>[];
for (const w of grid) {
  const e = meanScores('c', easc.map((r,i)=>{ const b=Math.floor(0.3*rougeTokens(r.text).length); const d=composeDigest(toArticle(r,i),{maxTotalWords:b,maxBulletWords:b,weights:w}); return { summary: truncateWords(d.bullets.map(x=>x.text).join(' '), b), references: r.references }; }));
  const n = meanScores('c', bbc.map((r,i)=>{ const d=composeDigest(toArticle(r,i),{maxBullets:1,maxBulletWords:25,weights:w}); return { summary: truncateWords(d.bullets[0]?.text ?? '', 25), references: r.references }; }));
  console.log(JSON.stringify(w), 'EASC', e.r1.toFixed(2), e.words.toFixed(0), 'BBC', n.r1.toFixed(2), n.words.toFixed(1));
}
