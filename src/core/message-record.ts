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
  /** The provider record's fields that the columns above do not hold verbatim (see `rawExtra`). */
  rawExtra: string;
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
      rawExtra: rawExtra(rec, sid, text.account_sid!),
    },
  };
}

/** The member a message is about: the recipient of an outbound message, the sender of an inbound one. */
export function memberPhone(row: Pick<MessageRow, 'direction' | 'from' | 'to'>): string | null {
  return row.direction === 'inbound' ? row.from : row.to;
}

/**
 * The raw provider record is kept as its verbatim columns plus this JSON of everything else,
 * which halves the bytes per message (and so sync's write cost) without losing a field.
 * `uri` and `subresource_uris` are dropped only when they are exactly the canonical ones and
 * flagged in `$derived`, so `rawRecord` rebuilds them. The observed status stays here too:
 * the status column holds the current (rank-protected) status, which may differ.
 */
const VERBATIM = ['sid', 'account_sid', 'direction', 'from', 'to', 'body', 'error_code', 'error_message', 'price', 'price_unit', 'messaging_service_sid'] as const;

function canonicalUris(accountSid: string | null, sid: string) {
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`;
  const stem = uri.slice(0, -5);
  return { uri, subresource_uris: { media: `${stem}/Media.json`, feedback: `${stem}/Feedback.json` } };
}

function isCanonicalSubresources(v: unknown, canon: { media: string; feedback: string }): boolean {
  if (typeof v !== 'object' || v === null) return false;
  const keys = Object.keys(v);
  const o = v as Record<string, unknown>;
  return keys.length === 2 && keys[0] === 'media' && keys[1] === 'feedback' && o.media === canon.media && o.feedback === canon.feedback;
}

// Sync runs this for every message, so it avoids Object.entries and array lookups.
export function rawExtra(rec: Record<string, unknown>, sid: string, accountSid: string | null): string {
  const extra: Record<string, unknown> = {};
  const canon = canonicalUris(accountSid, sid);
  let derived = 0;
  for (const k in rec) {
    switch (k) {
      case 'sid': case 'account_sid': case 'direction': case 'from': case 'to': case 'body': case 'error_code':
      case 'error_message': case 'price': case 'price_unit': case 'messaging_service_sid':
        continue;
      case 'uri':
        if (rec.uri === canon.uri) { derived |= 1; continue; }
        break;
      case 'subresource_uris':
        if (isCanonicalSubresources(rec.subresource_uris, canon.subresource_uris)) { derived |= 2; continue; }
        break;
    }
    extra[k] = rec[k];
  }
  if (derived) extra.$derived = derived;
  return JSON.stringify(extra);
}

/** The provider record as received, from the verbatim columns and `rawExtra`. */
export function rawRecord(columns: Record<(typeof VERBATIM)[number], unknown>, extraJson: string): Record<string, unknown> {
  const extra = JSON.parse(extraJson) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of VERBATIM) out[k] = columns[k] ?? null;
  const { $derived, ...rest } = extra;
  Object.assign(out, rest);
  const canon = canonicalUris(columns.account_sid as string | null, columns.sid as string);
  if (typeof $derived === 'number' && $derived & 1) out.uri = canon.uri;
  if (typeof $derived === 'number' && $derived & 2) out.subresource_uris = canon.subresource_uris;
  return out;
}
