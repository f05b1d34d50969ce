/**
 * `npm run compose -- <file|->`: prints one article's digest. Reads .txt/.md (first line is the
 * title), .json ({ title, text }) or standard input with `-`. `--json` prints the Digest as JSON.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { composeArticleText } from '../app.js';
import type { Digest } from '../core/types.js';

const HELP = `Usage: npm run compose -- <file|-> [--json] [--bullets N] [--words N]

  <file>       a .txt or .md article (first line = title) or a .json article ({ "title", "text" })
  -            read the article from standard input
  --json       print the digest as JSON
  --bullets N  most bullets (default 3)
  --words N    most words per bullet (default 30)`;

function render(d: Digest): string {
  const lines = [d.headline, ''];
  for (const b of d.bullets) lines.push(`• ${b.text}  (${b.text.split(/\s+/).length} كلمة)`);
  if (d.keyFigures.length > 0) lines.push('', `أرقام: ${d.keyFigures.join(' | ')}`);
  lines.push('', `المصدر: ${d.source.name}`);
  return lines.join('\n') + '\n';
}

function intArg(argv: string[], name: string): number | undefined {
  const i = argv.indexOf(name);
  if (i < 0) return undefined;
  const v = Number(argv[i + 1]);
  if (!Number.isInteger(v) || v < 1) throw new Error(`${name} needs a positive whole number`);
  return v;
}

function main(argv: string[]): number {
  if (argv.length === 0 || argv.includes('--help')) {
    process.stdout.write(`${HELP}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const optionValues = new Set(['--bullets', '--words'].flatMap((o) => (argv.includes(o) ? [argv[argv.indexOf(o) + 1]] : [])));
  const target = argv.find((a) => (a === '-' || !a.startsWith('--')) && !optionValues.has(a));
  if (target === undefined) throw new Error('name a file, or - for standard input');
  let raw: string;
  try {
    raw = readFileSync(target === '-' ? 0 : target, 'utf8');
  } catch {
    throw new Error(`cannot read ${target}: check the path`);
  }
  const name = target === '-' ? 'stdin' : basename(target);
  const maxBullets = intArg(argv, '--bullets');
  const maxBulletWords = intArg(argv, '--words');
  const format = extname(target).toLowerCase() === '.json' ? 'json' : 'text';
  const digest = composeArticleText(raw, { name, path: target, format }, { ...(maxBullets ? { maxBullets } : {}), ...(maxBulletWords ? { maxBulletWords } : {}) });
  for (const w of digest.warnings) process.stderr.write(`warning: ${w.message}\n`);
  process.stdout.write(argv.includes('--json') ? `${JSON.stringify(digest, null, 2)}\n` : render(digest));
  if (digest.bullets.length === 0) {
    const reason = digest.warnings[0]?.message ?? 'no sentence could be summarized / لا توجد جمل قابلة للتلخيص';
    process.stderr.write(`لم يُنشأ ملخص: ${reason}\n`);
    return 1;
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (err) {
  process.stderr.write(`compose: ${(err as Error).message}\n`);
  process.exitCode = 1;
}
