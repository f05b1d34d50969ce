/** What the Telegram bot says, in Arabic, and its command list as registered with setMyCommands. */

/** Commands with their Arabic descriptions, as registered with setMyCommands (aliases are unlisted). */
export const COMMANDS: readonly { command: string; description: string; aliases: string[] }[] = [
  { command: 'start', description: 'ما يفعله البوت وزر الاشتراك', aliases: [] },
  { command: 'briefing', description: 'موجز اليوم الآن (مع موضوع أو كلمة: ما يطابقها فقط)', aliases: ['brief'] },
  { command: 'subscribe', description: 'الاشتراك في موجز الصباح', aliases: ['sub'] },
  { command: 'time', description: 'وقت التسليم: /time 07:30 Asia/Riyadh', aliases: [] },
  { command: 'topics', description: 'اختيار المواضيع', aliases: [] },
  { command: 'settings', description: 'إعدادات الاشتراك', aliases: [] },
  { command: 'unsubscribe', description: 'إلغاء الاشتراك', aliases: ['stop'] },
  { command: 'help', description: 'قائمة الأوامر', aliases: [] },
];

/** Every reply of the bot. */
export const TEXT = {
  welcome: (title: string) => `أهلاً بك في بوت «${title}».\nأرسل لك كل صباح موجزاً عربياً قصيراً لأهم الأخبار، كل خبر بمصادره.\nاشترك بالزر أدناه، أو اطلب موجز اليوم الآن بالأمر /briefing.`,
  help: () => ['الأوامر:', ...COMMANDS.map((c) => `/${c.command} — ${c.description}`)].join('\n'),
  adminsOnly: 'هذا الأمر لمشرفي المجموعة أو القناة فقط.',
  subscribed: (time: string, zone: string) => `تم الاشتراك. يصلك الموجز كل يوم الساعة ${time} بتوقيت ${zone}.\nغيّر الوقت بالأمر /time واختر المواضيع بالأمر /topics.`,
  notSubscribed: 'لست مشتركاً بعد. اشترك بالأمر /subscribe.',
  unsubscribed: 'أُلغي الاشتراك وحُذفت بياناته (الوقت والمواضيع وسجل الإرسال). لن يصلك الموجز بعد الآن. للعودة: /subscribe',
  badTime: 'الوقت غير صالح. اكتبه هكذا: /time 07:30 أو /time ٠٧:٣٠ Asia/Riyadh',
  badZone: (zone: string) => `المنطقة الزمنية «${zone}» غير معروفة. اكتب اسماً مثل Asia/Riyadh أو Africa/Cairo.`,
  timeSet: (time: string, zone: string) => `سيصلك الموجز الساعة ${time} بتوقيت ${zone}.`,
  noMatch: (topic: string) => `لا توجد أخبار عن «${topic}» في موجز اليوم. اكتب /topics لمعرفة المواضيع، أو /briefing للموجز كاملاً.`,
  unknown: 'لا أعرف هذا الأمر. اكتب /help لقائمة الأوامر.',
  chatHelp: 'اكتب /briefing لموجز اليوم، أو /help لقائمة الأوامر.',
  failed: 'حدث خطأ مؤقت، حاول بعد قليل.',
  channelNotAdmin: 'لا يمكنني الاشتراك بهذه القناة: تأكد أنك مشرف فيها وأنني مشرف أيضاً.',
  topicsTitle: 'اختر المواضيع (لا شيء = كل المواضيع):',
  done: 'تم',
  settings: (s: { time: string; zone: string; topics: string; status: string }) => `الوقت: ${s.time}\nالمنطقة: ${s.zone}\nالمواضيع: ${s.topics}\nالحالة: ${s.status}`,
  allTopics: 'كل المواضيع',
  active: 'نشط',
  paused: (reason: string) => `موقوف (${reason})`,
};
