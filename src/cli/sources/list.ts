/** `npm run sources -- list`: the sources of a briefing, one a line. */
import { withoutUrlSecrets } from '../../core/index.js';
import { openBriefingFile } from './briefing-file.js';
import type { OptionSpec } from '../args.js';

/** One line for the help. */
export const USAGE = 'list [--briefing ID | --file PATH]            the sources: kind, language, topics, URL, name';

/** The options it takes, and how many other arguments. */
export const OPTIONS: OptionSpec = { values: { '--briefing': 'ID', '--file': 'PATH' } };
export const ARGUMENTS = 0;

/** Prints the briefing's sources; the name comes last, so that Arabic names do not disturb the columns. */
export function run(argv: string[]): number {
  const { definition, path } = openBriefingFile(argv);
  process.stdout.write(`${definition.id} (${definition.title}), ${path}: ${definition.sources.length} source(s)\n`);
  for (const s of definition.sources) {
    const topics = s.topics.length > 0 ? s.topics.join(',') : '-';
    const flags = s.kind === 'feed' && s.fullText ? ' full-text' : '';
    // As sources check: a paid feed's key stays in the briefing file, not in what is shown.
    process.stdout.write(`${s.kind.padEnd(6)} ${s.language.padEnd(3)} ${topics.padEnd(20)} ${withoutUrlSecrets(s.url)}${flags}  ${s.name}\n`);
  }
  return 0;
}
