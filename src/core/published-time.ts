/** Reading the publication time of an article as feeds and corpora write it. */

const MONTHS: Record<string, number> = { jan: 0, feb: 1, mar: 2, apr: 3, may: 4, jun: 5, jul: 6, aug: 7, sep: 8, oct: 9, nov: 10, dec: 11 };
/** RFC 822 zone names (military single letters are not used by feeds in practice). */
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7 };

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RFC822_RE = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,3})?$/;

/** Whether the fields are in range (Date.UTC would roll 13/45 over into the next year). */
function valid(month: number, day: number, hour: number, minute: number, second: number): boolean {
  return month >= 0 && month <= 11 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 60;
}

function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return 0;
  if (/^z$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
  const named = ZONES[zone.toLowerCase()];
  return named === undefined ? undefined : named * 60;
}

/**
 * Epoch milliseconds of a publication time, or NaN when it cannot be read. Reads ISO 8601 (with
 * `T` or a space between date and time, as corpora write it) and RFC 822 / RFC 2822 as RSS writes
 * it («Sun, 18 Feb 2018 21:35:43 +0400», zone as an offset or a name such as GMT or EST). A time
 * without a zone is taken as UTC, so that the result does not depend on the machine's zone. Other
 * forms go to Date.parse.
 *
 * @example
 * parsePublished('Sun, 18 Feb 2018 21:35:43 +0400') === Date.UTC(2018, 1, 18, 17, 35, 43) // true
 */
export function parsePublished(text: string | undefined): number {
  if (text === undefined) return Number.NaN;
  const s = text.trim();
  let m = ISO_RE.exec(s);
  if (m) {
    const off = offsetMinutes(m[8]);
    if (off === undefined || !valid(Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0))) return Number.NaN;
    const ms = m[7] ? Number(`0.${m[7]}`) * 1000 : 0;
    const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Math.floor(ms));
    return t - off * 60_000;
  }
  m = RFC822_RE.exec(s);
  if (m) {
    const month = MONTHS[m[2]!.toLowerCase()];
    const off = offsetMinutes(m[7]);
    if (month === undefined || off === undefined || !valid(month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0))) return Number.NaN;
    let year = Number(m[3]);
    if (m[3]!.length === 2) year += year < 50 ? 2000 : 1900;
    return Date.UTC(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - off * 60_000;
  }
  // Anything else the platform reads (e.g. «November 29, 2026 06:00 GMT»), or NaN.
  return Date.parse(s);
}
