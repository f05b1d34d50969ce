import { readFileSync } from 'node:fs';
import { composeDigest } from './src/composer/index.js';
import { toArticle } from './src/eval/run-eval.js';
import { rougeTokens } from './src/eval/rouge.js';
const rows = readFileSync(`../shared/eval/easc-dev.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
let under=0;
rows.slice(0,91).forEach((r,i)=>{ const budget=Math.floor(0.3*rougeTokens(r.text).length); const d=composeDigest(toArticle(r,i),{maxTotalWords:budget,maxBulletWords:budget}); const w=rougeTokens(d.bullets.map(b=>b.text).join(' ')).length; if (w<budget-5) { under++; if (under<6) console.log(budget, w, d.bullets.length, d.bullets.map(b=>b.text.split(/\s+/).length+'/'+b.sourceSentence.split(/\s+/).length).join(' ')); }});
console.log('under', under);
