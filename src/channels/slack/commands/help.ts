/** /briefing help: the sub-commands, in Arabic. */
import { escapeMrkdwn } from '../render.js';
import type { Subcommand } from './command.js';

/** The help text, escaped: Slack reads «<موضوع أو كلمة>» as a link and would not show it. */
export const HELP = escapeMrkdwn([
  'أوامر /briefing:',
  '/briefing — موجز اليوم (لك وحدك، مع زر لنشره في القناة)',
  '/briefing <موضوع أو كلمة> — الأخبار المطابقة فقط',
  '/briefing subscribe [موجز…] [HH:MM] [المنطقة] — اشتراك القناة (أو رسائلك المباشرة مع التطبيق، إن كتبته في رسالة مباشرة)',
  '/briefing time HH:MM [المنطقة] — وقت وصول الموجز (ويشترك به ما لم يكن مشتركاً)',
  '/briefing briefings — الموجزات المتاحة',
  '/briefing topics [موضوع…] — مواضيع كل اشتراك؛ مع أسمائها تختار ما يصل منها (/briefing topics الكل لكلها)',
  '/briefing filter +كلمة -كلمة — أخبار تُضاف من غير المواضيع المختارة (+) أو تُحذف مما يصل (-)؛ /briefing filter clear للمسح',
  '/briefing mute <مصدر> — كتم مصدر؛ /briefing unmute [مصدر] لإلغائه',
  '/briefing unsubscribe [موجز…] — إلغاء الاشتراك',
  '/briefing settings — إعدادات كل اشتراك',
  '/briefing help — هذه القائمة',
].join('\n'));

/** The help sub-command. */
export function helpSubcommand(): Subcommand {
  return (call) => call.ack({ response_type: 'ephemeral', text: HELP });
}
