/**
 * `npm run eval -- digests`: the defects a reader notices in digests of real articles (datelines,
 * hashtags, bullets ending mid-phrase, key figures that are fragments or repeated), or, with
 * `--out`, the digests themselves.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defectReport, digestLine, digestOf, readDigestRows } from '../../eval/digests.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the eval's help. */
export const USAGE = `digests [--data FILE] [--out FILE] [--limit N]   defects of digests of real articles (default: SaudiNewsNet 2015-08-01)

  --data FILE       JSON lines with "id", "title", "text" (default ../shared/corpus/saudinewsnet-2015-08-01.jsonl)
  --out FILE        write one { "id", "headline", "summary", "figures" } line per row (summary: one bullet per line)
                    instead of the defect shares
  --examples        print up to five examples of each defect`;

/** The options it takes. */
export const OPTIONS: OptionSpec = { flags: ['--examples'], values: { '--data': 'FILE', '--limit': 'N', '--out': 'FILE', '--shared': 'DIR' } };

const pct = (n: number, of: number): string => `${((100 * n) / Math.max(1, of)).toFixed(1)} %`.padStart(7);

export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'corpus', 'saudinewsnet-2015-08-01.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`eval: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const limit = optionValue(argv, '--limit') ? Number(optionValue(argv, '--limit')) : undefined;
  const rows = readDigestRows(file).slice(0, limit);
  const digests = rows.map((row) => digestOf(row));
  const out = optionValue(argv, '--out');
  if (out) {
    writeFileSync(out, digests.map((d, i) => JSON.stringify(digestLine(rows[i]!.id, d))).join('\n') + '\n');
    process.stdout.write(`${digests.length} digests written to ${out}\n`);
    return 0;
  }
  const r = defectReport(digests);
  const lines = [
    `${file}: ${r.digests} digests, ${r.bullets} bullets, ${r.figures} key figures`,
    `bullets with a dateline or agency tag   ${pct(r.datelineBullets, r.bullets)}  (${r.datelineBullets})`,
    `bullets with a hashtag                  ${pct(r.hashtagBullets, r.bullets)}  (${r.hashtagBullets})`,
    `bullets ending mid-phrase               ${pct(r.midPhraseBullets, r.bullets)}  (${r.midPhraseBullets})`,
    `bullets cut short (a word wants more)   ${pct(r.wantingBullets, r.bullets)}  (${r.wantingBullets})`,
    `bullets that are a link line            ${pct(r.linkBullets, r.bullets)}  (${r.linkBullets})`,
    `bullets cut before a number's unit      ${pct(r.unitlessBullets, r.bullets)}  (${r.unitlessBullets})`,
    `headlines with a dateline or a hashtag  ${pct(r.datelineHeadlines + r.hashtagHeadlines, r.digests)}  (${r.datelineHeadlines + r.hashtagHeadlines})`,
    `figures that are fragments              ${pct(r.fragmentFigures, r.figures)}  (${r.fragmentFigures})`,
    `figures repeating one value             ${pct(r.repeatedFigures, r.figures)}  (${r.repeatedFigures})`,
  ];
  if (argv.includes('--examples')) {
    for (const [kind, list] of Object.entries(r.examples)) {
      lines.push('', `${kind}:`);
      for (const e of list) lines.push(`    ${e}`);
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
