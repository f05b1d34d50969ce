/** ROUGE of a peer summarizer on the dev sets, in the peers' regime: 1 sentence for ANT-BBC, round(30 % of the sentences) for EASC. */
import { leadSentences, meanScores, type EvalRow, type SystemResult } from '../eval/index.js';

/**
 * Scores `summarize(text, sentences)` on one dev set; a summarizer that throws scores 0 for that
 * article. Peers get the text alone, as in the published peer table of ../shared/eval/README.md.
 */
export function peerRouge(name: string, rows: readonly EvalRow[], setting: 'easc' | 'bbc', summarize: (text: string, count: number) => string): SystemResult & { errors: number } {
  let errors = 0;
  const pairs = rows.map((row) => {
    const count = setting === 'bbc' ? 1 : Math.max(1, Math.round(0.3 * leadSentences(row.text).length));
    let summary = '';
    try {
      summary = summarize(row.text, count);
    } catch {
      errors++;
    }
    return { summary, references: row.references };
  });
  return { ...meanScores(name, pairs), errors };
}
