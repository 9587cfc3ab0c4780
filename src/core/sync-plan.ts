/**
 * Which provider queries a sync run makes. The API has no "updated since" filter and pages only
 * newest-first, so a run re-reads a window of days (one partition per UTC day by DateSent),
 * measured back from the high-water mark, and reads the unfiltered head for undated messages.
 */
import { DAY_MS, dayOf, startOfDay } from './time.js';

export type SyncMode =
  | { kind: 'incremental'; recheckMs: number }
  | { kind: 'since'; since: number }
  | { kind: 'full' };

export interface PlannedQuery {
  key: string;
  filters: Record<string, string>;
}

export const HEAD_KEY = 'head';

/** Start of the date range to re-read, or null when the whole history must be read. */
export function rangeStart(mode: SyncMode, highWaterMark: number | null): number | null {
  if (mode.kind === 'since') return mode.since;
  if (mode.kind === 'full' || highWaterMark === null) return null;
  return highWaterMark - mode.recheckMs;
}

/**
 * One partition per UTC day from `from` to `to`, newest first. The newest one is open-ended
 * (`DateSent>` that day) so that messages dated ahead of this machine's clock are not missed.
 */
export function dayPartitions(from: number, to: number): PlannedQuery[] {
  const first = startOfDay(from);
  const last = Math.max(first, startOfDay(to));
  const out: PlannedQuery[] = [{ key: `from:${dayOf(last)}`, filters: { 'DateSent>': dayOf(last) } }];
  for (let d = last - DAY_MS; d >= first; d -= DAY_MS) out.push({ key: `day:${dayOf(d)}`, filters: { DateSent: dayOf(d) } });
  return out;
}

export function headQuery(): PlannedQuery {
  return { key: HEAD_KEY, filters: {} };
}

/** The head scan may stop once it reaches dated messages: those are covered by the day partitions. */
export function headScanDone(messages: unknown[]): boolean {
  return messages.some((m) => typeof m === 'object' && m !== null && typeof (m as { date_sent?: unknown }).date_sent === 'string');
}
