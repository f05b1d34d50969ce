/** Command-line option helpers shared by the CLI entry points. */

/** The value after `--name` in argv, if the option is there: optionValue(['--limit', '5'], '--limit') → '5'. */
export function optionValue(argv: readonly string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}
