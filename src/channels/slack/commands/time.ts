/**
 * /briefing time [briefing…] HH:MM [zone]: the delivery time, as Telegram's /time sets it. The
 * words are those of /briefing subscribe with a time (see subscribe.ts): the time of the briefing
 * this destination receives, or of those named; one with no subscription is subscribed, and told
 * so. Without a time it says how to write one and changes nothing.
 */
import { SLACK_TEXT } from '../texts.js';
import type { Subcommand } from './command.js';

/** The time sub-command, over the subscribe one. */
export function timeSubcommand(subscribe: Subcommand): Subcommand {
  return async (call) => {
    if (!call.args.some((w) => /[0-9\u0660-\u0669\u06F0-\u06F9]/.test(w))) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.timeUsage });
    await subscribe(call);
  };
}
