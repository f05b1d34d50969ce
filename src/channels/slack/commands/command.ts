/** What a /briefing sub-command receives, and the router that picks one by its first word. */
import type { App } from '@slack/bolt';
import type { Logger } from '../../../core/ports.js';
import type { Briefing, BriefingDefinition, ChannelRef } from '../../../core/types.js';
import type { BriefingService } from '../../../service/index.js';

/** An answer to a slash command: ephemeral (only the person sees it) unless said otherwise. */
export interface SlackAnswer {
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  text: string;
  blocks?: unknown[];
}

/** The app-wide deps every sub-command may use. */
export interface SubcommandDeps {
  service: BriefingService;
  /** The briefing people subscribe to here. */
  briefing: BriefingDefinition;
  log: Logger;
  /** The web page of an edition (with a public URL): briefings end with a link to it. Default: none. */
  editionUrl?: (briefing: Briefing) => string | undefined;
}

/** One invocation of a sub-command. */
export interface SubcommandCall {
  /** The words after the sub-command's name («subscribe 07:30 Asia/Riyadh» → ['07:30', 'Asia/Riyadh']). */
  args: string[];
  /** The whole text after /briefing, trimmed and bounded. */
  text: string;
  /** The channel (or DM) the command was typed in. */
  ref: ChannelRef;
  /** Answers within Slack's 3 seconds; call it exactly once. */
  ack(answer: SlackAnswer): Promise<void>;
  /** Answers later through response_url (up to 5 times within 30 minutes). */
  respond(answer: SlackAnswer): Promise<void>;
  /** The Web API client, for the checks a sub-command needs (conversations.info). */
  client: App['client'];
}

/** A /briefing sub-command. */
export type Subcommand = (call: SubcommandCall) => Promise<void>;

/** Text beyond this is ignored: a slash command's text is a topic or a few words. */
const MAX_TEXT_CHARS = 200;

/**
 * Picks the sub-command of a /briefing text by its first word (any case); anything else is the
 * default one, which takes the whole text (a topic or words to look for).
 *
 * @example
 * routeSubcommand('subscribe 07:30', ['subscribe', 'help']) // → { name: 'subscribe', args: ['07:30'], text: 'subscribe 07:30' }
 * routeSubcommand('النفط', ['subscribe', 'help'])           // → { name: undefined, args: ['النفط'], text: 'النفط' }
 */
export function routeSubcommand(raw: string, names: readonly string[]): { name: string | undefined; args: string[]; text: string } {
  const text = raw.trim().slice(0, MAX_TEXT_CHARS);
  const words = text.split(/\s+/).filter(Boolean);
  const first = (words[0] ?? '').toLowerCase();
  return names.includes(first) ? { name: first, args: words.slice(1), text } : { name: undefined, args: words, text };
}
