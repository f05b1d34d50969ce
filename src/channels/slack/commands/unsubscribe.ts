/** /briefing unsubscribe [briefing…]: the subscriptions of the channel (or of the person's DM with the app) end, every one or those named; with others left, the answer names them. */
import { pickBriefings } from '../../../service/index.js';
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, definitionOf, placeOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The unsubscribe sub-command. */
export function unsubscribeSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const names = call.args.join(' ');
    let ids: string[];
    if (names) {
      const picked = pickBriefings(names, briefingsOf(deps));
      if (picked.unknown.length > 0 || picked.found.length === 0) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.unknownBriefing(picked.unknown.join(' ') || names) });
      ids = picked.found.map((d) => d.id);
    } else ids = (await deps.service.subscriptionsOf(call.ref)).map((s) => s.briefingId);
    let had = false;
    for (const id of ids) had = (await deps.service.unsubscribe(call.ref, id)) || had;
    // Leaving one briefing of several: say which went and which still come.
    const titleOf = (id: string): string => definitionOf(deps, id)?.title ?? id;
    const left = (await deps.service.subscriptionsOf(call.ref)).map((s) => titleOf(s.briefingId));
    if (left.length === 0) return call.ack({ response_type: 'ephemeral', text: had ? SLACK_TEXT.unsubscribed(placeOf(call)) : SLACK_TEXT.notSubscribed });
    const named = ids.map(titleOf);
    await call.ack({ response_type: 'ephemeral', text: (had ? SLACK_TEXT.unsubscribedFrom : SLACK_TEXT.notSubscribedTo)(placeOf(call), named, left) });
  };
}
