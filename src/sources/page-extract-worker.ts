/**
 * The worker thread of page-extract-pool.ts: runs {@link extractPage} on one page. It says on
 * `started` when it begins, so that the time limit counts the extraction, not the wait for a
 * thread. Errors come back as data (code and message), since a SourceError does not keep its
 * class across threads.
 */
import type { MessagePort } from 'node:worker_threads';
import { SourceError } from '../core/errors.js';
import type { MarkupLimits } from './markup-limits.js';
import { extractPage, type ExtractedPage } from './page-extract.js';

/** One extraction asked of the worker. */
export interface ExtractTask {
  html: string;
  url?: string;
  limits: MarkupLimits;
  sourceName: string;
  /** Told "started" when the extraction begins. */
  started?: MessagePort;
}

/** What the worker answers. */
export type ExtractAnswer = { ok: true; page: ExtractedPage } | { ok: false; code: string; message: string };

/** Extracts the page of `task` (piscina calls a worker module's default export). */
export default function extractInWorker(task: ExtractTask): ExtractAnswer {
  task.started?.postMessage('started');
  task.started?.close();
  try {
    return { ok: true, page: extractPage(task.html, task.url, { limits: task.limits, sourceName: task.sourceName }) };
  } catch (err) {
    if (err instanceof SourceError) return { ok: false, code: err.code, message: err.message };
    return { ok: false, code: 'extract_failed', message: `${task.url ?? 'the page'} could not be read (${(err as Error).message}).` };
  }
}
