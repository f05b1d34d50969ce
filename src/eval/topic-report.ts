/** The topic classifier on a labelled file (default ../shared/eval/ant-bbc-dev.jsonl): its label per row and the scores. */
import { readFileSync } from 'node:fs';
import { classifyTopic, type TopicClassifierOptions } from '../composer/index.js';
import { isTopicClass, TOPIC_CLASSES, type TopicClass } from '../core/topic-classes.js';
import { topicMetrics, type TopicMetrics } from './topic-metrics.js';

/** One row of a labelled file: the article and its gold class. */
export interface TopicEvalRow {
  id: string;
  title: string | null;
  text: string;
  category: TopicClass;
}

/** The rows of a JSONL file with `id`, `title`, `text` and `category` (one of TOPIC_CLASSES) per line. */
export function readTopicEvalRows(path: string): TopicEvalRow[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim().length > 0)
    .map(({ line, i }) => {
      const row = JSON.parse(line) as Record<string, unknown>;
      const category = String(row.category ?? '');
      if (!isTopicClass(category)) throw new Error(`${path}:${i + 1}: category "${category}" is none of ${TOPIC_CLASSES.join(', ')}`);
      if (typeof row.text !== 'string') throw new Error(`${path}:${i + 1}: a row needs "text"`);
      return { id: String(row.id ?? i), title: typeof row.title === 'string' ? row.title : null, text: row.text, category };
    });
}

/** What {@link topicReport} gives: the scores and each row's label (`other` below the threshold). */
export interface TopicReport {
  metrics: TopicMetrics;
  labels: { id: string; label: TopicClass | 'other' }[];
  /** Mean time to classify one row, ms. */
  msPerRow: number;
}

/**
 * Classifies every row (title and text, as the composer does) and scores the labels; a row left
 * under «منوعات» (below the threshold) counts as wrong.
 */
export function topicReport(rows: readonly TopicEvalRow[], options: Partial<TopicClassifierOptions> = {}): TopicReport {
  const started = performance.now();
  const predicted = rows.map((r) => classifyTopic({ title: r.title, text: r.text }, options).label);
  const ms = performance.now() - started;
  return {
    metrics: topicMetrics(
      rows.map((r) => r.category),
      predicted,
    ),
    labels: rows.map((r, i) => ({ id: r.id, label: predicted[i] ?? 'other' })),
    msPerRow: rows.length === 0 ? 0 : ms / rows.length,
  };
}
