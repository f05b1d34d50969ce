import { readFileSync } from 'node:fs';
import { leadK } from './src/eval/lead.js';
import { composerSummary } from './src/eval/run-eval.js';
import { scoreSummary } from './src/eval/rouge.js';
const rows = readFileSync(`../shared/eval/ant-bbc-dev.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
rows.slice(0,12).forEach((r,i)=>{ const c=composerSummary(r,i,{kind:'lead-bullet',maxWords:25}); const l=leadK(r.text,1);
console.log('T:', r.title); console.log('L:', l, scoreSummary(l,r.references).r1.toFixed(0)); console.log('C:', c, scoreSummary(c,r.references).r1.toFixed(0)); console.log('R:', r.references[0]); console.log(); });
