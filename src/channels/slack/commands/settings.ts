/** /briefing settings: the channel's delivery time, zone and state. */
import type { Subcommand, SubcommandDeps } from './command.js';

/** The settings sub-command. */
export function settingsSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    const s = await deps.service.subscription(call.ref, deps.briefing.id);
    const text = !s || s.status === 'gone' ? 'هذه القناة غير مشتركة. اكتب /briefing subscribe' : `الوقت: ${s.deliveryTime}\nالمنطقة: ${s.timeZone}\nالحالة: ${s.status === 'active' ? 'نشط' : `موقوف (${s.statusReason ?? ''})`}`;
    await call.ack({ response_type: 'ephemeral', text });
  };
}
