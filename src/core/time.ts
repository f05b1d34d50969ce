/** Local date and time in an IANA zone, with Intl (DST-correct, no third-party tz data). */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall-clock date (YYYY-MM-DD) and time (HH:MM) at `instant` in `zone`. */
export function toLocalParts(instant: Date, zone: string): { date: string; time: string } {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(instant)) parts[p.type] = p.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** Whether a string is a time zone this runtime knows by IANA name ("Asia/Riyadh", "UTC"). */
export function isValidTimeZone(zone: string): boolean {
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Whether a string is a 24-hour HH:MM time. */
export function isValidHhmm(time: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(time);
}

function offsetMs(instant: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(instant))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!);
  return asUtc - Math.floor(instant / 60_000) * 60_000;
}

/**
 * The instant (epoch ms) of a local wall time in a zone. A time skipped by a DST change
 * (00:30 on a night the clocks jump from 00:00 to 01:00) is shifted forward by the gap: 01:30.
 */
export function zonedTimeToInstant(date: string, hhmm: string, zone: string): number {
  const [y, mo, d] = date.split('-').map(Number);
  const [h, mi] = hhmm.split(':').map(Number);
  const wall = Date.UTC(y!, mo! - 1, d!, h!, mi!);
  let guess = wall - offsetMs(wall, zone);
  guess = wall - offsetMs(guess, zone);
  const check = toLocalParts(new Date(guess), zone);
  if (check.time !== hhmm) {
    // In a DST gap: the wall time does not exist; take the later offset.
    const later = wall - offsetMs(guess + 3 * 3_600_000, zone);
    return Math.max(guess, later);
  }
  return guess;
}

/** The local date one day before a YYYY-MM-DD date. */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! - 1)).toISOString().slice(0, 10);
}
