/**
 * The Slack publisher for the delivery engine: chat.postMessage to subscribed channels through
 * the Web API client (its URL configurable for tests), and Slack's errors as the engine's classes.
 */
import { webApi } from '@slack/bolt';
import type { MessagePart, Publisher, RateRule } from '../../core/ports.js';
import { sendInParts } from '../../core/send-parts.js';
import type { Briefing, ChannelRef, SendErrorClass } from '../../core/types.js';
import { renderSlack } from './render.js';

/** Options for {@link createSlackPublisher}. */
export interface SlackPublisherOptions {
  token: string;
  /** Web API base URL, ending in /api/ (default Slack's). */
  apiUrl?: string;
  /**
   * Client timeout per call (default none). The delivery engine bounds each post (each part of a
   * long briefing: `delivery.sendTimeoutMs`) and marks one with no answer `unknown`, never sent
   * again; a shorter timeout here would make a slow post that Slack did make look like a failure
   * to retry.
   */
  timeoutMs?: number;
  /** The web page of a briefing's edition (when the web has a public URL): linked at the end. Default: none. */
  editionUrl?: (briefing: Briefing) => string | undefined;
}

// The channel itself no longer takes the bot's messages: its subscriptions are paused. A channel
// where only admins post (read-only) or only thread replies are allowed refuses every later try alike.
const GONE = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'team_access_not_granted', 'restricted_action', 'restricted_action_read_only_channel', 'restricted_action_thread_only_channel']);
// Slack refuses the bot token (revoked, expired, a deleted bot user or workspace): every channel
// fails alike, none of them is gone. Retried, so a token put right in time still delivers.
export const SLACK_TOKEN_REFUSED: ReadonlySet<string> = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive']);
// Slack refused this message itself: sending it again would fail the same way.
const PERMANENT = new Set(['msg_too_long', 'invalid_blocks', 'invalid_blocks_format', 'too_many_attachments', 'no_text', 'invalid_arguments']);

/**
 * Classifies a failed post: not_in_channel, channel_not_found, is_archived → gone with the
 * reason; invalid_auth, token_revoked, account_inactive and the like (the bot token refused, not
 * the channel) → transient, with a reason that names SLACK_BOT_TOKEN; msg_too_long, invalid_blocks
 * and the like → permanent (the message itself was refused); 429 → retry-after from its header
 * (a rate_limited answer without one: 30 s);
 * 5xx, network and other errors → transient.
 */
export function classifySlackError(error: unknown): SendErrorClass {
  const e = error as { code?: string; data?: { error?: string }; retryAfter?: number; statusCode?: number; message?: string };
  if (e?.code === webApi.ErrorCode.RateLimitedError) return { kind: 'retry-after', seconds: e.retryAfter ?? 30 };
  if (e?.code === webApi.ErrorCode.PlatformError) {
    const reason = e.data?.error ?? 'unknown_error';
    if (GONE.has(reason)) return { kind: 'gone', reason };
    // A posting limit said in the answer rather than with a 429 (and no Retry-After): waited out, not a failed attempt.
    if (reason === 'rate_limited' || reason === 'ratelimited') return { kind: 'retry-after', seconds: 30 };
    if (SLACK_TOKEN_REFUSED.has(reason)) return { kind: 'transient', reason: `Slack: ${reason}: Slack refuses the bot token; check SLACK_BOT_TOKEN (the app may have been removed from the workspace)` };
    return PERMANENT.has(reason) ? { kind: 'permanent', reason: `Slack: ${reason}` } : { kind: 'transient', reason: `Slack: ${reason}` };
  }
  if (e?.code === webApi.ErrorCode.HTTPError) return { kind: 'transient', reason: `Slack HTTP ${e.statusCode ?? ''}`.trim() };
  return { kind: 'transient', reason: e?.message ?? String(error) };
}

/** Slack's limit for posting: about one message per second per channel. */
function slackRateRules(ref: Pick<ChannelRef, 'destination'>): RateRule[] {
  return [{ key: `slack:channel:${ref.destination}`, limit: 1, perMs: 1000 }];
}

/** Creates the publisher. The client does not retry by itself: the engine's ledger decides. */
export function createSlackPublisher(options: SlackPublisherOptions): Publisher {
  const client = new webApi.WebClient(options.token, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    ...(options.timeoutMs !== undefined ? { timeout: options.timeoutMs } : {}),
    logLevel: webApi.LogLevel.ERROR,
  });
  const parts = (ref: ChannelRef, briefing: Briefing): MessagePart[] => {
    const editionUrl = options.editionUrl?.(briefing);
    return renderSlack(briefing, editionUrl ? { editionUrl } : {}).map((message) => ({
      content: JSON.stringify(message),
      post: async () => {
        const res = await client.chat.postMessage({ channel: ref.destination, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
        return String(res.ts);
      },
    }));
  };
  return {
    platform: 'slack',
    async send(ref, briefing) {
      return sendInParts(parts(ref, briefing), (part) => part.post(), classifySlackError);
    },
    parts,
    classify: classifySlackError,
    rateRules: slackRateRules,
  };
}
