/**
 * The local provider's data: a base sequence (recorded fixtures or a lazily generated synthetic
 * set of any size) plus changes made while it runs (new messages, late status changes).
 * Everything is kept in provider order: messages without date_sent first (newest date_created
 * first), then by date_sent descending — the order Twilio's list pages use.
 */
import { rfc2822ToIso } from '../core/time.js';

export type ProviderMessage = Record<string, unknown> & { sid: string };

/** Sort key: smaller comes first in provider order. */
export interface OrderKey { dated: 0 | 1; time: number; sid: string }

export interface BaseSequence {
  readonly length: number;
  at(i: number): ProviderMessage;
  keyAt(i: number): OrderKey;
  indexOfSid(sid: string): number | undefined;
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  if (a.dated !== b.dated) return a.dated - b.dated;
  if (a.time !== b.time) return b.time - a.time;
  return a.sid < b.sid ? -1 : a.sid > b.sid ? 1 : 0;
}

function millis(value: unknown): number | null {
  if (typeof value !== 'string') return null;
  const iso = rfc2822ToIso(value);
  return iso ? Date.parse(iso) : null;
}

export function keyOf(m: ProviderMessage): OrderKey {
  const sent = millis(m.date_sent);
  if (sent !== null) return { dated: 1, time: sent, sid: m.sid };
  return { dated: 0, time: millis(m.date_created) ?? 0, sid: m.sid };
}


/** A base sequence over an in-memory array (recorded fixtures). */
export function arraySequence(messages: ProviderMessage[]): BaseSequence {
  const keyed = messages.map((m) => ({ m, k: keyOf(m) })).sort((a, b) => compareKeys(a.k, b.k));
  const index = new Map(keyed.map((e, i) => [e.m.sid, i]));
  return {
    length: keyed.length,
    at: (i) => keyed[i]!.m,
    keyAt: (i) => keyed[i]!.k,
    indexOfSid: (sid) => index.get(sid),
  };
}

/** First index whose key is not before `key` (binary search over provider order). */
export function lowerBound(seq: Pick<BaseSequence, 'length' | 'keyAt'>, key: OrderKey): number {
  let lo = 0;
  let hi = seq.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareKeys(seq.keyAt(mid), key) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Base plus live changes. A changed base message moves into `extra` (its order key may change
 * when it gets a date_sent) and is hidden from the base.
 */
export class Dataset {
  private readonly hidden = new Set<string>();
  private extra: { m: ProviderMessage; k: OrderKey }[] = [];

  constructor(readonly base: BaseSequence) {}

  get size(): number {
    return this.base.length - this.hidden.size + this.extra.length;
  }

  get(sid: string): ProviderMessage | undefined {
    const e = this.extra.find((x) => x.m.sid === sid);
    if (e) return e.m;
    if (this.hidden.has(sid)) return undefined;
    const i = this.base.indexOfSid(sid);
    return i === undefined ? undefined : this.base.at(i);
  }

  /** Adds a new message or replaces an existing one with the given fields changed. */
  put(message: ProviderMessage): void {
    if (this.base.indexOfSid(message.sid) !== undefined) this.hidden.add(message.sid);
    this.extra = this.extra.filter((x) => x.m.sid !== message.sid);
    this.extra.push({ m: message, k: keyOf(message) });
    this.extra.sort((a, b) => compareKeys(a.k, b.k));
  }

  /**
   * Messages in provider order starting strictly after `afterKey` (or from the top), limited
   * to those `accept` allows. `startKey` lets a date filter jump into the sequence.
   */
  *scan(startKey: OrderKey | null, afterKey: OrderKey | null, accept: (k: OrderKey, message: () => ProviderMessage) => boolean | 'stop'): Generator<ProviderMessage> {
    const from = afterKey ?? startKey;
    let bi = from ? lowerBound(this.base, from) : 0;
    let ei = from ? this.extra.findIndex((x) => compareKeys(x.k, from) >= 0) : 0;
    if (ei < 0) ei = this.extra.length;
    const skip = (k: OrderKey) => afterKey !== null && compareKeys(k, afterKey) <= 0;
    for (;;) {
      while (bi < this.base.length && this.hidden.has(this.base.keyAt(bi).sid)) bi++;
      const bk = bi < this.base.length ? this.base.keyAt(bi) : null;
      const ek = ei < this.extra.length ? this.extra[ei]!.k : null;
      if (!bk && !ek) return;
      const takeBase = bk !== null && (ek === null || compareKeys(bk, ek) <= 0);
      const k = takeBase ? bk! : ek!;
      // Synthetic messages are generated only when wanted: filters look at the key first.
      let m: ProviderMessage | undefined;
      const message = takeBase ? ((i: number) => () => (m ??= this.base.at(i)))(bi++) : ((x: ProviderMessage) => () => x)(this.extra[ei++]!.m);
      if (skip(k)) continue;
      const verdict = accept(k, message);
      if (verdict === 'stop') return;
      if (verdict) yield message();
    }
  }
}
