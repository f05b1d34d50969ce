/**
 * `npm run extract -- <url|file>`: the article of a page (or saved .html) as JSON
 * `{ title, published, sections: [{ heading?, paragraphs[] }] }` on stdout, nothing else;
 * problems go to stderr with a non-zero exit.
 */
import { fetchAllowHosts } from '../config/index.js';
import { readInput } from '../sources/index.js';
import { PROJECT_ROOT, parseArgs, runCli, UsageError } from './args.js';

async function main(argv: string[]): Promise<number> {
  const usage = 'Usage: npm run extract -- <url|file.html|file.txt>\n';
  const args = parseArgs(argv, {});
  if (args.flags.has('--help')) {
    process.stdout.write(usage);
    return 0;
  }
  const [target, ...more] = args.positionals;
  if (!target) {
    process.stderr.write(usage);
    return 2;
  }
  if (more.length > 0) throw new UsageError(`one page at a time: ${target} and ${more.join(', ')} were given`);
  // A URL is fetched under the app's address policy; FETCH_ALLOW_HOSTS lets internal hosts through.
  const input = await readInput(target, { allowHosts: fetchAllowHosts(PROJECT_ROOT) });
  if (input.kind === 'feed') {
    process.stderr.write(`${target} is a feed, not an article page: use npm run compose -- ${target}\n`);
    return 1;
  }
  const a = input.article;
  process.stdout.write(`${JSON.stringify({ title: a.title ?? '', published: a.published ?? null, sections: a.sections }, null, 2)}\n`);
  if (a.sections.every((s) => s.paragraphs.length === 0)) {
    process.stderr.write('No article text was found. / لم يُعثر على نص مقال.\n');
    return 1;
  }
  return 0;
}

runCli('extract', main);
