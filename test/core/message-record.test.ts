import { describe, expect, it } from 'vitest';
import { parseMessageRecord, rawRecord } from '../../src/core/message-record.js';
import { demoMessages } from '../helpers/provider.js';

const good = demoMessages()[0]!;

describe('provider message records', () => {
  it('normalises a Twilio record: ISO UTC dates, integer counts, the member phone', () => {
    const r = parseMessageRecord({ ...good, date_sent: 'Fri, 24 May 2019 17:44:50 +0000', num_segments: '2', num_media: '0' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.row).toMatchObject({ sid: good.sid, dateSent: '2019-05-24T17:44:50Z', numSegments: 2, numMedia: 0 });
  });

  it.each([
    [{ sid: 'SM123' }, /invalid sid "SM123"/],
    [{ sid: null }, /invalid sid null/],
    [{ status: 'exploded' }, /unknown status "exploded"/],
    [{ direction: 'sideways' }, /unknown direction/],
    [{ date_created: '2026-03-01' }, /unparsable date_created "2026-03-01"/],
    [{ date_sent: 12345 }, /unparsable date_sent 12345/],
    [{ error_code: '30003' }, /error_code is not an integer/],
    [{ num_segments: 'two' }, /num_segments is not a count/],
    [{ body: 42 }, /body is not a string/],
  ])('rejects %j with a reason', (patch, reason) => {
    const r = parseMessageRecord({ ...good, ...patch });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toMatch(reason);
  });

  it('rejects things that are not records at all', () => {
    for (const v of [null, 'SM', 42, []]) expect(parseMessageRecord(v)).toMatchObject({ ok: false, reason: 'record is not an object' });
  });

  it('keeps the raw record losslessly, including non-canonical uris and unknown fields', () => {
    for (const rec of [good, { ...good, uri: '/elsewhere.json', extra_field: { a: 1 } }, { ...good, subresource_uris: null }]) {
      const r = parseMessageRecord(rec);
      if (!r.ok) throw new Error(r.reason);
      const cols = { sid: rec.sid, account_sid: rec.account_sid, direction: rec.direction, from: rec.from, to: rec.to, body: rec.body,
        error_code: rec.error_code, error_message: rec.error_message, price: rec.price, price_unit: rec.price_unit, messaging_service_sid: rec.messaging_service_sid };
      expect(rawRecord(cols, r.row.rawExtra)).toEqual(rec);
    }
  });
});
