/**
 * A seeded synthetic dataset of any size, generated on demand so that a million messages cost
 * no memory. Message i = 0 is first in provider order; the first `undated` messages have no
 * date_sent yet (queued), the rest are spread evenly back in time from `end`.
 */
import { isoToRfc2822 } from '../core/time.js';
import type { BaseSequence, OrderKey, ProviderMessage } from './dataset.js';

export interface SyntheticOptions {
  total: number;
  /** Newest date_sent, epoch ms. */
  end: number;
  days: number;
  undated?: number;
  seed?: number;
  accountSid: string;
}

const OUTBOUND = [
  'Choir practice moved to 7pm Thursday. Reply STOP to opt out.',
  'Reminder: food bank volunteers meet Saturday 9am at the hall. Reply STOP to opt out.',
  'Youth group trip forms are due Sunday. Questions? Reply HELP. Reply STOP to opt out.',
  'Thank you for your gift this month! Your receipt is in your email. Reply STOP to unsubscribe.',
];
const INBOUND = ['Thanks!', 'What time again?', 'See you there', 'STOP', 'Can I bring a friend?', 'yes', 'HELP'];
const ERRORS: [number, string][] = [[30003, 'Unreachable destination handset'], [30005, 'Unknown destination handset'],
  [30006, 'Landline or unreachable carrier'], [30007, 'Message filtered'], [30008, 'Unknown error']];

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 15; h = Math.imul(h, 0x2c1b3c6d); h ^= h >>> 12; h = Math.imul(h, 0x297a2d39); h ^= h >>> 15;
  return h >>> 0;
}

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

export function syntheticSequence(opts: SyntheticOptions): BaseSequence {
  const seed = opts.seed ?? 1;
  const undated = Math.min(opts.undated ?? 0, opts.total);
  const dated = opts.total - undated;
  // Spread evenly over the span in whole seconds (provider dates have second precision), strictly
  // decreasing; with more than one message a second, one second apart (the span then grows).
  const secondsPer = dated > 0 ? Math.max(1, (opts.days * 86_400) / dated) : 1;
  const end = Math.floor(opts.end / 1000) * 1000;
  const prefix = hex8(mix(seed, 0x51d)) + hex8(mix(seed, 0xa11));
  const service = 'MG' + hex8(mix(seed, 1)) + hex8(mix(seed, 2)) + hex8(mix(seed, 3)) + hex8(mix(seed, 4));
  const orgNumber = '+15550100100';
  const sidOf = (i: number) => 'SM' + prefix + i.toString(16).padStart(16, '0');
  const timeOf = (i: number) => (i < undated ? end - i * 7_000 : end - Math.floor((i - undated) * secondsPer) * 1000);

  function at(i: number): ProviderMessage {
    const sid = sidOf(i);
    const t = timeOf(i);
    const r = mix(seed, i);
    const bucket = r % 100;
    const member = '+1555' + String(2_000_000 + (r >>> 8) % 7_000_000).padStart(7, '0');
    const uri = `/2010-04-01/Accounts/${opts.accountSid}/Messages/${sid}.json`;
    let status: string;
    let direction = 'outbound-api';
    let error: [number, string] | null = null;
    if (i < undated) status = 'queued';
    else if (bucket < 10) { status = 'received'; direction = 'inbound'; }
    else if (bucket < 14) { status = 'undelivered'; error = ERRORS[r % ERRORS.length]!; }
    else if (bucket < 16) { status = 'failed'; error = ERRORS[(r >>> 4) % ERRORS.length]!; }
    else if (bucket < 20) status = 'sent';
    else status = 'delivered';
    const inbound = direction === 'inbound';
    const body = inbound ? INBOUND[(r >>> 3) % INBOUND.length]! : OUTBOUND[(r >>> 5) % OUTBOUND.length]!;
    const created = i < undated ? t : t - 1000;
    return {
      account_sid: opts.accountSid,
      api_version: '2010-04-01',
      body,
      date_created: isoToRfc2822(created),
      date_sent: i < undated ? null : isoToRfc2822(t),
      date_updated: isoToRfc2822(i < undated ? t : t + 4000),
      direction,
      error_code: error ? error[0] : null,
      error_message: error ? error[1] : null,
      from: inbound ? member : orgNumber,
      messaging_service_sid: inbound ? null : service,
      num_media: '0',
      num_segments: String(1 + Math.floor(body.length / 161)),
      price: i < undated ? null : inbound ? '-0.00790' : '-0.00830',
      price_unit: 'USD',
      sid,
      status,
      subresource_uris: { media: uri.replace('.json', '/Media.json'), feedback: uri.replace('.json', '/Feedback.json') },
      to: inbound ? orgNumber : member,
      uri,
    };
  }

  return {
    length: opts.total,
    at,
    keyAt: (i): OrderKey => ({ dated: i < undated ? 0 : 1, time: timeOf(i), sid: sidOf(i) }),
    indexOfSid(sid) {
      if (sid.length !== 34 || !sid.startsWith('SM' + prefix)) return undefined;
      const i = parseInt(sid.slice(18), 16);
      return Number.isInteger(i) && i < opts.total ? i : undefined;
    },
  };
}
