/**
 * `npm run eval -- --composer llm`: the ROUGE eval through the configured model endpoint
 * (LLM_BASE_URL, LLM_MODEL, LLM_API_KEY, as for `npm start`), each digest behind the guard, with
 * the guard's rejection rate beside ROUGE. Without an endpoint it says what to set and stops.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { loadConfig } from '../../config/index.js';
import { SILENT_LOGGER } from '../../core/ports.js';
import { GUARD_REASONS } from '../../composer/index.js';
import { evaluateSetWithWriter, percent, type EvalRow, type EvalSetting } from '../../eval/index.js';
import { optionValue, PROJECT_ROOT } from '../args.js';

/** Runs the eval; `env` and `root` for tests (default: the process's environment and the project). */
export async function runLlmEval(
  paths: readonly string[],
  options: { settingFor: (path: string) => EvalSetting; readRows: (path: string) => EvalRow[]; argv: readonly string[]; env?: NodeJS.ProcessEnv; root?: string; write?: (s: string) => void },
): Promise<number> {
  const out = options.write ?? ((s: string) => void process.stdout.write(s));
  const base = loadConfig({ root: options.root ?? PROJECT_ROOT, ...(options.env ? { env: options.env } : {}) });
  const { baseUrl, model } = base.composer.llm;
  if (!baseUrl || !model) {
    process.stderr.write('eval --composer llm: no model endpoint configured: set LLM_BASE_URL and LLM_MODEL (and LLM_API_KEY if the server asks for one), e.g. LLM_BASE_URL=http://127.0.0.1:11434/v1 LLM_MODEL=qwen2.5:7b\n');
    return 2;
  }
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    process.stderr.write(`eval: not found: ${missing.join(', ')}\nPass --shared DIR or --data PATH (see --help).\n`);
    return 2;
  }
  const config = { ...base, composer: { ...base.composer, mode: 'llm' as const } };
  const tokens = { prompt: 0, completion: 0 };
  const outcomes: Record<string, number> = {};
  const { createStoryWriting } = await import('../../app/story-writing.js');
  const llm = (await createStoryWriting(config, SILENT_LOGGER, {
    tokens: (u) => {
      tokens.prompt += u.promptTokens;
      tokens.completion += u.completionTokens;
    },
    outcome: (o) => void (outcomes[o] = (outcomes[o] ?? 0) + 1),
    guardRejection: () => {},
  }))!;
  const limitText = optionValue(options.argv, '--limit');
  const limit = limitText ? Number(limitText) : undefined;
  const lines: string[] = [];
  out(`model ${model} at ${new URL(baseUrl).host}; every digest behind the guard, extractive when the model gives nothing usable\n`);
  for (const path of paths) {
    const setting = options.settingFor(path);
    const rows = options.readRows(path).slice(0, limit);
    const started = performance.now();
    const { results, stats, summaries } = await evaluateSetWithWriter(rows, setting, { write: (r) => llm.writing.writer.writeStory(r), lexicon: llm.writing.lexicon, parallel: config.composer.llm.concurrency });
    const label = setting.kind === 'share' ? `summary at ≤ ${setting.share * 100} % of the article's words` : `lead bullet, ≤ ${setting.maxWords} words`;
    out(`\n${basename(path)}: ${rows.length} articles, ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    out(`${'system'.padEnd(34)} ${'R-1'.padStart(6)} ${'R-2'.padStart(6)} ${'R-L'.padStart(6)} ${'words'.padStart(7)}\n`);
    for (const r of results) out(`${r.system.padEnd(34)} ${r.r1.toFixed(1).padStart(6)} ${r.r2.toFixed(1).padStart(6)} ${r.rl.toFixed(1).padStart(6)} ${r.words.toFixed(1).padStart(7)}\n`);
    out(`model answered ${stats.written} of ${stats.articles} articles (${percent(stats.articles - stats.written, stats.articles)} extractive for want of an answer)\n`);
    out(`guard rejected ${stats.rejectedBullets} of ${stats.bullets} AI bullets (${percent(stats.rejectedBullets, stats.bullets)}) and ${stats.rejectedHeadlines} of ${stats.headlines} AI headlines (${percent(stats.rejectedHeadlines, stats.headlines)})\n`);
    const reasons = GUARD_REASONS.filter((r) => stats.byReason[r]).map((r) => `${r} ${stats.byReason[r]}`);
    out(`rejections by reason: ${reasons.length > 0 ? reasons.join(', ') : 'none'}\n`);
    for (const s of summaries) lines.push(JSON.stringify(s));
  }
  out(`\ntokens: ${tokens.prompt} prompt, ${tokens.completion} completion; calls: ${Object.entries(outcomes).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}\n`);
  const outFile = optionValue(options.argv, '--out');
  if (outFile) writeFileSync(outFile, `${lines.join('\n')}\n`);
  return 0;
}

