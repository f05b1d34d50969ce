/** Reading a target the person names: a URL (one unconditional GET), a file, or standard input ("-"). */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { SourceError } from '../core/errors.js';
import { decodeBytes } from './decode.js';
import { fetchResource, type FetchOptions } from './http-fetch.js';

/** Whether a target names an http(s) URL rather than a file. */
export function isHttpUrl(target: string): boolean {
  return /^https?:\/\//i.test(target);
}

/** A target's bytes, decoded to text, and where it finally came from (the URL after redirects). */
export interface ReadTarget {
  text: string;
  /** The final URL for a fetched target; the path (or "-") otherwise. */
  url: string;
  /** A URL that answered text/plain with no markup in it: an article as plain text, not a page for the extractor. */
  plain?: boolean;
}

/**
 * Whether a fetched body is plain text: served as text/plain, and not HTML under the wrong type
 * (a document that opens with a doctype or an html, head or body tag is read as a page).
 */
export function isPlainTextBody(contentType: string | null | undefined, text: string): boolean {
  if (!/^\s*text\/plain\b/i.test(contentType ?? '')) return false;
  return !/<(!doctype\s+html|html|head|body)[\s>]/i.test(text.slice(0, 2000));
}

/**
 * Reads a URL (one unconditional GET), a file, or standard input ("-") and decodes it (declared
 * or detected charset). Throws a SourceError that says what to do.
 */
export async function readTarget(target: string, options: Partial<FetchOptions> = {}): Promise<ReadTarget> {
  if (isHttpUrl(target)) {
    const res = await fetchResource(target, options);
    if (res.status !== 'ok') throw new SourceError('not_modified', options.sourceName ?? target, `${target} answered 304 to an unconditional request: try again.`);
    const text = decodeBytes(res.bytes, res.contentType).text;
    return { text, url: res.finalUrl, ...(isPlainTextBody(res.contentType, text) ? { plain: true } : {}) };
  }
  let bytes: Uint8Array;
  try {
    bytes = target === '-' ? readFileSync(0) : await readFile(target);
  } catch (err) {
    throw new SourceError('file_unreadable', options.sourceName ?? target, `cannot read ${target}: check the path.`, { cause: err });
  }
  return { text: decodeBytes(bytes).text, url: target };
}
