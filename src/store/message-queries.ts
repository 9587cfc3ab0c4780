/** Reading messages back out of the store for `messages list` and friends. */
import { rawRecord } from '../core/message-record.js';
import type { DB } from './db.js';

export interface MessageFilter {
  status?: string[];
  direction?: string;
  to?: string;
  from?: string;
  /** date_created bounds, ISO, inclusive lower / exclusive upper. */
  createdFrom?: string;
  createdBefore?: string;
  limit: number;
}

export const MESSAGE_FIELDS = ['sid', 'direction', 'from', 'to', 'status', 'errorCode', 'body', 'numSegments', 'price',
  'priceUnit', 'messagingServiceSid', 'dateCreated', 'dateSent', 'dateUpdated'] as const;

export function* listMessages(db: DB, f: MessageFilter): Generator<Record<string, unknown>> {
  const where: string[] = [];
  const args: unknown[] = [];
  if (f.status?.length) { where.push(`status IN (${f.status.map(() => '?').join(',')})`); args.push(...f.status); }
  if (f.direction) { where.push('direction = ?'); args.push(f.direction); }
  if (f.to) { where.push('to_number = ?'); args.push(f.to); }
  if (f.from) { where.push('from_number = ?'); args.push(f.from); }
  if (f.createdFrom) { where.push('date_created >= ?'); args.push(f.createdFrom); }
  if (f.createdBefore) { where.push('date_created < ?'); args.push(f.createdBefore); }
  const sql = `SELECT sid, direction, from_number AS "from", to_number AS "to", status, error_code AS errorCode, body,
    num_segments AS numSegments, price, price_unit AS priceUnit, messaging_service_sid AS messagingServiceSid,
    date_created AS dateCreated, date_sent AS dateSent, date_updated AS dateUpdated
    FROM messages ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY date_created DESC, sid ${f.limit > 0 ? 'LIMIT ' + f.limit : ''}`;
  yield* db.prepare(sql).iterate(...args) as Iterable<Record<string, unknown>>;
}

/** The provider record of one message as it was last received, or undefined. */
export function storedRawRecord(db: DB, sid: string): Record<string, unknown> | undefined {
  const row = db.prepare(`SELECT sid, account_sid, direction, from_number AS "from", to_number AS "to", body, error_code,
    error_message, price, price_unit, messaging_service_sid, raw_extra FROM messages WHERE sid = ?`).get(sid) as Record<string, unknown> | undefined;
  return row ? rawRecord(row as never, row.raw_extra as string) : undefined;
}
