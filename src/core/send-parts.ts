/**
 * Sending a briefing that a platform needs as several messages in one call, for a caller that
 * has no ledger (`Publisher.send`). The delivery engine does not use it: it posts a publisher's
 * `parts` one at a time and records each, so that a retry resumes. Here, the first part's failure is the
 * caller's to retry (nothing was sent). After it, a retry of the whole send would post the first
 * parts again, so a rate limit on a later part is waited out here, and any other failure ends the
 * send with the parts already posted.
 */
import type { SendResult } from './ports.js';
import type { SendErrorClass } from './types.js';

/** Options for {@link sendInParts}. */
export interface SendInPartsOptions {
  /** Rate limits waited out on one later part before giving up on the rest (default 3). */
  maxWaits: number;
  /** Longest wait for one rate limit, in seconds (default 60). */
  maxWaitSeconds: number;
  /** Waits (replaced in tests). */
  sleep: (ms: number) => Promise<void>;
}

const DEFAULTS: SendInPartsOptions = {
  maxWaits: 3,
  maxWaitSeconds: 60,
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * Sends `parts` in order with `sendOne` and returns the ids of the messages posted; when a later
 * part is refused, `incomplete` says which and why (the delivery is then recorded `partial`).
 *
 * @example
 * const { messageIds } = await sendInParts(renderTelegram(briefing), (html) => api.sendMessage(chat, html).then((m) => String(m.message_id)), classifyTelegramError);
 */
export async function sendInParts<P>(
  parts: readonly P[],
  sendOne: (part: P) => Promise<string>,
  classify: (error: unknown) => SendErrorClass,
  options: Partial<SendInPartsOptions> = {},
): Promise<SendResult> {
  const opts = { ...DEFAULTS, ...options };
  const ids: string[] = [];
  for (const [k, part] of parts.entries()) {
    for (let waits = 0; ; waits++) {
      try {
        ids.push(await sendOne(part));
        break;
      } catch (err) {
        if (k === 0) throw err;
        const cls = classify(err);
        if (cls.kind === 'retry-after' && waits < opts.maxWaits) {
          await opts.sleep(Math.min(cls.seconds, opts.maxWaitSeconds) * 1000);
          continue;
        }
        const why = cls.kind === 'retry-after' ? `still rate limited after ${waits} waits` : cls.kind === 'gone' ? `destination gone: ${cls.reason}` : cls.kind === 'migrate' ? `moved to ${cls.destination}` : cls.reason;
        return { messageIds: ids, incomplete: `part ${k + 1} of ${parts.length} refused (${why})` };
      }
    }
  }
  return { messageIds: ids };
}
