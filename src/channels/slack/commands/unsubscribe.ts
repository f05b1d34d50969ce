/** /briefing unsubscribe: the channel's subscription ends. */
import type { Subcommand, SubcommandDeps } from './command.js';

/** The unsubscribe sub-command. */
export function unsubscribeSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const had = await deps.service.unsubscribe(call.ref, deps.briefing.id);
    await call.ack({ response_type: 'ephemeral', text: had ? 'أُلغي اشتراك هذه القناة وحُذفت بياناته (الوقت وسجل الإرسال).' : 'هذه القناة غير مشتركة.' });
  };
}
