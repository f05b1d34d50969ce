/** The one parser of a delivery time typed by a person, for every channel (Telegram /time, Slack /briefing subscribe). */
import { toAsciiDigits } from '../arabic/index.js';
import { isValidHhmm, isValidTimeZone } from '../core/time.js';

/** A parsed time and zone, or what was wrong (`zone` echoes the zone that was not understood). */
export type ParsedDeliveryTime = { time: string; zone: string } | { error: 'time' | 'zone'; zone?: string };

/**
 * Parses "HH:MM [Zone]" in Western, Arabic-Indic or Persian digits, with ":" or "." or the
 * Arabic decimal separator between hours and minutes; the zone defaults to `defaultZone`.
 *
 * @example
 * parseDeliveryTime('٠٧:٣٠', 'Asia/Riyadh')          // → { time: '07:30', zone: 'Asia/Riyadh' }
 * parseDeliveryTime('7:05 Asia/Beirut', 'Asia/Riyadh') // → { time: '07:05', zone: 'Asia/Beirut' }
 * parseDeliveryTime('07:00 Riyadh', 'Asia/Riyadh')     // → { error: 'zone', zone: 'Riyadh' }
 */
export function parseDeliveryTime(text: string, defaultZone: string): ParsedDeliveryTime {
  const [rawTime, rawZone] = toAsciiDigits(text).trim().split(/\s+/);
  const m = /^(\d{1,2})[:.٫](\d{2})$/.exec(rawTime ?? '');
  const time = m ? `${m[1]!.padStart(2, '0')}:${m[2]}` : '';
  if (!isValidHhmm(time)) return { error: 'time' };
  const zone = rawZone ?? defaultZone;
  if (!isValidTimeZone(zone)) return { error: 'zone', zone };
  return { time, zone };
}
