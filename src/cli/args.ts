/** Command-line option helpers shared by the CLI entry points. */

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
