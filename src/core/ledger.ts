/**
 * The NoSMS ledger's rules. The ledger is append-only; a number's state is its latest opt-out or
 * opt-in by effective time (help changes nothing). Keyword messages are judged in the order they
 * were received, not the order sync meets them: sync pages newest-first, so a START may be seen
 * before the STOP it answers. `planLedgerEvents` replays a number's evidence messages (keywords,
 * 21610 refusals) against its ledger in time order and returns only the events still missing,
 * which makes re-syncing idempotent.
 */
import type { KeywordAction } from './keywords.js';

export type LedgerAction = KeywordAction;
export const LEDGER_SOURCES = ['keyword', 'import', 'manual', 'web', 'provider-21610'] as const;
export type LedgerSource = (typeof LEDGER_SOURCES)[number];

export interface LedgerEvent {
  id: number;
  phone: string;
  action: LedgerAction;
  effectiveAt: string;
  source: LedgerSource;
  keyword: string | null;
  evidence: string;
  evidenceSid: string | null;
}

export type NewLedgerEvent = Omit<LedgerEvent, 'id'> & { memberId?: string | null; note?: string | null };

/** A stored message that is evidence for the ledger: an inbound keyword, or a send the provider refused with 21610. */
export interface EvidenceMessage {
  sid: string;
  phone: string;
  at: string;
  action: KeywordAction;
  keyword: string | null;
  source: 'keyword' | 'provider-21610';
}

export const PROVIDER_OPTOUT_NOTE = 'send refused by the provider: recipient had opted out (error 21610)';

export interface NumberState {
  optedOut: boolean;
  /** The event that set the state, if any. */
  event: LedgerEvent | null;
}

function byTime<T extends { at: string; order: number }>(a: T, b: T): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.order - b.order;
}

/** The state after all events (or those effective up to `at`): the latest opt-out/opt-in wins. */
export function stateOf(events: LedgerEvent[], at?: string): NumberState {
  let state: NumberState = { optedOut: false, event: null };
  const sorted = events
    .filter((e) => e.action !== 'help' && (at === undefined || e.effectiveAt <= at))
    .sort((a, b) => (a.effectiveAt < b.effectiveAt ? -1 : a.effectiveAt > b.effectiveAt ? 1 : a.id - b.id));
  for (const e of sorted) state = { optedOut: e.action === 'opt-out', event: e };
  return state;
}

export function planLedgerEvents(ledger: LedgerEvent[], messages: EvidenceMessage[]): NewLedgerEvent[] {
  const cited = new Set(ledger.filter((e) => e.evidenceSid).map((e) => `${e.evidenceSid}|${e.action}`));
  type Step = { at: string; order: number; event?: LedgerEvent; message?: EvidenceMessage };
  const steps: Step[] = [
    ...ledger.filter((e) => e.action !== 'help').map((e) => ({ at: e.effectiveAt, order: e.id, event: e })),
    ...messages.filter((m) => !cited.has(`${m.sid}|${m.action}`)).map((m, i) => ({ at: m.at, order: Number.MAX_SAFE_INTEGER - messages.length + i, message: m })),
  ].sort(byTime);
  const out: NewLedgerEvent[] = [];
  let optedOut = false;
  for (const s of steps) {
    if (s.event) { optedOut = s.event.action === 'opt-out'; continue; }
    const m = s.message!;
    const append = m.action === 'help' || (m.action === 'opt-out' && !optedOut) || (m.action === 'opt-in' && optedOut);
    if (!append) continue;
    if (m.action !== 'help') optedOut = m.action === 'opt-out';
    out.push({ phone: m.phone, action: m.action, effectiveAt: m.at, source: m.source, keyword: m.keyword, evidence: m.sid, evidenceSid: m.sid,
      note: m.source === 'provider-21610' ? PROVIDER_OPTOUT_NOTE : null });
  }
  return out;
}
