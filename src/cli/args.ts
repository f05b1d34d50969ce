/** Command-line option helpers shared by the CLI entry points. */
import { fileURLToPath } from 'node:url';
import { closestName } from '../core/closest-name.js';

/**
 * The project root: two levels up from src/cli/ and from dist/cli/ alike, so that config/,
 * briefings/ and the samples are found whether the code runs under tsx or compiled, and
 * wherever the process was started from.
 */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The value after `--name` in argv, if the option is there: optionValue(['--limit', '5'], '--limit') → '5'. */
export function optionValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

/** A command line the command cannot take: said in one line, exit code 2. */
export class UsageError extends Error {}

/** The options a command takes: flags, and options that take a value (with its placeholder, e.g. `{ '--words': 'N' }`). */
export interface OptionSpec {
  flags?: readonly string[];
  values?: Readonly<Record<string, string>>;
}

/** A checked command line. */
export interface ParsedArgs {
  /** Arguments that are not options, in order (`-` is one: standard input). */
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

/**
 * Checks a command line against the options the command takes: an unknown option (with the one
 * probably meant) or an option without its value is a {@link UsageError}, never ignored, so that
 * `--bulets 2` or a `--briefing` with no id does not silently run with the defaults. `--help` is
 * always accepted.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const flags = ['--help', ...(spec.flags ?? [])];
  const values = spec.values ?? {};
  const out: ParsedArgs = { positionals: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      out.positionals.push(a);
    } else if (flags.includes(a)) {
      out.flags.add(a);
    } else if (a in values) {
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${a} needs a value, e.g. ${a} ${values[a]}`);
      out.values.set(a, v);
      i++;
    } else {
      const all = [...flags.slice(1), ...Object.keys(values)];
      const meant = closestName(a, ['--help', ...all]);
      const list = [...flags.slice(1), ...Object.entries(values).map(([k, p]) => `${k} ${p}`)].join(', ');
      throw new UsageError(`unknown option ${a}${meant ? ` (did you mean ${meant}?)` : ''}; ${list ? `the options are ${list}` : 'this command takes no option'}`);
    }
  }
  return out;
}

/** Ends quietly when stdout is closed early (`npm run eval | head`), instead of an EPIPE stack trace. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/**
 * Runs a CLI entry point: its exit code becomes the process's; an error is one line on stderr
 * prefixed with the command's name (never a stack trace), exit 2 for a {@link UsageError}; a
 * closed stdout ends quietly.
 */
export function runCli(name: string, main: (argv: string[]) => number | Promise<number>, options: { usageExitCode?: number } = {}): void {
  exitQuietlyOnClosedStdout();
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(`${name}: ${(err as Error)?.message ?? String(err)}\n`);
        process.exitCode = err instanceof UsageError ? (options.usageExitCode ?? 2) : 1;
      },
    );
}
