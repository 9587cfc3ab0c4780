/** Sync runs, their partitions and cursors, skipped records, and the single-writer lock. */
import { NON_FINAL_STATUSES } from '../core/status.js';
import type { DB } from './db.js';
import { Statements } from './statements.js';

export interface PartitionPlan { key: string; firstUri: string }
export interface PartitionState extends PartitionPlan { cursor: string | null }

export interface RunCounters {
  requests: number; pages: number; messagesNew: number; messagesUpdated: number; statusChanges: number;
  inbound: number; optOuts: number; optIns: number; needsReview: number; skipped: number;
}

export interface LockHolder { pid: number; host: string; acquiredAt: string; heartbeatAt: string }

const PENDING = 0;
const DONE = 1;
const HANDED_OVER = 2;
const unsettled = NON_FINAL_STATUSES.map((s) => `'${s}'`).join(', ');

export class SyncState extends Statements {

  highWaterMark(accountSid: string): string | null {
    return (this.sql('SELECT high_water_mark FROM sync_state WHERE account_sid=?').pluck().get(accountSid) as string | null) ?? null;
  }

  /** Must run in the same transaction as the pages that carried `dateSent`. */
  raiseHighWaterMark(accountSid: string, dateSent: string): void {
    this.sql(`INSERT INTO sync_state (account_sid, high_water_mark) VALUES (?, ?)
      ON CONFLICT(account_sid) DO UPDATE SET high_water_mark = MAX(COALESCE(high_water_mark, ''), excluded.high_water_mark)`).run(accountSid, dateSent);
  }

  startRun(accountSid: string, mode: string, startedAt: string, pid: number, host: string): number {
    return Number(this.sql('INSERT INTO sync_runs (account_sid, mode, started_at, pid, host) VALUES (?, ?, ?, ?, ?)')
      .run(accountSid, mode, startedAt, pid, host).lastInsertRowid);
  }

  /** Records the counters so far; called with every committed batch so a killed run still tells its story. */
  recordProgress(runId: number, c: RunCounters): void {
    this.sql(`UPDATE sync_runs SET requests=?, pages=?, messages_new=?, messages_updated=?, status_changes=?, inbound=?,
      opt_outs=?, opt_ins=?, needs_review=?, skipped=? WHERE id=?`)
      .run(c.requests, c.pages, c.messagesNew, c.messagesUpdated, c.statusChanges, c.inbound, c.optOuts, c.optIns, c.needsReview, c.skipped, runId);
  }

  finishRun(runId: number, outcome: string, finishedAt: string, c: RunCounters, error: string | null): void {
    this.db.transaction(() => {
      this.recordProgress(runId, c);
      this.sql('UPDATE sync_runs SET outcome=?, finished_at=?, error=? WHERE id=?').run(outcome, finishedAt, error, runId);
    })();
  }

  /** Unfinished partitions left by earlier runs that died or were interrupted, newest run first per key. */
  unfinishedPartitions(accountSid: string, currentRun: number): PartitionState[] {
    const rows = this.sql(`SELECT key, first_uri AS firstUri, cursor FROM sync_partitions
      WHERE account_sid=? AND done=${PENDING} AND run_id<>? ORDER BY run_id DESC`).all(accountSid, currentRun) as PartitionState[];
    const seen = new Set<string>();
    return rows.filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
  }

  /** Registers this run's plan and retires the earlier runs' unfinished rows it takes over. */
  registerPlan(runId: number, accountSid: string, plan: PartitionState[]): void {
    const insert = this.sql('INSERT INTO sync_partitions (run_id, account_sid, key, first_uri, cursor) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.sql(`UPDATE sync_partitions SET done=${HANDED_OVER} WHERE account_sid=? AND done=${PENDING} AND run_id<>?`).run(accountSid, runId);
      for (const p of plan) insert.run(runId, accountSid, p.key, p.firstUri, p.cursor);
    })();
  }

  /** Must run in the same transaction as the pages it covers. `next` null means the partition is complete. */
  saveCursor(runId: number, key: string, next: string | null, pages: number): void {
    this.sql('UPDATE sync_partitions SET cursor=?, done=?, pages=pages+? WHERE run_id=? AND key=?')
      .run(next, next === null ? DONE : PENDING, pages, runId, key);
  }

  recordSkipped(runId: number, sid: string | null, reason: string, at: string): void {
    this.sql('INSERT INTO sync_skipped (run_id, sid, reason, seen_at) VALUES (?, ?, ?, ?)').run(runId, sid, reason, at);
  }

  /** Non-final messages between the two times (by sent, else created) not checked since `checkedBefore`, least recently checked first. */
  unsettledToRefresh(olderThan: string, youngerThan: string, checkedBefore: string, limit: number): string[] {
    return this.sql(`SELECT sid FROM messages WHERE status IN (${unsettled}) AND checked_at < ?
      AND COALESCE(date_sent, date_created) < ? AND date_created >= ? ORDER BY checked_at LIMIT ?`)
      .pluck().all(checkedBefore, olderThan, youngerThan, limit) as string[];
  }

  /** Takes the lock, or returns who holds it. `isAlive` decides whether a same-host holder still runs. */
  acquireLock(pid: number, host: string, now: string, isAlive: (pid: number) => boolean, staleBefore: string): LockHolder | null {
    return this.db.transaction((): LockHolder | null => {
      const holder = this.sql('SELECT pid, host, acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt FROM sync_lock WHERE id=1').get() as LockHolder | undefined;
      if (holder) {
        // A running sync heartbeats with every page; a silent holder is dead even if its pid was reused.
        const alive = holder.heartbeatAt >= staleBefore && (holder.host !== host || isAlive(holder.pid));
        if (alive) return holder;
        // The holder died (kill -9, crash): its run never finished.
        this.sql(`UPDATE sync_runs SET outcome='crashed' WHERE outcome='running' AND pid=? AND host=?`).run(holder.pid, holder.host);
      }
      this.sql('INSERT OR REPLACE INTO sync_lock (id, pid, host, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?)').run(pid, host, now, now);
      return null;
    }).immediate();
  }

  heartbeat(pid: number, now: string): void {
    this.sql('UPDATE sync_lock SET heartbeat_at=? WHERE id=1 AND pid=?').run(now, pid);
  }

  releaseLock(pid: number): void {
    this.sql('DELETE FROM sync_lock WHERE id=1 AND pid=?').run(pid);
  }
}
