import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { workerUrl } from '../../src/core/worker-url.js';

function run(url: URL, workerData: unknown): Promise<unknown> {
  const worker = new Worker(url, { workerData });
  return new Promise((resolve, reject) => {
    worker.once('message', (m) => void worker.terminate().then(() => resolve(m)));
    worker.once('error', reject);
  });
}

describe('workerUrl', () => {
  it('from compiled code, is the .js module itself', () => {
    expect(workerUrl('./page-worker.js', 'file:///app/dist/sources/page-source.js').href).toBe('file:///app/dist/sources/page-worker.js');
    expect(workerUrl('../core/w.js', new URL('file:///app/dist/sources/x.js')).href).toBe('file:///app/dist/core/w.js');
  });

  it('from TypeScript, is a module that loads tsx and then the .ts file', () => {
    const url = workerUrl('./page-worker.js', 'file:///app/src/sources/page-source.ts');
    expect(url.protocol).toBe('data:');
    const code = decodeURIComponent(url.href.slice(url.href.indexOf(',') + 1));
    expect(code).toContain('"file:///app/src/sources/page-worker.ts"');
    expect(code).toMatch(/tsx\/dist\/esm\/api/);
  });

  it('starts a TypeScript worker from TypeScript (as under npm start and vitest), with its workerData', async () => {
    // On Node 20 a plain new Worker(".ts") fails here: the worker does not inherit the loader.
    const answer = (await run(workerUrl('./fixtures/echo-worker.js', import.meta.url), { n: 21 })) as { doubled: number; file: string };
    expect(answer.doubled).toBe(42);
    expect(answer.file).toMatch(/tests\/core\/fixtures\/echo-worker\.ts$/);
  }, 60_000);

  it('reports an error of the worker module as the worker\'s error', async () => {
    await expect(run(workerUrl('./fixtures/no-such-worker.js', import.meta.url), {})).rejects.toThrow(/no-such-worker\.ts/);
  }, 60_000);
});
