/** What the Telegram bot says, in Arabic, and its command list as registered with setMyCommands. */
import { countedNoun, type NounForms } from '../../arabic/index.js';
import { zoneForReaders } from '../../service/index.js';

/** Commands with their Arabic descriptions, as registered with setMyCommands (aliases are unlisted). */
export const COMMANDS: readonly { command: string; description: string; aliases: string[] }[] = [
  { command: 'start', description: 'ما يفعله البوت وزر الاشتراك', aliases: [] },
  { command: 'briefing', description: 'موجز اليوم الآن (مع موضوع أو كلمة: ما يطابقها فقط)', aliases: ['brief'] },
  { command: 'subscribe', description: 'الاشتراك (مع اسم موجز أو أكثر: /subscribe evening)', aliases: ['sub'] },
  { command: 'briefings', description: 'الموجزات المتاحة وما اشتركت فيه', aliases: [] },
  { command: 'time', description: 'وقت التسليم: /time 07:30 Asia/Riyadh', aliases: [] },
  { command: 'topics', description: 'اختيار المواضيع', aliases: [] },
  { command: 'filter', description: 'كلمات تضيف أو تحذف أخباراً: /filter +النفط -كرة ، /filter clear', aliases: [] },
  { command: 'mute', description: 'كتم مصدر: /mute الجزيرة', aliases: [] },
  { command: 'unmute', description: 'إلغاء كتم مصدر (أو كل المصادر)', aliases: [] },
  { command: 'settings', description: 'إعدادات الاشتراك', aliases: [] },
  { command: 'unsubscribe', description: 'إلغاء الاشتراك', aliases: ['stop'] },
  { command: 'help', description: 'قائمة الأوامر', aliases: [] },
];

// A subscription's limits, after «لأكثر من»: the dual is genitive («كلمتين»), 11–99 the accusative singular.
const WORDS_LIMIT: Readonly<NounForms> = { one: 'كلمة واحدة', two: 'كلمتين', plural: 'كلمات', accusative: 'كلمة', genitive: 'كلمة' };
const MUTED_LIMIT: Readonly<NounForms> = { one: 'مصدر مكتوم واحد', two: 'مصدرين مكتومين', plural: 'مصادر مكتومة', accusative: 'مصدراً مكتوماً', genitive: 'مصدر مكتوم' };

/** A number in Arabic-Indic digits (٢ من ٦): no Latin digits beside Arabic words in a button. */
const indic = (n: number): string => String(n).replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);

/**
 * A pause for rights of the bot's own, which Telegram announces when they come back (my_chat_member):
 * the reasons the bot records from membership changes, and a channel's «need administrator rights».
 */
const OWN_RIGHTS = /^the bot (?:may not post here|is no longer an admin)$|need administrator rights/i;

/** Every reply of the bot. */
export const TEXT = {
  welcome: (title: string) => `أهلاً بك في بوت «${title}».\nأرسل لك كل صباح موجزاً عربياً قصيراً لأهم الأخبار، كل خبر بمصادره.\nاشترك بالزر أدناه، أو اطلب موجز اليوم الآن بالأمر /briefing.`,
  help: () =>
    [
      'الأوامر:',
      ...COMMANDS.map((c) => `/${c.command} — ${c.description}`),
      '',
      'في المجموعة: يغيّر الاشتراك مشرفوها فقط.',
      'لقناة: اجعل البوت مشرفاً فيها، ثم اكتب هنا /subscribe @اسم_القناة (أو انشر /subscribe في القناة نفسها).',
    ].join('\n'),
  adminsOnly: 'هذا الأمر لمشرفي المجموعة أو القناة فقط.',
  subscribed: (time: string, zone: string) => `تم الاشتراك. يصلك الموجز كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.\nغيّر الوقت بالأمر /time واختر المواضيع بالأمر /topics.`,
  notSubscribed: 'لست مشتركاً بعد. اشترك بالأمر /subscribe.',
  unsubscribedFrom: (names: string, left: string) => `أُلغي الاشتراك في ${names} وحُذفت بياناته. ما زال يصلك: ${left} (/settings).`,
  notSubscribedTo: (names: string, left: string) => `لست مشتركاً في ${names}. اشتراكاتك: ${left} (/settings).`,
  unsubscribed: 'أُلغي الاشتراك وحُذفت بياناته (الوقت والمواضيع وسجل الإرسال). لن يصلك الموجز بعد الآن. للعودة: /subscribe',
  /** «/unsubscribe» alone: what would stop, asked before it does (`example`: a briefing's id, when there are several to choose from). */
  unsubscribeAsk: (names: string, example?: string) => stopAllQuestion('هل تريد إيقاف كل ما يصل هنا؟', names, example),
  /** The buttons under {@link TEXT.unsubscribeAsk}. */
  unsubscribeYes: 'نعم، أوقف الكل',
  unsubscribeNo: 'إلغاء',
  unsubscribeCancelled: 'لم يتوقف شيء؛ الاشتراك باقٍ كما هو.',
  /** The confirmation pressed when nothing is left to stop (pressed twice, or under an older question). */
  nothingToStop: 'لا اشتراك هنا لإيقافه؛ لعله أُلغي من قبل.',
  badTime: 'الوقت غير صالح. اكتبه هكذا: /time 07:30 أو /time ٠٧:٣٠ Asia/Riyadh أو /time ٧:٣٠ م',
  badZone: (zone: string) => `المنطقة الزمنية «${zone}» غير معروفة. اكتب مدينة مثل الرياض أو القاهرة، أو اسماً مثل Asia/Riyadh أو Africa/Cairo.`,
  /** «/time» alone: one line per subscription of the chat, then {@link TEXT.timeUsage}. */
  timeOf: (title: string, time: string, zone: string) => `«${title}»: الساعة ${time} بتوقيت ${zoneForReaders(zone)}`,
  timeUsage: 'لتغيير الوقت اكتبه بعد الأمر: /time 07:30 أو /time ٠٧:٣٠ القاهرة أو /time ٧:٣٠ م',
  timeSet: (time: string, zone: string) => `سيصلك الموجز الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  /** The ⏰ button under a channel's topics, pressed in a private chat. */
  channelTimeSet: (time: string, zone: string) => `سيصل الموجز القناة الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  noMatch: (topic: string) => `لا توجد أخبار عن «${topic}» في موجز اليوم. اكتب /topics لمعرفة المواضيع، أو /briefing للموجز كاملاً.`,
  /** Stories about the words asked for exist, and the chat's own -words or muted outlets leave them all out. */
  matchFiltered: (topic: string, n: number) => `في موجز اليوم أخبار عن «${topic}» (عددها ${n})، لكن كلماتك المحذوفة (-) أو المصادر المكتومة تستبعدها كلها. راجعها بالأمر /settings.`,
  unknown: 'لا أعرف هذا الأمر. اكتب /help لقائمة الأوامر.',
  chatHelp: 'اكتب /briefing لموجز اليوم، أو /help لقائمة الأوامر.',
  staleButton: 'هذا الزر لم يعد يعمل. اكتب /settings لإعداداتك أو /topics لاختيار المواضيع.',
  failed: 'حدث خطأ مؤقت، حاول بعد قليل.',
  /** A reply Telegram refused for good (a 400): asking again brings the same refusal. */
  notShown: 'تعذّر عرض هذا الرد هنا، فقد رفضه تيليجرام. سُجّل الخطأ ليطّلع عليه مشغّل البوت.',
  channelFromPrivate: (channel: string, command: 'subscribe' | 'unsubscribe' = 'subscribe') =>
    command === 'subscribe'
      ? `لاشتراك القناة اكتب /subscribe ${channel} في المحادثة الخاصة مع البوت، أو انشر /subscribe في القناة نفسها.`
      : `لإلغاء اشتراك القناة اكتب /unsubscribe ${channel} في المحادثة الخاصة مع البوت، أو انشر /unsubscribe في القناة نفسها.`,
  channelNotAdminUnsubscribe: 'لا يمكنني إلغاء اشتراك هذه القناة: تأكد من اسمها وأنك مشرف فيها.',
  /** «/unsubscribe @channel» alone, in a private chat: what would stop, asked before it does (`example`: «@channel briefing»). */
  channelUnsubscribeAsk: (channel: string, names: string, example?: string) => stopAllQuestion(`هل تريد إيقاف كل ما يصل إلى القناة «${channel}»؟`, names, example),
  channelUnsubscribed: (channel: string | undefined, left: string) => `أُلغي اشتراك القناة${channel ? ` «${channel}»` : ''} وحُذفت بياناته.${left ? ` ما زال يصلها: ${left}.` : ' لن يصلها الموجز بعد الآن.'}`,
  channelNotSubscribed: (channel: string, names: string) => `القناة «${channel}» غير مشتركة في ${names || 'أي موجز'}.`,
  channelNotAdmin: 'لا يمكنني الاشتراك بهذه القناة: تأكد أنك مشرف فيها وأنني مشرف أيضاً.',
  channelCannotPost: 'أنا مشرف في القناة لكن دون صلاحية نشر الرسائل، فلن يصلها الموجز. فعّل لي «نشر الرسائل» في إعدادات المشرفين، ثم أعد /subscribe.',
  topicsTitle: 'اختر المواضيع (لا شيء = كل المواضيع):',
  /** The buttons to the other pages of a briefing's topics ("page" counts from 1). */
  previousTopics: (page: number, pages: number) => `المواضيع السابقة (${indic(page)} من ${indic(pages)})`,
  nextTopics: (page: number, pages: number) => `المواضيع التالية (${indic(page)} من ${indic(pages)})`,
  done: 'تم',
  settings: (s: { title?: string; time: string; zone: string; topics: string; status: string; filters?: string }) =>
    [...(s.title ? [`«${s.title}»`] : []), `الوقت: ${s.time}`, `المنطقة: ${zoneForReaders(s.zone)}`, `المواضيع: ${s.topics}`, ...(s.filters ? [s.filters] : []), `الحالة: ${s.status}`].join('\n'),
  /** The filter lines of the settings (nothing when there are none). */
  filterLines: (f: { include: readonly string[]; exclude: readonly string[]; muted: readonly string[] }) =>
    [
      ...(f.include.length ? [`كلمات مضافة (+): ${f.include.join('، ')}`] : []),
      ...(f.exclude.length ? [`كلمات محذوفة (-): ${f.exclude.join('، ')}`] : []),
      ...(f.muted.length ? [`مصادر مكتومة: ${f.muted.join('، ')}`] : []),
    ].join('\n'),
  noFilters: 'لا كلمات ولا مصادر مكتومة.\nأضف كلمات هكذا: /filter +النفط -كرة\n(+ تضيف أخبارها إلى مواضيعك، - تحذف أخبارها)، وامسحها بالأمر /filter clear.',
  filters: (lines: string) => `${lines}\n\nللمسح: /filter clear — لإلغاء الكتم: /unmute`,
  filtersCleared: 'مُسحت الكلمات كلها (بقيت المصادر المكتومة؛ لإلغاء كتمها: /unmute).',
  filtersFull: (max: number) => `لا يتسع الاشتراك لأكثر من ${countedNoun(max, WORDS_LIMIT)}. امسح بعضها أولاً: /filter clear`,
  mutesFull: (max: number) => `لا يتسع الاشتراك لأكثر من ${countedNoun(max, MUTED_LIMIT)}. ألغِ كتم بعضها أولاً: /unmute`,
  ignoredWords: (words: string) => `لم تُحفظ (كلمات شائعة لا تميّز خبراً): ${words}`,
  includeNeedsTopics: 'تنبيه: الكلمات المضافة (+) تضيف أخباراً إلى المواضيع التي اخترتها؛ ومع «كل المواضيع» يصلك كل شيء أصلاً. اختر مواضيعك بالأمر /topics.',
  muteUsage: 'اكتب اسم المصدر كما يظهر تحت الخبر: /mute الجزيرة (أو موقعه: /mute aljazeera.net).',
  muted: (names: string) => `المصادر المكتومة: ${names}\nالخبر الذي لم ينقله غيرها لن يصلك، ورابطها يُحذف من غيره. للإلغاء: /unmute`,
  mutedUnseen: (names: string) => `تنبيه: لا مصدر في موجز اليوم باسم ${names}. اكتب الاسم كما يظهر بعد «المصدر:» تحت الخبر، أو موقعه (aljazeera.net).`,
  unmutedAll: 'أُلغي كتم المصادر كلها.',
  unmuted: (names: string) => (names ? `المصادر المكتومة الآن: ${names}` : 'لا مصادر مكتومة الآن.'),
  briefingsList: (lines: readonly string[]) => ['الموجزات المتاحة (✅ = مشترك):', ...lines, '', 'للاشتراك: /subscribe <اسم الموجز>، ولأكثر من موجز: /subscribe morning evening'].join('\n'),
  briefingLine: (b: { id: string; title: string; time: string; zone: string; subscribed: boolean }) => `${b.subscribed ? '✅' : '▫️'} ${b.title} (${b.id}) — ${b.time} بتوقيت ${zoneForReaders(b.zone)}`,
  /** A command that names no briefing, from a chat with several subscriptions and none to the default briefing. */
  whichBriefing: (briefings: string, example: string) => `هذه المحادثة مشتركة في أكثر من موجز: ${briefings}. اذكر أيها تقصد، مثلاً: ${example}`,
  unknownBriefing: (names: string) => `لا أعرف موجزاً باسم «${names}». اكتب /briefings لقائمة الموجزات.`,
  /** A channel subscribed from a private chat: /time and /topics typed here would set this chat's own subscription. */
  channelSubscribed: (channel: string, title: string, time: string, zone: string) =>
    `تم اشتراك القناة «${channel}» في «${title}». يصلها كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.\nاختر مواضيعها ووقتها بالأزرار أدناه (الأمران /time و/topics هنا يخصّان محادثتك أنت)، أو انشر /time في القناة نفسها.`,
  /** What follows a subscription made by /time: where the topics are, and how to stop. */
  afterSubscribing: 'اختر المواضيع بالأمر /topics، ولإلغاء الاشتراك: /unsubscribe',
  subscribedTo: (title: string, time: string, zone: string) => `تم الاشتراك في «${title}». يصلك كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  allTopics: 'كل المواضيع',
  active: 'نشط',
  paused: (reason: string) => {
    const why = pausedReason(reason);
    // Rights the bot itself lost and is given back resume it by themselves (Telegram tells the bot);
    // the rest, a /subscribe where it was: a group closed to all its members («not enough rights»
    // at delivery) is opened again without a word to the bot.
    return `موقوف (${why}). ${OWN_RIGHTS.test(reason) ? 'يُستأنف وحده حين تعود للبوت صلاحية النشر.' : 'للاستئناف: /subscribe'}`;
  },
};

/** The question before every briefing of a chat stops: what would stop, and how to stop one only. */
function stopAllQuestion(question: string, names: string, example?: string): string {
  return [question, `سيتوقف: ${names}، وتُحذف الإعدادات (الوقت والمواضيع والكلمات) وسجل الإرسال.`, ...(example ? [`لإيقاف موجز واحد فقط: /unsubscribe ${example}`] : [])].join('\n');
}

/**
 * The answers a channel gets where the chat's own speak to «you» («يصلك», «لست مشتركاً»): posted
 * in the channel, they speak of it. (A channel managed from a private chat has its own, above.)
 */
const IN_CHANNEL = {
  subscribed: (time: string, zone: string) => `تم اشتراك هذه القناة. يصل الموجز إليها كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.\nلتغيير الوقت: /time، ولاختيار المواضيع: /topics`,
  subscribedTo: (title: string, time: string, zone: string) => `تم اشتراك هذه القناة في «${title}». يصل إليها كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  timeSet: (time: string, zone: string) => `سيصل الموجز إلى هذه القناة الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  unsubscribeAsk: (names: string, example?: string) => stopAllQuestion('هل تريد إيقاف كل ما يصل إلى هذه القناة؟', names, example),
  notSubscribed: 'هذه القناة غير مشتركة بعد. للاشتراك: /subscribe',
  notSubscribedTo: (names: string, left: string) => `هذه القناة غير مشتركة في ${names}. اشتراكاتها: ${left} (/settings).`,
  unsubscribedFrom: (names: string, left: string) => `أُلغي اشتراك هذه القناة في ${names} وحُذفت بياناته. ما زال يصل إليها: ${left} (/settings).`,
  unsubscribed: 'أُلغي اشتراك هذه القناة وحُذفت بياناته (الوقت والمواضيع وسجل الإرسال). لن يصل الموجز إليها بعد الآن. للعودة: /subscribe',
} satisfies Partial<typeof TEXT>;

/** The bot's words for a chat: a channel's answers speak of the channel ({@link IN_CHANNEL}), the others' to the person or group. */
export function textFor(channel: boolean): typeof TEXT {
  return channel ? { ...TEXT, ...IN_CHANNEL } : TEXT;
}

/**
 * Why a subscription is paused, in Arabic: the reasons the bot records (membership changes) and
 * the Telegram errors the delivery engine records (its English descriptions) that mean the same.
 */
export function pausedReason(reason: string): string {
  const r = reason.toLowerCase();
  if (r.includes('blocked')) return 'حظرتَ البوت';
  if (r.includes('topic_closed') || r.includes('topic closed')) return 'الموضوع مغلق';
  if (r.includes('thread not found')) return 'الموضوع محذوف';
  if (r.includes('no longer an admin') || r.includes('administrator rights')) return 'لم يعد البوت مشرفاً';
  if (r.includes('may not post') || r.includes('rights') || r.includes('write_forbidden')) return 'لا يُسمح للبوت بالنشر هنا';
  if (r.includes('removed') || r.includes('kicked') || r.includes('not a member') || r.includes('left the chat')) return 'البوت ليس في المحادثة';
  if (r.includes('deactivated') || r.includes('chat not found')) return 'المحادثة لم تعد موجودة';
  return 'تعذّر الإرسال إلى هذه المحادثة';
}
