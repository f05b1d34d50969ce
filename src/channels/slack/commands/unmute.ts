/** /briefing unmute [outlet]: the outlets named are heard again, or every one when none is named. For every subscription of the channel (or DM). */
import { changeEverySubscription, parseUnmuteText } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The unmute sub-command: the outlets named, or every one. */
export function unmuteSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const names = parseUnmuteText(call.args.join(' '));
    const result = await changeEverySubscription(deps.service, briefingsOf(deps), call.ref, { unmute: names });
    if ('error' in result) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.notSubscribed });
    await call.ack({ response_type: 'ephemeral', text: names !== 'all' ? SLACK_TEXT.unmuted(result.subs[0]!.filters!.muted) : SLACK_TEXT.unmutedAll });
  };
}
