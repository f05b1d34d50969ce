/** Loading the corpus and eval files of ../shared for the benchmarks. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../core/types.js';
import type { EvalRow } from '../eval/index.js';

/** One corpus article as the benchmark feeds it to every system. */
export interface CorpusArticle {
  id: string;
  title: string;
  text: string;
}

/** Reads every `*.jsonl` of `dir` (rows with `title` and `text`), in file order. */
export function readCorpus(dir: string): CorpusArticle[] {
  const out: CorpusArticle[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.jsonl')).sort()) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim().length === 0) continue;
      const row = JSON.parse(line) as { id?: string; title?: string | null; text?: string | null };
      out.push({ id: String(row.id ?? out.length), title: row.title ?? '', text: row.text ?? '' });
    }
  }
  return out;
}

/** Reads an eval file (JSON lines with `text` and `references`). */
export function readEvalRows(path: string): EvalRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim().length > 0)
    .map((l) => JSON.parse(l) as EvalRow);
}

/** The article the composer gets for a corpus row: title, then one paragraph per line. */
export function toCorpusArticle(a: CorpusArticle): Article {
  return {
    id: a.id,
    ...(a.title ? { title: a.title } : {}),
    source: { name: 'corpus' },
    sections: [{ paragraphs: a.text.split('\n').map((p) => p.trim()).filter((p) => p.length > 0) }],
  };
}

/** The plain text the peers get: title and text, as a developer would pass them. */
export function toPlainText(a: { title?: string | null; text: string }): string {
  return a.title ? `${a.title}.\n${a.text}` : a.text;
}
