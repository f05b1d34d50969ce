/** `npm run bench -- briefing`: a day of N articles through the whole path of an edition, phase by phase (needs ../shared). */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { optionValue } from '../args.js';

export const USAGE = `briefing [--articles N]   a day of N articles (default 10000) through folder source → digests → clustering → ranking → rendering (needs ../shared)`;

export async function run(argv: string[]): Promise<number> {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const antTrainPath = join(shared, 'topics', 'ant-train.jsonl');
  const corpusDir = join(shared, 'corpus');
  if (!existsSync(antTrainPath) || !existsSync(corpusDir)) {
    process.stderr.write(`bench: ${antTrainPath} or ${corpusDir} not found; pass --shared DIR\n`);
    return 2;
  }
  const articles = Number(optionValue(argv, '--articles') ?? 10_000);
  if (!Number.isInteger(articles) || articles < 4) {
    process.stderr.write('bench: --articles takes a whole number of at least 4\n');
    return 2;
  }
  const { runBriefingBench } = await import('../../bench/briefing-bench.js');
  await runBriefingBench({ antTrainPath, corpusDir, articles, write: (line) => process.stdout.write(`${line}\n`) });
  return 0;
}
