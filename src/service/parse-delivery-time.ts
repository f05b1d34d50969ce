/** The one parser of a delivery time typed by a person, for every channel (Telegram /time, Slack /briefing subscribe). */
import { stripBidiControls, toAsciiDigits } from '../arabic/index.js';
import { isValidHhmm, isValidTimeZone } from '../core/time.js';

/** A parsed time and zone, or what was wrong (`zone` echoes the zone that was not understood). */
export type ParsedDeliveryTime = { time: string; zone: string } | { error: 'time' | 'zone'; zone?: string };

// Words for before and after noon, after a 12-hour time: «٧:٣٠ م», «6:45 ص», «7:30 pm».
const MORNING = new Set(['ص', 'صباحا', 'صباحاً', 'صباح', 'am', 'a.m.']);
const EVENING = new Set(['م', 'مساء', 'مساءً', 'مساءا', 'pm', 'p.m.']);

/**
 * Parses "HH:MM [ص|م] [Zone]" in Western, Arabic-Indic or Persian digits, with ":" or "." or the
 * Arabic decimal separator between hours and minutes; ص or م (am, pm) makes it a 12-hour time.
 * The zone defaults to `defaultZone`, and is given as the runtime spells it («asia/riyadh» →
 * «Asia/Riyadh»).
 *
 * @example
 * parseDeliveryTime('٠٧:٣٠', 'Asia/Riyadh')          // → { time: '07:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('7:05 Asia/Beirut', 'Asia/Riyadh') // → { time: '07:05', zone: 'Asia/Beirut' }
 * parseDeliveryTime('٧:٣٠ م', 'Asia/Riyadh')          // → { time: '19:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('07:00 Riyadh', 'Asia/Riyadh')     // → { error: 'zone', zone: 'Riyadh' }
 */
export function parseDeliveryTime(text: string, defaultZone: string): ParsedDeliveryTime {
  // Direction marks pasted with Arabic text (RLM, LRM, isolates) are no part of a time or a zone.
  const words = toAsciiDigits(stripBidiControls(text)).trim().split(/\s+/);
  const [rawTime] = words;
  const period = words[1]?.toLowerCase();
  const half = period !== undefined && MORNING.has(period) ? 'am' : period !== undefined && EVENING.has(period) ? 'pm' : undefined;
  const rawZone = words[half ? 2 : 1];
  const m = /^(\d{1,2})[:.٫](\d{2})$/.exec(rawTime ?? '');
  let hour = m ? Number(m[1]) : -1;
  if (half) {
    if (hour < 1 || hour > 12) return { error: 'time' };
    hour = (hour % 12) + (half === 'pm' ? 12 : 0);
  }
  const time = m ? `${String(hour).padStart(2, '0')}:${m[2]}` : '';
  if (!isValidHhmm(time)) return { error: 'time' };
  const zone = rawZone ?? defaultZone;
  if (!isValidTimeZone(zone)) return { error: 'zone', zone };
  // The runtime's spelling when it is the same name («asia/riyadh»); never another name for it (Asia/Kolkata stays).
  const named = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  return { time, zone: named.toLowerCase() === zone.toLowerCase() ? named : zone };
}
