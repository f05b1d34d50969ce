/** `npm run eval -- topics`: accuracy, per-class precision and recall, and macro-F1 of the topic classifier. */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { FIVE_CLASSES, readTopicEvalRows, topicReport, type ClassScore } from '../../eval/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the eval's help. */
export const USAGE = `topics [--data FILE] [--out FILE] [--threshold P]   the topic classifier (default: ant-bbc-dev.jsonl, its "category")

  --data FILE       a JSONL file with id, title, text and category per row
  --out FILE        write one { "id", "label" } JSON line per row (label: the class, or "other" below the threshold)
  --threshold P     the classifier's threshold (default 0.3)`;

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--data': 'FILE', '--out': 'FILE', '--shared': 'DIR', '--threshold': 'P' } };

function table(title: string, scores: readonly ClassScore[]): string[] {
  const lines = [title, `  ${'class'.padEnd(18)} ${'rows'.padStart(5)} ${'precision'.padStart(10)} ${'recall'.padStart(7)} ${'F1'.padStart(6)}`];
  for (const s of scores) lines.push(`  ${s.label.padEnd(18)} ${String(s.support).padStart(5)} ${s.precision.toFixed(3).padStart(10)} ${s.recall.toFixed(3).padStart(7)} ${s.f1.toFixed(3).padStart(6)}`);
  return lines;
}

function confusionTable(m: readonly (readonly number[])[]): string[] {
  const head = [...FIVE_CLASSES, 'منوعات'];
  const lines = ['confusions, five (a row per class in the file, a column per class given):', `  ${''.padEnd(12)}${head.map((h) => h.slice(0, 10).padStart(11)).join('')}`];
  FIVE_CLASSES.forEach((c, i) => lines.push(`  ${c.padEnd(12)}${m[i]!.map((n) => String(n).padStart(11)).join('')}`));
  return lines;
}

/** `npm run eval -- topics`: classifies every row of the file and prints the scores. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'eval', 'ant-bbc-dev.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`eval: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const threshold = optionValue(argv, '--threshold');
  if (threshold !== undefined && !(Number(threshold) >= 0 && Number(threshold) <= 1)) {
    process.stderr.write(`eval: --threshold must be a number from 0 to 1, not "${threshold}"\n`);
    return 2;
  }
  const rows = readTopicEvalRows(file);
  const r = topicReport(rows, threshold !== undefined ? { threshold: Number(threshold) } : {});
  const m = r.metrics;
  const out = [
    `${file}: ${m.rows} articles, ${m.other} under «منوعات» (below the threshold, counted wrong); ${r.msPerRow.toFixed(3)} ms per article`,
    '',
    `accuracy, six classes:                      ${m.accuracy6.toFixed(3)}`,
    `accuracy, five (middleEast + internationalNews = politics): ${m.accuracy5.toFixed(3)}`,
    `macro-F1, five classes:                     ${m.macroF1_5.toFixed(3)}`,
    `macro-F1, six classes:                      ${m.macroF1_6.toFixed(3)}`,
    '',
    ...table('per class, five:', m.perClass5),
    '',
    ...confusionTable(m.confusion5),
    '',
    ...table('per class, six:', m.perClass6),
  ];
  process.stdout.write(`${out.join('\n')}\n`);
  const outFile = optionValue(argv, '--out');
  if (outFile) writeFileSync(outFile, r.labels.map((l) => JSON.stringify(l)).join('\n') + '\n');
  return 0;
}
