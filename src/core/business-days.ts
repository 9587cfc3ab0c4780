/** Business days are Monday to Friday, by UTC date (SPEC §4.6); the FCC gives 10 to honour a revocation. */
import { DAY_MS, startOfDay } from './time.js';

export const REVOCATION_BUSINESS_DAYS = 10;

/** The end (23:59:59Z) of the n-th business day after `fromMs`'s UTC date. */
export function businessDeadline(fromMs: number, days = REVOCATION_BUSINESS_DAYS, holidays: ReadonlySet<string> = new Set()): number {
  let d = startOfDay(fromMs);
  let left = days;
  while (left > 0) {
    d += DAY_MS;
    const weekday = new Date(d).getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidays.has(new Date(d).toISOString().slice(0, 10))) left--;
  }
  return d + DAY_MS - 1000;
}
