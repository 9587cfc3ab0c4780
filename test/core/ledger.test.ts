import { describe, expect, it } from 'vitest';
import { planLedgerEvents, stateOf, type EvidenceMessage, type LedgerEvent } from '../../src/core/ledger.js';

const P = '+12025550107';
const msg = (sid: string, at: string, action: EvidenceMessage['action'], source: EvidenceMessage['source'] = 'keyword'): EvidenceMessage =>
  ({ sid, phone: P, at, action, keyword: source === 'keyword' ? action : null, source });
let nextId = 1;
const ev = (action: LedgerEvent['action'], at: string, source: LedgerEvent['source'] = 'keyword', sid: string | null = null): LedgerEvent =>
  ({ id: nextId++, phone: P, action, effectiveAt: at, source, keyword: null, evidence: sid ?? 'note', evidenceSid: sid });

describe('ledger replay', () => {
  it('judges keywords in the order received, whatever order sync met them in', () => {
    const start = msg('SM2', '2026-03-05T00:00:00Z', 'opt-in');
    const stop = msg('SM1', '2026-03-01T00:00:00Z', 'opt-out');
    // START first seen alone: the number is not opted out, so nothing is recorded yet.
    expect(planLedgerEvents([], [start])).toEqual([]);
    // The older STOP arrives later: both are recorded, in time order, and the state ends opted in.
    const planned = planLedgerEvents([], [stop, start]);
    expect(planned.map((e) => [e.action, e.evidence])).toEqual([['opt-out', 'SM1'], ['opt-in', 'SM2']]);
  });

  it('never records a second opt-out for a number already opted out, nor an opt-in for one that is not', () => {
    const planned = planLedgerEvents([], [msg('SM1', '2026-03-01T00:00:00Z', 'opt-out'), msg('SM2', '2026-03-02T00:00:00Z', 'opt-out'), msg('SM3', '2026-03-03T00:00:00Z', 'opt-in'), msg('SM4', '2026-03-04T00:00:00Z', 'opt-in')]);
    expect(planned.map((e) => e.evidence)).toEqual(['SM1', 'SM3']);
  });

  it('is idempotent: messages already cited by the ledger add nothing', () => {
    const stop = msg('SM1', '2026-03-01T00:00:00Z', 'opt-out');
    const ledger = [ev('opt-out', stop.at, 'keyword', 'SM1')];
    expect(planLedgerEvents(ledger, [stop])).toEqual([]);
  });

  it('records help requests without changing the state', () => {
    const planned = planLedgerEvents([], [msg('SM1', '2026-03-01T00:00:00Z', 'help'), msg('SM2', '2026-03-02T00:00:00Z', 'opt-in')]);
    expect(planned.map((e) => e.action)).toEqual(['help']);
  });

  it('a 21610 refusal opts out a number the ledger did not know, with its note', () => {
    const [e] = planLedgerEvents([], [msg('SM9', '2026-03-01T00:00:00Z', 'opt-out', 'provider-21610')]);
    expect(e).toMatchObject({ source: 'provider-21610', evidence: 'SM9', note: expect.stringContaining('21610') });
    expect(planLedgerEvents([ev('opt-out', '2026-02-01T00:00:00Z', 'manual')], [msg('SM9', '2026-03-01T00:00:00Z', 'opt-out', 'provider-21610')])).toEqual([]);
  });

  it('an opt-in keyword after a manual opt-out restores the number', () => {
    const planned = planLedgerEvents([ev('opt-out', '2026-03-01T00:00:00Z', 'manual')], [msg('SM5', '2026-03-02T00:00:00Z', 'opt-in')]);
    expect(planned.map((e) => e.action)).toEqual(['opt-in']);
  });

  it('the state is the latest opt-out or opt-in; help changes nothing', () => {
    const events = [ev('opt-out', '2026-03-01T00:00:00Z'), ev('help', '2026-03-03T00:00:00Z'), ev('opt-in', '2026-03-02T00:00:00Z')];
    expect(stateOf(events).optedOut).toBe(false);
    expect(stateOf(events, '2026-03-01T12:00:00Z').optedOut).toBe(true);
    expect(stateOf([]).optedOut).toBe(false);
  });
});
