/** /briefing unmute [outlet]: the outlets named are heard again, or every one when none is named. For every subscription of the channel (or DM). */
import { changeEverySubscription, parseOutletNames } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The unmute sub-command: the outlets named, or every one. */
export function unmuteSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const names = parseOutletNames(call.args.join(' '));
    const result = await changeEverySubscription(deps.service, briefingsOf(deps), call.ref, { unmute: names.length > 0 ? names : 'all' });
    if ('error' in result) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.notSubscribed });
    await call.ack({ response_type: 'ephemeral', text: names.length > 0 ? SLACK_TEXT.unmuted(result.subs[0]!.filters!.muted) : SLACK_TEXT.unmutedAll });
  };
}
