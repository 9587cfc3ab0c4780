import { describe, expect, it } from 'vitest';
import { dayPartitions, headScanDone, rangeStart } from '../../src/core/sync-plan.js';

const H = 3_600_000;

describe('sync planning', () => {
  it('measures the re-check window back from the high-water mark, not the clock', () => {
    const hwm = Date.UTC(2026, 2, 10, 12);
    expect(rangeStart({ kind: 'incremental', recheckMs: 72 * H }, hwm)).toBe(Date.UTC(2026, 2, 7, 12));
    expect(rangeStart({ kind: 'incremental', recheckMs: 72 * H }, null)).toBeNull();
    expect(rangeStart({ kind: 'full' }, hwm)).toBeNull();
    expect(rangeStart({ kind: 'since', since: 5 }, hwm)).toBe(5);
  });

  it('makes one partition per UTC day, newest first, the newest open-ended', () => {
    const parts = dayPartitions(Date.UTC(2026, 2, 7, 12), Date.UTC(2026, 2, 10, 1));
    expect(parts.map((p) => p.filters)).toEqual([
      { 'DateSent>': '2026-03-10' }, { DateSent: '2026-03-09' }, { DateSent: '2026-03-08' }, { DateSent: '2026-03-07' },
    ]);
    expect(new Set(parts.map((p) => p.key)).size).toBe(4);
  });

  it('reads the head only until dated messages appear', () => {
    expect(headScanDone([{ date_sent: null }, { date_sent: null }])).toBe(false);
    expect(headScanDone([{ date_sent: null }, { date_sent: 'Fri, 24 May 2019 17:44:50 +0000' }])).toBe(true);
    expect(headScanDone([])).toBe(false);
  });
});
