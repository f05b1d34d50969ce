/**
 * `npm run eval` (no report named): ROUGE-1/2/L F1 of the composer and of the Lead baselines,
 * computed by the same code, on the human summaries of ../shared/eval (EASC at 30 % of the
 * article's words, ANT-BBC as a lead bullet of at most 25 words).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { evaluateSet, type EvalRow, type EvalSetting } from '../../eval/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** The options of the ROUGE eval, for the eval's help. */
export const USAGE = `[--data PATH[,PATH]] [--setting share|lead-bullet] [--limit N] [--out FILE]   ROUGE of the composer and the Lead

  --shared DIR      folder with eval/easc-dev.jsonl and eval/ant-bbc-dev.jsonl (default ../shared)
  --data PATH       one or more eval files (comma-separated) instead of the defaults
  --setting S       for --data: "share" (30 % of the article's words) or "lead-bullet" (≤ 25 words);
                    default: lead-bullet for files whose name contains "bbc", share otherwise
  --limit N         only the first N articles of each set (smoke test)
  --out FILE        write one { "id", "summary" } JSON line per article of every set
  --composer llm    through the configured model endpoint (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY),
                    each digest behind the guard; prints the guard's rejection rate beside ROUGE`;

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--composer': 'extractive|llm', '--data': 'PATH[,PATH]', '--limit': 'N', '--out': 'FILE', '--setting': 'share|lead-bullet', '--shared': 'DIR' } };

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

export async function run(argv: string[]): Promise<number> {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const data = optionValue(argv, '--data');
  const paths = data ? data.split(',') : [join(shared, 'eval', 'easc-dev.jsonl'), join(shared, 'eval', 'ant-bbc-dev.jsonl')];
  const composer = optionValue(argv, '--composer') ?? 'extractive';
  if (composer !== 'extractive' && composer !== 'llm') throw new Error(`--composer must be "extractive" or "llm", not "${composer}"`);
  if (composer === 'llm') {
    const { runLlmEval } = await import('./rouge-llm.js');
    return runLlmEval(paths, { settingFor: (p) => settingFor(p, optionValue(argv, '--setting')), readRows, argv });
  }
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
