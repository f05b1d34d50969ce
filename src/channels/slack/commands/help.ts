/** /briefing help: the sub-commands, in Arabic. */
import type { Subcommand } from './command.js';

/** The help text. */
export const HELP = [
  'أوامر /briefing:',
  '/briefing — موجز اليوم (لك وحدك، مع زر لنشره في القناة)',
  '/briefing <موضوع أو كلمة> — الأخبار المطابقة فقط',
  '/briefing subscribe [HH:MM] [المنطقة] — اشتراك القناة في موجز الصباح',
  '/briefing unsubscribe — إلغاء الاشتراك',
  '/briefing settings — إعدادات الاشتراك',
  '/briefing help — هذه القائمة',
].join('\n');

/** The help sub-command. */
export function helpSubcommand(): Subcommand {
  return (call) => call.ack({ response_type: 'ephemeral', text: HELP });
}
