/**
 * Finds the date range of the provider's dated messages with one-message probes, so that a full
 * sync can be split into day partitions. The API cannot sort ascending, so the oldest day is
 * found by searching on "is there anything on or before day X?", asking several days at once
 * (each round costs one round-trip, which is what matters on a slow link).
 */
import { messagesListUri, type MessageGateway } from '../twilio/gateway.js';
import { DAY_MS, dayOf, rfc2822ToIso, startOfDay } from '../core/time.js';

async function newestOnOrBefore(gw: MessageGateway, day: number): Promise<number | null> {
  const page = await gw.listPage(messagesListUri(gw.accountSid, { 'DateSent<': dayOf(day) }, 1));
  const m = page.messages[0] as { date_sent?: unknown } | undefined;
  const iso = typeof m?.date_sent === 'string' ? rfc2822ToIso(m.date_sent) : null;
  return iso ? Date.parse(iso) : null;
}

export interface DatedRange { oldest: number; newest: number }

export async function discoverDatedRange(gw: MessageGateway, now: number, parallel = 4): Promise<DatedRange | null> {
  // A day past the clock, so that messages dated slightly ahead of it are found too.
  const newest = await newestOnOrBefore(gw, startOfDay(now) + 2 * DAY_MS);
  if (newest === null) return null;
  // Invariant: something is dated on or before `has`; nothing on or before `empty`.
  let has = startOfDay(newest);
  let empty = Number.NaN;
  for (let step = 1; Number.isNaN(empty); step *= 2 ** parallel) {
    const probes = Array.from({ length: parallel }, (_, i) => has - step * 2 ** i * DAY_MS);
    const found = await Promise.all(probes.map((d) => newestOnOrBefore(gw, d)));
    const firstEmpty = found.findIndex((f) => f === null);
    const last = firstEmpty === -1 ? found.at(-1)! : firstEmpty > 0 ? found[firstEmpty - 1]! : null;
    if (last !== null) has = startOfDay(last);
    if (firstEmpty !== -1) empty = probes[firstEmpty]!;
  }
  while (has - empty > DAY_MS) {
    const days = (has - empty) / DAY_MS;
    const probes = [...new Set(Array.from({ length: parallel }, (_, i) => empty + Math.max(1, Math.floor((days * (i + 1)) / (parallel + 1))) * DAY_MS))]
      .filter((d) => d < has);
    const found = await Promise.all(probes.map((d) => newestOnOrBefore(gw, d)));
    found.forEach((f, i) => {
      if (f === null) empty = Math.max(empty, probes[i]!);
      else has = Math.min(has, startOfDay(f));
    });
  }
  return { oldest: has, newest };
}
