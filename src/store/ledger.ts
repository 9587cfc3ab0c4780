/** The NoSMS ledger in the store: appending events, reading a number's state and history, and lists. */
import type { EvidenceMessage, LedgerEvent, NewLedgerEvent } from '../core/ledger.js';
import type { KeywordAction, KeywordPolicy } from '../core/keywords.js';
import { classifyBody } from '../core/keywords.js';
import type { DB } from './db.js';

/** Twilio's "attempt to send to unsubscribed recipient": the provider holds an opt-out. */
export const PROVIDER_OPTOUT_ERROR = 21610;

export interface CurrentEntry {
  phone: string;
  optedOutAt: string;
  source: string;
  keyword: string | null;
  evidence: string;
  memberId: string | null;
  note: string | null;
}

export interface HistoryEntry {
  phone: string; action: string; at: string; source: string; keyword: string | null; evidence: string;
  recordedAt: string; recordedBy: string; note: string | null; memberId: string | null;
}

const EVENT_COLUMNS = `id, phone, action, effective_at AS effectiveAt, source, keyword, evidence, evidence_sid AS evidenceSid`;
const HISTORY_COLUMNS = `phone, action, effective_at AS at, source, keyword, evidence, recorded_at AS recordedAt,
  recorded_by AS recordedBy, note, member_id AS memberId`;
const CURRENT_SELECT = `SELECT n.phone, e.effective_at AS optedOutAt, e.source, e.keyword, e.evidence, e.member_id AS memberId, e.note
  FROM nosms n JOIN optout_events e ON e.id = n.event_id WHERE n.opted_out = 1`;

export class Ledger {
  private readonly insert;
  private readonly eventsStmt;
  private readonly currentStmt;

  constructor(private readonly db: DB) {
    this.insert = db.prepare(`INSERT INTO optout_events (phone, action, effective_at, source, keyword, evidence, evidence_sid,
      member_id, note, recorded_at, recorded_by) VALUES (@phone, @action, @effectiveAt, @source, @keyword, @evidence, @evidenceSid,
      @memberId, @note, @recordedAt, @recordedBy) ON CONFLICT DO NOTHING`);
    this.eventsStmt = db.prepare(`SELECT ${EVENT_COLUMNS} FROM optout_events WHERE phone = ? ORDER BY effective_at, id`);
    this.currentStmt = db.prepare(`${CURRENT_SELECT} AND n.phone = ?`);
  }

  /** Appends one event; false when an event citing the same message for the same action exists. */
  append(e: NewLedgerEvent, recordedAt: string, recordedBy: string): boolean {
    return this.insert.run({ memberId: null, note: null, ...e, recordedAt, recordedBy }).changes > 0;
  }

  eventsFor(phone: string): LedgerEvent[] {
    return this.eventsStmt.all(phone) as LedgerEvent[];
  }

  /** The number's current opt-out, or undefined when it is not opted out. */
  current(phone: string): CurrentEntry | undefined {
    return this.currentStmt.get(phone) as CurrentEntry | undefined;
  }

  isOptedOut(phone: string): boolean {
    return this.current(phone) !== undefined;
  }

  history(phone: string): HistoryEntry[] {
    return this.db.prepare(`SELECT ${HISTORY_COLUMNS} FROM optout_events WHERE phone = ? ORDER BY effective_at, id`).all(phone) as HistoryEntry[];
  }

  /** The current NoSMS list, sorted by phone, streamed. */
  *currentList(filter: { since?: string; source?: string } = {}): Generator<CurrentEntry> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.since) { where.push('e.effective_at >= ?'); args.push(filter.since); }
    if (filter.source) { where.push('e.source = ?'); args.push(filter.source); }
    yield* this.db.prepare(`${CURRENT_SELECT} ${where.map((w) => 'AND ' + w).join(' ')} ORDER BY n.phone`).iterate(...args) as Iterable<CurrentEntry>;
  }

  /** Every ledger event, by phone then time, streamed. */
  *allHistory(): Generator<HistoryEntry> {
    yield* this.db.prepare(`SELECT ${HISTORY_COLUMNS} FROM optout_events ORDER BY phone, effective_at, id`).iterate() as Iterable<HistoryEntry>;
  }

  optedOutPhones(): Set<string> {
    return new Set(this.db.prepare('SELECT phone FROM nosms WHERE opted_out = 1').pluck().all() as string[]);
  }

  /** Whether this number was already imported from a file of this name (re-imports add nothing). */
  importedFrom(phone: string, fileName: string): boolean {
    return this.db.prepare(`SELECT 1 FROM optout_events WHERE phone = ? AND source = 'import' AND evidence LIKE ? ESCAPE '\\' LIMIT 1`)
      .get(phone, fileName.replace(/[\\%_]/g, (c) => '\\' + c) + ':%') !== undefined;
  }

  /**
   * The number's messages that are evidence for the ledger, in time order: inbound keywords under
   * `policy` (at their receipt time) and sends refused with 21610 (at their creation time).
   */
  evidenceMessages(phone: string, policy: KeywordPolicy): EvidenceMessage[] {
    const rows = this.db.prepare(`SELECT sid, direction, body, error_code AS errorCode,
      CASE WHEN direction = 'inbound' THEN COALESCE(date_sent, date_created) ELSE date_created END AS at
      FROM messages WHERE member = ? AND (direction = 'inbound' OR error_code = ${PROVIDER_OPTOUT_ERROR}) ORDER BY at, sid`)
      .all(phone) as { sid: string; direction: string; body: string | null; errorCode: number | null; at: string }[];
    const out: EvidenceMessage[] = [];
    for (const r of rows) {
      if (r.direction !== 'inbound') {
        out.push({ sid: r.sid, phone, at: r.at, action: 'opt-out', keyword: null, source: 'provider-21610' });
        continue;
      }
      const c = classifyBody(r.body, policy);
      if (c.kind === 'opt-out' || c.kind === 'opt-in' || c.kind === 'help') out.push({ sid: r.sid, phone, at: r.at, action: c.kind as KeywordAction, keyword: c.keyword, source: 'keyword' });
    }
    return out;
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM nosms WHERE opted_out = 1').pluck().get() as number;
  }
}
