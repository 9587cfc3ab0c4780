/** The Messages list query of the local provider: filters, paging and the page envelope. */
import { DAY_MS } from '../core/time.js';
import type { Dataset, OrderKey, ProviderMessage } from './dataset.js';

export interface ListQuery {
  to: string | null;
  from: string | null;
  /** date_sent bounds, inclusive, epoch ms; null = unbounded. */
  sentFrom: number | null;
  sentTo: number | null;
  dateFiltered: boolean;
  pageSize: number;
  page: number;
  afterSid: string | null;
}

export class QueryError extends Error {
  constructor(readonly code: number, message: string) { super(message); }
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A date filter value: a bare date means that whole UTC day; anything else is an instant. */
function parseFilterDate(name: string, value: string): { start: number; end: number } {
  if (DATE_ONLY.test(value)) {
    const start = Date.parse(value + 'T00:00:00Z');
    if (Number.isNaN(start)) throw new QueryError(20001, `Invalid ${name}: ${value}`);
    return { start, end: start + DAY_MS - 1 };
  }
  const t = Date.parse(value);
  if (Number.isNaN(t)) throw new QueryError(20001, `Invalid ${name}: ${value}`);
  return { start: t, end: t };
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  let sentFrom: number | null = null;
  let sentTo: number | null = null;
  const exact = params.get('DateSent');
  const after = params.get('DateSent>');
  const before = params.get('DateSent<');
  if (exact !== null) { const d = parseFilterDate('DateSent', exact); sentFrom = d.start; sentTo = d.end; }
  if (after !== null) sentFrom = Math.max(sentFrom ?? -Infinity, parseFilterDate('DateSent>', after).start);
  if (before !== null) sentTo = Math.min(sentTo ?? Infinity, parseFilterDate('DateSent<', before).end);
  const size = Number(params.get('PageSize') ?? 50);
  if (!Number.isInteger(size) || size < 1) throw new QueryError(20001, 'PageSize must be a positive integer');
  const page = Number(params.get('Page') ?? 0);
  if (!Number.isInteger(page) || page < 0) throw new QueryError(20001, 'Page must be a non-negative integer');
  const token = params.get('PageToken');
  if (token !== null && !/^PA(SM|MM)[0-9a-f]{32}$/i.test(token)) throw new QueryError(21481, 'Invalid PageToken');
  return {
    to: params.get('To'),
    from: params.get('From'),
    sentFrom,
    sentTo,
    dateFiltered: exact !== null || after !== null || before !== null,
    pageSize: Math.min(1000, size),
    page,
    afterSid: token ? token.slice(2) : null,
  };
}

export function selectPage(data: Dataset, q: ListQuery, after: OrderKey | null, limit: number): ProviderMessage[] {
  const start: OrderKey | null = q.dateFiltered ? { dated: 1, time: q.sentTo ?? Number.MAX_SAFE_INTEGER, sid: '' } : null;
  const out: ProviderMessage[] = [];
  const iter = data.scan(start, after, (k, message) => {
    if (q.dateFiltered) {
      if (k.dated === 0) return false;
      if (q.sentFrom !== null && k.time < q.sentFrom) return 'stop';
      if (q.sentTo !== null && k.time > q.sentTo) return false;
    }
    if (q.to !== null && message().to !== q.to) return false;
    if (q.from !== null && message().from !== q.from) return false;
    return true;
  });
  for (const m of iter) {
    out.push(m);
    if (out.length >= limit) break;
  }
  return out;
}

/** Builds a page URI repeating the filters, as Twilio does (`DateSent%3E=…`). */
export function pageUri(basePath: string, params: URLSearchParams, page: number, token: string | null): string {
  const kept = new URLSearchParams();
  for (const [k, v] of params) if (k !== 'Page' && k !== 'PageToken') kept.append(k, v);
  kept.set('Page', String(page));
  if (token) kept.set('PageToken', token);
  return `${basePath}?${kept.toString()}`;
}

export function envelope(basePath: string, params: URLSearchParams, q: ListQuery, messages: ProviderMessage[], hasMore: boolean) {
  const start = q.page * q.pageSize;
  const last = messages.at(-1);
  return {
    end: start + Math.max(0, messages.length - 1),
    first_page_uri: pageUri(basePath, params, 0, null),
    messages,
    next_page_uri: hasMore && last ? pageUri(basePath, params, q.page + 1, 'PA' + last.sid) : null,
    page: q.page,
    page_size: q.pageSize,
    previous_page_uri: q.page > 0 && messages[0] ? pageUri(basePath, params, q.page - 1, 'PB' + messages[0].sid) : null,
    start,
    uri: pageUri(basePath, params, q.page, q.afterSid ? 'PA' + q.afterSid : null),
  };
}
