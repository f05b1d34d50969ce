/** The composer's files import one another without cycles (type-only imports count too: a cycle is a cycle to a reader). */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

const COMPOSER = join(ROOT, 'src', 'composer');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The composer files each composer file imports (relative imports only). */
function graph(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of files(COMPOSER)) {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)]
      .map((m) => resolve(dirname(file), m[1]!).replace(/\.js$/, '.ts'))
      .filter((t) => t.startsWith(COMPOSER));
    edges.set(file, targets);
  }
  return edges;
}

/** One import cycle as a list of files, or null (depth-first search with colours). */
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (f: string): string[] | null => {
    state.set(f, 'open');
    stack.push(f);
    for (const t of edges.get(f) ?? []) {
      if (state.get(t) === 'open') return [...stack.slice(stack.indexOf(t)), t];
      if (state.get(t) === undefined) {
        const c = visit(t);
        if (c) return c;
      }
    }
    stack.pop();
    state.set(f, 'done');
    return null;
  };
  for (const f of edges.keys()) {
    if (state.get(f) !== undefined) continue;
    const c = visit(f);
    if (c) return c;
  }
  return null;
}

describe('composer imports', () => {
  it('finds the cycle in a graph that has one (the check can fail)', () => {
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']]]))).toEqual(['a', 'b', 'c', 'a']);
    expect(findCycle(new Map([['a', ['b']], ['b', ['c']], ['c', []]]))).toBeNull();
  });

  it('has no cycle among the composer files (the draft imports no stage)', () => {
    const edges = graph();
    expect(edges.size).toBeGreaterThan(10);
    const cycle = findCycle(edges);
    expect(cycle?.map((f) => relative(ROOT, f)) ?? null).toBeNull();
  });
});
