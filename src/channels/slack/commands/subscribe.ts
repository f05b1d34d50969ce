/**
 * /briefing subscribe [briefing…] [HH:MM] [Zone]: a channel (the bot must be a member) subscribes
 * to the default briefing or to those named; typed in a direct message, the person subscribes in
 * their DM with the app; a group DM (mpim) subscribes when the app is in it, and is told what to do
 * otherwise (an app cannot be added to a group DM). A time without a zone keeps the zone the subscription has; a time with no
 * briefing named is for the briefing the destination receives (asked which, when it receives
 * several and not the default one).
 */
import type { SubscriptionChange } from '../../../core/types.js';
import { isTimeFrameWord, parseDeliveryTime, pickBriefings, unnamedBriefings } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { beforeAck, briefingsOf, slackErrorCode, slackTrouble, TOO_SLOW, type Subcommand, type SubcommandDeps } from './command.js';

/** The subscribe sub-command. */
export function subscribeSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    // Names come first; from the first word with a digit on: the time, then the zone.
    const at = call.args.findIndex((w) => /[0-9\u0660-\u0669\u06F0-\u06F9]/.test(w));
    // «الساعة» before the time, as the answers put it, names no briefing.
    const names = (at < 0 ? call.args : call.args.slice(0, at)).filter((w) => at < 0 || !isTimeFrameWord(w)).join(' ');
    const timeText = at < 0 ? '' : call.args.slice(at).join(' ');
    // A time with no briefing named changes the time of the briefing this destination receives (as
    // Telegram's /time does): a channel that takes only «evening» does not gain a «morning» one.
    const unnamed = !names && timeText ? unnamedBriefings(deps, await deps.service.subscriptionsOf(call.ref)) : [deps.briefing];
    if (unnamed.length > 1) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.whichBriefing(unnamed.map((d) => d.title), `/briefing subscribe ${unnamed[0]!.id} ${timeText}`) });
    const picked = names ? pickBriefings(names, briefingsOf(deps)) : { found: unnamed, unknown: [] };
    if (picked.unknown.length > 0 || picked.found.length === 0) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.unknownBriefing(picked.unknown.join(' ') || names) });
    const changes: SubscriptionChange[] = [];
    for (const def of picked.found) {
      if (!timeText) {
        changes.push({ resume: true });
        continue;
      }
      const parsed = parseDeliveryTime(timeText);
      if ('error' in parsed) return call.ack({ response_type: 'ephemeral', text: parsed.error === 'time' ? SLACK_TEXT.badTime : SLACK_TEXT.badZone(parsed.zone ?? '') });
      // Without a zone, the one the subscription has stays (the briefing's is for a new subscription);
      // subscribing again resumes a paused subscription.
      changes.push({ deliveryTime: parsed.time, ...(parsed.zone ? { timeZone: parsed.zone } : {}), resume: true });
    }
    // A group DM the app is in is subscribed as a channel is: the briefing is posted in it.
    let groupDm = false;
    if (call.direct) {
      if (call.dmUnavailable) return call.ack({ response_type: 'ephemeral', text: call.dmUnavailable });
    } else {
      const info = await beforeAck(
        call.client.conversations.info({ channel: call.ref.destination }).then(
          (res) => ({ member: res.channel?.is_member === true, groupDm: res.channel?.is_mpim === true }),
          (failed: unknown) => ({ member: false, groupDm: false, failed }),
        ),
        call.ackBy,
      );
      if (info === TOO_SLOW) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.slackSlow });
      groupDm = call.groupDm === true || info.groupDm;
      // A private channel or group DM the bot is not in is not found; any other refusal is not a missing /invite.
      if ('failed' in info && slackErrorCode(info.failed) !== 'channel_not_found') {
        const scopes = groupDm ? 'mpim:read' : 'channels:read و groups:read';
        return call.ack({ response_type: 'ephemeral', text: slackTrouble(deps.log, 'conversations.info (is the bot in the channel?)', info.failed, SLACK_TEXT.missingScope(scopes)) });
      }
      // A group DM takes no /invite: the app is in one only when it was started with it.
      if (!info.member) return call.ack({ response_type: 'ephemeral', text: groupDm ? SLACK_TEXT.groupDmWithoutApp : SLACK_TEXT.notMember });
    }
    const lines: string[] = [];
    for (const [i, def] of picked.found.entries()) {
      const sub = await deps.service.updateSubscription(def, call.ref, changes[i]);
      lines.push((call.direct ? SLACK_TEXT.subscribedDm : groupDm ? SLACK_TEXT.subscribedGroupDm : SLACK_TEXT.subscribedChannel)(def.title, sub.deliveryTime, sub.timeZone));
    }
    await call.ack({ response_type: 'ephemeral', text: lines.join('\n') });
  };
}
