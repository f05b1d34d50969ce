/** Scores of a topic classifier against gold labels: accuracy over six classes and five, per-class precision and recall, macro-F1. */
import { TOPIC_CLASSES, type TopicClass } from '../core/topic-classes.js';

/** The five classes of the merged view: the two politics classes are one. */
export const FIVE_CLASSES = ['politics', 'economy', 'sport', 'technology', 'culture'] as const;

/** The merged class of a class: middleEast and internationalNews → politics, the others unchanged. */
export function toFiveClass(c: TopicClass): (typeof FIVE_CLASSES)[number] {
  return c === 'middleEast' || c === 'internationalNews' ? 'politics' : c;
}

/** Precision, recall and F1 of one class. */
export interface ClassScore {
  label: string;
  /** Rows of this class in the gold labels. */
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

/** What {@link topicMetrics} reports. */
export interface TopicMetrics {
  rows: number;
  /** Rows left without a label (below the threshold: «منوعات»); counted as wrong. */
  other: number;
  accuracy6: number;
  accuracy5: number;
  perClass6: ClassScore[];
  perClass5: ClassScore[];
  macroF1_6: number;
  macroF1_5: number;
  /** Five-class confusions: a row per gold class of {@link FIVE_CLASSES}, a column per predicted one in the same order, then one for no label («منوعات»). */
  confusion5: number[][];
}

function scores<L extends string>(labels: readonly L[], gold: readonly L[], predicted: readonly (L | null)[]): ClassScore[] {
  return labels.map((label) => {
    let tp = 0;
    let predictedN = 0;
    let support = 0;
    for (let i = 0; i < gold.length; i++) {
      if (gold[i] === label) support++;
      if (predicted[i] === label) {
        predictedN++;
        if (gold[i] === label) tp++;
      }
    }
    const precision = predictedN === 0 ? 0 : tp / predictedN;
    const recall = support === 0 ? 0 : tp / support;
    return { label, support, precision, recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
}

function confusion<L extends string>(labels: readonly L[], gold: readonly L[], predicted: readonly (L | null)[]): number[][] {
  const m = labels.map(() => new Array<number>(labels.length + 1).fill(0));
  for (let i = 0; i < gold.length; i++) {
    const p = predicted[i];
    m[labels.indexOf(gold[i]!)]![p === null || p === undefined ? labels.length : labels.indexOf(p)]!++;
  }
  return m;
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Scores predictions (null: no label, «منوعات») against gold classes. Macro-F1 averages the F1 of
 * the classes present in the gold labels.
 *
 * @example
 * topicMetrics(['sport', 'middleEast'], ['sport', 'internationalNews']) // accuracy6 0.5, accuracy5 1
 */
export function topicMetrics(gold: readonly TopicClass[], predicted: readonly (TopicClass | null)[]): TopicMetrics {
  if (gold.length !== predicted.length) throw new Error(`topicMetrics: ${gold.length} gold labels but ${predicted.length} predictions`);
  const gold5 = gold.map(toFiveClass);
  const pred5 = predicted.map((p) => (p === null ? null : toFiveClass(p)));
  const perClass6 = scores(TOPIC_CLASSES, gold, predicted);
  const perClass5 = scores(FIVE_CLASSES, gold5, pred5);
  const n = gold.length;
  return {
    rows: n,
    other: predicted.filter((p) => p === null).length,
    accuracy6: n === 0 ? 0 : gold.filter((g, i) => predicted[i] === g).length / n,
    accuracy5: n === 0 ? 0 : gold5.filter((g, i) => pred5[i] === g).length / n,
    perClass6,
    perClass5,
    macroF1_6: mean(perClass6.filter((s) => s.support > 0).map((s) => s.f1)),
    macroF1_5: mean(perClass5.filter((s) => s.support > 0).map((s) => s.f1)),
    confusion5: confusion(FIVE_CLASSES, gold5, pred5),
  };
}
