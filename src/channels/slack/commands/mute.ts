/**
 * /briefing mute <outlet>: an item only muted outlets reported no longer reaches the channel (or
 * the person's DM with the app), and a muted outlet's link goes from the others. For every
 * subscription there (see unmute.ts).
 */
import { MAX_MUTED_OUTLETS } from '../../../core/subscriptions.js';
import { changeEverySubscription, namesOfNoOutletToday, parseOutletNames } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The mute sub-command. */
export function muteSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const say = (text: string): Promise<void> => call.ack({ response_type: 'ephemeral', text });
    const names = parseOutletNames(call.args.join(' '));
    if (names.length === 0) {
      const muted = (await deps.service.subscriptionsOf(call.ref))[0]?.filters?.muted ?? [];
      return say(muted.length ? `${SLACK_TEXT.muted(muted)}\n${SLACK_TEXT.muteUsage}` : SLACK_TEXT.muteUsage);
    }
    const result = await changeEverySubscription(deps.service, briefingsOf(deps), call.ref, { mute: names });
    if ('error' in result) return say(result.error === 'not_subscribed' ? SLACK_TEXT.notSubscribed : SLACK_TEXT.mutesFull(MAX_MUTED_OUTLETS));
    // A name that matches no outlet of today's briefing is most likely not written as the stories show it.
    const unseen = await namesOfNoOutletToday(deps.service, briefingsOf(deps), result.subs, names);
    await say([SLACK_TEXT.muted(result.subs[0]!.filters!.muted), ...(unseen.length ? [SLACK_TEXT.mutedUnseen(unseen)] : [])].join('\n'));
  };
}
