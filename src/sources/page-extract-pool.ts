/**
 * Page extraction off the event loop: a small kept pool of worker threads (piscina) runs
 * extractPage with a time limit, so that a hostile page costs one SourceError and nothing else
 * (/healthz, webhooks, Slack acks and deliveries go on meanwhile). A worker that passes the time
 * limit is terminated and replaced. The worker file is found next to this one: `.ts` under tsx
 * and vitest (the worker then loads tsx's loader too), `.js` when compiled into dist/.
 */
import { availableParallelism } from 'node:os';
import { createRequire } from 'node:module';
import { extname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import { SourceError } from '../core/errors.js';
import type { MarkupLimits } from './markup-limits.js';
import { DEFAULT_PAGE_LIMITS, type ExtractedPage } from './page-extract.js';
import type { ExtractAnswer, ExtractTask } from './page-extract-worker.js';

/** Options for {@link extractPageOffThread}. */
export interface OffThreadExtractOptions {
  /** Longest extraction, from when a worker starts on it, before that worker is stopped (default 15 s). */
  timeoutMs: number;
  /** Limits checked in the worker before parsing (default DEFAULT_PAGE_LIMITS). */
  limits: MarkupLimits;
  /** Name of the source for errors (default: the URL's host, or "page"). */
  sourceName?: string;
  /** Ends the extraction early (its worker is stopped). */
  signal?: AbortSignal;
  /** Called when a worker starts on the page (after any wait for a thread). */
  onStarted?: () => void;
}

/** Defaults for {@link OffThreadExtractOptions}. */
export const DEFAULT_OFF_THREAD_EXTRACT_OPTIONS: Readonly<OffThreadExtractOptions> = { timeoutMs: 15_000, limits: DEFAULT_PAGE_LIMITS };

/**
 * Where the worker module is, and how to start it, for the way this file itself was loaded.
 * piscina loads its worker module by path, so core/worker-url.ts's `data:` bootstrap does not
 * fit here: under tsx the worker gets tsx's loader through `execArgv` instead (a worker does not
 * inherit it on Node 20). From dist/ it is the compiled `.js` and no loader.
 */
export function workerModule(selfUrl: string = import.meta.url): { filename: string; execArgv: string[] | undefined } {
  const ext = extname(fileURLToPath(selfUrl));
  const filename = new URL(`./page-extract-worker${ext}`, selfUrl).href;
  if (ext !== '.ts') return { filename, execArgv: undefined };
  // A TypeScript worker needs tsx's loader, which a worker does not inherit under vitest.
  const tsx = pathToFileURL(createRequire(selfUrl).resolve('tsx')).href;
  return { filename, execArgv: ['--import', tsx] };
}

let pool: Piscina<ExtractTask, ExtractAnswer> | undefined;

function thePool(): Piscina<ExtractTask, ExtractAnswer> {
  if (!pool) {
    const { filename, execArgv } = workerModule();
    pool = new Piscina<ExtractTask, ExtractAnswer>({
      filename,
      ...(execArgv ? { execArgv } : {}),
      minThreads: 0,
      // One core stays for the event loop.
      maxThreads: Math.max(1, Math.min(2, availableParallelism() - 1)),
      // Kept a while for the next page of a feed; idle workers never keep the process alive.
      idleTimeout: 30_000,
      // A page that makes the parser build a huge tree ends the worker, not the process.
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
  }
  return pool;
}

/**
 * Extracts the article of an HTML page in a worker thread. Throws a SourceError: `too_deep` or
 * `too_many_elements` past the limits, `extract_timeout` past the time limit, `aborted` when
 * `signal` ends it, `extract_failed` when the worker fails.
 */
export async function extractPageOffThread(html: string, url?: string, options: Partial<OffThreadExtractOptions> = {}): Promise<ExtractedPage> {
  const opts = { ...DEFAULT_OFF_THREAD_EXTRACT_OPTIONS, ...options };
  const source = opts.sourceName ?? (url && URL.canParse(url) ? new URL(url).host : 'page');
  const what = url ?? 'the page';
  // The time limit runs from when a worker starts on the page: a thread's start-up or a queue
  // behind other pages is not the page's fault.
  const timeout = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, timeout.signal]) : timeout.signal;
  const { port1, port2 } = new MessageChannel();
  let timer: NodeJS.Timeout | undefined;
  port1.once('message', () => {
    timer = setTimeout(() => timeout.abort(), opts.timeoutMs);
    opts.onStarted?.();
  });
  let answer: ExtractAnswer;
  try {
    const task: ExtractTask = { html, ...(url ? { url } : {}), limits: opts.limits, sourceName: source, started: port2 };
    answer = await thePool().run(task, { signal, transferList: [port2] });
  } catch (err) {
    if (timeout.signal.aborted) {
      throw new SourceError('extract_timeout', source, `${what} took more than ${opts.timeoutMs} ms to read: it was stopped; the page may be built to freeze readers.`, { cause: err });
    }
    if (opts.signal?.aborted) throw new SourceError('aborted', source, `reading ${what} was stopped.`, { cause: err });
    throw new SourceError('extract_failed', source, `${what} could not be read (${(err as Error).message}).`, { cause: err });
  } finally {
    clearTimeout(timer);
    port1.close();
  }
  if (!answer.ok) throw new SourceError(answer.code, source, answer.message);
  return answer.page;
}

/** Stops the worker threads (tests and shutdown); the next extraction starts new ones. */
export async function closeExtractPool(): Promise<void> {
  const p = pool;
  pool = undefined;
  await p?.close({ force: true });
}
