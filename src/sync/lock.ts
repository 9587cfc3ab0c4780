/** Holding the single-writer sync lock for the duration of a run, waiting for it if asked. */
import { TemporaryError } from '../errors.js';
import { toIso } from '../core/time.js';
import type { SyncState, LockHolder } from '../store/sync-state.js';
import { sleep } from '../twilio/retry.js';

/** A lock whose holder has not heartbeaten for this long is dead (another host, or a reused pid). */
const STALE_MS = 15 * 60_000;

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function describeHolder(h: LockHolder): string {
  return `another sync is running (pid ${h.pid} on ${h.host}, since ${h.acquiredAt})`;
}

export async function acquireSyncLock(state: SyncState, me: { pid: number; host: string }, now: () => number, waitSeconds: number | null): Promise<void> {
  const deadline = waitSeconds === null ? 0 : now() + waitSeconds * 1000;
  for (;;) {
    const holder = state.acquireLock(me.pid, me.host, toIso(now()), processAlive, toIso(now() - STALE_MS));
    if (!holder) return;
    if (now() >= deadline) {
      const hint = waitSeconds === null ? '; try again later or pass --wait' : ` after waiting ${waitSeconds}s`;
      throw new TemporaryError(describeHolder(holder) + hint);
    }
    await sleep(Math.min(1000, Math.max(50, deadline - now())));
  }
}
