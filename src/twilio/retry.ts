/** Retrying provider requests: which failures are temporary, and how long to wait. */

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Never wait longer than this for one Retry-After. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 7, baseDelayMs: 200, maxDelayMs: 8_000, maxRetryAfterMs: 60_000 };

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/** Full-jitter exponential backoff, but never sooner than the provider's Retry-After. */
export function retryDelay(policy: RetryPolicy, attempt: number, retryAfterHeader: unknown, random = Math.random): number {
  const backoff = Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt));
  const seconds = typeof retryAfterHeader === 'string' ? Number(retryAfterHeader) : NaN;
  const asked = Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds * 1000, policy.maxRetryAfterMs) : 0;
  return Math.max(backoff, asked);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
