/**
 * /briefing time [briefing…] HH:MM [zone] [briefing…]: the delivery time, as Telegram's /time sets
 * it. The briefing may be named before the time, as /briefing subscribe takes it, or after the
 * time and zone, as Telegram's /time does («time 18:30 evening»); then the words are those of
 * /briefing subscribe with a time (see subscribe.ts): the time of the briefing this destination
 * receives, or of those named; one with no subscription is subscribed, and told so. Without a
 * time it says how to write one and changes nothing.
 */
import { isValidTimeZone } from '../../../core/time.js';
import { isMeridiemWord, isTimeFrameWord, joinPlaceNames, pickBriefings, zoneOfPlace } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, type Subcommand, type SubcommandDeps } from './command.js';

const hasDigit = (w: string): boolean => /[0-9\u0660-\u0669\u06F0-\u06F9]/.test(w);

/** The time sub-command, over the subscribe one. */
export function timeSubcommand(deps: SubcommandDeps, subscribe: Subcommand): Subcommand {
  return async (call) => {
    const at = call.args.findIndex(hasDigit);
    if (at < 0) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.timeUsage });
    // After the time: its «م» or «ص», a zone (a word with a slash, one the runtime knows, a city), and the briefings named.
    const all = briefingsOf(deps);
    const isBriefing = (w: string): boolean => {
      const p = pickBriefings(w, all);
      return p.unknown.length === 0 && p.found.length > 0;
    };
    const isZone = (w: string): boolean => w.includes('/') || isValidTimeZone(w) || (zoneOfPlace(w) !== undefined && !isBriefing(w));
    const after = joinPlaceNames(call.args.slice(at + 1));
    const named = after.filter((w) => !isZone(w) && !isMeridiemWord(w) && !isTimeFrameWord(w) && !hasDigit(w));
    const picked = named.length > 0 ? pickBriefings(named.join(' '), all) : undefined;
    // Named after the time: put before it, where /briefing subscribe reads names. Anything else stays where it was (an unknown zone is said so).
    const args = picked && picked.unknown.length === 0 && picked.found.length > 0 ? [...call.args.slice(0, at), ...named, call.args[at]!, ...after.filter((w) => !named.includes(w))] : call.args;
    await subscribe({ ...call, args });
  };
}
