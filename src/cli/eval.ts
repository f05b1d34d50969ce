/**
 * `npm run eval [-- REPORT] [options]`: the project's measurements on ../shared data. With no
 * report named, the ROUGE eval of the composer. Each report lives in its own file under eval/
 * and is imported only when run.
 */
import { type OptionSpec, parseArgs, runCli, UsageError } from './args.js';

/** A report: its help line and its entry point. */
interface Report {
  USAGE: string;
  OPTIONS: OptionSpec;
  run(argv: string[]): number | Promise<number>;
}

/** Runs a report after checking its options: a misspelt one is refused, not ignored. */
function runReport(report: Report, argv: string[], named: boolean): number | Promise<number> {
  const args = parseArgs(argv, report.OPTIONS);
  const extra = args.positionals.slice(named ? 1 : 0);
  if (extra.length > 0) throw new UsageError(`unexpected argument ${extra.join(' ')}`);
  return report.run(argv);
}

/** The named reports; add a file under cli/eval/ and a line here. */
const REPORTS: Record<string, () => Promise<Report>> = {
  pages: () => import('./eval/pages.js'),
  clusters: () => import('./eval/clusters.js'),
  topics: () => import('./eval/topics.js'),
  guard: () => import('./eval/guard.js'),
  digests: () => import('./eval/digests.js'),
};

async function help(): Promise<string> {
  const lines = ['Usage: npm run eval -- [REPORT] [options]   (--shared DIR: the folder of the shared data, default ../shared)', ''];
  lines.push(`  npm run eval -- ${(await import('./eval/rouge.js')).USAGE}`);
  for (const load of Object.values(REPORTS)) lines.push(`  npm run eval -- ${(await load()).USAGE}`);
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.includes('--help')) {
    process.stdout.write(`${await help()}\n`);
    return 0;
  }
  const first = argv[0];
  if (first !== undefined && !first.startsWith('--')) {
    const load = REPORTS[first];
    if (!load) {
      process.stderr.write(`eval: unknown report "${first}" (reports: ${Object.keys(REPORTS).join(', ')}; none for ROUGE)\n`);
      return 2;
    }
    return runReport(await load(), argv, true);
  }
  return runReport(await import('./eval/rouge.js'), argv, false);
}

runCli('eval', main);
