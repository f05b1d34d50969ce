/**
 * Bounds on markup before it is parsed into a tree. Readability over linkedom, linkedom itself
 * and the feed parser grow faster than linearly with nesting (1,000 nested <div>s, 11 KB, kept
 * Readability busy for 7.8 s; 20,000 nested elements overflow the feed parser's stack), so the
 * depth and the element count are measured first by htmlparser2's streaming tokenizer, which
 * builds no tree and works in one pass.
 */
import { Parser } from 'htmlparser2';
import { SourceError } from '../core/errors.js';

/** Limits on a document's element tree. */
export interface MarkupLimits {
  /** Deepest nesting of elements accepted. */
  maxDepth: number;
  /** Most elements accepted. */
  maxNodes: number;
}

/** What {@link measureMarkup} found: the deepest nesting and the element count, up to where a limit was passed. */
export interface MarkupSize {
  depth: number;
  nodes: number;
  /** Which limit was passed first, if one was (measuring stops there). */
  exceeded?: 'depth' | 'nodes';
}

const STOP = Symbol('stop');

/**
 * Measures the element tree of HTML (or XML with `xml`) as the parsers will build it: htmlparser2
 * applies the same implied end tags as linkedom, which is built on it. Stops at the first limit
 * passed, so hostile input costs no more than the limit.
 */
export function measureMarkup(markup: string, limits: MarkupLimits, options: { xml?: boolean } = {}): MarkupSize {
  const size: MarkupSize = { depth: 0, nodes: 0 };
  let depth = 0;
  const parser = new Parser(
    {
      onopentagname() {
        depth++;
        size.nodes++;
        if (depth > size.depth) size.depth = depth;
        if (size.depth > limits.maxDepth) size.exceeded = 'depth';
        else if (size.nodes > limits.maxNodes) size.exceeded = 'nodes';
        if (size.exceeded) throw STOP;
      },
      onclosetag() {
        depth--;
      },
    },
    { xmlMode: options.xml ?? false, decodeEntities: false },
  );
  try {
    parser.end(markup);
  } catch (err) {
    if (err !== STOP) throw err;
  }
  return size;
}

/**
 * Throws a SourceError (`too_deep` or `too_many_elements`) naming `what` and the limit when the
 * markup passes one of `limits`; returns its size otherwise.
 */
export function checkMarkupLimits(markup: string, limits: MarkupLimits, context: { source: string; what: string; xml?: boolean }): MarkupSize {
  const size = measureMarkup(markup, limits, { xml: context.xml ?? false });
  if (size.exceeded === 'depth') {
    throw new SourceError('too_deep', context.source, `${context.what} nests elements more than ${limits.maxDepth} deep: it is not read (no real article or feed does this; it would freeze the parser).`);
  }
  if (size.exceeded === 'nodes') {
    throw new SourceError('too_many_elements', context.source, `${context.what} has more than ${limits.maxNodes} elements: it is not read (check that the URL is an article or a feed).`);
  }
  return size;
}
