/** Command-line option helpers shared by the CLI entry points. */
import { fileURLToPath } from 'node:url';

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

/** Ends quietly when stdout is closed early (`npm run eval | head`), instead of an EPIPE stack trace. */
export function exitQuietlyOnClosedStdout(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}

/**
 * Runs a CLI entry point: its exit code becomes the process's; an error is one line on stderr
 * prefixed with the command's name (never a stack trace); a closed stdout ends quietly.
 */
export function runCli(name: string, main: (argv: string[]) => number | Promise<number>): void {
  exitQuietlyOnClosedStdout();
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (err: unknown) => {
        process.stderr.write(`${name}: ${(err as Error)?.message ?? String(err)}\n`);
        process.exitCode = 1;
      },
    );
}
