/**
 * Briefings as Slack Block Kit messages: a header, a section per item (mrkdwn escaped, source
 * links), a context line with the date; at most 50 blocks and 3000 characters per section text,
 * split into several messages when needed, never losing an item. Every line starts with an
 * Arabic letter (Latin runs isolated). A plain-text `text` goes with each message for
 * notifications. Every text from outside (headlines, bullets, names, titles) is escaped, so a
 * feed title such as "<!channel>" is shown as written and pings no one; the only "<…>" in the
 * output are the source links this file writes. Every section's text is `verbatim`: Slack links
 * no "#channel", "@name" or bare address a headline or bullet carries (the links written here
 * still work).
 */
import { isolateLatinRuns } from '../../arabic/index.js';
import { cutAtWord } from '../../core/cut-at-word.js';
import { UPDATE_MARK, type Briefing, type BriefingItem } from '../../core/types.js';

// Slack's limits: 50 blocks per message, 3000 characters in a section's text, 150 in a header.
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_CHARS = 3000;
const HEADER_MAX_CHARS = 150;
// The notification text: Slack takes up to 40,000 characters; a notification shows far fewer.
const NOTIFICATION_MAX_CHARS = 3000;

/**
 * Longest text, in characters as sent (escaped, bidi-isolated), of each part of a message. A
 * composed headline is about a dozen words and a bullet at most 80 words, well inside these; they
 * only cut what a feed sends that no editor wrote.
 */
const SLACK_TEXT_CAPS = { topic: 100, headline: 300, bullet: 700, sourceName: 80, sourceUrl: 1000, sources: 10 } as const;

/** A Block Kit block (the subset this renderer makes). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string; verbatim: true } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

/** One Slack message: blocks and the notification text. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/**
 * Escapes the three characters Slack treats as control characters in any text it receives: & < >.
 * Use it on everything that did not come from this code: a feed's headline, a user's words echoed
 * back ("لا توجد أخبار عن «…»"), a time zone the user typed. Unescaped, "<!channel>" pings a whole
 * channel and "<http://x|label>" shows a link that hides where it goes.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The same as {@link escapeSlackText} (its first name). */
export const escapeMrkdwn = escapeSlackText;

/**
 * A plain-text answer (already escaped) made right-to-left safe line by line, as briefings are:
 * each Latin run and each /command with its Latin words in FSI…PDI, an RLM before a line that
 * opens with one (else «/briefing subscribe» in an Arabic line shows as «briefing subscribe/», and
 * a help line that opens with it reads left to right). The escapes are read back first, so that
 * no isolate falls inside «&lt;», and written again after.
 *
 * @example
 * rightToLeftAnswer('اكتب /briefing subscribe') // → 'اكتب \u2068/briefing subscribe\u2069'
 */
export function rightToLeftAnswer(text: string): string {
  const unescaped = (line: string): string => line.replace(/&(amp|lt|gt);/g, (_, e: string) => (e === 'amp' ? '&' : e === 'lt' ? '<' : '>'));
  return text
    .split('\n')
    .map((line) => escapeSlackText(isolateLatinRuns(unescaped(line), { commands: true })))
    .join('\n');
}

/**
 * Text from outside, made safe to send to Slack: spaces collapsed, bidi-isolated, cut at a word
 * with «…» to at most `maxChars` characters as sent, and escaped. For replies that echo what a
 * user typed.
 *
 * @example
 * slackSafeText('<!channel> اقتصاد', 200) // → '&lt;!channel&gt; اقتصاد' (with the Latin run isolated)
 */
export function slackSafeText(text: string, maxChars: number): string {
  const sent = (s: string): number => escapeSlackText(isolateLatinRuns(s)).length;
  return escapeSlackText(isolateLatinRuns(cutAtWord(wellFormed(text).replace(/\s+/g, ' ').trim(), maxChars, sent)));
}

// A lone surrogate (half of an emoji cut by a feed) is not valid UTF-8 once sent.
const wellFormed = (s: string): string => s.replace(/\p{Cs}/gu, '\uFFFD');

function sourceLink(s: { name: string; url?: string }): string {
  // Inside <url|label>, a "|" or ">" in the label would end it.
  const label = slackSafeText(s.name, SLACK_TEXT_CAPS.sourceName).replace(/[|]/g, '¦');
  if (!s.url || !/^https?:\/\/[^\s]/i.test(s.url)) return label;
  // < > | and spaces would end the link early; percent-encoded, the address stays the same.
  const url = wellFormed(s.url).replace(/[<>|\s]/g, encodeURIComponent);
  return url.length <= SLACK_TEXT_CAPS.sourceUrl ? `<${url}|${label}>` : label;
}

function sourcesLine(sources: BriefingItem['sources'], maxSources: number = SLACK_TEXT_CAPS.sources): string {
  const shown = sources.slice(0, maxSources).map(sourceLink);
  const more = sources.length - shown.length;
  return `المصدر: ${shown.join('، ')}${more > 0 ? ` و${more} أخرى` : ''}`;
}

/** The section text of one item: bold headline, bullets, sources (each line right to left, each part capped). */
function itemText(item: BriefingItem, maxBullets = Number.POSITIVE_INFINITY, maxSources: number = SLACK_TEXT_CAPS.sources): string {
  // A story sent before that new outlets or facts joined carries the mark «تحديث».
  const lines = [`*${item.update ? `${UPDATE_MARK}: ` : ''}${slackSafeText(item.digest.headline, SLACK_TEXT_CAPS.headline)}*${item.aiLabel ? ` _${slackSafeText(item.aiLabel, 40)}_` : ''}`];
  for (const b of item.digest.bullets.slice(0, maxBullets)) lines.push(`◂ ${slackSafeText(b.text, SLACK_TEXT_CAPS.bullet)}`);
  lines.push(sourcesLine(item.sources, maxSources));
  return lines.join('\n');
}

/** The item's section text within Slack's 3000: its last bullets go first, then its later sources. */
function fittedItemText(item: BriefingItem): string {
  let text = itemText(item);
  for (let n = item.digest.bullets.length - 1; text.length > SLACK_MAX_SECTION_CHARS && n >= 0; n--) text = itemText(item, n);
  for (let n = Math.min(item.sources.length, SLACK_TEXT_CAPS.sources) - 1; text.length > SLACK_MAX_SECTION_CHARS && n >= 0; n--) text = itemText(item, 0, n);
  return text;
}

/** The notification text: the briefing's name and date, then as many headlines as fit. */
function notificationText(briefing: Briefing, headlines: readonly string[]): string {
  let text = `${slackSafeText(briefing.title, HEADER_MAX_CHARS)} — ${escapeSlackText(wellFormed(briefing.date.slice(0, 40)))}:`;
  for (const [k, h] of headlines.entries()) {
    const next = `${text}${k === 0 ? ' ' : '؛ '}${slackSafeText(h, SLACK_TEXT_CAPS.headline)}`;
    if (next.length > NOTIFICATION_MAX_CHARS - 2) return `${text} …`;
    text = next;
  }
  return text;
}

/** Options of {@link renderSlack}. */
export interface SlackRenderOptions {
  /** The edition's web page: the last message's closing line links to it («الموجز كاملا»). Default: none. */
  editionUrl?: string;
  /** Blocks left free in each message for the caller's own (a button under an answer). Default 0. */
  reserveBlocks?: number;
}

/** Renders a briefing into one or more Slack messages within Block Kit's limits. */
export function renderSlack(briefing: Briefing, options: SlackRenderOptions = {}): SlackMessage[] {
  const title = slackSafeText(briefing.title, HEADER_MAX_CHARS);
  const continued = `${slackSafeText(briefing.title, HEADER_MAX_CHARS - 8)} (تابع)`;
  const dateLine = { type: 'mrkdwn' as const, text: `موجز يوم ${escapeSlackText(wellFormed(briefing.date.slice(0, 40)))}` };
  const pageUrl = options.editionUrl && /^https?:\/\//i.test(options.editionUrl) ? options.editionUrl : undefined;
  const context: SlackBlock = { type: 'context', elements: [dateLine] };
  // The last message ends with the link to the edition's page, in its closing context line.
  const lastContext: SlackBlock = pageUrl ? { type: 'context', elements: [dateLine, { type: 'mrkdwn', text: `<${pageUrl.replace(/[<>|\s]/g, encodeURIComponent)}|الموجز كاملا>` }] } : context;
  const items = briefing.groups.flatMap((g) => g.items.map((item, k) => ({ item, topic: k === 0 ? g.topic : undefined })));
  if (items.length === 0) {
    // Every story left out by the reader's topics, words or muted outlets is not «no news yet».
    const nothing = briefing.leftOut
      ? isolateLatinRuns(`لا شيء هنا من موجز اليوم: استبعدت المواضيع المختارة والكلمات والمصادر المكتومة أخباره كلها (عددها ${briefing.leftOut}). راجعها بـ /briefing settings.`, { commands: true })
      : 'لا توجد أخبار في هذا الموجز بعد.';
    return [{ text: `${title}: ${briefing.leftOut ? nothing : 'لا توجد أخبار بعد.'}`, blocks: [{ type: 'header', text: { type: 'plain_text', text: title, emoji: false } }, { type: 'section', text: { type: 'mrkdwn', text: nothing, verbatim: true } }, lastContext] }];
  }
  const maxBlocks = SLACK_MAX_BLOCKS - (options.reserveBlocks ?? 0);
  const messages: SlackMessage[] = [];
  let blocks: SlackBlock[] = [];
  let headlines: string[] = [];
  const start = (again: boolean): void => {
    blocks = [{ type: 'header', text: { type: 'plain_text', text: again ? continued : title, emoji: false } }];
    headlines = [];
  };
  const flush = (last = false): void => {
    blocks.push(last ? lastContext : context);
    messages.push({ text: notificationText(briefing, headlines), blocks });
  };
  start(false);
  for (const { item, topic } of items) {
    const add: SlackBlock[] = [];
    if (topic) add.push({ type: 'section', text: { type: 'mrkdwn', text: `■ *${slackSafeText(topic, SLACK_TEXT_CAPS.topic)}*`, verbatim: true } });
    add.push({ type: 'section', text: { type: 'mrkdwn', text: fittedItemText(item), verbatim: true } });
    // Keep one block for the context line.
    if (blocks.length + add.length > maxBlocks - 1) {
      flush();
      start(true);
    }
    blocks.push(...add);
    headlines.push(item.digest.headline);
  }
  flush(true);
  return messages;
}
