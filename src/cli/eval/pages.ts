/** `npm run eval -- pages`: recall and leakage of the page extractor on real pages. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractionReport } from '../../eval/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the eval's help. */
export const USAGE = 'pages [--shared DIR]   page extraction: recall and leakage per page';

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--shared': 'DIR' } };

/** `npm run eval -- pages`: recall and leakage of the page extractor on the pages with expected text. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const dir = join(shared, 'fixtures', 'pages');
  if (!existsSync(join(dir, 'INDEX.json'))) {
    process.stderr.write(`eval: ${dir}/INDEX.json not found; pass --shared DIR\n`);
    return 2;
  }
  process.stdout.write(`${'page'.padEnd(60)} ${'recall'.padStart(7)} ${'leakage'.padStart(8)} ${'Arabic recall'.padStart(14)}\n`);
  for (const r of extractionReport(dir)) {
    process.stdout.write(`${r.file.padEnd(60)} ${r.recall.toFixed(3).padStart(7)} ${r.leakage.toFixed(3).padStart(8)} ${r.arabicRecall.toFixed(3).padStart(14)}\n`);
  }
  return 0;
}
