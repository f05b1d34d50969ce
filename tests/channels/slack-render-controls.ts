/** What a Slack message may carry: tells the control sequences the renderer wrote (its source links) from any other. */
import type { SlackMessage } from '../../src/channels/slack/render.js';
import type { Briefing } from '../../src/core/types.js';

/** Every string Slack receives in a message: the notification text, the header, sections, context. */
export function textsOf(m: SlackMessage): string[] {
  const out = [m.text];
  for (const b of m.blocks) {
    if (b.type === 'header' || b.type === 'section') out.push(b.text.text);
    else if (b.type === 'context') out.push(...b.elements.map((e) => e.text));
  }
  return out;
}

// A link as this renderer writes it: <http(s)://address|label>, the address free of < > | and spaces.
export const LINK = /<(https?:\/\/[^\s<>|]+)\|([^<>|]*)>/g;

/**
 * The control sequences in `text` that this renderer did not write: every "<…>" that is not a
 * link to one of the briefing's source addresses, and any "&" that does not start &amp; &lt; &gt;.
 */
export function foreignControls(text: string, sourceUrls: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const rest = text.replace(LINK, (whole, url: string) => {
    if (!sourceUrls.has(safeDecode(url))) found.push(whole);
    return ' ';
  });
  for (const m of rest.matchAll(/<[!@#]|<https?|<|>/gi)) found.push(m[0]);
  for (const m of rest.matchAll(/&(?!amp;|lt;|gt;)/g)) found.push(m[0]);
  return found;
}

/** The source addresses of a briefing, as the links that may carry them compare (percent-decoded). */
export function sourceUrlsOf(b: Briefing): Set<string> {
  return new Set(b.groups.flatMap((g) => g.items.flatMap((i) => i.sources.flatMap((s) => (s.url ? [safeDecode(s.url.replace(/\p{Cs}/gu, '\uFFFD').replace(/[<>|\s]/g, encodeURIComponent))] : [])))));
}
function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url);
  } catch {
    return url;
  }
}

