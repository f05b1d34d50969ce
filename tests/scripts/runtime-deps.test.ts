/**
 * `npm prune --omit=dev` (the Docker image) must leave a working app: every package the
 * production entry points import, directly or through other modules, is in "dependencies".
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

/** What an operator runs from dist/: the app, the sources tool, the healthcheck, compose and extract. */
const ENTRY_POINTS = ['src/cli/main.ts', 'src/cli/sources.ts', 'src/cli/healthcheck.ts', 'src/cli/compose.ts', 'src/cli/extract.ts'];

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };

/** The specifiers a module loads at run time (type-only imports are erased by the compiler). */
function runtimeSpecifiers(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]/gm)) if (!m[2]) out.push(m[3]!);
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of text.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

function packageOf(spec: string): string {
  return spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
}

/** Every package reachable from the entry points through relative imports. */
function reachablePackages(): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const queue = ENTRY_POINTS.map((p) => join(ROOT, p));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const spec of runtimeSpecifiers(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) queue.push(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else if (!spec.startsWith('node:') && !builtinModules.includes(spec)) packages.set(packageOf(spec), file);
    }
  }
  return packages;
}

describe('runtime dependencies', () => {
  const packages = reachablePackages();

  it('finds the packages the app loads', () => {
    for (const p of ['grammy', 'pino', 'pino-pretty', 'better-sqlite3', 'pg', 'feedsmith', 'jsonc-parser']) expect([...packages.keys()]).toContain(p);
  });

  it('lists every one of them in "dependencies", so that npm prune --omit=dev keeps them', () => {
    const missing = [...packages].filter(([p]) => !(p in pkg.dependencies)).map(([p, file]) => `${p} (imported by ${file.slice(ROOT.length + 1)})`);
    expect(missing).toEqual([]);
  });

  it('keeps tsx a development tool: the compiled app does not need it', () => {
    expect(packages.has('tsx')).toBe(false);
    expect(pkg.devDependencies).toHaveProperty('tsx');
    expect(pkg.dependencies).not.toHaveProperty('tsx');
  });
});
