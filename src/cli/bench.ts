/**
 * `npm run bench [-- PART] [--shared DIR] [--limit N] [--no-peers]`: benchmarks that run the
 * competitors and a floor in the same process and print ratios. Parts: composer (default).
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { optionValue, runCli } from './args.js';

const HELP = `Usage: npm run bench -- [composer|delivery|telegram|slack] [options]

  composer       the composer against a floor and the npm summarizers (needs ../shared)
  delivery       the schedule tick with 100,000 subscriptions and the engine's throughput (SQLite)
  telegram       one edition to 10,000 subscribers through a fake Bot API at Telegram's limits
  slack          50 concurrent /briefing commands against a cached edition: ack latency

  --shared DIR   folder with corpus/ and eval/ (default ../shared)
  --limit N      only the first N corpus articles (smoke test)
  --warmup N     articles composed before timing (default 200)
  --rounds N     timed rounds of floor and composer, medians reported (default 3)
  --no-peers     skip ts-textrank, node-summarizer and lexrank
  --subscriptions N   delivery: subscriptions for the tick (default 100000)
  --subscribers N     telegram: subscribers of the broadcast (default 10000)
  --commands N        slack: concurrent commands (default 50)
  --deliveries N      delivery: deliveries for the throughput run (default 20000)`;


async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const part = argv.find((a, i) => !a.startsWith('--') && !['--shared', '--limit', '--warmup', '--rounds', '--subscriptions', '--deliveries', '--subscribers', '--commands'].includes(argv[i - 1] ?? '')) ?? 'composer';
  // Each part is imported only when run: a part's peak RSS must not include the others' modules.
  if (part === 'delivery') {
    const { runDeliveryBench } = await import('../bench/delivery-bench.js');
    await runDeliveryBench({
      subscriptions: Number(optionValue(argv, '--subscriptions') ?? 100_000),
      deliveries: Number(optionValue(argv, '--deliveries') ?? 20_000),
      concurrency: 16,
      write: (line) => process.stdout.write(`${line}\n`),
    });
    return 0;
  }
  if (part === 'slack') {
    const { runSlackBench } = await import('../bench/slack-bench.js');
    await runSlackBench({ commands: Number(optionValue(argv, '--commands') ?? 50), root: process.cwd(), write: (line) => process.stdout.write(`${line}\n`) });
    return 0;
  }
  if (part === 'telegram') {
    const { runTelegramBench } = await import('../bench/telegram-bench.js');
    await runTelegramBench({ subscribers: Number(optionValue(argv, '--subscribers') ?? 10_000), concurrency: 32, write: (line) => process.stdout.write(`${line}\n`) });
    return 0;
  }
  if (part !== 'composer') {
    process.stderr.write(`bench: unknown part "${part}" (parts: composer, delivery, telegram, slack)\n`);
    return 2;
  }
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const corpusDir = join(shared, 'corpus');
  if (!existsSync(corpusDir)) {
    process.stderr.write(`bench: ${corpusDir} not found; pass --shared DIR\n`);
    return 2;
  }
  const limit = optionValue(argv, '--limit');
  const { runComposerBench } = await import('../bench/composer-bench.js');
  runComposerBench({
    corpusDir,
    eascPath: join(shared, 'eval', 'easc-dev.jsonl'),
    bbcPath: join(shared, 'eval', 'ant-bbc-dev.jsonl'),
    warmup: Number(optionValue(argv, '--warmup') ?? 200),
    ...(limit ? { limit: Number(limit) } : {}),
    rounds: Number(optionValue(argv, '--rounds') ?? 3),
    skipPeers: argv.includes('--no-peers'),
    write: (line) => process.stdout.write(`${line}\n`),
  });
  return 0;
}

runCli('bench', main);
