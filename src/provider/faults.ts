/** Fault injection for the local provider: what the next requests, or every n-th one, suffer. */

export interface FaultSettings {
  /** Added delay per API request, ms. */
  latencyMs: number;
  /** Seconds sent in Retry-After with each 429. */
  retryAfter: number;
  /** Every n-th API request gets this fault (0 = never). */
  every429: number;
  every500: number;
  everyDrop: number;
  everyTruncate: number;
  /** The next n API requests get this fault. */
  next429: number;
  next500: number;
  nextDrop: number;
  nextTruncate: number;
}

export type Fault = 'none' | '429' | '500' | 'drop' | 'truncate';

export function noFaults(): FaultSettings {
  return { latencyMs: 0, retryAfter: 1, every429: 0, every500: 0, everyDrop: 0, everyTruncate: 0, next429: 0, next500: 0, nextDrop: 0, nextTruncate: 0 };
}

const NUMERIC_KEYS = Object.keys(noFaults()) as (keyof FaultSettings)[];

/** Applies a partial update, accepting only known keys with non-negative numbers. */
export function updateFaults(current: FaultSettings, patch: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(patch)) {
    if (!NUMERIC_KEYS.includes(key as keyof FaultSettings)) return `unknown fault setting ${key}`;
    if (typeof value !== 'number' || !(value >= 0)) return `fault setting ${key} must be a non-negative number`;
  }
  Object.assign(current, patch);
  return null;
}

/** Decides the fault for API request number `n` (1-based), consuming one-shot faults. */
export function pickFault(f: FaultSettings, n: number): Fault {
  if (f.next429 > 0) { f.next429--; return '429'; }
  if (f.next500 > 0) { f.next500--; return '500'; }
  if (f.nextDrop > 0) { f.nextDrop--; return 'drop'; }
  if (f.nextTruncate > 0) { f.nextTruncate--; return 'truncate'; }
  if (f.every429 && n % f.every429 === 0) return '429';
  if (f.every500 && n % f.every500 === 0) return '500';
  if (f.everyDrop && n % f.everyDrop === 0) return 'drop';
  if (f.everyTruncate && n % f.everyTruncate === 0) return 'truncate';
  return 'none';
}
