/** HTML → clean text: for feed descriptions (HTML or CDATA) and titles. */
import { Parser } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { measureMarkup, type MarkupLimits } from './markup-limits.js';

/**
 * Past these, a fragment is not built into a tree (linkedom takes seconds on thousands of nested
 * elements) but read as a flat stream of text: a feed's description is a few paragraphs.
 */
export const FRAGMENT_TREE_LIMITS: Readonly<MarkupLimits> = { maxDepth: 128, maxNodes: 20_000 };

// LRM, RLM, the Arabic letter mark (U+061C), embeddings, overrides and isolates.
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
const BLOCKS = new Set(['P', 'DIV', 'BR', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'TR', 'SECTION', 'ARTICLE', 'FIGCAPTION']);

/** Collapses spaces (including &nbsp;) and removes bidi control characters; keeps line breaks. */
export function cleanText(text: string): string {
  return text
    .replace(BIDI_CONTROLS, '')
    .replace(/[\u00A0\u2000-\u200B\u202F\u3000]/g, ' ')
    .split('\n')
    .map((l) => l.replace(/[ \t\r\f\v]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n');
}

/**
 * Text of an HTML fragment, one line per block element: "<p>أ</p><p>ب&nbsp;ج</p>" → "أ\nب ج".
 * Scripts, styles and images are dropped. Plain text comes back cleaned.
 */
export function htmlToText(html: string): string {
  if (!/[<&]/.test(html)) return cleanText(html);
  if (measureMarkup(html, FRAGMENT_TREE_LIMITS).exceeded) return streamText(html);
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of [...document.querySelectorAll('script, style, noscript, iframe, img, figure > img')]) el.remove();
  const out: string[] = [];
  // Depth-first with a stack of its own: no recursion, whatever the nesting.
  const stack: (Node | string)[] = [document.body];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node === 'string') {
      out.push(node);
      continue;
    }
    const children = [...node.childNodes];
    for (let k = children.length - 1; k >= 0; k--) {
      const child = children[k]!;
      if (child.nodeType === 3) stack.push(child.textContent ?? '');
      else if (child.nodeType === 1) {
        const block = BLOCKS.has((child as Element).tagName);
        if (block) stack.push('\n');
        stack.push(child);
        if (block) stack.push('\n');
      }
    }
  }
  return cleanText(out.join(''));
}

const SKIPPED = new Set(['script', 'style', 'noscript', 'iframe']);

/** The text of a fragment read as a stream (no tree): block elements end lines, scripts and styles are dropped. */
function streamText(html: string): string {
  const out: string[] = [];
  let skipped = 0;
  const edge = (name: string): void => {
    if (BLOCKS.has(name.toUpperCase())) out.push('\n');
  };
  const parser = new Parser({
    onopentagname(name) {
      if (SKIPPED.has(name)) skipped++;
      edge(name);
    },
    onclosetag(name) {
      if (SKIPPED.has(name)) skipped = Math.max(0, skipped - 1);
      edge(name);
    },
    ontext(text) {
      if (skipped === 0) out.push(text);
    },
  });
  parser.end(html);
  return cleanText(out.join(''));
}
