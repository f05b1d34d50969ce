/**
 * What the Slack app says, in Arabic, for subscriptions, filters and briefings. Every word a
 * person typed is escaped before it is echoed («<!channel>» must not ping anyone).
 */
import type { SubscriptionFilters } from '../../core/types.js';
import { countedNoun, type NounForms } from '../../arabic/index.js';
import { zoneForReaders } from '../../service/index.js';
import { escapeMrkdwn } from './render.js';

// A subscription's limits, after «لأكثر من»: the dual is genitive («كلمتين»), 11–99 the accusative singular.
const WORDS_LIMIT: Readonly<NounForms> = { one: 'كلمة واحدة', two: 'كلمتين', plural: 'كلمات', accusative: 'كلمة', genitive: 'كلمة' };
const MUTED_LIMIT: Readonly<NounForms> = { one: 'مصدر مكتوم واحد', two: 'مصدرين مكتومين', plural: 'مصادر مكتومة', accusative: 'مصدراً مكتوماً', genitive: 'مصدر مكتوم' };
const TOPICS_LIMIT: Readonly<NounForms> = { one: 'موضوع واحد', two: 'موضوعين', plural: 'مواضيع', accusative: 'موضوعاً', genitive: 'موضوع' };

const list = (words: readonly string[]): string => words.map(escapeMrkdwn).join('، ');
const titles = (names: readonly string[]): string => names.map((n) => `«${escapeMrkdwn(n)}»`).join('، ');

/** Why a Slack subscription is paused, in Arabic: the Web API errors the delivery engine records when a channel is gone. */
const PAUSED_REASONS: Readonly<Record<string, string>> = {
  not_in_channel: 'أُخرج التطبيق من القناة',
  channel_not_found: 'لم يعد التطبيق يجد القناة',
  is_archived: 'القناة مؤرشفة',
  restricted_action: 'تمنع إعدادات مساحة العمل التطبيق من النشر في هذه القناة',
  team_access_not_granted: 'لم يُمنح التطبيق الوصول إلى مساحة العمل التي فيها القناة',
  restricted_action_read_only_channel: 'القناة للقراءة فقط، لا ينشر فيها إلا من يسمح لهم مشرفوها',
  restricted_action_thread_only_channel: 'لا تقبل القناة إلا الردود في السلاسل',
};

/** What to do first, before /briefing subscribe, to resume a channel paused for this reason (inviting the bot by default). */
const RESUME_FIRST: Readonly<Record<string, string>> = {
  is_archived: 'أعد القناة من الأرشيف ثم ',
  restricted_action: 'اطلب من مشرف مساحة العمل السماح للتطبيق بالنشر فيها ثم ',
  team_access_not_granted: 'اطلب من مشرف المؤسسة منح التطبيق الوصول إليها ثم ',
  restricted_action_read_only_channel: 'اطلب من مشرف القناة السماح للتطبيق بالنشر فيها ثم ',
  restricted_action_thread_only_channel: 'اطلب من مشرف القناة السماح بالرسائل فيها ثم ',
};

/** Every reply of the /briefing sub-commands added with filters, DMs and several briefings. */
/** Where a command was typed, as its answers name it: the person's DM, a channel, or a group DM. */
export type Place = 'dm' | 'channel' | 'group';

const WORDS: Readonly<Record<Place, { subscription: string; reaches: string; notSubscribed: string; subscriptions: string }>> = {
  dm: { subscription: 'اشتراكك', reaches: 'يصلك', notSubscribed: 'لست مشتركاً', subscriptions: 'اشتراكاتك' },
  channel: { subscription: 'اشتراك هذه القناة', reaches: 'يصلها', notSubscribed: 'ليست هذه القناة مشتركة', subscriptions: 'اشتراكاتها' },
  group: { subscription: 'اشتراك هذه المحادثة الجماعية', reaches: 'يصلها', notSubscribed: 'ليست هذه المحادثة الجماعية مشتركة', subscriptions: 'اشتراكاتها' },
};

export const SLACK_TEXT = {
  notSubscribed: 'هذه المحادثة غير مشتركة. اكتب /briefing subscribe',
  notMember: 'أضف البوت إلى هذه القناة أولاً (/invite)، ثم اشترك.',
  /** The post button pressed in a group DM the app is not in. */
  postGroupDmWithoutApp: 'تعذر النشر: التطبيق ليس في هذه المحادثة الجماعية، ولا يمكن إضافته إليها. ابدؤوا محادثة جماعية جديدة تضم التطبيق، أو انشروا الموجز في قناة.',
  /** A group DM the app is not in: Slack adds no app to a group DM that exists. */
  groupDmWithoutApp:
    'التطبيق ليس في هذه المحادثة الجماعية، ولا يمكن إضافته إلى محادثة جماعية قائمة، فلم يتغير شيء. لتصلكم الموجزات معاً: ابدؤوا محادثة جماعية جديدة تضم التطبيق والأشخاص أنفسهم واكتبوا فيها /briefing subscribe، أو حوّلوا هذه المحادثة إلى قناة خاصة وأضيفوا التطبيق إليها (/invite). ولتصلك وحدك: اكتب /briefing subscribe في رسالتك المباشرة مع التطبيق.',
  adminsOnly: 'يغيّر اشتراك هذه القناة ومواضيعها وكلماتها ومصادرها المكتومة مشرفو مساحة العمل فقط. يمكنك الاشتراك لنفسك في رسالة مباشرة مع التطبيق.',
  adminUnknown: 'تعذر التحقق من صلاحيتك: يحتاج التطبيق إلى صلاحية users:read. أبلغ مشرف مساحة العمل.',
  dmUnavailable: 'تعذر فتح رسالة مباشرة مع التطبيق. اطلب من مسؤول مساحة العمل منحه صلاحية im:write، أو اشترك من قناة.',
  slackSlow: 'لم يرد Slack في الوقت المتاح، ولم يتغير شيء. أعد المحاولة بعد لحظات.',
  /** The bot token refused by Slack (revoked, the app removed): nothing a person in Slack can put right; the operator's log names SLACK_BOT_TOKEN. */
  tokenRefused: 'يرفض Slack رمز التطبيق الآن (ربما أُزيل التطبيق من مساحة العمل أو أُلغي رمزه)، ولم يتغير شيء. أبلغ من يدير التطبيق.',
  /** The post button's post refused because the channel does not take the app's messages (archived, read-only, …): why, and that pressing again will not help; undefined for any other reason. */
  postRefusedHere: (reason: string): string | undefined => (PAUSED_REASONS[reason] && reason !== 'not_in_channel' && reason !== 'channel_not_found' ? `تعذر النشر: ${PAUSED_REASONS[reason]}.` : undefined),
  /** The post button's post refused for the same reason. */
  postTokenRefused: 'تعذر النشر: يرفض Slack رمز التطبيق الآن (ربما أُزيل التطبيق من مساحة العمل أو أُلغي رمزه). أبلغ من يدير التطبيق.',
  /** A scope the app lacks for a check before a change. */
  missingScope: (scopes: string) => `ينقص التطبيقَ في Slack صلاحية ${scopes}، ولم يتغير شيء. أبلغ مشرف مساحة العمل.`,
  slackFailed: 'تعذر الاتصال بـ Slack الآن، ولم يتغير شيء. أعد المحاولة بعد قليل.',
  composeFailed: 'تعذر تحضير موجز اليوم الآن. أعد المحاولة بعد قليل.',
  badTime: 'الوقت غير صالح. اكتبه هكذا: /briefing subscribe 07:30 Asia/Riyadh',
  /** /briefing time without a time. */
  timeUsage: 'اكتب الوقت هكذا: /briefing time 07:30، أو مع المنطقة: /briefing time 07:30 القاهرة (ويصح ٧:٣٠ ص أو ٦:١٥ م).',
  badZone: (zone: string) => `المنطقة الزمنية «${escapeMrkdwn(zone)}» غير معروفة. اكتب مدينة مثل الرياض أو القاهرة، أو اسماً مثل Asia/Riyadh.`,
  whichBriefing: (titles: readonly string[], example: string) => `هنا اشتراك في أكثر من موجز: ${titles.map((t) => `«${escapeMrkdwn(t)}»`).join('، ')}. اذكر أيها تقصد، مثلاً: ${escapeMrkdwn(example)}`,
  unknownBriefing: (names: string) => `لا أعرف موجزاً باسم «${escapeMrkdwn(names)}». اكتب /briefing briefings لقائمة الموجزات.`,
  subscribedChannel: (title: string, time: string, zone: string) => `اشتركت هذه القناة في «${escapeMrkdwn(title)}». يصلها الموجز كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  subscribedGroupDm: (title: string, time: string, zone: string) => `اشتركت هذه المحادثة الجماعية في «${escapeMrkdwn(title)}». يصلها الموجز كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  subscribedDm: (title: string, time: string, zone: string) => `اشتركت في «${escapeMrkdwn(title)}». يصلك الموجز في رسائلك المباشرة مع التطبيق كل يوم الساعة ${time} بتوقيت ${zoneForReaders(zone)}.`,
  unsubscribed: (place: Place) => `أُلغي ${WORDS[place].subscription} وحُذفت بياناته (الوقت والكلمات وسجل الإرسال).`,
  /** Some of several briefings left: which went, which still come. */
  unsubscribedFrom: (place: Place, names: readonly string[], left: readonly string[]) =>
    `أُلغي ${WORDS[place].subscription} في ${titles(names)} وحُذفت بياناته. ما زال ${WORDS[place].reaches}: ${titles(left)} (/briefing settings).`,
  /** Named briefings it does not receive, and those it does. */
  notSubscribedTo: (place: Place, names: readonly string[], left: readonly string[]) =>
    `${WORDS[place].notSubscribed} في ${titles(names)}. ${WORDS[place].subscriptions}: ${titles(left)} (/briefing settings).`,
  briefingsList: (lines: readonly string[]) => ['الموجزات المتاحة (✅ = مشترك):', ...lines, `للاشتراك: /briefing subscribe ${escapeMrkdwn('<اسم الموجز>')} [HH:MM] [المنطقة]`].join('\n'),
  briefingLine: (b: { id: string; title: string; time: string; zone: string; subscribed: boolean }) => `${b.subscribed ? '✅' : '•'} ${escapeMrkdwn(b.title)} (${escapeMrkdwn(b.id)}) — ${b.time} بتوقيت ${zoneForReaders(b.zone)}`,
  settings: (s: { title: string; time: string; zone: string; topics: string; status: string; filters: string }) =>
    [`*${escapeMrkdwn(s.title)}*`, `الوقت: ${s.time}`, `المنطقة: ${zoneForReaders(s.zone)}`, `المواضيع: ${escapeMrkdwn(s.topics)}`, ...(s.filters ? [s.filters] : []), `الحالة: ${s.status}`].join('\n'),
  allTopics: 'كل المواضيع',
  active: 'نشط',
  /** A paused subscription, why in Arabic, and how to resume it (in a channel the bot was most likely removed from, one archived, or one Slack will not let it post in). */
  paused: (reason: string, direct: boolean) => {
    const first = direct ? '' : (RESUME_FIRST[reason] ?? 'أضف البوت إلى القناة (/invite) ثم ');
    return `موقوف (${PAUSED_REASONS[reason] ?? escapeMrkdwn(reason)}). ${first}اكتب /briefing subscribe لاستئنافه.`;
  },
  /** The filter lines of the settings (nothing when there are none). */
  filterLines: (f: SubscriptionFilters) =>
    [
      ...(f.include.length ? [`كلمات مضافة (+): ${list(f.include)}`] : []),
      ...(f.exclude.length ? [`كلمات محذوفة (-): ${list(f.exclude)}`] : []),
      ...(f.muted.length ? [`مصادر مكتومة: ${list(f.muted)}`] : []),
    ].join('\n'),
  noFilters: 'لا كلمات ولا مصادر مكتومة. احذف أخبار كلمة مما يصل هكذا: /briefing filter -كرة، وامسح الكلمات بـ /briefing filter clear.',
  filters: (lines: string) => `${lines}\nللمسح: /briefing filter clear — لإلغاء الكتم: /briefing unmute`,
  filtersCleared: 'مُسحت الكلمات كلها (بقيت المصادر المكتومة؛ لإلغاء كتمها: /briefing unmute).',
  filtersFull: (max: number) => `لا يتسع الاشتراك لأكثر من ${countedNoun(max, WORDS_LIMIT)}. امسح بعضها أولاً: /briefing filter clear`,
  mutesFull: (max: number) => `لا يتسع الاشتراك لأكثر من ${countedNoun(max, MUTED_LIMIT)}. ألغِ كتم بعضها أولاً: /briefing unmute`,
  ignoredWords: (words: readonly string[]) => `لم تُحفظ (كلمات شائعة لا تميّز خبراً): ${list(words)}`,
  /** A +word on a subscription that chose no topics: every topic comes, so it adds nothing until some are chosen. */
  includeNeedsTopics: `تنبيه: تصل هنا كل المواضيع، فلا تضيف الكلمات (+) شيئاً حتى تختار بعضها: /briefing topics ${escapeMrkdwn('<موضوع…>')} (لعرضها: /briefing topics).`,
  /** One subscription's topics for /briefing topics: ✅ before those chosen; none chosen is every topic. */
  topicsOf: (title: string, topics: readonly { id: string; title: string; chosen: boolean }[], gone: readonly string[] = []) => {
    const chosen = topics.some((t) => t.chosen) || gone.length > 0;
    if (topics.length === 0 && gone.length === 0) return `*${escapeMrkdwn(title)}* — لا مواضيع في هذا الموجز، فتصل أخباره كلها.`;
    return [
      `*${escapeMrkdwn(title)}* — ${chosen ? 'المواضيع (✅ = مختار، ويصل معها ما يطابق الكلمات المضافة +):' : 'لم تُختر مواضيع، فتصل كلها:'}`,
      ...topics.map((t) => `${t.chosen ? '✅' : '•'} ${escapeMrkdwn(t.title)} (${escapeMrkdwn(t.id)})`),
      // Chosen before the briefing dropped them: nothing comes of them until the topics are chosen again.
      ...gone.map((id) => `✅ ${escapeMrkdwn(id)} — لم يعد في هذا الموجز، فلا يصل منه شيء`),
    ].join('\n');
  },
  /** How to choose topics (`example`: a topic title, `briefing`: an id to name first when there are several subscriptions). */
  topicsUsage: (example: string, briefing?: string) =>
    [
      `لاختيار مواضيع: /briefing topics ${briefing ? `${escapeMrkdwn(briefing)} ` : ''}${escapeMrkdwn(example)} (بالاسم أو المعرّف، ويُفصل بينها بفاصلة أو مسافة أو «و»)`,
      'للعودة إلى كل المواضيع: /briefing topics الكل',
    ].join('\n'),
  /** Topics chosen for a subscription. */
  topicsChosen: (title: string, topics: readonly string[]) => `«${escapeMrkdwn(title)}»: المواضيع المختارة الآن: ${list(topics)}. يصل من أخبار غيرها ما يطابق الكلمات المضافة (+) فقط.`,
  /** More topics named than a subscription keeps. */
  topicsFull: (max: number) => `لا يتسع الاشتراك لأكثر من ${countedNoun(max, TOPICS_LIMIT)}، ولم يتغير شيء. اختر أقل منها، أو اكتب /briefing topics الكل لتصل كلها.`,
  /** Back to every topic. */
  topicsAll: (title: string) => `«${escapeMrkdwn(title)}»: تصل الآن كل المواضيع.`,
  /** Subscriptions whose briefing has none of the topics named: left as they were. */
  topicsUntouched: (names: readonly string[]) => (names.length > 1 ? `لم يتغير ${titles(names)}: ليس في أيٍّ منها شيء من هذه المواضيع.` : `لم يتغير ${titles(names)}: ليس فيه أي من هذه المواضيع.`),
  /** Words that name no topic: nothing changed; the valid topics, per briefing when there are several. */
  unknownTopics: (words: readonly string[], valid: readonly string[]) => [`لا موضوع باسم ${titles(words)}، ولم يتغير شيء. المواضيع:`, ...valid].join('\n'),
  /** One briefing's topics in {@link unknownTopics}. */
  validTopics: (title: string | undefined, topics: readonly { id: string; title: string }[]) =>
    `${title ? `«${escapeMrkdwn(title)}»: ` : ''}${topics.length ? topics.map((t) => `${escapeMrkdwn(t.title)} (${escapeMrkdwn(t.id)})`).join('، ') : 'لا مواضيع في هذا الموجز'}`,
  muteUsage: 'اكتب اسم المصدر كما يظهر تحت الخبر: /briefing mute الجزيرة (أو موقعه: /briefing mute aljazeera.net).',
  muted: (names: readonly string[]) => `المصادر المكتومة: ${list(names)}\nالخبر الذي لم ينقله غيرها لن يصل، ورابطها يُحذف من غيره. للإلغاء: /briefing unmute`,
  mutedUnseen: (names: readonly string[]) => `تنبيه: لا مصدر في موجز اليوم باسم ${list(names.map((n) => `«${n}»`))}. اكتب الاسم كما يظهر بعد «المصدر:» تحت الخبر، أو موقعه (aljazeera.net).`,
  unmutedAll: 'أُلغي كتم المصادر كلها.',
  unmuted: (names: readonly string[]) => (names.length ? `المصادر المكتومة الآن: ${list(names)}` : 'لا مصادر مكتومة الآن.'),
};
