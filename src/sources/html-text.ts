/** HTML → clean text: for feed descriptions (HTML or CDATA) and titles. */
import { parseHTML } from 'linkedom';

const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
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
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  for (const el of [...document.querySelectorAll('script, style, noscript, iframe, img, figure > img')]) el.remove();
  const out: string[] = [];
  const walk = (node: Node): void => {
    for (const child of [...node.childNodes]) {
      if (child.nodeType === 3) out.push(child.textContent ?? '');
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (BLOCKS.has(tag)) out.push('\n');
        walk(child);
        if (BLOCKS.has(tag)) out.push('\n');
      }
    }
  };
  walk(document.body);
  return cleanText(out.join(''));
}
