/**
 * Where a worker thread's module is, whether the caller runs from `src/` under tsx (`npm start`,
 * vitest) or from the compiled `dist/` (`npm run start:prod`).
 */

/**
 * The URL to give `new Worker(…)` for the module `specifier` (written as an import is, with
 * `.js`) next to the calling module `base` (its `import.meta.url`).
 *
 * From `dist/` it is the `.js` file itself. From `src/` the caller is a `.ts` file run by tsx,
 * and on Node 20 a worker thread does not inherit tsx's loader (tsx issue #354: "Unknown file
 * extension .ts"); so the URL is then a small `data:` module that registers tsx in the worker
 * and imports the `.ts` file. `workerData`, `parentPort` and errors behave the same either way.
 * tsx is only looked up on the `.ts` path: the compiled output never needs it.
 *
 * @example
 * const worker = new Worker(workerUrl('./page-worker.js', import.meta.url), { workerData });
 */
export function workerUrl(specifier: string, base: string | URL): URL {
  const from = new URL(String(base));
  const fromSource = /\.[cm]?ts$/.test(from.pathname);
  const target = new URL(fromSource ? specifier.replace(/\.([cm]?)js$/, '.$1ts') : specifier, from);
  if (!fromSource) return target;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import { register } from ${JSON.stringify(tsx)};\nregister();\nawait import(${JSON.stringify(target.href)});\n`;
  return new URL(`data:text/javascript,${encodeURIComponent(bootstrap)}`);
}
