/**
 * Finds the date range of the provider's dated messages with one-message probes, so that a full
 * sync can be split into day partitions. The API cannot sort ascending, so the oldest day is
 * found by exponential then binary search on "is there anything on or before day X?".
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

export async function discoverDatedRange(gw: MessageGateway, now: number): Promise<DatedRange | null> {
  // A day past the clock, so that messages dated slightly ahead of it are found too.
  const newest = await newestOnOrBefore(gw, startOfDay(now) + 2 * DAY_MS);
  if (newest === null) return null;
  let hasDay = startOfDay(newest);
  let step = 1;
  let emptyDay = Number.NaN;
  while (Number.isNaN(emptyDay)) {
    const probe: number = hasDay - step * DAY_MS;
    const found = await newestOnOrBefore(gw, probe);
    if (found === null) emptyDay = probe;
    else { hasDay = startOfDay(found); step *= 2; }
  }
  // Invariant: something exists on or before hasDay; nothing on or before emptyDay.
  while (hasDay - emptyDay > DAY_MS) {
    const mid: number = emptyDay + Math.floor((hasDay - emptyDay) / DAY_MS / 2) * DAY_MS;
    const found = await newestOnOrBefore(gw, mid);
    if (found === null) emptyDay = mid;
    else hasDay = startOfDay(found);
  }
  return { oldest: hasDay, newest };
}
