/**
 * `npm run eval`: ROUGE-1/2/L F1 of the composer and of the Lead baselines, computed by the same
 * code, on the human summaries of ../shared/eval (EASC at 30 % of the article's words, ANT-BBC as
 * a lead bullet of at most 25 words).
 *
 *   npm run eval [-- --data PATH[,PATH]] [--shared DIR] [--setting share|lead-bullet] [--limit N] [--out FILE]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { evaluateSet, type EvalRow, type EvalSetting } from '../eval/index.js';
import { clusterReport, extractionReport } from '../app.js';
import { optionValue, runCli } from './args.js';

const HELP = `Usage: npm run eval -- [options]
       npm run eval -- pages [--shared DIR]   (page extraction: recall and leakage per page)
       npm run eval -- clusters [--top N] [--data FILE]   (story clustering of one day of news)

  --shared DIR      folder with eval/easc-dev.jsonl and eval/ant-bbc-dev.jsonl (default ../shared)
  --data PATH       one or more eval files (comma-separated) instead of the defaults
  --setting S       for --data: "share" (30 % of the article's words) or "lead-bullet" (≤ 25 words);
                    default: lead-bullet for files whose name contains "bbc", share otherwise
  --limit N         only the first N articles of each set (smoke test)
  --out FILE        write one { "id", "summary" } JSON line per article of every set`;


/** `npm run eval -- clusters [--top N]`: the story clustering of one day of SaudiNewsNet, largest multi-outlet stories first. */
function clustersReport(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'corpus', 'saudinewsnet-2015-08-01.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`eval: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const top = Number(optionValue(argv, '--top') ?? 10);
  const r = clusterReport(file);
  process.stdout.write(`${r.articles} articles → ${r.stories} stories, ${r.multiOutlet.length} told by several outlets\n`);
  r.multiOutlet.slice(0, top).forEach((c, k) => {
    process.stdout.write(`\n#${k + 1} (${c.size} articles, ${c.outlets} outlets)\n`);
    for (const t of c.titles.slice(0, 6)) process.stdout.write(`    ${t.outlet} | ${t.title}\n`);
  });
  return 0;
}

/** `npm run eval -- pages`: recall and leakage of the page extractor on the pages with expected text. */
function pagesReport(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const dir = join(shared, 'fixtures', 'pages');
  if (!existsSync(join(dir, 'INDEX.json'))) {
    process.stderr.write(`eval: ${dir}/INDEX.json not found; pass --shared DIR\n`);
    return 2;
  }
  process.stdout.write(`${'page'.padEnd(60)} ${'recall'.padStart(7)} ${'leakage'.padStart(8)} ${'Arabic recall'.padStart(14)}\n`);
  for (const r of extractionReport(dir)) {
    process.stdout.write(`${r.file.padEnd(60)} ${r.recall.toFixed(3).padStart(7)} ${r.leakage.toFixed(3).padStart(8)} ${r.arabicRecall.toFixed(3).padStart(14)}\n`);
  }
  return 0;
}

function settingFor(path: string, forced?: string): EvalSetting {
  const kind = forced ?? (/bbc/i.test(basename(path)) ? 'lead-bullet' : 'share');
  if (kind === 'lead-bullet') return { kind: 'lead-bullet', maxWords: 25 };
  if (kind === 'share') return { kind: 'share', share: 0.3 };
  throw new Error(`--setting must be "share" or "lead-bullet", not "${kind}"`);
}

function readRows(path: string): EvalRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((line, i) => {
      const row = JSON.parse(line) as Partial<EvalRow>;
      if (typeof row.text !== 'string' || !Array.isArray(row.references)) throw new Error(`${path}:${i + 1}: a row needs "text" and "references"`);
      return { id: String(row.id ?? i), title: row.title ?? null, text: row.text, references: row.references };
    });
}

function main(argv: string[]): number {
  if (argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  if (argv[0] === 'pages') return pagesReport(argv);
  if (argv[0] === 'clusters') return clustersReport(argv);
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const data = optionValue(argv, '--data');
  const paths = data ? data.split(',') : [join(shared, 'eval', 'easc-dev.jsonl'), join(shared, 'eval', 'ant-bbc-dev.jsonl')];
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    process.stderr.write(`eval: not found: ${missing.join(', ')}\nPass --shared DIR or --data PATH (see --help).\n`);
    return 2;
  }
  const limit = optionValue(argv, '--limit') ? Number(optionValue(argv, '--limit')) : undefined;
  const out: string[] = [];
  for (const path of paths) {
    const setting = settingFor(path, optionValue(argv, '--setting'));
    const rows = readRows(path).slice(0, limit);
    const started = performance.now();
    const { results, summaries } = evaluateSet(rows, setting);
    const ms = performance.now() - started;
    const label = setting.kind === 'share' ? `summary at ≤ ${setting.share * 100} % of the article's words` : `lead bullet, ≤ ${setting.maxWords} words`;
    process.stdout.write(`\n${basename(path)}: ${rows.length} articles, ${label} (${ms.toFixed(0)} ms)\n`);
    process.stdout.write(`${'system'.padEnd(34)} ${'R-1'.padStart(6)} ${'R-2'.padStart(6)} ${'R-L'.padStart(6)} ${'words'.padStart(7)}\n`);
    for (const r of results) {
      process.stdout.write(`${r.system.padEnd(34)} ${r.r1.toFixed(1).padStart(6)} ${r.r2.toFixed(1).padStart(6)} ${r.rl.toFixed(1).padStart(6)} ${r.words.toFixed(1).padStart(7)}\n`);
    }
    for (const s of summaries) out.push(JSON.stringify(s));
  }
  const outFile = optionValue(argv, '--out');
  if (outFile) writeFileSync(outFile, `${out.join('\n')}\n`);
  return 0;
}

runCli('eval', main);
