/** The NoSMS ledger in the store: appending events, reading a number's state and history, and lists. */
import type { EvidenceMessage, LedgerEvent, NewLedgerEvent } from '../core/ledger.js';
import type { KeywordAction, KeywordPolicy } from '../core/keywords.js';
import { classifyBody } from '../core/keywords.js';
import type { DB } from './db.js';
import { Statements } from './statements.js';

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
const CURRENT_SELECT = `SELECT phone, effective_at AS optedOutAt, source, keyword, evidence, member_id AS memberId, note
  FROM nosms WHERE opted_out = 1`;
const CHUNK = 5000;

/**
 * Rows read by key in chunks of CHUNK (`all()` per chunk is much faster than stepping a cursor
 * row by row) and handed out one at a time; a plain iterator, since generators cost ~1 µs a row.
 */
function chunked<T>(read: (after: T | null) => T[]): Iterable<T> {
  return {
    [Symbol.iterator]() {
      let rows = read(null);
      let i = 0;
      return {
        next(): IteratorResult<T> {
          if (i === rows.length) {
            if (rows.length < CHUNK) return { done: true, value: undefined };
            rows = read(rows[rows.length - 1]!);
            i = 0;
            if (rows.length === 0) return { done: true, value: undefined };
          }
          return { done: false, value: rows[i++]! };
        },
      };
    },
  };
}

export class Ledger extends Statements {
  private readonly insert;
  private readonly eventsStmt;
  private readonly currentStmt;

  constructor(db: DB) {
    super(db);
    this.insert = db.prepare(`INSERT INTO optout_events (phone, action, effective_at, source, keyword, evidence, evidence_sid,
      member_id, note, recorded_at, recorded_by) VALUES (@phone, @action, @effectiveAt, @source, @keyword, @evidence, @evidenceSid,
      @memberId, @note, @recordedAt, @recordedBy) ON CONFLICT DO NOTHING`);
    this.eventsStmt = db.prepare(`SELECT ${EVENT_COLUMNS} FROM optout_events WHERE phone = ? ORDER BY effective_at, id`);
    this.currentStmt = db.prepare(`${CURRENT_SELECT} AND phone = ?`);
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
    return this.sql(`SELECT ${HISTORY_COLUMNS} FROM optout_events WHERE phone = ? ORDER BY effective_at, id`).all(phone) as HistoryEntry[];
  }

  /** The current NoSMS list, sorted by phone, streamed. */
  currentList(filter: { since?: string; source?: string } = {}): Iterable<CurrentEntry> {
    const where: string[] = [];
    const args: string[] = [];
    if (filter.since) { where.push('effective_at >= ?'); args.push(filter.since); }
    if (filter.source) { where.push('source = ?'); args.push(filter.source); }
    // Raw arrays made into objects here: better-sqlite3's own row objects cost ~30% more.
    const chunk = this.sql(`${CURRENT_SELECT} AND phone > ? ${where.map((w) => 'AND ' + w).join(' ')} ORDER BY phone LIMIT ${CHUNK}`).raw();
    type Cells = [string, string, string, string | null, string, string | null, string | null];
    return chunked((after: CurrentEntry | null) => (chunk.all(after?.phone ?? '', ...args) as Cells[])
      .map(([phone, optedOutAt, source, keyword, evidence, memberId, note]) => ({ phone, optedOutAt, source, keyword, evidence, memberId, note })));
  }

  /** Every ledger event, by phone then time, streamed. */
  allHistory(): Iterable<HistoryEntry> {
    const chunk = this.sql(`SELECT ${HISTORY_COLUMNS}, id AS _key FROM optout_events WHERE (phone, effective_at, id) > (?, ?, ?)
      ORDER BY phone, effective_at, id LIMIT ${CHUNK}`);
    type Keyed = HistoryEntry & { _key?: number };
    return chunked((after: Keyed | null) => chunk.all(after?.phone ?? '', after?.at ?? '', after?._key ?? 0) as Keyed[]);
  }

  optedOutPhones(): Set<string> {
    return new Set(this.sql('SELECT phone FROM nosms WHERE opted_out = 1').pluck().all() as string[]);
  }

  /** Whether this number was already imported from a file of this name (re-imports add nothing). */
  importedFrom(phone: string, fileName: string): boolean {
    return this.sql(`SELECT 1 FROM optout_events WHERE phone = ? AND source = 'import' AND evidence LIKE ? ESCAPE '\\' LIMIT 1`)
      .get(phone, fileName.replace(/[\\%_]/g, (c) => '\\' + c) + ':%') !== undefined;
  }

  /**
   * The number's messages that are evidence for the ledger, in time order: inbound keywords under
   * `policy` (at their receipt time) and sends refused with 21610 (at their creation time).
   */
  evidenceMessages(phone: string, policy: KeywordPolicy): EvidenceMessage[] {
    const rows = this.sql(`SELECT sid, direction, body, error_code AS errorCode,
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
}
