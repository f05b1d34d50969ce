/** Keeps the import directions of docs/ARCHITECTURE.md true, by reading the import lines of src/. */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

const SRC = join(ROOT, 'src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

/** The module of a file: its first folder under src/ (channels/<name> counts as one), or the file for top-level files. */
function moduleOf(path: string): string {
  const parts = relative(SRC, path).split('/');
  if (parts.length === 1) return parts[0]!.replace(/\.ts$/, '');
  return parts[0] === 'channels' ? `channels/${parts[1]}` : parts[0]!;
}

const ALLOWED_INTERNAL: Record<string, string[]> = {
  core: [],
  arabic: [],
  composer: ['arabic', 'core'],
  sources: ['core'],
  store: ['core'],
  service: ['composer', 'arabic', 'core'],
  delivery: ['core'],
  schedule: ['service', 'delivery', 'core'],
  config: ['core'],
  server: ['core'],
  app: ['*'],
  wiring: ['composer', 'core', 'delivery', 'schedule', 'service'],
  eval: ['composer', 'core', 'sources'],
  train: ['composer', 'core', 'eval'],
  bench: ['arabic', 'composer', 'core', 'eval', 'delivery', 'schedule', 'service', 'store', 'server', 'sources', 'wiring', 'channels/telegram', 'channels/slack'],
  cli: ['app', 'config', 'core', 'eval', 'bench', 'sources', 'composer', 'train'],
  llm: ['core'],
};
const ALLOWED_EXTERNAL: Record<string, RegExp> = {
  core: /^$/,
  arabic: /^stopword$/, // the maintained stop-word list (data)
  composer: /^$/,
  service: /^$/,
  delivery: /^$/,
  sources: /^(node:.*|feedsmith|@mozilla\/readability|linkedom|htmlparser2|iconv-lite|chardet|undici|ipaddr\.js|piscina)$/,
  store: /^(node:.*|better-sqlite3|pg)$/,
  schedule: /^node-cron$/,
  config: /^(node:.*|dotenv|zod|jsonc-parser)$/, // jsonc-parser: where a file is not JSON (line, column), without quoting it
  server: /^(node:.*|prom-client|find-my-way)$/,
  app: /^(node:.*|pino)$/,
  wiring: /^$/,
  eval: /^node:.*$/, // reading eval data files; the scorer itself is pure
  train: /^node:.*$/, // reading the training data, hashing the trainer's files
  bench: /^(node:.*|ts-textrank|node-summarizer|lexrank|better-sqlite3)$/, // the peers are devDependencies
  cli: /^(node:.*|pino|pino-pretty|jsonc-parser)$/, // the process's logger; briefing files edited in place
  llm: /^openai$/, // the official client of OpenAI-compatible servers
  'channels/console': /^$/,
  'channels/web': /^(node:.*|feedsmith)$/, // feedsmith writes the Atom feed
  'channels/slack': /^(@slack\/bolt|@slack\/socket-mode|node:http|node:crypto)$/, // node:crypto: a post button press's lease owner
  'channels/telegram': /^(grammy(\/types)?|@grammyjs\/.*|node:http|node:crypto)$/,
};

const imports = files(SRC).map((file) => {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  return { file, module: moduleOf(file), specs };
});

describe('architecture', () => {
  it('finds the source files', () => {
    expect(imports.length).toBeGreaterThan(20);
  });

  for (const { file, module, specs } of imports) {
    it(`${relative(ROOT, file)} imports only what ${module} may`, () => {
      for (const spec of specs) {
        if (spec.startsWith('.')) {
          const target = moduleOf(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
          if (target === module) continue;
          // Channels may use the pure Arabic toolkit too (bidi isolation when rendering).
          const allowed = module.startsWith('channels/') ? ['service', 'core', 'arabic'] : (ALLOWED_INTERNAL[module] ?? []);
          if (target.startsWith('channels/') && module === 'bench') continue; // benchmarks drive a channel's publisher
          expect(allowed.includes('*') || allowed.includes(target), `${module} → ${target}`).toBe(true);
        } else {
          const external = ALLOWED_EXTERNAL[module] ?? /^$/;
          expect(external.test(spec), `${module} → ${spec}`).toBe(true);
        }
      }
    });
  }
});
