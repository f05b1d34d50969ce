/**
 * `npm run bench [-- PART] [options]`: benchmarks that run the competitors and a floor in the
 * same process and print ratios. Each part lives in its own file under bench/ and is imported
 * only when run: a part's peak RSS must not include the others' modules.
 */
import { runCli } from './args.js';

/** A part: its help line and its entry point. */
interface Part {
  USAGE: string;
  run(argv: string[]): number | Promise<number>;
}

/** The parts; add a file under cli/bench/ and a line here. The first is the default. */
const PARTS: Record<string, () => Promise<Part>> = {
  composer: () => import('./bench/composer.js'),
  delivery: () => import('./bench/delivery.js'),
  telegram: () => import('./bench/telegram.js'),
  slack: () => import('./bench/slack.js'),
  briefing: () => import('./bench/briefing.js'),
};

async function help(): Promise<string> {
  const lines = ['Usage: npm run bench -- [PART] [options]   (--shared DIR: the folder of the shared data, default ../shared)', ''];
  for (const load of Object.values(PARTS)) lines.push(`  npm run bench -- ${(await load()).USAGE}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(`${await help()}\n`);
    return 0;
  }
  const first = argv[0];
  const name = first !== undefined && !first.startsWith('--') ? first : 'composer';
  const load = PARTS[name];
  if (!load) {
    process.stderr.write(`bench: unknown part "${name}" (parts: ${Object.keys(PARTS).join(', ')})\n`);
    return 2;
  }
  return (await load()).run(argv);
}

runCli('bench', main);
