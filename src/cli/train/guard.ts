/** `npm run train -- guard`: fits the guard's name model and threshold on the tuning half of ../shared/eval/guard-dev.jsonl. */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NAME_FEATURES } from '../../composer/guard/index.js';
import { analyzeRows, loadWordLexicon, readGuardRows, tuneGuard, WORD_FREQ_PATH } from '../../eval/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the help. */
export const USAGE = `guard [--data FILE] [--out FILE]   the guard's name model, fitted on the tuning half of guard-dev (→ src/composer/guard/name-model.ts)`;

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--data': 'FILE', '--out': 'FILE', '--shared': 'DIR' } };

const DEFAULT_OUT = fileURLToPath(new URL('../../composer/guard/name-model.ts', import.meta.url));

/** Fits the model, picks the threshold, writes name-model.ts. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'eval', 'guard-dev.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`train: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const out = optionValue(argv, '--out') ?? DEFAULT_OUT;
  const rows = analyzeRows(readGuardRows(file), loadWordLexicon(fileURLToPath(WORD_FREQ_PATH)));
  const { model, threshold, examples } = tuneGuard(rows);
  const fmt = (xs: readonly number[]): string => `[${xs.join(', ')}]`;
  writeFileSync(
    out,
    `/** The shipped name model and threshold; written by \`npm run train -- guard\` (do not edit by hand). */
import type { NameModel } from './name-score.js';

/** Weights fitted on the tuning half of ../shared/eval/guard-dev.jsonl (${examples} labelled words). Features: ${NAME_FEATURES.join(', ')}. */
export const NAME_MODEL: NameModel = {
  weights: ${fmt(model.weights)},
  mean: ${fmt(model.mean)},
  scale: ${fmt(model.scale)},
};

/** The score at which a word is judged a name: the lowest at which the tuning half's standfirsts are rejected at most 8 % of the time. */
export const NAME_THRESHOLD = ${threshold};
`,
  );
  process.stdout.write(`name model: ${examples} labelled words from the tuning half; threshold ${threshold}; written to ${out}\n`);
  process.stdout.write(`weights (intercept, ${NAME_FEATURES.join(', ')}): ${model.weights.join(' ')}\n`);
  return 0;
}
