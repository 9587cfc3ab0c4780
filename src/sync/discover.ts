/**
 * Finds the oldest day with dated messages, so that a full sync can be split into day
 * partitions. The API cannot sort ascending, so this searches on "is anything dated on or before
 * day X?" with one-message probes, eight per round trip (a round trip is what costs on a slow
 * link): first at 0, 1, 2, 4 … 64 days back, then further back, then narrowing down.
 */
import { messagesListUri, type MessageGateway } from '../twilio/gateway.js';
import { DAY_MS, dayOf, rfc2822ToIso, startOfDay } from '../core/time.js';

const PROBES_PER_ROUND = 8;

async function newestOnOrBefore(gw: MessageGateway, day: number): Promise<number | null> {
  const page = await gw.listPage(messagesListUri(gw.accountSid, { 'DateSent<': dayOf(day) }, 1));
  const m = page.messages[0] as { date_sent?: unknown } | undefined;
  const iso = typeof m?.date_sent === 'string' ? rfc2822ToIso(m.date_sent) : null;
  return iso ? Date.parse(iso) : null;
}

/** The oldest UTC day holding a dated message, or null when there is none. */
export async function discoverOldestDay(gw: MessageGateway, now: number): Promise<number | null> {
  // A couple of days past the clock, so that messages dated slightly ahead of it count too.
  const top = startOfDay(now) + 2 * DAY_MS;
  const probe = (days: number[]) => Promise.all(days.map((d) => newestOnOrBefore(gw, d)));
  // Invariant once found: something is dated on or before `has`; nothing on or before `empty`.
  let has = Number.NaN;
  let empty = Number.NaN;
  for (let round = 0; Number.isNaN(empty); round++) {
    const back = Array.from({ length: PROBES_PER_ROUND }, (_, i) => (round === 0 ? (i === 0 ? 0 : 2 ** (i - 1)) : 2 ** (PROBES_PER_ROUND * round + i - 1)));
    const days = back.map((b) => top - b * DAY_MS);
    const found = await probe(days);
    for (let i = 0; i < found.length; i++) {
      if (found[i] === null) { empty = days[i]!; break; }
      has = startOfDay(found[i]!);
    }
    if (Number.isNaN(has)) return null;
  }
  while (has - empty > DAY_MS) {
    const span = (has - empty) / DAY_MS;
    const days = [...new Set(Array.from({ length: PROBES_PER_ROUND }, (_, i) => empty + Math.max(1, Math.floor((span * (i + 1)) / (PROBES_PER_ROUND + 1))) * DAY_MS))]
      .filter((d) => d < has);
    const found = await probe(days);
    found.forEach((f, i) => {
      if (f === null) empty = Math.max(empty, days[i]!);
      else has = Math.min(has, startOfDay(f));
    });
  }
  return has;
}
