/** `npm run sources -- export`: the briefing's feeds as OPML 2 on stdout. */
import { sourcesToOpml } from '../../sources/index.js';
import { openBriefingFile } from './briefing-file.js';
import type { OptionSpec } from '../args.js';

/** One line for the help. */
export const USAGE = 'export [--briefing ID | --file PATH]          the feeds as OPML 2 on stdout (folders and pages are left out)';

/** The options it takes, and how many other arguments. */
export const OPTIONS: OptionSpec = { values: { '--briefing': 'ID', '--file': 'PATH' } };
export const ARGUMENTS = 0;

/** Writes the OPML; says on stderr which sources OPML cannot hold. */
export function run(argv: string[]): number {
  const { definition } = openBriefingFile(argv);
  const others = definition.sources.filter((s) => s.kind !== 'feed');
  if (others.length === definition.sources.length) {
    process.stderr.write(`sources: ${definition.id} has no feed source, so there is nothing to export as OPML (it has ${others.map((s) => `${s.kind} ${s.url}`).join(', ')}).\n`);
    return 1;
  }
  process.stdout.write(sourcesToOpml(definition.sources, { title: definition.title }));
  if (others.length > 0) {
    process.stderr.write(`sources: ${others.length} source(s) left out (OPML lists feeds): ${others.map((s) => `${s.kind} ${s.url}`).join(', ')}\n`);
  }
  return 0;
}
