/**
 * `npm run train -- MODEL [options]`: builds one of the project's shipped models from ../shared
 * data, reproducibly. Each model lives in its own file under cli/train/ and is imported only when
 * run.
 */
import { type OptionSpec, parseArgs, runCli, UsageError } from './args.js';

/** A model builder: its help line and its entry point. */
interface Trainer {
  USAGE: string;
  OPTIONS: OptionSpec;
  run(argv: string[]): number | Promise<number>;
}

/** The models; add a file under cli/train/ and a line here. */
const MODELS: Record<string, () => Promise<Trainer>> = {
  topics: () => import('./train/topics.js'),
  wordfreq: () => import('./train/wordfreq.js'),
  guard: () => import('./train/guard.js'),
};

async function help(): Promise<string> {
  const lines = ['Usage: npm run train -- MODEL [options]   (--shared DIR: the folder of the shared data, default ../shared)', ''];
  for (const load of Object.values(MODELS)) lines.push(`  npm run train -- ${(await load()).USAGE}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (argv.includes('--help') || first === undefined || first.startsWith('--')) {
    process.stdout.write(`${await help()}\n`);
    return first === undefined || argv.includes('--help') ? 0 : 2;
  }
  const load = MODELS[first];
  if (!load) {
    process.stderr.write(`train: unknown model "${first}" (models: ${Object.keys(MODELS).join(', ')})\n`);
    return 2;
  }
  const trainer = await load();
  // A misspelt option (--chek) is refused, not ignored: the model would be rebuilt instead of checked.
  const args = parseArgs(argv, trainer.OPTIONS);
  if (args.positionals.length > 1) throw new UsageError(`unexpected argument ${args.positionals.slice(1).join(' ')}`);
  return trainer.run(argv);
}

runCli('train', main);
