import { readFileSync } from 'node:fs';
import { evaluateSet } from './src/eval/run-eval.js';
for (const [file, setting] of [['easc-dev',{kind:'share',share:0.3}],['ant-bbc-dev',{kind:'lead-bullet',maxWords:25}]] as const) {
  const rows = readFileSync(`../shared/eval/${file}.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
  const t=Date.now(); const { results } = evaluateSet(rows, setting as any);
  for (const r of results) console.log(file, r.system.padEnd(30), r.r1.toFixed(1), r.r2.toFixed(1), r.rl.toFixed(1), r.words.toFixed(1));
  console.log(Date.now()-t,'ms');
}
