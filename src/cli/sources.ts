/**
 * `npm run sources -- COMMAND [--briefing ID | --file PATH]`: the sources of a briefing, for the
 * operator: list them, check each once, import feeds from OPML, export them as OPML. The
 * briefing is the default one unless named. Each command lives in its own file under sources/.
 */
import { type OptionSpec, parseArgs, runCli, UsageError } from './args.js';

/** A command: its help line, the options it takes, how many other arguments, and its entry point. */
interface Command {
  USAGE: string;
  OPTIONS: OptionSpec;
  ARGUMENTS: number;
  run(argv: string[]): number | Promise<number>;
}

/** The commands; add a file under cli/sources/ and a line here. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  list: () => import('./sources/list.js'),
  check: () => import('./sources/check.js'),
  import: () => import('./sources/import.js'),
  export: () => import('./sources/export.js'),
};

async function help(): Promise<string> {
  const lines = ['Usage: npm run sources -- COMMAND [--briefing ID | --file briefings/x.json]', ''];
  for (const load of Object.values(COMMANDS)) lines.push(`  npm run sources -- ${(await load()).USAGE}`);
  lines.push('', 'The briefing is the default one (config: defaultBriefing) unless --briefing names another;');
  lines.push('--file works on any briefing file, e.g. one under briefings/examples/.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    process.stdout.write(`${await help()}\n`);
    return first === undefined ? 2 : 0;
  }
  const load = COMMANDS[first];
  if (!load) {
    process.stderr.write(`sources: unknown command "${first}" (commands: ${Object.keys(COMMANDS).join(', ')})\n`);
    return 2;
  }
  const command = await load();
  const rest = argv.slice(1);
  // Checked before the command runs: a misspelt option or a --briefing without its id is an error, not the default briefing.
  const args = parseArgs(rest, command.OPTIONS);
  if (args.flags.has('--help')) {
    process.stdout.write(`Usage: npm run sources -- ${command.USAGE}\n`);
    return 0;
  }
  if (args.positionals.length > command.ARGUMENTS) {
    throw new UsageError(`${first} takes ${command.ARGUMENTS === 0 ? 'no argument' : `${command.ARGUMENTS} argument`} but was given ${args.positionals.join(' ')}`);
  }
  return command.run(rest);
}

runCli('sources', main);
