/** /briefing subscribe [HH:MM] [Zone]: the channel subscribes to the morning digest (the bot must be a member). */
import { parseDeliveryTime } from '../../../service/index.js';
import { escapeMrkdwn } from '../render.js';
import type { Subcommand, SubcommandDeps } from './command.js';

/** The subscribe sub-command. */
export function subscribeSubcommand(deps: SubcommandDeps): Subcommand {
  return async (call) => {
    let change = {};
    if (call.args.length > 0) {
      const parsed = parseDeliveryTime(call.args.join(' '), deps.briefing.timeZone);
      if ('error' in parsed) {
        const text = parsed.error === 'time' ? 'الوقت غير صالح. اكتبه هكذا: /briefing subscribe 07:30 Asia/Riyadh' : `المنطقة الزمنية «${escapeMrkdwn(parsed.zone ?? '')}» غير معروفة. اكتب اسماً مثل Asia/Riyadh.`;
        return call.ack({ response_type: 'ephemeral', text });
      }
      change = { deliveryTime: parsed.time, timeZone: parsed.zone };
    }
    const info = await call.client.conversations.info({ channel: call.ref.destination }).catch(() => undefined);
    if (!info?.channel?.is_member) return call.ack({ response_type: 'ephemeral', text: 'أضف البوت إلى هذه القناة أولاً (/invite)، ثم اشترك.' });
    const sub = await deps.service.updateSubscription(deps.briefing, call.ref, change);
    await call.ack({ response_type: 'ephemeral', text: `اشتركت هذه القناة. يصلها الموجز كل يوم الساعة ${sub.deliveryTime} بتوقيت ${sub.timeZone}.` });
  };
}
