/** /briefing settings: each subscription of the channel (or of the person's DM with the app): briefing, time, zone, topics, words, muted outlets, state. */
import { SLACK_TEXT } from '../texts.js';
import { definitionOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The settings sub-command. */
export function settingsSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const subs = await deps.service.subscriptionsOf(call.ref);
    if (subs.length === 0) return call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.notSubscribed });
    const text = subs
      .map((s) => {
        const def = definitionOf(deps, s.briefingId);
        return SLACK_TEXT.settings({
          title: def?.title ?? s.briefingId,
          time: s.deliveryTime,
          zone: s.timeZone,
          topics: s.topics.map((id) => def?.topics.find((t) => t.id === id)?.title ?? id).join('، ') || SLACK_TEXT.allTopics,
          status: s.status === 'active' ? SLACK_TEXT.active : SLACK_TEXT.paused(s.statusReason ?? '', call.direct),
          filters: s.filters ? SLACK_TEXT.filterLines(s.filters) : '',
        });
      })
      .join('\n\n');
    await call.ack({ response_type: 'ephemeral', text });
  };
}
