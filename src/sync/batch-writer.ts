/**
 * Writes fetched pages as they arrive into an open transaction and commits it every
 * `batchRows` rows or every second: the rows, their status events, any ledger events and each
 * partition's cursor commit together, so a crash loses at most the uncommitted batch and never
 * moves a cursor past unsaved data. Applying pages at once (rather than buffering them for the
 * commit) lets their objects die young, which halves garbage-collection work on big syncs.
 * A dry run rolls every batch back.
 */
import { parseMessageRecord, type MessageRow } from '../core/message-record.js';
import type { DB } from '../store/db.js';
import { MessageWriter, type ApplyResult } from '../store/messages.js';
import type { RunCounters, SyncState } from '../store/sync-state.js';

/** Work sync does on top of storing messages (the NoSMS ledger); runs inside the batch transaction. */
export interface MessageHook {
  afterApply(result: ApplyResult, rows: MessageRow[], runId: number, now: string): Partial<RunCounters>;
}

const MAX_BATCH_AGE_MS = 2000;

export class BatchWriter {
  private readonly writer: MessageWriter;
  private open = false;
  private openedAt = 0;
  private rowsInBatch = 0;
  private committed: RunCounters;
  /** A malformed record met on two pages of one run (head scan and a day) is one skipped record. */
  private readonly skippedSids = new Set<string>();

  constructor(
    private readonly db: DB,
    private readonly state: SyncState,
    private readonly runId: number,
    private readonly accountSid: string,
    readonly counters: RunCounters,
    private readonly opts: { batchRows: number; dryRun: boolean; now: () => number; warn: (msg: string) => void; hooks: MessageHook[] },
  ) {
    this.writer = new MessageWriter(db);
    this.committed = { ...counters };
  }

  /** Applies one page (or one fetched record, with a null key); malformed records are reported and counted. */
  addPage(key: string | null, records: unknown[], next: string | null): void {
    const rows: MessageRow[] = [];
    const skipped: { sid: string | null; reason: string }[] = [];
    for (const rec of records) {
      const parsed = parseMessageRecord(rec);
      if (parsed.ok) { rows.push(parsed.row); continue; }
      if (parsed.sid !== null && this.skippedSids.has(parsed.sid)) continue;
      if (parsed.sid !== null) this.skippedSids.add(parsed.sid);
      skipped.push({ sid: parsed.sid, reason: parsed.reason });
      this.opts.warn(`skipped a malformed record${parsed.sid ? ` ${parsed.sid}` : ''}: ${parsed.reason}`);
    }
    if (!this.open) {
      this.db.exec('BEGIN IMMEDIATE');
      this.open = true;
      this.openedAt = this.opts.now();
    }
    try {
      this.apply(key, rows, skipped, next);
    } catch (e) {
      this.rollback();
      throw e;
    }
    this.rowsInBatch += rows.length;
    if (this.rowsInBatch >= this.opts.batchRows || this.opts.now() - this.openedAt >= MAX_BATCH_AGE_MS) this.flush();
  }

  private apply(key: string | null, rows: MessageRow[], skipped: { sid: string | null; reason: string }[], next: string | null): void {
    // Millisecond precision: "checked since this run started" must hold for runs a second apart.
    const now = new Date(this.opts.now()).toISOString();
    const c = this.counters;
    const result = this.writer.apply(rows, now, this.runId);
    c.messagesNew += result.inserted.length;
    c.messagesUpdated += result.updated;
    c.statusChanges += result.statusChanges;
    c.skipped += skipped.length;
    for (const hook of this.opts.hooks) {
      for (const [k, v] of Object.entries(hook.afterApply(result, rows, this.runId, now))) c[k as keyof RunCounters] += v ?? 0;
    }
    let newest = '';
    for (const r of rows) if (r.dateSent !== null && r.dateSent > newest) newest = r.dateSent;
    if (newest) this.state.raiseHighWaterMark(this.accountSid, newest);
    if (key !== null) c.pages++;
    if (this.opts.dryRun) return;
    for (const s of skipped) this.state.recordSkipped(this.runId, s.sid, s.reason, now);
    if (key !== null) this.state.saveCursor(this.runId, key, next, 1);
  }

  /** Commits the open batch (a dry run rolls it back, keeping the counts). */
  flush(): void {
    if (!this.open) return;
    if (this.opts.dryRun) {
      this.db.exec('ROLLBACK');
    } else {
      this.state.recordProgress(this.runId, this.counters);
      this.db.exec('COMMIT');
    }
    this.open = false;
    this.rowsInBatch = 0;
    this.committed = { ...this.counters };
  }

  /** Drops the open batch; the counters go back to what was committed. */
  rollback(): void {
    if (!this.open) return;
    this.db.exec('ROLLBACK');
    this.open = false;
    this.rowsInBatch = 0;
    const requests = this.counters.requests;
    Object.assign(this.counters, this.committed, { requests });
  }
}
