/** `npm run eval -- guard`: the guard on guard-dev (standfirsts and corrupted copies), per kind, per half, with the trade-off. */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GUARD_OPTIONS, prepareLexicon } from '../../composer/guard/index.js';
import { analyzeRows, featureTable, loadWordLexicon, readGuardRows, rejectionRates, tradeOff, verdict, WORD_FREQ_PATH, type KindRates } from '../../eval/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the eval's help. */
export const USAGE = 'guard [--data FILE] [--out FILE] [--lexicon FILE]   the faithfulness guard on guard-dev: share caught per kind, standfirsts rejected, trade-off';

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--data': 'FILE', '--lexicon': 'FILE', '--out': 'FILE', '--shared': 'DIR' } };

const KINDS = ['reference', 'number', 'entity', 'quote', 'foreign', 'negation'] as const;
const TARGETS: Record<string, string> = { reference: '≤ 10 %', number: '≥ 98 %', entity: '≥ 80 %', quote: '≥ 98 %', foreign: '≥ 95 %', negation: 'report' };
const LABELS: Record<string, string> = {
  reference: 'standfirsts rejected',
  number: 'figure changed: caught',
  entity: 'name swapped: caught',
  quote: 'invented quote: caught',
  foreign: 'sentence appended: caught',
  negation: 'verb negated: caught',
};

function pct(r: KindRates, k: string): string {
  const e = r[k];
  return e ? `${(100 * e.rejected).toFixed(1)} %`.padStart(8) : '       —';
}

/** Prints the guard's figures; with `--out FILE`, `{ id, pass, reasons }` per row in input order. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'eval', 'guard-dev.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`eval: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const lexicon = loadWordLexicon(optionValue(argv, '--lexicon') ?? fileURLToPath(WORD_FREQ_PATH));
  // As the bot does at start in llm mode: the lexicon's own tables, once.
  prepareLexicon(lexicon);
  const started = performance.now();
  const rows = analyzeRows(readGuardRows(file), lexicon);
  const ms = performance.now() - started;
  const options = DEFAULT_GUARD_OPTIONS;
  const halves = [rejectionRates(rows, options, 0), rejectionRates(rows, options, 1), rejectionRates(rows, options)];
  const counts = (k: string): string => halves.map((h) => String(h[k]?.rows ?? 0)).join('/');
  process.stdout.write(`guard on ${file}: ${rows.length} rows (${ms.toFixed(0)} ms to index and analyze); name threshold ${options.nameThreshold}\n\n`);
  process.stdout.write(`${'measure'.padEnd(28)} ${'target'.padStart(8)} ${'tuning'.padStart(8)} ${'other'.padStart(8)} ${'all'.padStart(8)}   rows (tuning/other/all)\n`);
  for (const k of KINDS) {
    if (!halves[2]![k]) continue;
    process.stdout.write(`${LABELS[k]!.padEnd(28)} ${TARGETS[k]!.padStart(8)} ${pct(halves[0]!, k)} ${pct(halves[1]!, k)} ${pct(halves[2]!, k)}   ${counts(k)}\n`);
  }
  const reasons = new Map<string, number>();
  for (const r of rows) if (r.row.kind === 'reference') for (const x of verdict(r, options).reasons) reasons.set(x, (reasons.get(x) ?? 0) + 1);
  process.stdout.write(`\nstandfirsts rejected, by reason: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}\n`);
  const long = rows.filter((r) => r.row.kind === 'reference' && r.row.summary.split(/\s+/).filter(Boolean).length > 30).length;
  process.stdout.write(`(the 30-word limit of bullets is not applied to standfirsts: it would reject ${long} of them)\n`);

  process.stdout.write(`\ntrade-off: the name threshold against the rest at the default (all rows)\n`);
  process.stdout.write(`${'threshold'.padEnd(10)} ${KINDS.filter((k) => halves[2]![k]).map((k) => k.padStart(10)).join('')}\n`);
  for (const t of tradeOff(rows, [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01])) {
    const mark = t.threshold === options.nameThreshold ? ' ←' : '';
    process.stdout.write(`${(t.threshold > 1 ? 'off' : t.threshold.toFixed(2)).padEnd(10)} ${KINDS.filter((k) => t.rates[k]).map((k) => pct(t.rates, k).padStart(10)).join('')}${mark}\n`);
  }
  if (!options.nameThreshold.toString().match(/^(0\.[3-9]|0\.95|1\.01)$/)) {
    const t = tradeOff(rows, [options.nameThreshold])[0]!;
    process.stdout.write(`${t.threshold.toFixed(2).padEnd(10)} ${KINDS.filter((k) => t.rates[k]).map((k) => pct(t.rates, k).padStart(10)).join('')} ← chosen\n`);
  }

  // The name model's features: each variant fitted on the tuning half with its threshold chosen there
  // (as \`npm run train -- guard\` does); "other" is the honest figure. The second fold swaps the halves.
  process.stdout.write(`\nname-model features: fitted and tuned on the tuning half; standfirsts rejected and names caught (tuning / other / all); second fold: fitted on the other half, measured on the tuning half\n`);
  process.stdout.write(`${'variant'.padEnd(24)} ${'thr'.padStart(5)}  ${'standfirsts t/o/a'.padEnd(22)} ${'names t/o/a'.padEnd(22)} ${'fig/quote/sent (all)'.padEnd(22)} second fold: thr standfirsts names\n`);
  const p = (x: number | undefined): string => (x === undefined ? '—' : (100 * x).toFixed(1)).padStart(5);
  for (const v of featureTable(rows)) {
    const three = (k: string): string => v.halves.map((h) => p(h[k]?.rejected)).join(' /');
    const others = ['number', 'quote', 'foreign'].map((k) => p(v.halves[2][k]?.rejected)).join(' /');
    process.stdout.write(
      `${v.label.padEnd(24)} ${v.threshold.toFixed(2).padStart(5)}  ${three('reference').padEnd(22)} ${three('entity').padEnd(22)} ${others.padEnd(22)} ${v.swappedThreshold.toFixed(2)} ${p(v.swapped['reference']?.rejected)} ${p(v.swapped['entity']?.rejected)}\n`,
    );
  }

  const out = optionValue(argv, '--out');
  if (out) {
    writeFileSync(out, rows.map((r) => JSON.stringify({ id: r.row.id, ...verdict(r, options) })).join('\n') + '\n');
    process.stdout.write(`\nwrote ${rows.length} verdicts to ${out}\n`);
  }
  return 0;
}
