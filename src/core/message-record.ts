/**
 * Provider message records (Twilio's Message JSON) → the row the store keeps.
 * A record that cannot be trusted (no valid SID, an unparsable date, a wrong type) is rejected
 * with a reason so that sync can report it and count it as skipped, never drop it silently.
 */
import { isDirection, isStatus } from './status.js';
import { rfc2822ToIso } from './time.js';

export interface MessageRow {
  sid: string;
  accountSid: string | null;
  direction: string;
  from: string | null;
  to: string | null;
  body: string | null;
  status: string;
  errorCode: number | null;
  errorMessage: string | null;
  numSegments: number | null;
  numMedia: number | null;
  price: string | null;
  priceUnit: string | null;
  messagingServiceSid: string | null;
  dateCreated: string | null;
  dateSent: string | null;
  dateUpdated: string | null;
  raw: string;
}

export type ParsedRecord = { ok: true; row: MessageRow } | { ok: false; sid: string | null; reason: string };

const SID = /^(SM|MM)[0-9a-f]{32}$/i;
const DATE_FIELDS = ['date_created', 'date_sent', 'date_updated'] as const;

export function isMessageSid(value: string): boolean {
  return SID.test(value);
}

function optionalString(rec: Record<string, unknown>, key: string): string | null | undefined {
  const v = rec[key];
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : undefined;
}

function optionalCount(rec: Record<string, unknown>, key: string): number | null | undefined {
  const v = rec[key];
  if (v === null || v === undefined) return null;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : undefined;
}

export function parseMessageRecord(input: unknown): ParsedRecord {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, sid: null, reason: 'record is not an object' };
  }
  const rec = input as Record<string, unknown>;
  const sid = typeof rec.sid === 'string' ? rec.sid : null;
  if (!sid || !SID.test(sid)) return { ok: false, sid, reason: `invalid sid ${JSON.stringify(rec.sid ?? null)}` };
  const fail = (reason: string): ParsedRecord => ({ ok: false, sid, reason });

  if (!isStatus(rec.status)) return fail(`unknown status ${JSON.stringify(rec.status ?? null)}`);
  if (!isDirection(rec.direction)) return fail(`unknown direction ${JSON.stringify(rec.direction ?? null)}`);

  const dates: Record<string, string | null> = {};
  for (const key of DATE_FIELDS) {
    const v = rec[key];
    if (v === null || v === undefined) { dates[key] = null; continue; }
    const iso = typeof v === 'string' ? rfc2822ToIso(v) : null;
    if (!iso) return fail(`unparsable ${key} ${JSON.stringify(v)}`);
    dates[key] = iso;
  }

  const errorCode = rec.error_code;
  if (errorCode !== null && errorCode !== undefined && !Number.isInteger(errorCode)) {
    return fail(`error_code is not an integer: ${JSON.stringify(errorCode)}`);
  }
  const strings = ['account_sid', 'from', 'to', 'body', 'error_message', 'price', 'price_unit', 'messaging_service_sid'];
  const text: Record<string, string | null> = {};
  for (const key of strings) {
    const v = optionalString(rec, key);
    if (v === undefined) return fail(`${key} is not a string`);
    text[key] = v;
  }
  const numSegments = optionalCount(rec, 'num_segments');
  if (numSegments === undefined) return fail(`num_segments is not a count: ${JSON.stringify(rec.num_segments)}`);
  const numMedia = optionalCount(rec, 'num_media');
  if (numMedia === undefined) return fail(`num_media is not a count: ${JSON.stringify(rec.num_media)}`);

  return {
    ok: true,
    row: {
      sid,
      accountSid: text.account_sid!,
      direction: rec.direction,
      from: text.from!,
      to: text.to!,
      body: text.body!,
      status: rec.status,
      errorCode: (errorCode as number | null | undefined) ?? null,
      errorMessage: text.error_message!,
      numSegments,
      numMedia,
      price: text.price!,
      priceUnit: text.price_unit!,
      messagingServiceSid: text.messaging_service_sid!,
      dateCreated: dates.date_created!,
      dateSent: dates.date_sent!,
      dateUpdated: dates.date_updated!,
      raw: JSON.stringify(rec),
    },
  };
}

/** The member a message is about: the recipient of an outbound message, the sender of an inbound one. */
export function memberPhone(row: Pick<MessageRow, 'direction' | 'from' | 'to'>): string | null {
  return row.direction === 'inbound' ? row.from : row.to;
}
