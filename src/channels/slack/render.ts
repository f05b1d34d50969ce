/**
 * Briefings as Slack Block Kit messages: a header, a section per item (mrkdwn escaped, source
 * links), a context line with the date; at most 50 blocks and 3000 characters per section text,
 * split into several messages when needed, never losing an item. Every line starts with an
 * Arabic letter (Latin runs isolated). A plain-text `text` goes with each message for
 * notifications.
 */
import { isolateLatinRuns } from '../../arabic/index.js';
import type { Briefing, BriefingItem } from '../../core/types.js';

// Slack's limits: 50 blocks per message, 3000 characters in a section's text, 150 in a header.
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_SECTION_CHARS = 3000;
const HEADER_MAX_CHARS = 150;

/** A Block Kit block (the subset this renderer makes). */
export type SlackBlock =
  | { type: 'header'; text: { type: 'plain_text'; text: string; emoji: boolean } }
  | { type: 'section'; text: { type: 'mrkdwn'; text: string } }
  | { type: 'context'; elements: { type: 'mrkdwn'; text: string }[] }
  | { type: 'divider' };

/** One Slack message: blocks and the notification text. */
export interface SlackMessage {
  text: string;
  blocks: SlackBlock[];
}

/** Escapes the three characters Slack's mrkdwn needs escaped: & < >. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function line(text: string): string {
  return escapeMrkdwn(isolateLatinRuns(text.replace(/\s+/g, ' ').trim()));
}

function sourceLink(s: { name: string; url?: string }): string {
  // Inside <url|label>, a "|" or ">" in the label would end it.
  const label = line(s.name).replace(/[|]/g, '¦');
  return s.url && /^https?:\/\//i.test(s.url) ? `<${s.url.replace(/[<>|]/g, encodeURIComponent)}|${label}>` : label;
}

/** The section text of one item: bold headline, bullets, sources (each line right to left). */
export function itemText(item: BriefingItem, maxBullets = Number.POSITIVE_INFINITY): string {
  const lines = [`*${line(item.digest.headline)}*`];
  for (const b of item.digest.bullets.slice(0, maxBullets)) lines.push(`◂ ${line(b.text)}`);
  lines.push(`المصدر: ${item.sources.map(sourceLink).join('، ')}`);
  return lines.join('\n');
}

/** Options of {@link renderSlack}. */
export interface SlackRenderOptions {
  /** The edition's web page: the last message's closing line links to it («الموجز كاملا»). Default: none. */
  editionUrl?: string;
}

/** Renders a briefing into one or more Slack messages within Block Kit's limits. */
export function renderSlack(briefing: Briefing, options: SlackRenderOptions = {}): SlackMessage[] {
  const title = isolateLatinRuns(briefing.title).slice(0, HEADER_MAX_CHARS);
  const dateLine = { type: 'mrkdwn' as const, text: `موجز يوم ${escapeMrkdwn(briefing.date)}` };
  const pageUrl = options.editionUrl && /^https?:\/\//i.test(options.editionUrl) ? options.editionUrl : undefined;
  const context: SlackBlock = { type: 'context', elements: [dateLine] };
  // The last message ends with the link to the edition's page, in its closing context line.
  const lastContext: SlackBlock = pageUrl ? { type: 'context', elements: [dateLine, { type: 'mrkdwn', text: `<${pageUrl.replace(/[<>|]/g, encodeURIComponent)}|الموجز كاملا>` }] } : context;
  const items = briefing.groups.flatMap((g) => g.items.map((item, k) => ({ item, topic: k === 0 ? g.topic : undefined })));
  if (items.length === 0) {
    return [{ text: `${briefing.title}: لا توجد أخبار بعد.`, blocks: [{ type: 'header', text: { type: 'plain_text', text: title, emoji: false } }, { type: 'section', text: { type: 'mrkdwn', text: 'لا توجد أخبار في هذا الموجز بعد.' } }, lastContext] }];
  }
  const messages: SlackMessage[] = [];
  let blocks: SlackBlock[] = [];
  let headlines: string[] = [];
  const start = (continued: boolean): void => {
    blocks = [{ type: 'header', text: { type: 'plain_text', text: continued ? `${title} (تابع)`.slice(0, HEADER_MAX_CHARS) : title, emoji: false } }];
    headlines = [];
  };
  const flush = (last = false): void => {
    blocks.push(last ? lastContext : context);
    messages.push({ text: `${briefing.title} — ${briefing.date}: ${headlines.join('؛ ')}`.slice(0, 3000), blocks });
  };
  start(false);
  for (const { item, topic } of items) {
    let text = itemText(item);
    for (let n = item.digest.bullets.length - 1; text.length > SLACK_MAX_SECTION_CHARS && n >= 0; n--) text = itemText(item, n);
    if (text.length > SLACK_MAX_SECTION_CHARS) text = `${text.slice(0, SLACK_MAX_SECTION_CHARS - 1)}…`;
    const add: SlackBlock[] = [];
    if (topic) add.push({ type: 'section', text: { type: 'mrkdwn', text: `■ *${line(topic)}*` } });
    add.push({ type: 'section', text: { type: 'mrkdwn', text } });
    // Keep one block for the context line.
    if (blocks.length + add.length > SLACK_MAX_BLOCKS - 1) {
      flush();
      start(true);
    }
    blocks.push(...add);
    headlines.push(item.digest.headline);
  }
  flush(true);
  return messages;
}
