import { readFileSync } from 'node:fs';
import { rougeTokens } from './src/eval/rouge.js';
import { leadSentences } from './src/eval/lead.js';
const rows = readFileSync(`../shared/eval/easc-dev.jsonl`,'utf8').trim().split('\n').map(l=>JSON.parse(l));
let refLen=0, artLen=0; const posHits: number[] = Array(12).fill(0), posCount: number[] = Array(12).fill(0);
let nsent=0;
for (const r of rows) {
  artLen += rougeTokens(r.text).length; refLen += r.references.reduce((a:number,x:string)=>a+rougeTokens(x).length,0)/r.references.length;
  const ss = leadSentences(r.text); nsent += ss.length;
  ss.forEach((s,i)=>{ const k=Math.min(11, i); posCount[k]++; const norm=(x:string)=>rougeTokens(x).join(' '); const ns=norm(s); posHits[k]+= r.references.filter((ref:string)=>norm(ref).includes(ns)).length/r.references.length; });
}
console.log('art', artLen/rows.length, 'ref', refLen/rows.length, 'sent/art', nsent/rows.length);
console.log(posHits.map((h,i)=>(h/posCount[i]).toFixed(2)).join(' '));
console.log(JSON.stringify(rows[3].references[0]).slice(0,400));
console.log(rows.filter(r=>r.title).length, 'with titles');
