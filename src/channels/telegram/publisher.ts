/**
 * The Telegram publisher for the delivery engine: sends a briefing as HTML messages through the
 * Bot API (grammY's Api, so `apiRoot` can point at a self-hosted or test server), and turns
 * Telegram's errors into the engine's classes.
 */
import { Api, GrammyError, HttpError } from 'grammy';
import type { MessagePart, Publisher, RateRule } from '../../core/ports.js';
import { sendInParts } from '../../core/send-parts.js';
import type { Briefing, ChannelRef, SendErrorClass } from '../../core/types.js';
import { renderTelegram } from './render.js';

/** Options for {@link createTelegramPublisher}. */
export interface TelegramPublisherOptions {
  token: string;
  /** Bot API server (default https://api.telegram.org). */
  apiRoot?: string;
  /** The web page of a briefing's edition (when the web has a public URL): linked and previewed at the end. Default: none. */
  editionUrl?: (briefing: Briefing) => string | undefined;
}

// 400 descriptions that mean the destination cannot take messages any more.
const GONE_400 = /chat not found|not enough rights|have no rights|topic_closed|topic closed|message thread not found|group chat was deactivated|chat_write_forbidden|need administrator rights|bot is not a member/i;

/**
 * Classifies a failed send: 403 (blocked, kicked, deactivated, can't initiate conversation) and
 * 400 for a chat that is gone or closed → gone; migrate_to_chat_id → migrate; 429 → retry-after
 * with its seconds; any other 400 ("message is too long", "can't parse entities", "message text
 * is empty") → permanent, since Telegram would refuse the same message again; 5xx and network
 * errors → transient.
 */
export function classifyTelegramError(error: unknown): SendErrorClass {
  if (error instanceof GrammyError) {
    const migrate = error.parameters?.migrate_to_chat_id;
    if (migrate !== undefined) return { kind: 'migrate', destination: String(migrate) };
    if (error.error_code === 429) return { kind: 'retry-after', seconds: error.parameters?.retry_after ?? 5 };
    if (error.error_code === 403) return { kind: 'gone', reason: error.description };
    if (error.error_code === 400 && GONE_400.test(error.description)) return { kind: 'gone', reason: error.description };
    // A Bad Request is about the message itself: the same message is refused again.
    if (error.error_code === 400) return { kind: 'permanent', reason: `Telegram 400: ${error.description}` };
    return { kind: 'transient', reason: `Telegram ${error.error_code}: ${error.description}` };
  }
  if (error instanceof HttpError) return { kind: 'transient', reason: `network: ${error.message}` };
  return { kind: 'transient', reason: (error as Error)?.message ?? String(error) };
}

/**
 * Telegram's limits: 30 messages/s overall, 1/s per chat, 20/min per group or channel (negative
 * ids). The overall rule paces at 29/s, one send every 34 ms: Telegram counts arrivals, and
 * network jitter would turn exactly 30/s, or bursts, into 429s. For the same reason one chat gets
 * a message every 1.1 s: the parts of a long briefing follow each other to one chat, and a part
 * that arrives a few milliseconds early is refused.
 */
export function telegramRateRules(ref: Pick<ChannelRef, 'destination'>): RateRule[] {
  const rules: RateRule[] = [
    { key: 'telegram:global', limit: 29, perMs: 1000, scope: 'bot' },
    // …and evenly: bursts of 29 at once would meet the server's window with jitter.
    { key: 'telegram:spacing', limit: 1, perMs: 34, scope: 'bot' },
    { key: `telegram:chat:${ref.destination}`, limit: 1, perMs: 1_100 },
  ];
  if (ref.destination.startsWith('-')) rules.push({ key: `telegram:group:${ref.destination}`, limit: 20, perMs: 60_000 });
  return rules;
}

/** Creates the publisher. Tokens never appear in its errors (grammY redacts them). */
export function createTelegramPublisher(options: TelegramPublisherOptions): Publisher {
  const api = new Api(options.token, options.apiRoot ? { apiRoot: options.apiRoot } : undefined);
  const parts = (ref: ChannelRef, briefing: Briefing): MessagePart[] => {
    const sendOptions = {
      parse_mode: 'HTML' as const,
      link_preview_options: { is_disabled: true },
      ...(ref.threadId ? { message_thread_id: Number(ref.threadId) } : {}),
    };
    const editionUrl = options.editionUrl?.(briefing);
    // Only the edition's page is previewed (in the last message, which links to it); the sources' links never are.
    const previewPage = editionUrl ? { ...sendOptions, link_preview_options: { url: editionUrl, prefer_small_media: true, show_above_text: false } } : sendOptions;
    return renderTelegram(briefing, undefined, editionUrl ? { editionUrl } : {}).map((html, i, all) => ({
      content: html,
      post: async () => String((await api.sendMessage(ref.destination, html, i === all.length - 1 ? previewPage : sendOptions)).message_id),
    }));
  };
  return {
    platform: 'telegram',
    async send(ref, briefing) {
      return sendInParts(parts(ref, briefing), (part) => part.post(), classifyTelegramError);
    },
    parts,
    classify: classifyTelegramError,
    rateRules: telegramRateRules,
  };
}
