/**
 * Briefings as Telegram HTML messages: everything escaped, the headline in bold, one block per
 * item with its source links, split between items so that no message passes Telegram's limit.
 * Every line's first strong character is Arabic (a leading Latin run is isolated with
 * U+2068…U+2069 behind an RLM), so Telegram lays each line out right to left.
 */
import { isolateLatinRuns } from '../../arabic/index.js';
import type { Briefing, BriefingItem } from '../../core/types.js';

// Telegram counts message length in UTF-16 units after entity parsing; 4096 is the hard limit.
export const TELEGRAM_MAX_CHARS = 4096;

/** Escapes text for Telegram HTML: & < > (and " for attributes). */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The text Telegram shows for an HTML message (tags removed, entities decoded): what its limit counts. */
export function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** Length in UTF-16 units of what Telegram shows (JavaScript strings count UTF-16 units). */
export function telegramLength(html: string): number {
  return visibleText(html).length;
}

/** One line of Arabic text, bidi-safe and escaped. */
function line(text: string): string {
  return escapeHtml(isolateLatinRuns(text.replace(/\s+/g, ' ').trim()));
}

function link(url: string | undefined, name: string): string {
  const label = line(name);
  return url && /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(url)}">${label}</a>` : label;
}

/** The HTML block of one item: headline, bullets, sources. */
export function renderItem(item: BriefingItem, maxBullets = Number.POSITIVE_INFINITY): string {
  const lines = [`<b>${line(item.digest.headline)}</b>`];
  for (const b of item.digest.bullets.slice(0, maxBullets)) lines.push(`◂ ${line(b.text)}`);
  lines.push(`المصدر: ${item.sources.map((s) => link(s.url, s.name)).join('، ')}`);
  return lines.join('\n');
}

/** Options of {@link renderTelegram}. */
export interface TelegramRenderOptions {
  /** The edition's web page: the last message ends with a link to it («الموجز كاملا»). Default: none. */
  editionUrl?: string;
}

/** The line that links to the edition's page. */
export function editionLinkHtml(url: string): string {
  return `<a href="${escapeHtml(url)}">الموجز كاملا</a>`;
}

/**
 * Renders a briefing into one or more messages of at most `maxChars` (Telegram's 4096) visible
 * UTF-16 units. Items are never split; a topic heading travels with its first item; with an
 * edition URL the last message ends with a link to the edition's page.
 */
export function renderTelegram(briefing: Briefing, maxChars = TELEGRAM_MAX_CHARS, options: TelegramRenderOptions = {}): string[] {
  const title = `<b>${line(briefing.title)}</b> ‏— ${escapeHtml(briefing.date)}`;
  const pageLink = options.editionUrl && /^https?:\/\//i.test(options.editionUrl) ? editionLinkHtml(options.editionUrl) : undefined;
  if (briefing.groups.length === 0) return [`${title}\n\nلا توجد أخبار في هذا الموجز بعد.${pageLink ? `\n\n${pageLink}` : ''}`];
  const messages: string[] = [];
  let current = title;
  const push = (block: string): void => {
    const joined = `${current}\n\n${block}`;
    if (telegramLength(joined) <= maxChars) {
      current = joined;
      return;
    }
    messages.push(current);
    current = `<b>${line(briefing.title)}</b> ‏(تابع)\n\n${block}`;
  };
  for (const group of briefing.groups) {
    group.items.forEach((item, k) => {
      let block = renderItem(item);
      // An item alone over the limit (it cannot happen with 30-word bullets, but a feed can
      // carry anything): drop its last bullets, never cut inside one.
      for (let n = item.digest.bullets.length - 1; telegramLength(block) > maxChars - 200 && n >= 0; n--) block = renderItem(item, n);
      push(k === 0 ? `<b>■ ${line(group.topic)}</b>\n${block}` : block);
    });
  }
  if (pageLink) push(pageLink);
  messages.push(current);
  return messages;
}
