/** The evaluation: the project's ROUGE scorer, the Lead baselines and the runner used by `npm run eval`. */
export { normalizeForRouge, rougeTokens, rougeN, rougeL, lcsLength, scoreSummary } from './rouge.js';
export type { Prf, RougeScores } from './rouge.js';
export { leadSentences, leadK, leadWords, truncateWords } from './lead.js';
export { evaluateSet, composerSummary, baselineSummaries, meanScores, toArticle } from './run-eval.js';
export type { EvalRow, EvalSetting, SystemResult } from './run-eval.js';
export { scoreExtraction } from './extraction.js';
export type { ExtractionScore } from './extraction.js';
export { extractionReport } from './extraction-report.js';
export type { ExtractionRow } from './extraction-report.js';
export { clusterReport } from './cluster-report.js';
export type { ClusterRow } from './cluster-report.js';
export { FIVE_CLASSES, toFiveClass, topicMetrics } from './topic-metrics.js';
export type { ClassScore, TopicMetrics } from './topic-metrics.js';
export { readTopicEvalRows, topicReport } from './topic-report.js';
export type { TopicEvalRow, TopicReport } from './topic-report.js';
export { readGuardRows, loadWordLexicon, WORD_FREQ_PATH, halfOf, analyzeRows, verdict, rejectionRates, nameExamples, tuneGuard, tradeOff, DEFAULT_TUNE_GUARD_OPTIONS } from './guard-eval.js';
export type { GuardRow, AnalyzedRow, KindRates, TuneGuardOptions, TradeOffRow } from './guard-eval.js';
export { evaluateSetWithWriter, percent } from './llm-eval.js';
