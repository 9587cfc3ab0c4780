import { describe, expect, it } from 'vitest';
import { dayOf, isoToRfc2822, parseDate, parseDuration, parseSince, rfc2822ToIso } from '../../src/core/time.js';

describe('durations and dates', () => {
  it.each([['30m', 1_800_000], ['12h', 43_200_000], ['7d', 604_800_000], ['2w', 1_209_600_000]])('%s is a duration', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
  it.each(['', '7', 'd', '1.5h', '-3d', '3 days', '7D', '2y'])('%j is not a duration', (text) => expect(parseDuration(text)).toBeNull());

  it.each([
    ['2026-03-01', Date.UTC(2026, 2, 1)],
    ['2026-03-01T14:05:09Z', Date.UTC(2026, 2, 1, 14, 5, 9)],
    ['2026-03-01T14:05:09+02:00', Date.UTC(2026, 2, 1, 12, 5, 9)],
  ])('%s is a date', (text, ms) => expect(parseDate(text)).toBe(ms));
  it.each(['2026-02-30', '2026-13-01', '01/03/2026', 'yesterday', '2026-03-01T14:05', '2026-03-01 14:05:09'])('%j is not a date', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('--since takes a duration back from now, or a date', () => {
    const now = Date.UTC(2026, 2, 10);
    expect(parseSince('7d', now)).toBe(Date.UTC(2026, 2, 3));
    expect(parseSince('2026-03-01', now)).toBe(Date.UTC(2026, 2, 1));
    expect(parseSince('last week', now)).toBeNull();
  });
});

describe('RFC 2822 provider dates', () => {
  it.each([
    ['Fri, 24 May 2019 17:44:50 +0000', '2019-05-24T17:44:50Z'],
    ['Mon, 02 Mar 2026 16:00:00 +0000', '2026-03-02T16:00:00Z'],
    ['2 Mar 2026 16:00:00 +0000', '2026-03-02T16:00:00Z'],
    ['Mon, 02 Mar 2026 18:00:00 +0200', '2026-03-02T16:00:00Z'],
  ])('%s → %s', (text, iso) => expect(rfc2822ToIso(text)).toBe(iso));
  it.each(['2026-03-02T16:00:00Z', 'Mon, 02 Foo 2026 16:00:00 +0000', 'Mon, 32 Mar 2026 16:00:00 +0000', 'Mon, 02 Mar 2026 25:00:00 +0000', ''])('%j is refused', (text) => {
    expect(rfc2822ToIso(text)).toBeNull();
  });
  it('round-trips the provider format', () => {
    const ms = Date.UTC(2026, 10, 6, 17, 5, 12);
    expect(isoToRfc2822(ms)).toBe('Fri, 06 Nov 2026 17:05:12 +0000');
    expect(rfc2822ToIso(isoToRfc2822(ms))).toBe('2026-11-06T17:05:12Z');
    expect(dayOf(ms)).toBe('2026-11-06');
  });
});
