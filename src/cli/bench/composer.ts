/** `npm run bench -- composer`: the composer against a floor and the npm summarizers, on ../shared/corpus. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { optionValue } from '../args.js';

export const USAGE = `composer [--limit N] [--warmup N] [--rounds N] [--no-peers]   the composer against a floor and the npm summarizers (needs ../shared)

  --limit N      only the first N corpus articles (smoke test)
  --warmup N     articles composed before timing (default 200)
  --rounds N     timed rounds of floor and composer, medians reported (default 3)
  --no-peers     skip ts-textrank, node-summarizer and lexrank`;

export async function run(argv: string[]): Promise<number> {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const corpusDir = join(shared, 'corpus');
  if (!existsSync(corpusDir)) {
    process.stderr.write(`bench: ${corpusDir} not found; pass --shared DIR\n`);
    return 2;
  }
  const limit = optionValue(argv, '--limit');
  const { runComposerBench } = await import('../../bench/composer-bench.js');
  runComposerBench({
    corpusDir,
    eascPath: join(shared, 'eval', 'easc-dev.jsonl'),
    bbcPath: join(shared, 'eval', 'ant-bbc-dev.jsonl'),
    guardDevPath: join(shared, 'eval', 'guard-dev.jsonl'),
    warmup: Number(optionValue(argv, '--warmup') ?? 200),
    ...(limit ? { limit: Number(limit) } : {}),
    rounds: Number(optionValue(argv, '--rounds') ?? 3),
    skipPeers: argv.includes('--no-peers'),
    write: (line) => process.stdout.write(`${line}\n`),
  });
  return 0;
}
