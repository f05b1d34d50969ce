/** The one parser of a delivery time typed by a person, for every channel (Telegram /time, Slack /briefing subscribe). */
import { stripDiacritics, toAsciiDigits } from '../arabic/index.js';
import { isValidHhmm, isValidTimeZone } from '../core/time.js';

/** A parsed time and zone, or what was wrong (`zone` echoes the zone that was not understood). */
export type ParsedDeliveryTime = { time: string; zone: string } | { error: 'time' | 'zone'; zone?: string };

// Morning and evening as people write them after a 12-hour time: «٧:٣٠ م», «7 صباحاً», «7:30 pm».
const MORNING = new Set(['ص', 'صباحا', 'صباح', 'am', 'a.m.']);
const EVENING = new Set(['م', 'مساء', 'مساءا', 'pm', 'p.m.']);
const meridiemOf = (word: string): 'am' | 'pm' | undefined => {
  const w = stripDiacritics(word).replace(/\u0640/g, '').toLowerCase();
  return MORNING.has(w) ? 'am' : EVENING.has(w) ? 'pm' : undefined;
};

/** Whether a word says morning or evening after a time («ص», «مساءً», «pm»). */
export function isMeridiemWord(word: string): boolean {
  return meridiemOf(word) !== undefined;
}

/**
 * The zone as the runtime names it: «asia/riyadh» typed in lower case is stored and shown as
 * «Asia/Riyadh», so that one zone is one spelling everywhere.
 */
function canonicalZone(zone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
}

/**
 * Parses "HH:MM [ص|م] [Zone]" in Western, Arabic-Indic or Persian digits, with ":" or "." or the
 * Arabic decimal separator between hours and minutes; after a 12-hour time, «ص»/«صباحاً»/am
 * (morning) or «م»/«مساءً»/pm (evening), which also allow an hour alone («7 م»). The zone
 * defaults to `defaultZone`, and comes back as the runtime spells it.
 *
 * @example
 * parseDeliveryTime('٠٧:٣٠', 'Asia/Riyadh')          // → { time: '07:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('7:05 Asia/Beirut', 'Asia/Riyadh') // → { time: '07:05', zone: 'Asia/Beirut' }
 * parseDeliveryTime('٧:٣٠ م', 'Asia/Riyadh')          // → { time: '19:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('07:00 Riyadh', 'Asia/Riyadh')     // → { error: 'zone', zone: 'Riyadh' }
 */
export function parseDeliveryTime(text: string, defaultZone: string): ParsedDeliveryTime {
  const words = toAsciiDigits(text).trim().split(/\s+/);
  // «7:30م» written as one word: the mark comes off the time.
  const glued = /^([\d:.٫]+)(\D+)$/.exec(words[0] ?? '');
  if (glued && isMeridiemWord(glued[2]!)) words.splice(0, 1, glued[1]!, glued[2]!);
  const meridiem = words[1] !== undefined ? meridiemOf(words[1]) : undefined;
  if (meridiem) words.splice(1, 1);
  const [rawTime, rawZone] = words;
  const m = (meridiem ? /^(\d{1,2})(?:[:.٫](\d{2}))?$/ : /^(\d{1,2})[:.٫](\d{2})$/).exec(rawTime ?? '');
  let hour = m ? Number(m[1]) : -1;
  if (meridiem) hour = hour >= 1 && hour <= 12 ? (hour % 12) + (meridiem === 'pm' ? 12 : 0) : -1;
  const time = m && hour >= 0 ? `${String(hour).padStart(2, '0')}:${m[2] ?? '00'}` : '';
  if (!isValidHhmm(time)) return { error: 'time' };
  const zone = rawZone ?? defaultZone;
  if (!isValidTimeZone(zone)) return { error: 'zone', zone };
  return { time, zone: canonicalZone(zone) };
}
