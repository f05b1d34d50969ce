/** `npm run bench -- slack`: concurrent /briefing commands against a cached edition: ack latency. */
import { optionValue } from '../args.js';

export const USAGE = `slack [--commands N]   concurrent /briefing commands against a cached edition: ack latency (default 50)`;

export async function run(argv: string[]): Promise<number> {
  const { runSlackBench } = await import('../../bench/slack-bench.js');
  await runSlackBench({ commands: Number(optionValue(argv, '--commands') ?? 50), root: process.cwd(), write: (line) => process.stdout.write(`${line}\n`) });
  return 0;
}
