/** /briefing briefings: the briefings the app offers, with a ✅ on those the channel (or the person's DM) subscribes to. */
import { SLACK_TEXT } from '../texts.js';
import { briefingsOf, type Subcommand, type SubcommandDeps } from './command.js';

/** The briefings sub-command. */
export function briefingsSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const subs = await deps.service.subscriptionsOf(call.ref);
    const lines = briefingsOf(deps).map((b) => {
      const sub = subs.find((s) => s.briefingId === b.id);
      return SLACK_TEXT.briefingLine({ id: b.id, title: b.title, time: sub?.deliveryTime ?? b.deliveryTime, zone: sub?.timeZone ?? b.timeZone, subscribed: sub !== undefined });
    });
    await call.ack({ response_type: 'ephemeral', text: SLACK_TEXT.briefingsList(lines) });
  };
}
