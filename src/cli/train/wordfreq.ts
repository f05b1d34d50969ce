/** `npm run train -- wordfreq`: the guard's word-frequency list, from the labelled news of ../shared/topics/ant-train.jsonl. */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { countWordForms, DEFAULT_WORD_COUNT_OPTIONS, serializeWordCounts, type LexiconDocument } from '../../composer/guard/index.js';
import { type OptionSpec, optionValue } from '../args.js';

/** One line for the help. */
export const USAGE = `wordfreq [--data FILE] [--out FILE] [--min-count N] [--max-forms N]   the guard's word-frequency list (default: ../shared/topics/ant-train.jsonl → src/composer/guard/word-freq.txt.gz)`;

/** The options it takes. */
export const OPTIONS: OptionSpec = { values: { '--data': 'FILE', '--max-forms': 'N', '--min-count': 'N', '--out': 'FILE', '--shared': 'DIR' } };

/** Where the shipped list lives. */
export const DEFAULT_OUT = fileURLToPath(new URL('../../composer/guard/word-freq.txt.gz', import.meta.url));

/** Builds the list: counts of normalized word forms with the articles of each category using them; no sentences. */
export function run(argv: string[]): number {
  const shared = resolve(optionValue(argv, '--shared') ?? join(process.cwd(), '..', 'shared'));
  const file = optionValue(argv, '--data') ?? join(shared, 'topics', 'ant-train.jsonl');
  if (!existsSync(file)) {
    process.stderr.write(`train: ${file} not found; pass --shared DIR or --data FILE\n`);
    return 2;
  }
  const out = optionValue(argv, '--out') ?? DEFAULT_OUT;
  const options = {
    minCount: Number(optionValue(argv, '--min-count') ?? DEFAULT_WORD_COUNT_OPTIONS.minCount),
    maxForms: Number(optionValue(argv, '--max-forms') ?? DEFAULT_WORD_COUNT_OPTIONS.maxForms),
  };
  const docs: LexiconDocument[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim().length === 0) return;
      const r = JSON.parse(line) as { title?: string | null; text?: string; category?: string };
      if (typeof r.text !== 'string' || typeof r.category !== 'string') throw new Error(`${file}:${i + 1}: needs text and category`);
      docs.push({ text: `${r.title ?? ''}\n${r.text}`, category: r.category });
    });
  const counted = countWordForms(docs);
  const text = serializeWordCounts(counted, options);
  // gzip with a fixed header (no name, no time), so that the same corpus gives the same bytes.
  const gz = gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
  writeFileSync(out, gz);
  const forms = text.split('\n').length - 2;
  process.stdout.write(`${docs.length} articles, ${counted.tokens} words, ${counted.counts.size} forms → ${forms} forms (count ≥ ${options.minCount}) in ${out} (${(gz.length / 1024).toFixed(0)} KiB)\n`);
  return 0;
}
