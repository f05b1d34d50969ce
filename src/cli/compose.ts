/**
 * `npm run compose -- <file|url|->`: prints the digest of an article (.txt/.md with the title on
 * the first line, .json, a saved .html page, an article URL, or standard input with `-`), or of
 * each item of a feed (URL or .xml file). `--json` prints Digest JSON.
 */
import { composeDigest, countWordsLabel } from '../composer/index.js';
import type { Digest } from '../core/types.js';
import { fetchAllowHosts } from '../config/index.js';
import { readInput } from '../sources/index.js';
import { PROJECT_ROOT, parseArgs, runCli, UsageError } from './args.js';

const HELP = `Usage: npm run compose -- <file|url|-> [--json] [--bullets N] [--words N]

  <file>       a .txt or .md article (first line = title), a .json article ({ "title", "text" }),
               a saved .html page, or a feed (.xml, .rss, .atom)
  <url>        an article page or a feed (RSS, RDF, Atom, JSON Feed)
  -            read the article from standard input
  --json       print the digest as JSON
  --bullets N  most bullets (default 3)
  --words N    most words per bullet (default 30)`;

function render(d: Digest): string {
  const lines = [d.headline, ''];
  for (const b of d.bullets) lines.push(`• ${b.text}  (${countWordsLabel(b.text.split(/\s+/).length)})`);
  if (d.keyFigures.length > 0) lines.push('', `أرقام: ${d.keyFigures.join(' | ')}`);
  lines.push('', `المصدر: ${d.source.name}`);
  return lines.join('\n') + '\n';
}

function intArg(values: ReadonlyMap<string, string>, name: string): number | undefined {
  const given = values.get(name);
  if (given === undefined) return undefined;
  const v = Number(given);
  if (!Number.isInteger(v) || v < 1) throw new UsageError(`${name} needs a positive whole number (got "${given}")`);
  return v;
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const args = parseArgs(argv, { flags: ['--json'], values: { '--bullets': 'N', '--words': 'N' } });
  const [target, ...more] = args.positionals;
  if (target === undefined) throw new UsageError('name a file, a URL, or - for standard input');
  if (more.length > 0) throw new UsageError(`one article or feed at a time: ${target} and ${more.join(', ')} were given`);
  const maxBullets = intArg(args.values, '--bullets');
  const maxBulletWords = intArg(args.values, '--words');
  // A URL is fetched under the app's address policy; FETCH_ALLOW_HOSTS lets internal hosts through.
  const input = await readInput(target, { allowHosts: fetchAllowHosts(PROJECT_ROOT) });
  // A feed's first ten items: enough to judge it, quick to read.
  const articles = input.kind === 'article' ? [input.article] : input.articles.slice(0, 10);
  const digests = articles.map((a) => composeDigest(a, { ...(maxBullets ? { maxBullets } : {}), ...(maxBulletWords ? { maxBulletWords } : {}) }));
  for (const d of digests) for (const w of d.warnings) process.stderr.write(`warning: ${d.source.name}: ${w.message}\n`);
  if (args.flags.has('--json')) process.stdout.write(`${JSON.stringify(input.kind === 'article' ? digests[0] : digests, null, 2)}\n`);
  // A digest without bullets is nothing to read: its reason is on stderr.
  else process.stdout.write(digests.filter((d) => d.bullets.length > 0).map(render).join('\n────────\n\n'));
  if (digests.every((d) => d.bullets.length === 0)) {
    const reason = digests[0]?.warnings[0]?.message ?? 'no sentence could be summarized / لا توجد جمل قابلة للتلخيص';
    process.stderr.write(`لم يُنشأ ملخص: ${reason}\n`);
    return 1;
  }
  return 0;
}

runCli('compose', main);
