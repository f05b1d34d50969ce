/** Runs the composer and the Lead baselines over an eval set and scores them with the same code. */
import { composeDigest } from '../composer/index.js';
import type { Article } from '../core/types.js';
import { leadK, leadSentences, truncateWords } from './lead.js';
import { rougeTokens, scoreSummary, type RougeScores } from './rouge.js';

/** One row of an eval file (JSON lines). */
export interface EvalRow {
  id: string;
  title: string | null;
  text: string;
  references: string[];
}

/**
 * The two settings of the evaluation:
 * - `share`: a summary of at most `share` of the article's words (EASC, 0.3);
 * - `lead-bullet`: the composer's lead bullet, at most `maxWords` words (ANT-BBC, 25).
 */
export type EvalSetting = { kind: 'share'; share: number } | { kind: 'lead-bullet'; maxWords: number };

/** Scores and mean length of one system on one set. */
export interface SystemResult extends RougeScores {
  system: string;
  words: number;
}

/** What the composer is given: only what a feed would carry (the title where there is one, the text). */
export function toArticle(row: EvalRow, index: number): Article {
  return {
    id: `article-${index}`,
    ...(row.title ? { title: row.title } : {}),
    source: { name: 'eval' },
    sections: [{ paragraphs: row.text.split('\n').map((p) => p.trim()).filter((p) => p.length > 0) }],
  };
}

/** The composer's summary of a row in a setting (never sees the references or the id). */
export function composerSummary(row: EvalRow, index: number, setting: EvalSetting): string {
  const article = toArticle(row, index);
  if (setting.kind === 'lead-bullet') {
    const d = composeDigest(article, { maxBullets: 1, maxBulletWords: setting.maxWords });
    return truncateWords(d.bullets[0]?.text ?? '', setting.maxWords);
  }
  const budget = Math.floor(setting.share * rougeTokens(row.text).length);
  const d = composeDigest(article, { maxTotalWords: budget, maxBulletWords: budget });
  // The budget is counted in the composer's words; the scorer's tokens can differ slightly
  // ("3.5" is one word, two tokens), so the summary is held to the budget in the scorer's unit.
  return truncateWords(d.bullets.map((b) => b.text).join(' '), budget);
}

/** The Lead baselines of a setting, as in ../shared/eval/README.md, plus Lead cut at the composer's length. */
export function baselineSummaries(row: EvalRow, setting: EvalSetting): Record<string, string> {
  if (setting.kind === 'lead-bullet') {
    return {
      'Lead-1': leadK(row.text, 1),
      [`Lead-1, first ${setting.maxWords} words`]: truncateWords(leadK(row.text, 1), setting.maxWords),
    };
  }
  const budget = setting.share * rougeTokens(row.text).length;
  // Lead-30 % of the published table: first sentences until the budget is reached (the last may cross it).
  const over: string[] = [];
  let words = 0;
  for (const s of leadSentences(row.text)) {
    if (words >= budget) break;
    over.push(s);
    words += rougeTokens(s).length;
  }
  const pct = Math.round(setting.share * 100);
  return {
    [`Lead-${pct}%`]: over.join(' '),
    [`Lead-${pct}%, cut at the budget`]: truncateWords(over.join(' '), Math.floor(budget)),
    'Lead-3': leadK(row.text, 3),
  };
}

/** Mean scores of a list of (summary, references) pairs. */
export function meanScores(system: string, pairs: readonly { summary: string; references: readonly string[] }[]): SystemResult {
  let r1 = 0;
  let r2 = 0;
  let rl = 0;
  let words = 0;
  for (const { summary, references } of pairs) {
    const s = scoreSummary(summary, references);
    r1 += s.r1;
    r2 += s.r2;
    rl += s.rl;
    words += rougeTokens(summary).length;
  }
  const n = Math.max(1, pairs.length);
  return { system, r1: r1 / n, r2: r2 / n, rl: rl / n, words: words / n };
}

/** Evaluates the composer and the baselines on one set. Returns the results and the composer's summaries by id. */
export function evaluateSet(rows: readonly EvalRow[], setting: EvalSetting): { results: SystemResult[]; summaries: { id: string; summary: string }[] } {
  const summaries = rows.map((row, i) => ({ id: row.id, summary: composerSummary(row, i, setting) }));
  const results: SystemResult[] = [meanScores('composer', summaries.map((s, i) => ({ summary: s.summary, references: rows[i]!.references })))];
  const baselines = rows.map((row) => baselineSummaries(row, setting));
  for (const name of Object.keys(baselines[0] ?? {})) {
    results.push(meanScores(name, baselines.map((b, i) => ({ summary: b[name]!, references: rows[i]!.references }))));
  }
  return { results, summaries };
}
