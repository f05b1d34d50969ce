/** `npm run eval -- clusters`: the story clustering of one day of news from several outlets. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { clusterReport } from '../../eval/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the eval's help. */
export const USAGE = 'clusters [--top N] [--data FILE]   story clustering of one day of news (default: SaudiNewsNet 2015-08-01)';

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--data': 'FILE', '--shared': 'DIR', '--top': 'N' } };

/** `npm run eval -- clusters [--top N] [--data FILE]`: the story clustering of one day (default SaudiNewsNet), as the briefing clusters, largest multi-outlet stories first, with timings. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'corpus', 'saudinewsnet-2015-08-01.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`eval: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const top = Number(optionValue(argv, '--top') ?? 10);
  const r = clusterReport(file);
  process.stdout.write(`${r.articles} articles (${r.digests} with a digest) → ${r.stories} stories, ${r.multiOutlet.length} told by several outlets\n`);
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(
    `composing the digests ${(r.composeMs / 1000).toFixed(2)} s, clustering them ${(r.clusterMs / 1000).toFixed(2)} s (${(r.clusterMs / r.composeMs).toFixed(3)} of composing), peak RSS ${rssMb.toFixed(0)} MB\n`,
  );
  r.multiOutlet.slice(0, top).forEach((c, k) => {
    process.stdout.write(`\n#${k + 1} (${c.size} articles, ${c.outlets} outlets)\n`);
    for (const t of c.titles.slice(0, 6)) process.stdout.write(`    ${t.outlet} | ${t.title}\n`);
  });
  return 0;
}
