/** What a /briefing sub-command receives, and the router that picks one by its first word. */
import type { App } from '@slack/bolt';
import { stripBidiControls } from '../../../arabic/index.js';
import type { Logger } from '../../../core/ports.js';
import { boundAtWord } from '../../../core/cut-at-word.js';
import { MAX_FILTER_TEXT_CHARS } from '../../../core/subscriptions.js';
import type { Briefing, BriefingDefinition, ChannelRef } from '../../../core/types.js';
import type { BriefingService } from '../../../service/index.js';
import { SLACK_TOKEN_REFUSED } from '../publisher.js';
import { SLACK_TEXT, type Place } from '../texts.js';

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
  /** The briefing people subscribe to here when they name none (the configured defaultBriefing). */
  briefing: BriefingDefinition;
  /** Every briefing people may choose (default: `briefing` alone). */
  briefings?: readonly BriefingDefinition[];
  log: Logger;
  /** The web page of an edition (with a public URL): briefings end with a link to it. Default: none. */
  editionUrl?: (briefing: Briefing) => string | undefined;
  /** Who may change a channel's subscriptions, topics, words and mutes (default 'members': anyone typing in it). A person's own DM is always theirs. */
  changesBy?: 'members' | 'admins';
}

/** One invocation of a sub-command. */
export interface SubcommandCall {
  /** The words after the sub-command's name («subscribe 07:30 Asia/Riyadh» → ['07:30', 'Asia/Riyadh']). */
  args: string[];
  /** The whole text after /briefing, trimmed and bounded. */
  text: string;
  /**
   * What the command acts on: the channel it was typed in, or, typed in a direct message, the
   * person's DM with the app (conversations.open), where the bot can post.
   */
  ref: ChannelRef;
  /** Typed in a direct message (any DM: the person's with the app, or with someone else). */
  direct: boolean;
  /** In a direct message whose DM with the app could not be opened: what to tell the person (`ref` is then the DM typed in). */
  dmUnavailable?: string;
  /** Typed in a group DM (mpim, «mpdm-…»): a subscription goes to it when the app is in it. */
  groupDm?: boolean;
  /** Whether the app can post where the command was typed: not in a DM between other people (default true). */
  canPostHere?: boolean;
  /** Answers within Slack's 3 seconds; call it exactly once. */
  ack(answer: SlackAnswer): Promise<void>;
  /** When the ack must be sent at the latest (epoch ms): a Web API call before it is raced with {@link beforeAck}. */
  ackBy: number;
  /** Answers later through response_url (up to 5 times within 30 minutes). */
  respond(answer: SlackAnswer): Promise<void>;
  /** The Web API client, for the checks a sub-command needs (conversations.info). */
  client: App['client'];
}

/** Every briefing, the default first, and one by id: the service's, for the sub-commands. */
export { briefingsOf, definitionOf } from '../../../service/index.js';

/** Whether a slash command came from a direct message (Slack names its channel "directmessage"; DM ids start with D). */
export function isDirectMessage(command: { channel_id: string; channel_name?: string }): boolean {
  return command.channel_name === 'directmessage' || command.channel_id.startsWith('D');
}

/** Where a command was typed, as its answers name it. */
export function placeOf(call: { direct: boolean; groupDm?: boolean }): Place {
  return call.direct ? 'dm' : call.groupDm ? 'group' : 'channel';
}

/**
 * Whether a slash command came from a group DM (mpim): Slack names it «mpdm-…». It is no channel
 * one can /invite the app to: the app is in it only when the group DM was started with it.
 */
export function isGroupDm(command: { channel_name?: string }): boolean {
  return /^mpdm-/i.test(command.channel_name ?? '');
}

/** DM channels opened per user are kept this many at most (the id of a user's DM with the app never changes). */
const MAX_CACHED_DMS = 10_000;

/** Slack's error code of a failed Web API call (its `error`), else the client's message. */
export function slackErrorCode(err: unknown): string {
  return (err as { data?: { error?: string } })?.data?.error ?? (err as Error)?.message ?? String(err);
}

/**
 * What to tell a person when a Web API call needed before a change failed, and one warning for
 * the operator with Slack's code: the bot token refused (revoked, the app removed: nothing a person
 * in Slack can put right, so the log names SLACK_BOT_TOKEN), a scope the app lacks (`missingScope`,
 * the text for this call), or Slack failing for a moment.
 */
export function slackTrouble(log: Logger, call: string, err: unknown, missingScope: string): string {
  const code = slackErrorCode(err);
  if (SLACK_TOKEN_REFUSED.has(code)) {
    log.warn({ call, err: code }, `slack: ${call} refused: Slack refuses the bot token; check SLACK_BOT_TOKEN (the app may have been removed from the workspace)`);
    return SLACK_TEXT.tokenRefused;
  }
  const needed = (err as { data?: { needed?: string } })?.data?.needed;
  log.warn({ call, err: code, ...(needed ? { needed } : {}) }, `slack: ${call} failed`);
  return code === 'missing_scope' ? missingScope : SLACK_TEXT.slackFailed;
}

/** A Web API check's answer, or why Slack gave none (what to say to the person, already logged). */
export type Checked<T> = { ok: T } | { trouble: string };

/**
 * Opens (or finds) the person's DM with the app, once per user: conversations.open answers the
 * same channel id every time. When Slack refuses, what to tell the person (the im:write scope
 * missing, the bot token refused, Slack failing).
 */
export function createDmOpener(log: Logger): (client: App['client'], userId: string) => Promise<Checked<string>> {
  const opened = new Map<string, string>();
  return async (client, userId) => {
    const hit = opened.get(userId);
    if (hit) return { ok: hit };
    try {
      const res = await client.conversations.open({ users: userId });
      const id = res.channel?.id;
      if (!id) return { trouble: SLACK_TEXT.dmUnavailable };
      if (opened.size >= MAX_CACHED_DMS) opened.clear();
      opened.set(userId, id);
      return { ok: id };
    } catch (err) {
      return { trouble: slackTrouble(log, 'conversations.open (the DM with the app)', err, SLACK_TEXT.dmUnavailable) };
    }
  };
}

/**
 * How long after a command arrives its ack goes out at the latest. Slack waits 3 s for it, then
 * shows the person an error; the rest is the network's.
 */
export const ACK_BUDGET_MS = 2_500;

/** What {@link beforeAck} answers when Slack did not answer in time. */
export const TOO_SLOW = Symbol('too slow');

/**
 * A Web API call made before the ack (conversations.open, users.info, conversations.info), given
 * up when its answer would make the ack late: the caller then acks and says to try again. The
 * call itself runs on (an opened DM or an admin answer is still kept for next time).
 */
export async function beforeAck<T>(call: Promise<T>, ackBy: number, now: () => number = Date.now): Promise<T | typeof TOO_SLOW> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([call, new Promise<typeof TOO_SLOW>((resolve) => (timer = setTimeout(() => resolve(TOO_SLOW), Math.max(0, ackBy - now()))))]);
  } finally {
    clearTimeout(timer);
  }
}

/** A /briefing sub-command. */
export type Subcommand = (call: SubcommandCall) => Promise<void>;

/** Text beyond this is ignored: a slash command's text is a topic or a few words (words and outlets to filter: see MAX_FILTER_TEXT_CHARS). */
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
  // Direction marks pasted with Arabic text (RLM, LRM, isolates) would hide a sub-command's name.
  const whole = stripBidiControls(raw).trim();
  // Words and outlets take up to 20 of 64 characters each; anything else is a few words. A word
  // the bound falls inside is left out whole, never kept cut short («-الانتخا»).
  const lists = ['filter', 'mute', 'unmute'].includes((whole.split(/\s/, 1)[0] ?? '').toLowerCase());
  const text = boundAtWord(whole, lists ? MAX_FILTER_TEXT_CHARS : MAX_TEXT_CHARS);
  const words = text.split(/\s+/).filter(Boolean);
  const first = (words[0] ?? '').toLowerCase();
  return names.includes(first) ? { name: first, args: words.slice(1), text } : { name: undefined, args: words, text };
}

/**
 * Whether a sub-command with these words changes the subscriptions of where it is typed (rather
 * than showing them): subscribe, unsubscribe, unmute, time with a time, filter or mute with words, and topics unless
 * `onlyShows` says its words only name briefings to show.
 */
export function changesSettings(name: string | undefined, args: readonly string[], onlyShows: (args: readonly string[]) => boolean = (a) => a.length === 0): boolean {
  if (name === 'subscribe' || name === 'unsubscribe' || name === 'unmute') return true;
  // A time changes the subscription (or makes one); without one, /briefing time only says how to write it.
  if (name === 'time') return args.some((w) => /[0-9\u0660-\u0669\u06F0-\u06F9]/.test(w));
  if (name === 'topics') return !onlyShows(args);
  return (name === 'filter' || name === 'mute') && args.length > 0;
}

/** Admin answers are kept this long (a person made admin or not is seen within it). */
const ADMIN_TTL_MS = 5 * 60_000;

/**
 * Whether a person is a workspace admin or owner (users.info, which needs the users:read scope),
 * answers kept for a few minutes. When Slack will not say (the scope missing, the bot token
 * refused, an error), what to tell the person: the caller refuses the change then.
 */
export function createAdminCheck(log: Logger, now: () => number = Date.now): (client: App['client'], userId: string) => Promise<Checked<boolean>> {
  const known = new Map<string, { admin: boolean; at: number }>();
  return async (client, userId) => {
    const hit = known.get(userId);
    if (hit && now() - hit.at < ADMIN_TTL_MS) return { ok: hit.admin };
    try {
      const res = await client.users.info({ user: userId });
      const u = res.user as { is_admin?: boolean; is_owner?: boolean; is_primary_owner?: boolean } | undefined;
      if (!u) return { trouble: SLACK_TEXT.adminUnknown };
      const admin = u.is_admin === true || u.is_owner === true || u.is_primary_owner === true;
      if (known.size >= MAX_CACHED_DMS) known.clear();
      known.set(userId, { admin, at: now() });
      return { ok: admin };
    } catch (err) {
      return { trouble: slackTrouble(log, 'users.info (whether the user is an admin; users:read scope)', err, SLACK_TEXT.adminUnknown) };
    }
  };
}
