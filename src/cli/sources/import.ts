/** `npm run sources -- import FILE.opml`: adds an OPML's feeds to a briefing's JSON file. */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { feedUrlKey, sourcesFromOpml } from '../../sources/index.js';
import { openBriefingFile, withSourcesAdded, writeBriefingFile } from './briefing-file.js';
import type { OptionSpec } from '../args.js';

/** One line for the help. */
export const USAGE = 'import FILE.opml [--briefing ID | --file PATH] [--dry-run]   add its feeds (duplicates skipped)';

/** The options it takes, and how many other arguments. */
export const OPTIONS: OptionSpec = { flags: ['--dry-run'], values: { '--briefing': 'ID', '--file': 'PATH' } };
export const ARGUMENTS = 1;

/**
 * Adds the feeds of the OPML file ("-": standard input) that the briefing does not have yet,
 * keeping the file's formatting and its other sources; `--dry-run` only says what it would add.
 */
export function run(argv: string[]): number {
  const valueOf = new Set(['--briefing', '--file']);
  const opml = argv.find((a, i) => (a === '-' || !a.startsWith('--')) && !valueOf.has(argv[i - 1] ?? ''));
  if (!opml) {
    process.stderr.write(`Usage: npm run sources -- ${USAGE}\n`);
    return 2;
  }
  const file = openBriefingFile(argv);
  let text: string;
  try {
    text = readFileSync(opml === '-' ? 0 : opml, 'utf8');
  } catch {
    process.stderr.write(`sources: cannot read ${opml}: check the path.\n`);
    return 1;
  }
  const { sources, skipped } = sourcesFromOpml(text, opml);
  for (const s of skipped) process.stderr.write(`sources: skipped ${s}\n`);
  if (sources.length === 0) {
    process.stderr.write(`sources: ${opml} lists no feed (no outline with an http(s) xmlUrl); nothing was changed.\n`);
    return 1;
  }
  const have = new Set(file.definition.sources.map((s) => feedUrlKey(s.url)));
  // An outline's categories become the source's topics when they name topics of the briefing; others are left out, and said.
  const topics = new Set(file.definition.topics.flatMap((t) => [t.id, t.title]));
  const added = sources
    .filter((s) => !have.has(feedUrlKey(s.url)))
    .map((s) => {
      const unknown = s.topics.filter((t) => !topics.has(t));
      if (unknown.length > 0) process.stderr.write(`sources: ${s.name}: categories ${unknown.map((t) => `"${t}"`).join(', ')} are no topic of ${file.definition.id}, left out of its topics\n`);
      return { ...s, topics: s.topics.filter((t) => topics.has(t)) };
    });
  const duplicates = sources.length - added.length;
  const where = relative(process.cwd(), file.path) || file.path;
  if (added.length > 0 && !argv.includes('--dry-run')) writeBriefingFile(file.path, withSourcesAdded(file, added));
  const verb = argv.includes('--dry-run') ? 'would add' : 'added';
  process.stdout.write(`${verb} ${added.length} feed(s) to ${where} (${file.definition.id}); ${duplicates} already there; ${skipped.length} outline(s) skipped\n`);
  for (const s of added) process.stdout.write(`  + ${s.url}  ${s.name}\n`);
  return 0;
}
