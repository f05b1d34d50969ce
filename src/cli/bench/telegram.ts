/** `npm run bench -- telegram`: one edition to many subscribers through a fake Bot API at Telegram's limits. */
import { optionValue } from '../args.js';

export const USAGE = `telegram [--subscribers N]   one edition to N subscribers (default 10,000) through a fake Bot API at Telegram's limits`;

export async function run(argv: string[]): Promise<number> {
  const { runTelegramBench } = await import('../../bench/telegram-bench.js');
  await runTelegramBench({ subscribers: Number(optionValue(argv, '--subscribers') ?? 10_000), concurrency: 32, write: (line) => process.stdout.write(`${line}\n`) });
  return 0;
}
