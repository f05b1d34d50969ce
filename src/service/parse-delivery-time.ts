/** The one parser of a delivery time typed by a person, for every channel (Telegram /time, Slack /briefing subscribe). */
import { FSI, normalizeArabic, PDI, stripBidiControls, stripDiacritics, toAsciiDigits } from '../arabic/index.js';
import { isValidHhmm, isValidTimeZone } from '../core/time.js';

/** A parsed time and zone, or what was wrong (`zone` echoes the zone that was not understood). */
export type ParsedDeliveryTime = { time: string; zone?: string } | { error: 'time' | 'zone'; zone?: string };

// Morning and evening as people write them after a 12-hour time: «٧:٣٠ م», «7 صباحاً», «7:30 pm»;
// and the parts of the day: «٤ فجراً», «١٢:٣٠ ظهراً», «٣ عصراً», «١٠ ليلاً».
type PartOfDay = 'am' | 'pm' | 'dawn' | 'noon' | 'afternoon' | 'night';
const PARTS_OF_DAY = new Map<string, PartOfDay>([
  ...['ص', 'صباحا', 'صباح', 'am', 'a.m.'].map((w) => [w, 'am'] as const),
  ...['م', 'مساء', 'مساءا', 'pm', 'p.m.'].map((w) => [w, 'pm'] as const),
  ...['فجرا', 'فجر'].map((w) => [w, 'dawn'] as const),
  ...['ظهرا', 'ظهر'].map((w) => [w, 'noon'] as const),
  ...['عصرا', 'عصر'].map((w) => [w, 'afternoon'] as const),
  ...['ليلا', 'ليل'].map((w) => [w, 'night'] as const),
]);
const meridiemOf = (word: string): PartOfDay | undefined => PARTS_OF_DAY.get(stripDiacritics(word).replace(/\u0640/g, '').toLowerCase());

/**
 * The hour of the day (0–23) an hour of the clock (1–12) is in a part of the day, or -1 when the part
 * cannot hold it: dawn 1–6, noon 11–12 and 1–3, the afternoon 1–6 (after noon), the night 12 and
 * 1–5 (after midnight) or 6–11 (before it).
 */
function hourIn(hour: number, part: PartOfDay): number {
  if (hour < 1 || hour > 12) return -1;
  switch (part) {
    case 'am': return hour % 12;
    case 'pm': return (hour % 12) + 12;
    case 'dawn': return hour <= 6 ? hour : -1;
    case 'noon': return hour >= 11 ? hour : hour <= 3 ? hour + 12 : -1;
    case 'afternoon': return hour <= 6 ? hour + 12 : -1;
    case 'night': return hour === 12 ? 0 : hour <= 5 ? hour : hour + 12;
  }
}

// The words the bot's own answers put around a time («كل يوم الساعة 07:30 بتوقيت الرياض»),
// which people type back: «الساعة» before the time, «بتوقيت» or «توقيت» before the zone.
const TIME_WORDS = new Set(['الساعة', 'الساعه', 'بتوقيت', 'توقيت']);

/** Whether a word only frames a time or its zone («الساعة», «بتوقيت»): no time, zone or briefing name. */
export function isTimeFrameWord(word: string): boolean {
  return TIME_WORDS.has(stripDiacritics(word).replace(/\u0640/g, ''));
}

/** Whether a word says morning, evening or a part of the day after a time («ص», «مساءً», «pm», «ظهراً»). */
export function isMeridiemWord(word: string): boolean {
  return meridiemOf(word) !== undefined;
}

/**
 * Cities people name for their time, in Arabic and English, and their zones. Names that would be
 * a guess are left out («عمان» is Amman and Oman, «طرابلس» is in Libya and Lebanon).
 */
const PLACES: Record<string, string> = {
  'الرياض': 'Asia/Riyadh', 'جدة': 'Asia/Riyadh', 'مكة': 'Asia/Riyadh', 'مكة المكرمة': 'Asia/Riyadh', 'المدينة المنورة': 'Asia/Riyadh', 'السعودية': 'Asia/Riyadh', riyadh: 'Asia/Riyadh', jeddah: 'Asia/Riyadh', mecca: 'Asia/Riyadh', makkah: 'Asia/Riyadh',
  'القاهرة': 'Africa/Cairo', 'الإسكندرية': 'Africa/Cairo', 'مصر': 'Africa/Cairo', cairo: 'Africa/Cairo', alexandria: 'Africa/Cairo',
  'دبي': 'Asia/Dubai', 'أبوظبي': 'Asia/Dubai', 'أبو ظبي': 'Asia/Dubai', 'الإمارات': 'Asia/Dubai', dubai: 'Asia/Dubai', 'abu dhabi': 'Asia/Dubai',
  'الدوحة': 'Asia/Qatar', 'قطر': 'Asia/Qatar', doha: 'Asia/Qatar', 'الكويت': 'Asia/Kuwait', kuwait: 'Asia/Kuwait',
  'المنامة': 'Asia/Bahrain', 'البحرين': 'Asia/Bahrain', manama: 'Asia/Bahrain', 'مسقط': 'Asia/Muscat', muscat: 'Asia/Muscat',
  'بغداد': 'Asia/Baghdad', 'العراق': 'Asia/Baghdad', baghdad: 'Asia/Baghdad', 'دمشق': 'Asia/Damascus', 'سوريا': 'Asia/Damascus', damascus: 'Asia/Damascus',
  'بيروت': 'Asia/Beirut', 'لبنان': 'Asia/Beirut', beirut: 'Asia/Beirut', 'الأردن': 'Asia/Amman', amman: 'Asia/Amman',
  'القدس': 'Asia/Jerusalem', jerusalem: 'Asia/Jerusalem', 'غزة': 'Asia/Gaza', gaza: 'Asia/Gaza',
  'صنعاء': 'Asia/Aden', 'عدن': 'Asia/Aden', 'اليمن': 'Asia/Aden', sanaa: 'Asia/Aden', aden: 'Asia/Aden',
  'الخرطوم': 'Africa/Khartoum', 'السودان': 'Africa/Khartoum', khartoum: 'Africa/Khartoum', 'ليبيا': 'Africa/Tripoli', 'بنغازي': 'Africa/Tripoli',
  'تونس': 'Africa/Tunis', tunis: 'Africa/Tunis', 'الجزائر': 'Africa/Algiers', algiers: 'Africa/Algiers',
  'الرباط': 'Africa/Casablanca', 'الدار البيضاء': 'Africa/Casablanca', 'المغرب': 'Africa/Casablanca', 'كازابلانكا': 'Africa/Casablanca', 'كازا': 'Africa/Casablanca', 'مراكش': 'Africa/Casablanca', 'فاس': 'Africa/Casablanca', 'طنجة': 'Africa/Casablanca', rabat: 'Africa/Casablanca', casablanca: 'Africa/Casablanca', marrakech: 'Africa/Casablanca',
  'نواكشوط': 'Africa/Nouakchott', 'موريتانيا': 'Africa/Nouakchott', nouakchott: 'Africa/Nouakchott', 'مقديشو': 'Africa/Mogadishu', mogadishu: 'Africa/Mogadishu',
  'جيبوتي': 'Africa/Djibouti', djibouti: 'Africa/Djibouti', 'إسطنبول': 'Europe/Istanbul', istanbul: 'Europe/Istanbul',
  'لندن': 'Europe/London', london: 'Europe/London', 'باريس': 'Europe/Paris', paris: 'Europe/Paris', 'برلين': 'Europe/Berlin', berlin: 'Europe/Berlin',
};
const placeKey = (name: string): string => normalizeArabic(name).toLowerCase().replace(/\s+/g, ' ').trim();
const PLACE_ZONES = new Map(Object.entries(PLACES).map(([name, zone]) => [placeKey(name), zone]));

/** The zone of a city or country people name («القاهرة», «Dubai», «الدار البيضاء»), if it is one the bot knows. */
export function zoneOfPlace(name: string): string | undefined {
  return PLACE_ZONES.get(placeKey(name));
}

/**
 * The one place each zone is shown as, to readers of every channel: the capital, which people name
 * for their country's time. Where the capital's name is one the bot does not read (ambiguous:
 * «عمّان», «طرابلس») or the capital is contested (Asia/Aden: Sanaa or Aden), the country.
 * Every name here is one {@link zoneOfPlace} reads back as the same zone.
 */
const ZONE_PLACES: Readonly<Record<string, string>> = {
  'Asia/Riyadh': 'الرياض', 'Africa/Cairo': 'القاهرة', 'Asia/Dubai': 'أبوظبي', 'Asia/Qatar': 'الدوحة', 'Asia/Kuwait': 'الكويت',
  'Asia/Bahrain': 'المنامة', 'Asia/Muscat': 'مسقط', 'Asia/Baghdad': 'بغداد', 'Asia/Damascus': 'دمشق', 'Asia/Beirut': 'بيروت',
  'Asia/Amman': 'الأردن', 'Asia/Jerusalem': 'القدس', 'Asia/Gaza': 'غزة', 'Asia/Aden': 'اليمن', 'Africa/Khartoum': 'الخرطوم',
  'Africa/Tripoli': 'ليبيا', 'Africa/Tunis': 'تونس', 'Africa/Algiers': 'الجزائر', 'Africa/Casablanca': 'الرباط',
  'Africa/Nouakchott': 'نواكشوط', 'Africa/Mogadishu': 'مقديشو', 'Africa/Djibouti': 'جيبوتي', 'Europe/Istanbul': 'إسطنبول',
  'Europe/London': 'لندن', 'Europe/Paris': 'باريس', 'Europe/Berlin': 'برلين',
};

/** The Arabic place a zone is shown as («Asia/Riyadh» → «الرياض»), or nothing for a zone the bot names no place for. */
export function placeOfZone(zone: string): string | undefined {
  return Object.hasOwn(ZONE_PLACES, zone) ? ZONE_PLACES[zone] : undefined;
}

/**
 * A zone as a chat answer shows it after «بتوقيت»: its place («الرياض»), else its id in FSI…PDI so
 * that a Latin id keeps its order in an Arabic line. Typed back, either reads as the same zone.
 */
export function zoneForReaders(zone: string): string {
  return placeOfZone(zone) ?? FSI + zone + PDI;
}

/** Words with each two-word place name («الدار البيضاء», «أبو ظبي») joined into one. */
export function joinPlaceNames(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : undefined;
    if (pair && zoneOfPlace(pair)) (out.push(pair), i++);
    else out.push(words[i]!);
  }
  return out;
}

// Every zone name the runtime lists, by its lower case: «asia/kolkata» and «utc» are found as
// «Asia/Kolkata» and «UTC» (the runtime may know a zone under an older name, Asia/Calcutta, and
// still list the name people type).
let zonesByLowerCase: Map<string, string> | undefined;

/**
 * The zone as people mean it, spelt as the runtime lists it, whatever its case: «asia/riyadh» is
 * stored and shown as «Asia/Riyadh», «asia/kolkata» as «Asia/Kolkata» (never another name for it).
 */
function canonicalZone(zone: string): string {
  zonesByLowerCase ??= new Map(['UTC', ...Intl.supportedValuesOf('timeZone')].map((z) => [z.toLowerCase(), z]));
  const listed = zonesByLowerCase.get(zone.toLowerCase());
  if (listed) return listed;
  // A newer name the runtime knows but does not list (Asia/Kolkata, Europe/Kyiv, Asia/Ho_Chi_Minh): typed in lower case, each word capitalized.
  return zone === zone.toLowerCase() && zone.includes('/') ? zone.replace(/(^|[/_])([a-z])/g, (_, sep: string, c: string) => sep + c.toUpperCase()) : zone;
}

/**
 * Parses "[الساعة] HH:MM [ص|م] [بتوقيت] [Zone]" in Western, Arabic-Indic or Persian digits, with ":" or "." or the
 * Arabic decimal separator between hours and minutes; after a 12-hour time, «ص»/«صباحاً»/am
 * (morning) or «م»/«مساءً»/pm (evening), which also allow an hour alone («7 م»). The zone, an
 * IANA name or a city the bot knows («القاهرة», see {@link zoneOfPlace}), defaults to
 * `defaultZone` (none when it is not given: the subscription keeps its own), and comes back as
 * the runtime spells it.
 *
 * @example
 * parseDeliveryTime('٠٧:٣٠', 'Asia/Riyadh')          // → { time: '07:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('7:05 Asia/Beirut', 'Asia/Riyadh') // → { time: '07:05', zone: 'Asia/Beirut' }
 * parseDeliveryTime('٧:٣٠ م', 'Asia/Riyadh')          // → { time: '19:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('07:00 القاهرة', 'Asia/Riyadh')   // → { time: '07:00', zone: 'Africa/Cairo' }
 * parseDeliveryTime('07:00 Atlantis', 'Asia/Riyadh')   // → { error: 'zone', zone: 'Atlantis' }
 * parseDeliveryTime('06:30')                           // → { time: '06:30' } (no zone typed, none given)
 */
export function parseDeliveryTime(text: string, defaultZone?: string): ParsedDeliveryTime {
  // Direction marks pasted with Arabic text (RLM, LRM, isolates) are no part of a time or a zone.
  // «الساعة ٧:٣٠ بتوقيت القاهرة»: the words that frame the time and its zone are read past.
  const words = joinPlaceNames(toAsciiDigits(stripBidiControls(text)).trim().split(/\s+/).filter((w) => !isTimeFrameWord(w)));
  // «7:30م» written as one word: the mark comes off the time.
  const glued = /^([\d:.٫]+)(\D+)$/.exec(words[0] ?? '');
  if (glued && isMeridiemWord(glued[2]!)) words.splice(0, 1, glued[1]!, glued[2]!);
  // The mark may come after the zone too («07:30 Asia/Riyadh pm»); once.
  const at = words.findIndex((w, i) => i > 0 && meridiemOf(w) !== undefined);
  const meridiem = at > 0 ? meridiemOf(words[at]!) : undefined;
  if (meridiem) words.splice(at, 1);
  const [rawTime, rawZone, ...extra] = words;
  const m = (meridiem ? /^(\d{1,2})(?:[:.٫](\d{2}))?$/ : /^(\d{1,2})[:.٫](\d{2})$/).exec(rawTime ?? '');
  let hour = m ? Number(m[1]) : -1;
  if (meridiem) hour = hourIn(hour, meridiem);
  const time = m && hour >= 0 ? `${String(hour).padStart(2, '0')}:${m[2] ?? '00'}` : '';
  if (!isValidHhmm(time)) return { error: 'time' };
  // Words after the zone are not dropped unread: «07:30 القاهرة evening» is no time and zone.
  if (extra.length > 0) return { error: 'zone', zone: [rawZone, ...extra].join(' ') };
  // No zone typed: the default when there is one, else none (the subscription keeps its own; see updateSubscription).
  if (rawZone === undefined) return defaultZone === undefined ? { time } : { time, zone: defaultZone };
  const typed = canonicalZone(rawZone);
  const zone = isValidTimeZone(typed) ? typed : (zoneOfPlace(rawZone) ?? rawZone);
  if (!isValidTimeZone(zone)) return { error: 'zone', zone };
  return { time, zone: canonicalZone(zone) };
}
