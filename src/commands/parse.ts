/** Flag value parsing shared by commands; every failure is a UsageError naming the flag. */
import { UsageError } from '../errors.js';

export function positiveInt(flag: string, value: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`${flag} must be a whole number${max < Number.MAX_SAFE_INTEGER ? ` from ${min} to ${max}` : ` of at least ${min}`}; got "${value}"`);
  }
  return n;
}
