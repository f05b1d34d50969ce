/**
 * Dates as Arabic feeds write them when they do not follow RFC 822 or ISO 8601: month names in
 * Arabic (Egypt and the Gulf «نوفمبر», the Levant and Iraq «تشرين الثاني», the Maghreb «جويلية»),
 * Arabic-Indic digits, a weekday, «ص»/«م» for the half of the day, and numeric dates day first
 * («28/11/2026», as the Arab world writes them). A zone written after the time («Z», «GMT», «UTC»,
 * «GMT+0300», «+03:00», «+0300», «+3») is subtracted; a time without a zone is taken as UTC, as the
 * composer reads one (so that the result does not depend on the machine's zone).
 */

const MONTH_NAMES: readonly (readonly string[])[] = [
  ['يناير', 'كانون الثاني', 'جانفي'],
  ['فبراير', 'شباط', 'فيفري'],
  ['مارس', 'آذار', 'اذار'],
  ['أبريل', 'ابريل', 'إبريل', 'نيسان', 'أفريل', 'افريل'],
  ['مايو', 'أيار', 'ايار', 'ماي'],
  ['يونيو', 'يونيه', 'حزيران', 'جوان'],
  ['يوليو', 'يوليه', 'تموز', 'جويلية', 'جويلة'],
  ['أغسطس', 'اغسطس', 'آب', 'اب', 'أوت', 'اوت'],
  ['سبتمبر', 'أيلول', 'ايلول'],
  ['أكتوبر', 'اكتوبر', 'تشرين الأول', 'تشرين الاول'],
  ['نوفمبر', 'تشرين الثاني'],
  ['ديسمبر', 'كانون الأول', 'كانون الاول'],
];
const MONTH_OF = new Map(MONTH_NAMES.flatMap((names, i) => names.map((n) => [n, i] as const)));
// Longest first, so that «مايو» is not read as «ماي» and «تشرين الثاني» is read whole.
const MONTH_RE = [...MONTH_OF.keys()].sort((a, b) => b.length - a.length).join('|');
const ARABIC_DATE = new RegExp(`(\\d{1,2})\\s*[-/]?\\s*(${MONTH_RE})(?![\\u0621-\\u064A])\\s*[-/,،]?\\s*(\\d{4})`);
const DAY_FIRST = /^\D{0,30}?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/;
const YEAR_FIRST = /^\D{0,30}?(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?!\d)/;
const TIME = /(?:^|\D)(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*(ص|صباحا|صباحًا|م|مساء|مساءً|AM|PM)(?![\u0621-\u064A]))?/i;
// Right after the time: «Z», «GMT», «UTC», or an offset («GMT+0300», «UTC+3», «+03:00», «+0300», «-4»).
const ZONE = /^\s*(?:(?:GMT|UTC)?\s*([+-])(\d{1,2})(?::?(\d{2}))?(?!\d)|(?:Z|GMT|UTC)(?![A-Za-z]))/i;

/** Minutes east of UTC of the zone at the start of `after`; 0 when there is none (or it is not one). */
function zoneMinutes(after: string): number {
  const z = ZONE.exec(after);
  if (!z?.[1]) return 0;
  const hours = Number(z[2]);
  const minutes = z[3] ? Number(z[3]) : 0;
  if (hours > 14 || minutes > 59) return 0;
  return (z[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Arabic-Indic and Eastern Arabic-Indic digits → ASCII. */
function asciiDigits(s: string): string {
  return s.replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (d) => String((d.charCodeAt(0) & 0xf) % 10));
}

function utc(year: number, month: number, day: number, rest: string): number {
  const t = TIME.exec(rest);
  let hour = t ? Number(t[1]) : 0;
  const minute = t ? Number(t[2]) : 0;
  const second = t?.[3] ? Number(t[3]) : 0;
  const half = t?.[4]?.toLowerCase();
  if (half && /^(م|مساء|مساءً|pm)$/.test(half) && hour < 12) hour += 12;
  if (half && /^(ص|صباحا|صباحًا|am)$/.test(half) && hour === 12) hour = 0;
  if (month < 0 || month > 11 || day < 1 || hour > 23 || minute > 59 || second > 59) return Number.NaN;
  const ms = Date.UTC(year, month, day, hour, minute, second);
  // 31/02 rolls over into March: not a date.
  if (new Date(ms).getUTCDate() !== day) return Number.NaN;
  // «22:05 +0300» is 19:05 UTC.
  return t ? ms - zoneMinutes(rest.slice(t.index + t[0].length)) * 60_000 : ms;
}

/** Epoch milliseconds of a day-first numeric date («28/11/2026 22:05», «03-11-2026»), or NaN. */
export function parseDayFirstDate(text: string): number {
  const s = asciiDigits(text.trim());
  const m = DAY_FIRST.exec(s);
  if (m) return utc(Number(m[3]), Number(m[2]) - 1, Number(m[1]), s.slice(m.index + m[0].length));
  const y = YEAR_FIRST.exec(s);
  if (y) return utc(Number(y[1]), Number(y[2]) - 1, Number(y[3]), s.slice(y.index + y[0].length));
  return Number.NaN;
}

/** Epoch milliseconds of a date with an Arabic month name («الأحد، 29 نوفمبر 2026 04:30 م»), or NaN. */
export function parseArabicDate(text: string): number {
  const s = asciiDigits(text.trim());
  const m = ARABIC_DATE.exec(s);
  if (!m) return Number.NaN;
  return utc(Number(m[3]), MONTH_OF.get(m[2]!)!, Number(m[1]), s.slice(m.index + m[0].length));
}
