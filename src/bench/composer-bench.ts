/**
 * The composer part of `npm run bench`: composes every corpus article after a warm-up, and on
 * the same articles, in the same process, a floor pass (normalize + tokenize) and the npm peers;
 * lexrank in a child process. Prints throughput, p50/p99, peak RSS and ratios to the floor, then
 * the peers' ROUGE on the dev sets.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { classifyTopic, clearComposerCaches, clearTopicCaches, composeDigest, prepareLexicon } from '../composer/index.js';
import type { Digest } from '../core/types.js';
import { evaluateSet, loadWordLexicon, readGuardRows, toArticle, WORD_FREQ_PATH, type SystemResult } from '../eval/index.js';
import { readCorpus, readEvalRows, toCorpusArticle, toPlainText } from './corpus.js';
import { floorPass } from './floor.js';
import { groupGuardRows, guardRatioLine, paraphraseDigests, timeGuardIndexes, timeGuardPass, timeGuardRows, type GuardTiming, type IndexTiming } from './guard-bench.js';
import { peakRssMb, timeEach, type Timing } from './measure.js';
import { peerRouge } from './peer-rouge.js';
import { createNodeSummarizer, createTsTextRank } from './peers.js';

/** Options for {@link runComposerBench}. */
export interface ComposerBenchOptions {
  corpusDir: string;
  eascPath: string;
  bbcPath: string;
  /** Articles composed before timing (default 200). */
  warmup: number;
  /** Only the first N corpus articles, and N articles of each dev set for the ROUGE table (smoke test); default all. */
  limit?: number;
  /** Timed rounds of the floor and the composer; medians are reported (default 3). */
  rounds: number;
  /** Skip the peers (default false). */
  skipPeers: boolean;
  /** guard-dev.jsonl: the guard is timed on its standfirsts and their corrupted copies too (skipped when absent). */
  guardDevPath?: string;
  write: (line: string) => void;
}

/** The timing with the median total time. */
function median(ts: readonly Timing[]): Timing {
  return [...ts].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(ts.length / 2)]!;
}

function row(t: Timing, floorMs: number, articles: number): string {
  const ratio = t.totalMs / floorMs;
  return `${t.system.padEnd(18)} ${t.perSecond.toFixed(0).padStart(9)} ${t.p50Ms.toFixed(3).padStart(9)} ${t.p99Ms.toFixed(3).padStart(9)} ${ratio.toFixed(1).padStart(8)}× ${`${t.errors}/${articles}`.padStart(9)}`;
}

function rougeRow(r: SystemResult & { errors?: number }): string {
  return `${r.system.padEnd(22)} ${r.r1.toFixed(1).padStart(6)} ${r.r2.toFixed(1).padStart(6)} ${r.rl.toFixed(1).padStart(6)} ${r.words.toFixed(1).padStart(7)}${r.errors ? `   (${r.errors} errors)` : ''}`;
}

/** Runs the benchmark and prints its report; returns the figures for tests. */
export function runComposerBench(options: ComposerBenchOptions): {
  composer: Timing;
  floor: Timing;
  classifier: Timing;
  peers: Timing[];
  rssMb: number;
  warnings: Record<string, number>;
  guard: GuardTiming;
  /** The guard on paraphrase-like texts (a model's bullets are not verbatim). */
  guardParaphrase: GuardTiming;
  /** The guard on faithful paraphrases (words re-inflected only). */
  guardFaithful: GuardTiming;
  /** The guard on guard-dev's rows, when the file was given. */
  guardDev?: GuardTiming;
  /** The index of each guard-dev article alone, every part built, when the file was given. */
  guardDevIndex?: IndexTiming;
} {
  const { write } = options;
  const corpus = readCorpus(options.corpusDir).slice(0, options.limit);
  const articles = corpus.map(toCorpusArticle);
  const texts = corpus.map((a) => toPlainText(a));
  write(`composer bench: ${articles.length} corpus articles, after a warm-up on ${options.warmup} eval articles`);

  // Warm-up on other articles (the eval sets), so that the JIT is warm but no cache has seen
  // the timed articles: a long-running bot has composed yesterday's news, not today's.
  const warm = [...readEvalRows(options.eascPath), ...readEvalRows(options.bbcPath)].slice(0, options.warmup);
  for (const [i, row] of warm.entries()) {
    floorPass(toPlainText(row));
    composeDigest(toArticle(row, i));
    classifyTopic({ title: row.title, text: row.text });
  }
  // Rounds of floor and composer, interleaved; each composer round starts with cold word caches
  // (as on a new day's articles), so repeating it is fair. The medians are reported, so that a
  // passing load on a shared machine moves neither side alone.
  const floors: Timing[] = [];
  const composers: Timing[] = [];
  const classifiers: Timing[] = [];
  const warmClassifiers: Timing[] = [];
  const aloneClassifiers: Timing[] = [];
  const warnings: Record<string, number> = {};
  let empty = 0;
  const count = (d: Digest, round: number): void => {
    if (round > 0) return;
    for (const w of d.warnings) warnings[w.code] = (warnings[w.code] ?? 0) + 1;
    if (d.bullets.length === 0) empty++;
  };
  const rssBeforeMb = process.memoryUsage().rss / 1024 / 1024;
  for (let round = 0; round < options.rounds; round++) {
    floors.push(timeEach('floor', texts, floorPass));
    clearComposerCaches();
    composers.push(timeEach('composer', articles, (a) => count(composeDigest(a), round)));
    // The topic classifier alone (the composer runs it too, inside composeDigest), its word cache
    // cold. It stems with the composer's cached stems, which hold an article's words by the time
    // composeDigest classifies it, as they hold the corpus's words here.
    clearTopicCaches();
    classifiers.push(timeEach('topic classifier', corpus, (a) => classifyTopic({ title: a.title, text: a.text })));
    // Again with its word cache warm, as in a bot that has read yesterday's news.
    warmClassifiers.push(timeEach('topic classifier (warm)', corpus, (a) => classifyTopic({ title: a.title, text: a.text })));
    // And called on its own, with every cache cold (no composer has stemmed the words).
    clearComposerCaches();
    aloneClassifiers.push(timeEach('topic classifier (alone)', corpus, (a) => classifyTopic({ title: a.title, text: a.text })));
  }
  floors.push(timeEach('floor', texts, floorPass));
  // The composer's own peak, before the guard's word list and indexes are built.
  const rssMb = peakRssMb();
  // The guard, on the composer's own digests as stand-ins for a model's: the same rounds, medians.
  const lexicon = loadWordLexicon(fileURLToPath(WORD_FREQ_PATH));
  // What the guard derives from the lexicon alone (families, category distributions): once per
  // process, as the app does at start in LLM mode; timed here, not in the per-text figures.
  const prepareStarted = performance.now();
  prepareLexicon(lexicon);
  const prepareMs = performance.now() - prepareStarted;
  const digests = articles.map((a) => composeDigest(a));
  // And on paraphrase-like texts, as a model writes them: the guard's slower paths (analyses no
  // source word is written as, unsupported words and their name features) are timed too.
  const paraphrased = paraphraseDigests(digests);
  // And on faithful paraphrases (words re-inflected only), what a model that keeps to its sources writes.
  const faithful = paraphraseDigests(digests, false);
  // The guard's warm-up, like the composer's: on the eval articles, so that the JIT is warm but no
  // cache has seen the timed articles (each timed pass starts with cold word caches anyway).
  const warmArticles = warm.map((row, i) => toArticle(row, i));
  const warmDigests = warmArticles.map((a) => composeDigest(a));
  timeGuardPass(warmArticles, warmDigests, lexicon);
  timeGuardPass(warmArticles, paraphraseDigests(warmDigests), lexicon);
  timeGuardPass(warmArticles, paraphraseDigests(warmDigests, false), lexicon);
  const guards: GuardTiming[] = [];
  const paraphraseGuards: GuardTiming[] = [];
  const faithfulGuards: GuardTiming[] = [];
  for (let round = 0; round < options.rounds; round++) {
    guards.push(timeGuardPass(articles, digests, lexicon));
    faithfulGuards.push(timeGuardPass(articles, faithful, lexicon));
    paraphraseGuards.push(timeGuardPass(articles, paraphrased, lexicon));
  }
  const medianGuard = (ts: GuardTiming[]): GuardTiming => [...ts].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(ts.length / 2)]!;
  // And on journalists' standfirsts of real articles (and their corrupted copies): real
  // paraphrases, longer than bullets, with words the article lacks. The composer is timed on the
  // same articles too, in the same rounds: the guard's index share grows with the article.
  let guardDev: { guard: GuardTiming; warm: GuardTiming; index: IndexTiming; composer: Timing; articles: number } | undefined;
  if (options.guardDevPath && existsSync(options.guardDevPath)) {
    const groups = groupGuardRows(readGuardRows(options.guardDevPath)).slice(0, options.limit);
    const devArticles = groups.map((g, i) => toArticle({ id: g[0]!.id, title: g[0]!.title, text: g[0]!.text, references: [] }, i));
    timeGuardRows(groups, lexicon);
    const devGuards: GuardTiming[] = [];
    const devWarm: GuardTiming[] = [];
    const devComposers: Timing[] = [];
    const devIndexes: IndexTiming[] = [];
    for (let round = 0; round < options.rounds; round++) {
      clearComposerCaches();
      devComposers.push(timeEach('composer (guard-dev articles)', devArticles, (a) => composeDigest(a)));
      devGuards.push(timeGuardRows(groups, lexicon));
      // Again with the caches the cold pass left: a bot's steady state, for reference only.
      devWarm.push(timeGuardRows(groups, lexicon, false));
      devIndexes.push(timeGuardIndexes(groups, lexicon));
    }
    const index = [...devIndexes].sort((a, b) => a.totalMs - b.totalMs)[Math.floor(devIndexes.length / 2)]!;
    guardDev = { guard: medianGuard(devGuards), warm: medianGuard(devWarm), index, composer: median(devComposers), articles: devArticles.length };
  }
  const guard = medianGuard(guards);
  const guardParaphrase = medianGuard(paraphraseGuards);
  const guardFaithful = medianGuard(faithfulGuards);
  const rssGuardMb = peakRssMb();
  const floor = median(floors);
  const composer = median(composers);
  const classifier = median(classifiers);
  const warmClassifier = median(warmClassifiers);
  const aloneClassifier = median(aloneClassifiers);

  const timings: Timing[] = [floor, composer];
  const rouge: (SystemResult & { errors?: number })[][] = [[], []];
  if (!options.skipPeers) {
    const easc = readEvalRows(options.eascPath).slice(0, options.limit);
    const bbc = readEvalRows(options.bbcPath).slice(0, options.limit);
    const composerEval = [evaluateSet(easc, { kind: 'share', share: 0.3 }).results[0]!, evaluateSet(bbc, { kind: 'lead-bullet', maxWords: 25 }).results[0]!];
    rouge[0]!.push({ ...composerEval[0]!, system: 'composer (≤ 30 % words)' });
    rouge[1]!.push({ ...composerEval[1]!, system: 'composer (≤ 25 words)' });
    for (const peer of [createTsTextRank(), createNodeSummarizer()]) {
      warm.forEach((row) => {
        const t = toPlainText(row);
        try {
          peer.summarize(t, 3);
        } catch {
          // counted in the timed pass
        }
      });
      timings.push(timeEach(peer.name, texts, (t) => peer.summarize(t, 3)));
      rouge[0]!.push(peerRouge(peer.name, easc, 'easc', peer.summarize));
      rouge[1]!.push(peerRouge(peer.name, bbc, 'bbc', peer.summarize));
    }
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(new URL('./lexrank-child.ts', import.meta.url)), options.corpusDir, options.eascPath, options.bbcPath, String(options.warmup), String(options.limit ?? '')],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 30 * 60_000 },
    );
    if (child.status === 0) {
      const r = JSON.parse(child.stdout) as { floor: Timing; timing: Timing; easc: SystemResult & { errors: number }; bbc: SystemResult & { errors: number } };
      // lexrank's ratio is to the floor measured in its own process, before it loaded.
      timings.push({ ...r.timing, system: 'lexrank (child)', totalMs: (r.timing.totalMs / r.floor.totalMs) * floor.totalMs });
      rouge[0]!.push(r.easc);
      rouge[1]!.push(r.bbc);
    } else {
      write(`lexrank child failed: ${child.stderr.split('\n').slice(-3).join(' ')}`);
    }
  }

  write('');
  write(`${'system'.padEnd(18)} ${'art/s'.padStart(9)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'÷ floor'.padStart(9)} ${'errors'.padStart(9)}`);
  for (const t of timings) write(row(t, floor.totalMs, articles.length));
  write('(lexrank: its time ÷ its own floor, shown at this floor\'s scale; its articles/s and p50/p99 are its own)');
  write('');
  write(`peak RSS after composing the corpus: ${rssMb.toFixed(0)} MB (before the guard and any peer were loaded; ${rssBeforeMb.toFixed(0)} MB with the corpus loaded, before composing); ${rssGuardMb.toFixed(0)} MB after the guard's passes`);
  write(
    `topic classifier: ${((classifier.totalMs / articles.length) * 1000).toFixed(1)} µs per article, ${(classifier.totalMs / composer.totalMs).toFixed(3)}× the composer's time per article (target ≤ 0.1; the composer's time includes it; its word cache cold, the article's words stemmed by the composer as in composeDigest)`,
  );
  write(`topic classifier on its own, every cache cold (no composer stems): ${((aloneClassifier.totalMs / articles.length) * 1000).toFixed(1)} µs per article, ${(aloneClassifier.totalMs / composer.totalMs).toFixed(3)}× the composer's time per article`);
  write(`topic classifier, word cache warm: ${((warmClassifier.totalMs / articles.length) * 1000).toFixed(1)} µs per article, ${(warmClassifier.totalMs / composer.totalMs).toFixed(3)}× the composer's (cold) time per article`);
  write(`guard's lexicon tables (families and category distributions, built once per process at start): ${prepareMs.toFixed(0)} ms, not in the per-text figures below; each pass below starts with every word cache cold`);
  write(guardRatioLine(guard, composer, articles.length));
  write(guardRatioLine(guardFaithful, composer, articles.length, 'guard on faithful paraphrases (of every 5 words, one re-inflected)'));
  write(guardRatioLine(guardParaphrase, composer, articles.length, 'guard on paraphrase-like texts (of every 5 words, one re-inflected, one from another article)'));
  if (guardDev) {
    const { guard: g, warm: w, index: x, composer: c, articles: n } = guardDev;
    const perText = g.totalMs / Math.max(1, g.texts);
    write(
      `guard on guard-dev's standfirsts and corrupted copies (${g.texts} texts of ${n} articles, ${(g.texts / n).toFixed(1)} per article; ${g.rejected} rejected): ${perText.toFixed(3)} ms per checked text (index share included) = ${(perText / (c.totalMs / n)).toFixed(2)}× the composer's ${(c.totalMs / n).toFixed(3)} ms per article on those articles (target ≤ 0.2×); ${(perText / (composer.totalMs / articles.length)).toFixed(2)}× its time per corpus article`,
    );
    const warmPerText = w.totalMs / Math.max(1, w.texts);
    write(`  the same pass with the word caches the cold one left (a bot that has run a while; not the target's measure): ${warmPerText.toFixed(3)} ms per checked text = ${(warmPerText / (c.totalMs / n)).toFixed(2)}×`);
    const indexPerArticle = x.totalMs / Math.max(1, x.articles);
    const textsPerArticle = g.texts / Math.max(1, n);
    write(
      `  building the indexes alone (every part, ${x.articles} articles): ${indexPerArticle.toFixed(3)} ms per article = ${(indexPerArticle / (c.totalMs / n)).toFixed(2)}× the composer per article; ${(indexPerArticle / textsPerArticle / (c.totalMs / n)).toFixed(2)}× per text at ${textsPerArticle.toFixed(1)} texts per article, before any word is checked`,
    );
  }
  write(`composer warnings: ${Object.entries(warnings).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}; empty digests: ${empty}; exceptions: ${composer.errors}`);
  if (rouge[0]!.length > 0) {
    for (const [k, name] of [[0, 'EASC dev (peers at round(30 % of the sentences))'], [1, 'ANT-BBC dev (peers at 1 sentence)']] as const) {
      write('');
      write(`${name}`);
      write(`${'system'.padEnd(22)} ${'R-1'.padStart(6)} ${'R-2'.padStart(6)} ${'R-L'.padStart(6)} ${'words'.padStart(7)}`);
      for (const r of rouge[k]!) write(rougeRow(r));
    }
  }
  return { composer, floor, classifier, peers: timings.slice(2), rssMb, warnings, guard, guardParaphrase, guardFaithful, ...(guardDev ? { guardDev: guardDev.guard, guardDevIndex: guardDev.index } : {}) };
}
