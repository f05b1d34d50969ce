/**
 * Briefings as Telegram HTML messages: everything escaped, the headline in bold, one block per
 * item with its source links, split between items so that no message passes Telegram's limit.
 * Headlines, bullets and names are capped at a word boundary with «…», so that no feed, however
 * long its titles, can make a message Telegram refuses.
 * Every line's first strong character is Arabic (a leading Latin run is isolated with
 * U+2068…U+2069 behind an RLM), so Telegram lays each line out right to left.
 */
import { isolateLatinRuns } from '../../arabic/index.js';
import { cutAtWord } from '../../core/cut-at-word.js';
import { UPDATE_MARK, type Briefing, type BriefingItem } from '../../core/types.js';

// Telegram counts message length in UTF-16 units after entity parsing; 4096 is the hard limit.
export const TELEGRAM_MAX_CHARS = 4096;

/**
 * Longest visible text, in UTF-16 units, of each part of a message. A composed headline is about
 * a dozen words and a bullet at most 80 words (composer.maxBulletWords), well inside these; they
 * only cut what a feed sends that no editor wrote (a 5,000-character title).
 */
export const TELEGRAM_TEXT_CAPS = { title: 200, topic: 100, headline: 300, bullet: 700, sourceName: 80, sources: 10 } as const;

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

const isolatedLength = (s: string): number => isolateLatinRuns(s).length;

// A lone surrogate (half of an emoji cut by a feed) is not valid UTF-8 once sent: Telegram refuses it.
const wellFormed = (s: string): string => s.replace(/\p{Cs}/gu, '\uFFFD');

/** One line of Arabic text, bidi-safe and escaped, at most `maxUnits` visible units (cut at a word with «…»). */
function line(text: string, maxUnits: number): string {
  return escapeHtml(isolateLatinRuns(cutAtWord(wellFormed(text).replace(/\s+/g, ' ').trim(), maxUnits, isolatedLength)));
}

function link(url: string | undefined, name: string): string {
  const label = line(name, TELEGRAM_TEXT_CAPS.sourceName);
  return url && /^https?:\/\//i.test(url) ? `<a href="${escapeHtml(wellFormed(url))}">${label}</a>` : label;
}

/** The sources line: the first few outlets, then how many more. */
function sourcesLine(sources: BriefingItem['sources'], maxSources: number = TELEGRAM_TEXT_CAPS.sources): string {
  const shown = sources.slice(0, maxSources).map((s) => link(s.url, s.name));
  const more = sources.length - shown.length;
  return `المصدر: ${shown.join('، ')}${more > 0 ? ` و${more} أخرى` : ''}`;
}

/** The HTML block of one item: headline, bullets, sources (each capped, see {@link TELEGRAM_TEXT_CAPS}). */
function renderItem(item: BriefingItem, maxBullets = Number.POSITIVE_INFINITY): string {
  // A story sent before that new outlets or facts joined carries the mark «تحديث».
  const lines = [`<b>${item.update ? `${UPDATE_MARK}: ` : ''}${line(item.digest.headline, TELEGRAM_TEXT_CAPS.headline)}</b>${item.aiLabel ? ` <i>${line(item.aiLabel, 40)}</i>` : ''}`];
  for (const b of item.digest.bullets.slice(0, maxBullets)) lines.push(`◂ ${line(b.text, TELEGRAM_TEXT_CAPS.bullet)}`);
  lines.push(sourcesLine(item.sources));
  return lines.join('\n');
}

/**
 * What an empty briefing says: no news yet, or, when the reader's topics, words or muted outlets
 * left out every story of the edition, that, with how many there were and where to see them.
 */
function nothingText(briefing: Briefing): string {
  if (!briefing.leftOut) return 'لا توجد أخبار في هذا الموجز بعد.';
  return `لا شيء لك في موجز اليوم: استبعدت مواضيعك وكلماتك والمصادر المكتومة أخباره كلها (عددها ${briefing.leftOut}). راجعها بالأمر /settings.`;
}

/** Options of {@link renderTelegram}. */
export interface TelegramRenderOptions {
  /** The edition's web page: the last message ends with a link to it («الموجز كاملا»). Default: none. */
  editionUrl?: string;
}

/** The line that links to the edition's page. */
function editionLinkHtml(url: string): string {
  return `<a href="${escapeHtml(url)}">الموجز كاملا</a>`;
}

/**
 * Renders a briefing into one or more messages of at most `maxChars` (Telegram's 4096) visible
 * UTF-16 units. Items are never split; a topic heading travels with its first item. An item
 * too long for one message loses its last bullets, then its later sources: never a message over
 * the limit (for any `maxChars` of 1,000 or more). With an edition URL the last message ends with
 * a link to the edition's page.
 */
export function renderTelegram(briefing: Briefing, maxChars = TELEGRAM_MAX_CHARS, options: TelegramRenderOptions = {}): string[] {
  const name = `<b>${line(briefing.title, TELEGRAM_TEXT_CAPS.title)}</b>`;
  const title = `${name} ‏— ${escapeHtml(wellFormed(briefing.date.slice(0, 40)))}`;
  const continued = `${name} ‏(تابع)`;
  const pageLink = options.editionUrl && /^https?:\/\//i.test(options.editionUrl) ? editionLinkHtml(options.editionUrl) : undefined;
  if (briefing.groups.length === 0) return [`${title}\n\n${escapeHtml(isolateLatinRuns(nothingText(briefing), { commands: true }))}${pageLink ? `\n\n${pageLink}` : ''}`];
  const messages: string[] = [];
  let current = title;
  const push = (block: string): void => {
    const joined = `${current}\n\n${block}`;
    if (telegramLength(joined) <= maxChars) {
      current = joined;
      return;
    }
    messages.push(current);
    current = `${continued}\n\n${block}`;
  };
  // Room for one item after the longer of the two title lines.
  const room = maxChars - Math.max(telegramLength(title), telegramLength(continued)) - 2;
  for (const group of briefing.groups) {
    group.items.forEach((item, k) => {
      const heading = k === 0 ? `<b>■ ${line(group.topic, TELEGRAM_TEXT_CAPS.topic)}</b>\n` : '';
      const fits = (b: string): boolean => telegramLength(heading + b) <= room;
      let block = renderItem(item);
      // An item alone over the limit (it cannot happen with composed bullets, but a feed can
      // carry anything): drop its last bullets, never cut inside one; then its later sources.
      for (let n = item.digest.bullets.length - 1; !fits(block) && n >= 0; n--) block = renderItem(item, n);
      for (let n = Math.min(item.sources.length, TELEGRAM_TEXT_CAPS.sources) - 1; !fits(block) && n >= 0; n--) {
        block = [block.split('\n')[0]!, sourcesLine(item.sources, n)].join('\n');
      }
      push(heading + block);
    });
  }
  if (pageLink) push(pageLink);
  messages.push(current);
  return messages;
}
