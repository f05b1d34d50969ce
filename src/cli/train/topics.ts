/**
 * `npm run train -- topics [--shared DIR | --data FILE] [--check] [--cv] [--out FILE]`: rebuilds
 * the topic classifier's model from ../shared/topics/ant-train.jsonl, byte for byte. `--check`
 * retrains and compares with the shipped file (exit 1 on any difference: CI runs it); `--cv`
 * prints the leave-one-outlet-out cross-validation the options were chosen with.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { toFiveClass, topicMetrics, type TopicMetrics } from '../../eval/topic-metrics.js';
import { crossValidateTopics, DEFAULT_TOPIC_TRAINING_OPTIONS, hashTrainerFiles, readTopicExamples, readUnlabelledArticles, serializeTopicModel, trainTopicModel, type UnlabelledArticle } from '../../train/index.js';
import { type OptionSpec, optionValue } from '../args.js';

const ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** Where the shipped model lives (imported by the composer as a JSON module). */
const MODEL_PATH = join(ROOT, 'src', 'composer', 'topics', 'topic-model.json');
/** The unlabelled articles of the EM steps, under the shared folder. */
const UNLABELLED_FILES = ['corpus/ant-multisource-2018.jsonl', 'corpus/saudinewsnet-2015-08-01.jsonl'];
/**
 * Outlets whose articles are never used, even unlabelled: BBC Arabic is the outlet of the dev set
 * (../shared/eval/ant-bbc-dev.jsonl) and of the held-out test, which must stay an outlet the model never saw.
 */
const HELD_OUT_OUTLETS = ['BBC'];

/** The help of `npm run train -- topics`. */
export const USAGE = `topics [--shared DIR | --data FILE] [--out FILE] [--check] [--cv]   the topic classifier (src/composer/topics/topic-model.json)

  --shared DIR   folder with topics/ant-train.jsonl (default ../shared)
  --data FILE    the labelled articles (JSONL: id, outlet, category, title, text) instead
  --out FILE     where to write the model (default ${relative(process.cwd(), MODEL_PATH) || MODEL_PATH})
  --check        retrain and compare with the model file; exit 1 when the bytes differ
  --cv           also print leave-one-outlet-out cross-validation (train on 3 outlets, test on the 4th)
  --no-unlabelled  naive Bayes on the labelled articles only (no EM steps over ${UNLABELLED_FILES.join(' and ')},
                 which are read from the shared folder without their ${HELD_OUT_OUTLETS.join(', ')} articles)`;

/** The options it takes. */
export const OPTIONS: OptionSpec = { flags: ['--check', '--cv', '--no-unlabelled'], values: { '--data': 'FILE', '--out': 'FILE', '--shared': 'DIR' } };

function line(name: string, m: TopicMetrics): string {
  return `${name.padEnd(10)} ${String(m.rows).padStart(6)}  acc6 ${m.accuracy6.toFixed(3)}  acc5 ${m.accuracy5.toFixed(3)}  macro-F1(5) ${m.macroF1_5.toFixed(3)}  other ${m.other}`;
}

/** Trains (or, with --check, verifies) the topic classifier. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const data = resolve(optionValue(argv, '--data') ?? join(shared, 'topics', 'ant-train.jsonl'));
  if (!existsSync(data)) {
    process.stderr.write(`train: ${data} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const out = resolve(optionValue(argv, '--out') ?? MODEL_PATH);
  const started = performance.now();
  const { examples, sha256, file } = readTopicExamples(data);
  const unlabelled: UnlabelledArticle[] = [];
  const unlabelledRecord: { file: string; rows: number; sha256: string }[] = [];
  if (!argv.includes('--no-unlabelled')) {
    const titles = new Set(examples.map((e) => e.title));
    for (const path of UNLABELLED_FILES.map((f) => join(shared, f))) {
      if (!existsSync(path)) {
        process.stderr.write(`train: ${path} not found (the unlabelled articles); pass --shared DIR, or --no-unlabelled\n`);
        return 2;
      }
      const u = readUnlabelledArticles(path, { outlets: HELD_OUT_OUTLETS, titles });
      unlabelled.push(...u.articles);
      unlabelledRecord.push({ file: u.file, rows: u.articles.length, sha256: u.sha256 });
    }
  }
  const record = { data: { file, rows: examples.length, sha256 }, ...(unlabelled.length > 0 ? { unlabelled: unlabelledRecord } : {}), trainer: hashTrainerFiles(ROOT) };
  const model = trainTopicModel(examples, record, DEFAULT_TOPIC_TRAINING_OPTIONS, unlabelled);
  const text = serializeTopicModel(model);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (argv.includes('--cv')) {
    const cv = crossValidateTopics(examples, DEFAULT_TOPIC_TRAINING_OPTIONS, undefined, unlabelled);
    process.stdout.write('leave-one-outlet-out cross-validation (held-out outlet, articles, figures):\n');
    for (const f of cv.folds) process.stdout.write(`${line(f.outlet, f.metrics)}\n`);
    process.stdout.write(`${line('pooled', cv.pooled)}\n`);
    process.stdout.write(`temperature fitted on the held-out outlets: ${cv.temperature}\n`);
    const byThreshold = [0, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5].map((t) => {
      const m = topicMetrics(cv.rows.map((r) => r.gold), cv.rows.map((r) => (r.confidence >= t ? r.best : null)));
      const below = cv.rows.filter((r) => r.confidence < t);
      const right = below.filter((r) => toFiveClass(r.best) === toFiveClass(r.gold)).length;
      return `${t.toFixed(2)}: acc5 ${m.accuracy5.toFixed(3)}, ${m.other} below (${below.length ? ((100 * right) / below.length).toFixed(0) : '-'} % of those right)`;
    });
    process.stdout.write(`pooled, by threshold:\n  ${byThreshold.join('\n  ')}\n`);
    process.stdout.write(`per class (5, pooled): ${cv.pooled.perClass5.map((s) => `${s.label} P ${s.precision.toFixed(2)} R ${s.recall.toFixed(2)}`).join(' | ')}\n`);
  }
  if (argv.includes('--check')) {
    const shipped = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (shipped === text) {
      process.stdout.write(`train: ${relative(process.cwd(), out)} is what ${file} (${examples.length} rows) and this trainer give, byte for byte (${seconds} s)\n`);
      return 0;
    }
    const differing = shipped.split('\n').findIndex((l, i) => l !== text.split('\n')[i]);
    process.stderr.write(`train: ${relative(process.cwd(), out)} differs from a retrained model (first at line ${differing + 1}); run \`npm run train -- topics\` and commit the result\n`);
    return 1;
  }
  writeFileSync(out, text);
  process.stdout.write(`train: wrote ${relative(process.cwd(), out)} (${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB, ${model.vocabulary.length} stems) from ${file}, ${examples.length} rows, in ${seconds} s\n`);
  return 0;
}
