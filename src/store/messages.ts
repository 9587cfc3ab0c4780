/** Writing provider message records into the store: upsert by SID plus the status-event history. */
import { memberPhone, type MessageRow } from '../core/message-record.js';
import { nextCurrentStatus } from '../core/status.js';
import type { DB } from './db.js';

export interface ApplyResult {
  inserted: MessageRow[];
  updated: number;
  statusChanges: number;
}

/** What a message looked like when last observed; equal fingerprints mean an unchanged record. */
interface Stored { current: string; status: string; errorCode: number | null; fingerprint: string }

const COLUMNS = `sid, account_sid, direction, from_number, to_number, member, body, status, error_code, error_message,
  num_segments, num_media, price, price_unit, messaging_service_sid, date_created, date_sent, date_updated,
  first_status, first_error_code, first_seen_at, last_seen_at, checked_at, raw_extra`;

function fingerprint(values: unknown[]): string {
  return values.map((v) => (v === null || v === undefined ? '\u0001' : String(v))).join('\u0000');
}

function rowFingerprint(r: MessageRow): string {
  return fingerprint([r.rawExtra, r.accountSid, r.direction, r.from, r.to, r.body, r.errorCode, r.errorMessage, r.price, r.priceUnit, r.messagingServiceSid]);
}

function observedStatus(rawExtra: string): string {
  return (JSON.parse(rawExtra) as { status?: string }).status ?? '';
}

export class MessageWriter {
  private readonly lookup;
  private readonly insert;
  private readonly update;
  private readonly touch;
  private readonly addEvent;

  constructor(db: DB) {
    this.lookup = db.prepare(`SELECT sid, status, raw_extra, account_sid, direction, from_number, to_number, body, error_code,
      error_message, price, price_unit, messaging_service_sid FROM messages WHERE sid IN (SELECT value FROM json_each(?))`).raw();
    this.insert = db.prepare(`INSERT INTO messages (${COLUMNS}) VALUES (${COLUMNS.split(',').map(() => '?').join(',')})
      ON CONFLICT(sid) DO NOTHING`);
    this.update = db.prepare(`UPDATE messages SET account_sid=?, direction=?, from_number=?, to_number=?, member=?, body=?,
      status=?, error_code=?, error_message=?, num_segments=?, num_media=?, price=?, price_unit=?, messaging_service_sid=?,
      date_created=?, date_sent=?, date_updated=?, last_seen_at=?, checked_at=?, raw_extra=? WHERE sid=?`);
    this.touch = db.prepare(`UPDATE messages SET last_seen_at=?, checked_at=? WHERE sid IN (SELECT value FROM json_each(?))`);
    this.addEvent = db.prepare(`INSERT INTO status_events (message_sid, status, error_code, occurred_at, observed_at, source, run_id)
      VALUES (?, ?, ?, ?, ?, 'sync', ?)`);
  }

  /**
   * Applies records in order; must run inside the caller's transaction. `now` is the observation
   * time. New messages are inserted straight away (a backfill then costs one statement a row);
   * only the ones already stored are looked up, in one query, and compared.
   */
  apply(rows: MessageRow[], now: string, runId: number): ApplyResult {
    const result: ApplyResult = { inserted: [], updated: 0, statusChanges: 0 };
    const known: MessageRow[] = [];
    for (const r of rows) {
      const info = this.insert.run(r.sid, r.accountSid, r.direction, r.from, r.to, memberPhone(r), r.body, r.status, r.errorCode,
        r.errorMessage, r.numSegments, r.numMedia, r.price, r.priceUnit, r.messagingServiceSid, r.dateCreated, r.dateSent,
        r.dateUpdated, r.status, r.errorCode, now, now, now, r.rawExtra);
      if (info.changes > 0) result.inserted.push(r);
      else known.push(r);
    }
    if (known.length === 0) return result;
    const stored = new Map<string, Stored>();
    for (const cols of this.lookup.all(JSON.stringify(known.map((r) => r.sid))) as unknown[][]) {
      const [sid, current, rawExtra, ...rest] = cols as [string, string, string, ...unknown[]];
      stored.set(sid, { current, status: observedStatus(rawExtra), errorCode: rest[5] as number | null, fingerprint: fingerprint([rawExtra, ...rest]) });
    }
    const unchanged: string[] = [];
    for (const r of known) {
      const before = stored.get(r.sid)!;
      const fp = rowFingerprint(r);
      if (before.fingerprint === fp) { unchanged.push(r.sid); continue; }
      const current = nextCurrentStatus(before.current, r.status);
      this.update.run(r.accountSid, r.direction, r.from, r.to, memberPhone(r), r.body, current, r.errorCode, r.errorMessage,
        r.numSegments, r.numMedia, r.price, r.priceUnit, r.messagingServiceSid, r.dateCreated, r.dateSent, r.dateUpdated,
        now, now, r.rawExtra, r.sid);
      result.updated++;
      if (before.status !== r.status || before.errorCode !== r.errorCode) {
        this.addEvent.run(r.sid, r.status, r.errorCode, r.dateUpdated, now, runId);
        result.statusChanges++;
      }
      stored.set(r.sid, { current, status: r.status, errorCode: r.errorCode, fingerprint: fp });
    }
    if (unchanged.length) this.touch.run(now, now, JSON.stringify(unchanged));
    return result;
  }
}
