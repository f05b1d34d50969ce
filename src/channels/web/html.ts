/**
 * HTML built by a tagged template that escapes every interpolated value unless it is already
 * {@link SafeHtml}: the one place where text becomes markup, so a feed title holding `<script>`
 * can only ever show as text. Arabic text gets `<bdi>` around its Latin runs.
 */
import { isolateLatinRuns } from '../../arabic/index.js';

/** Markup that is already safe (built by {@link html} or {@link arabicText}). */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** What {@link html} accepts between `${…}`: text is escaped, SafeHtml kept, lists joined, nothing for null/undefined/false. */
export type HtmlValue = SafeHtml | string | number | null | undefined | false | readonly HtmlValue[];

// C0 controls (but tab and line breaks) and DEL have no place in HTML or XML text.
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Escapes text for HTML content and quoted attributes: & < > " ' (and drops control characters). */
export function escapeHtml(text: string): string {
  return text
    .replace(CONTROLS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function render(value: HtmlValue): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(String(value));
}

/**
 * Tagged template for HTML: every `${value}` is escaped unless it is SafeHtml.
 *
 * @example
 * html`<h3>${'<script>'}</h3>`.value // → '<h3>&lt;script&gt;</h3>'
 */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): SafeHtml {
  let out = strings[0]!;
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1]!;
  });
  return new SafeHtml(out);
}

const RTL = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const LATIN = /[A-Za-z\u00C0-\u024F]/;

/**
 * Arabic text for a page: escaped, whitespace folded, each Latin run in `<bdi>` so that names and
 * acronyms keep their own direction without reordering the sentence around them; text with no
 * Arabic letter but a Latin one is isolated whole.
 *
 * @example
 * arabicText('قالت BBC: <b>').value // → 'قالت <bdi>BBC</bdi>: &lt;b&gt;'
 */
export function arabicText(text: string): SafeHtml {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (!RTL.test(folded)) return LATIN.test(folded) ? html`<bdi>${folded}</bdi>` : html`${folded}`;
  // isolateLatinRuns marks each run with FSI…PDI (and may add an RLM, which dir="rtl" makes needless).
  const marked = escapeHtml(isolateLatinRuns(folded)).replace(/\u200F/g, '');
  return new SafeHtml(marked.replace(/\u2068([^\u2069]*)\u2069/g, '<bdi>$1</bdi>'));
}

/** An http(s) URL as given, or undefined for anything else (file paths, javascript:, data:). */
export function webUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}
