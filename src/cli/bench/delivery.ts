/** `npm run bench -- delivery`: the schedule tick with 100,000 subscriptions and the engine's throughput (SQLite). */
import { optionValue } from '../args.js';

export const USAGE = `delivery [--subscriptions N] [--deliveries N]   the schedule tick and the engine's throughput (SQLite)`;

export async function run(argv: string[]): Promise<number> {
  const { runDeliveryBench } = await import('../../bench/delivery-bench.js');
  await runDeliveryBench({
    subscriptions: Number(optionValue(argv, '--subscriptions') ?? 100_000),
    deliveries: Number(optionValue(argv, '--deliveries') ?? 20_000),
    concurrency: 16,
    write: (line) => process.stdout.write(`${line}\n`),
  });
  return 0;
}
