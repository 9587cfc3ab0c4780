/** Writing provider message records into the store: upsert by SID plus the status-event history. */
import { memberPhone, type MessageRow } from '../core/message-record.js';
import { nextCurrentStatus } from '../core/status.js';
import type { DB } from './db.js';

export interface ApplyResult {
  inserted: MessageRow[];
  updated: number;
  statusChanges: number;
}

interface Stored { status: string; raw: string }

const COLUMNS = `sid, account_sid, direction, from_number, to_number, member, body, status, error_code, error_message,
  num_segments, num_media, price, price_unit, messaging_service_sid, date_created, date_sent, date_updated,
  first_status, first_error_code, first_seen_at, last_seen_at, checked_at, raw`;

export class MessageWriter {
  private readonly lookup;
  private readonly insert;
  private readonly update;
  private readonly touch;
  private readonly addEvent;

  constructor(db: DB) {
    this.lookup = db.prepare(`SELECT sid, status, raw FROM messages WHERE sid IN (SELECT value FROM json_each(?))`).raw();
    this.insert = db.prepare(`INSERT INTO messages (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?').join(',')})`);
    this.update = db.prepare(`UPDATE messages SET account_sid=?, direction=?, from_number=?, to_number=?, member=?, body=?,
      status=?, error_code=?, error_message=?, num_segments=?, num_media=?, price=?, price_unit=?, messaging_service_sid=?,
      date_created=?, date_sent=?, date_updated=?, last_seen_at=?, checked_at=?, raw=? WHERE sid=?`);
    this.touch = db.prepare(`UPDATE messages SET last_seen_at=?, checked_at=? WHERE sid IN (SELECT value FROM json_each(?))`);
    this.addEvent = db.prepare(`INSERT INTO status_events (message_sid, status, error_code, occurred_at, observed_at, source, run_id)
      VALUES (?, ?, ?, ?, ?, 'sync', ?)`);
  }

  /** Applies records in order; must run inside the caller's transaction. `now` is the observation time. */
  apply(rows: MessageRow[], now: string, runId: number): ApplyResult {
    const result: ApplyResult = { inserted: [], updated: 0, statusChanges: 0 };
    const stored = new Map<string, Stored>();
    for (const [sid, status, raw] of this.lookup.all(JSON.stringify(rows.map((r) => r.sid))) as [string, string, string][]) {
      stored.set(sid, { status, raw });
    }
    const unchanged: string[] = [];
    for (const r of rows) {
      const before = stored.get(r.sid);
      if (!before) {
        this.insert.run(r.sid, r.accountSid, r.direction, r.from, r.to, memberPhone(r), r.body, r.status, r.errorCode,
          r.errorMessage, r.numSegments, r.numMedia, r.price, r.priceUnit, r.messagingServiceSid, r.dateCreated, r.dateSent,
          r.dateUpdated, r.status, r.errorCode, now, now, now, r.raw);
        stored.set(r.sid, { status: r.status, raw: r.raw });
        result.inserted.push(r);
        continue;
      }
      if (before.raw === r.raw) { unchanged.push(r.sid); continue; }
      const previous = JSON.parse(before.raw) as { status?: unknown; error_code?: unknown };
      const status = nextCurrentStatus(before.status, r.status);
      this.update.run(r.accountSid, r.direction, r.from, r.to, memberPhone(r), r.body, status, r.errorCode, r.errorMessage,
        r.numSegments, r.numMedia, r.price, r.priceUnit, r.messagingServiceSid, r.dateCreated, r.dateSent, r.dateUpdated,
        now, now, r.raw, r.sid);
      result.updated++;
      if (previous.status !== r.status || (previous.error_code ?? null) !== r.errorCode) {
        this.addEvent.run(r.sid, r.status, r.errorCode, r.dateUpdated, now, runId);
        result.statusChanges++;
      }
      stored.set(r.sid, { status, raw: r.raw });
    }
    if (unchanged.length) this.touch.run(now, now, JSON.stringify(unchanged));
    return result;
  }
}
