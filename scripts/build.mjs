#!/usr/bin/env node
/**
 * `npm run build`: compiles src/ alone to dist/ (tsconfig.build.json) and copies the runtime
 * data files that live beside the code (everything under src/ that is not TypeScript, e.g. JSON
 * weights), so that a module finds them from dist/ at the same relative path as from src/.
 * `--out-dir DIR` builds elsewhere (the build test does). The output directory is emptied first.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Whether a file under src/ is a runtime data file (copied) rather than source (compiled). */
export function isAsset(path) {
  return !/\.(ts|mts|cts)$/.test(path);
}

/** Copies every non-TypeScript file of `srcDir` into `outDir`, keeping relative paths. */
export function copyAssets(srcDir, outDir) {
  cpSync(srcDir, outDir, { recursive: true, filter: (path) => path === srcDir || isAsset(path) });
}

/** Compiles and copies; returns the output directory. */
export function build(outDir = join(ROOT, 'dist')) {
  rmSync(outDir, { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.build.json'), '--outDir', outDir], { stdio: 'inherit', cwd: ROOT });
  copyAssets(join(ROOT, 'src'), outDir);
  if (!existsSync(join(outDir, 'cli', 'main.js'))) throw new Error(`build: ${outDir}/cli/main.js was not written`);
  return outDir;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf('--out-dir');
  const out = i > 0 ? resolve(process.argv[i + 1] ?? '') : undefined;
  try {
    process.stdout.write(`built ${build(out)}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}
