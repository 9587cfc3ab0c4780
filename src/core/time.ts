/**
 * Time values as the CLI and the provider write them. Pure: nothing here reads the clock.
 * Stored and printed times are ISO-8601 UTC with second precision (`2026-03-01T14:05:09Z`).
 */

const DURATION = /^(\d+)(m|h|d|w)$/;
const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_FULL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

export const DAY_MS = 86_400_000;

/** `30m`, `12h`, `7d`, `2w` → milliseconds, or null when it is not a duration. */
export function parseDuration(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * UNIT_MS[m[2]!]!;
}

/** `YYYY-MM-DD` (UTC midnight) or full ISO-8601 with a zone → epoch ms, or null. */
export function parseDate(text: string): number | null {
  const t = text.trim();
  const d = DATE_ONLY.exec(t);
  if (d) {
    const ms = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!);
    const back = new Date(ms);
    if (back.getUTCMonth() !== +d[2]! - 1 || back.getUTCDate() !== +d[3]!) return null;
    return ms;
  }
  if (!ISO_FULL.test(t)) return null;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? null : ms;
}

export function isDateOnly(text: string): boolean {
  return DATE_ONLY.test(text.trim());
}

/** A `--since` value: a date, or a duration counted back from `now`. */
export function parseSince(text: string, now: number): number | null {
  const dur = parseDuration(text);
  if (dur !== null) return now - dur;
  return parseDate(text);
}

export function toIso(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function startOfDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

const MONTHS: Record<string, string> = {
  Jan: '01', Feb: '02', Mar: '03', Apr: '04', May: '05', Jun: '06',
  Jul: '07', Aug: '08', Sep: '09', Oct: '10', Nov: '11', Dec: '12',
};
const RFC2822 = /^(?:[A-Z][a-z]{2}, )?(\d{1,2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-]\d{4}|GMT|UTC)$/;

/**
 * Twilio's `Fri, 24 May 2019 17:44:50 +0000` → `2019-05-24T17:44:50Z`, or null when unparsable.
 * Built by slicing rather than through Date because sync runs it three times per message.
 */
export function rfc2822ToIso(text: string): string | null {
  const m = RFC2822.exec(text);
  if (!m) return null;
  const month = MONTHS[m[2]!];
  if (!month) return null;
  const day = m[1]!.padStart(2, '0');
  const zone = m[7]!;
  if (zone === '+0000' || zone === '-0000' || zone === 'GMT' || zone === 'UTC') {
    if (+day > 31 || +m[4]! > 23 || +m[5]! > 59 || +m[6]! > 60) return null;
    return `${m[3]}-${month}-${day}T${m[4]}:${m[5]}:${m[6]}Z`;
  }
  const ms = Date.parse(`${m[3]}-${month}-${day}T${m[4]}:${m[5]}:${m[6]}${zone.slice(0, 3)}:${zone.slice(3)}`);
  return Number.isNaN(ms) ? null : toIso(ms);
}

const dayPrefixes = new Map<number, string>();
const two = (n: number) => (n < 10 ? '0' + n : String(n));

/** Epoch ms → the RFC 2822 form Twilio writes (`Fri, 24 May 2019 17:44:50 +0000`); the local provider uses it. */
export function isoToRfc2822(ms: number): string {
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toUTCString().slice(0, 17);
    if (dayPrefixes.size < 100_000) dayPrefixes.set(day, prefix);
  }
  const s = Math.floor((ms - day * DAY_MS) / 1000);
  return `${prefix}${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)} +0000`;
}
