/**
 * The ROUGE eval of the LLM mode: each eval article goes, as a story of one outlet, through the
 * same write step as an edition (a model behind the guard, extractive fallback), and the guarded
 * digest is scored with the same code as the extractive composer. Beside ROUGE: how often the
 * guard turned an AI bullet or headline down, by reason, and how often the model gave nothing.
 */
import { clusterDigests, composeDigest, writeStories, type GuardReason, type WordLexicon } from '../composer/index.js';
import type { StoryToWrite, WrittenStory } from '../core/ports.js';
import { composerSummary, meanScores, toArticle, type EvalRow, type EvalSetting, type SystemResult } from './run-eval.js';
import { truncateWords } from './lead.js';
import { rougeTokens } from './rouge.js';

/** How the model and the guard did on a set. */
export interface LlmEvalStats {
  articles: number;
  /** Articles the model answered (whatever the guard then kept). */
  written: number;
  /** AI bullets written, and those the guard rejected. */
  bullets: number;
  rejectedBullets: number;
  /** AI headlines written, and those the guard rejected. */
  headlines: number;
  rejectedHeadlines: number;
  /** Rejections (bullets and headlines) by reason; one text may have several. */
  byReason: Partial<Record<GuardReason, number>>;
}

/** What {@link evaluateSetWithWriter} needs. */
export interface LlmEvalDeps {
  write(request: StoryToWrite): Promise<WrittenStory | undefined>;
  lexicon: WordLexicon;
  /** Articles written at once (default 4; the writer keeps its own limit too). */
  parallel?: number;
}

/** The guarded digest's text as a summary of the setting (the lead bullet, or every bullet within the budget). */
function summaryOf(bullets: readonly { text: string }[], row: EvalRow, setting: EvalSetting): string {
  if (setting.kind === 'lead-bullet') return truncateWords(bullets[0]?.text ?? '', setting.maxWords);
  const budget = Math.floor(setting.share * rougeTokens(row.text).length);
  return truncateWords(bullets.map((b) => b.text).join(' '), budget);
}

/**
 * Runs the LLM mode over an eval set: ROUGE of the guarded digests ("composer (llm, guarded)")
 * beside the extractive composer's, and the guard's rejection figures.
 */
export async function evaluateSetWithWriter(
  rows: readonly EvalRow[],
  setting: EvalSetting,
  deps: LlmEvalDeps,
): Promise<{ results: SystemResult[]; stats: LlmEvalStats; summaries: { id: string; summary: string }[] }> {
  const stats: LlmEvalStats = { articles: rows.length, written: 0, bullets: 0, rejectedBullets: 0, headlines: 0, rejectedHeadlines: 0, byReason: {} };
  const summaries: { id: string; summary: string }[] = new Array(rows.length);
  const parallel = Math.max(1, deps.parallel ?? 4);
  for (let start = 0; start < rows.length; start += parallel) {
    await Promise.all(
      rows.slice(start, start + parallel).map(async (row, k) => {
        const i = start + k;
        const article = toArticle(row, i);
        const digest = composeDigest(article);
        const write = async (request: StoryToWrite): Promise<WrittenStory | undefined> => {
          const answer = await deps.write(request);
          if (answer) {
            stats.written++;
            stats.bullets += answer.bullets.length;
            stats.headlines++;
          }
          return answer;
        };
        const result = await writeStories(clusterDigests([digest], { keepForeign: true }), { write, articleOf: () => article, lexicon: deps.lexicon, maxStories: 1 });
        for (const r of result.rejections) {
          if (r.target === 'bullet') stats.rejectedBullets++;
          else stats.rejectedHeadlines++;
          for (const reason of r.reasons) stats.byReason[reason] = (stats.byReason[reason] ?? 0) + 1;
        }
        const story = result.clustered.stories[0];
        // An article the model did not write, and the extractive composer could not, scores empty.
        summaries[i] = { id: row.id, summary: story ? summaryOf(story.lead.bullets, row, setting) : '' };
      }),
    );
  }
  const llm = meanScores('composer (llm, guarded)', summaries.map((s, i) => ({ summary: s.summary, references: rows[i]!.references })));
  const extractive = meanScores('composer (extractive)', rows.map((row, i) => ({ summary: composerSummary(row, i, setting), references: row.references })));
  return { results: [llm, extractive], stats, summaries };
}

/** Share as a percentage with one decimal ("—" when there is nothing to divide). */
export function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)} %`;
}
