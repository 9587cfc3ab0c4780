/**
 * Collects fetched pages and commits them in batches: the rows, the status events, any ledger
 * events, and each partition's cursor go into one transaction, so a crash loses at most the
 * uncommitted batch and never moves a cursor past unsaved data. A dry run rolls every batch back.
 */
import { parseMessageRecord, type MessageRow } from '../core/message-record.js';
import type { DB } from '../store/db.js';
import { MessageWriter } from '../store/messages.js';
import type { RunCounters, SyncState } from '../store/sync-state.js';
import type { ApplyResult } from '../store/messages.js';

/** Work sync does on top of storing messages (the NoSMS ledger); runs inside the batch transaction. */
export interface MessageHook {
  afterApply(result: ApplyResult, changed: MessageRow[], runId: number, now: string): Partial<RunCounters>;
}

interface PendingPage { key: string; rows: MessageRow[]; next: string | null; skipped: { sid: string | null; reason: string }[] }

class DryRunRollback extends Error {}

const MAX_BATCH_AGE_MS = 1000;

export class BatchWriter {
  private pending: PendingPage[] = [];
  private rowCount = 0;
  private pendingSince = 0;
  private readonly writer: MessageWriter;
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
  }

  /** Parses a page's records; malformed ones are reported and counted, never silently dropped. */
  addPage(key: string | null, records: unknown[], next: string | null): void {
    const rows: MessageRow[] = [];
    const skipped: PendingPage['skipped'] = [];
    for (const rec of records) {
      const parsed = parseMessageRecord(rec);
      if (parsed.ok) { rows.push(parsed.row); continue; }
      if (parsed.sid !== null && this.skippedSids.has(parsed.sid)) continue;
      if (parsed.sid !== null) this.skippedSids.add(parsed.sid);
      skipped.push({ sid: parsed.sid, reason: parsed.reason });
      this.counters.skipped++;
      this.opts.warn(`skipped a malformed record${parsed.sid ? ` ${parsed.sid}` : ''}: ${parsed.reason}`);
    }
    if (this.pending.length === 0) this.pendingSince = this.opts.now();
    this.pending.push({ key: key ?? '', rows, next, skipped });
    if (key !== null) this.counters.pages++;
    this.rowCount += rows.length;
    // Big batches for throughput; on a slow link, commit at least every second so little is at risk.
    if (this.rowCount >= this.opts.batchRows || this.opts.now() - this.pendingSince >= MAX_BATCH_AGE_MS) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.rowCount = 0;
    // Millisecond precision: "checked since this run started" must hold for runs a second apart.
    const now = new Date(this.opts.now()).toISOString();
    const before = { ...this.counters };
    try {
      this.db.transaction(() => {
        const rows = batch.flatMap((p) => p.rows);
        const result = this.writer.apply(rows, now, this.runId);
        let newest = '';
        for (const r of rows) if (r.dateSent !== null && r.dateSent > newest) newest = r.dateSent;
        if (newest) this.state.raiseHighWaterMark(this.accountSid, newest);
        this.counters.messagesNew += result.inserted.length;
        this.counters.messagesUpdated += result.updated;
        this.counters.statusChanges += result.statusChanges;
        for (const hook of this.opts.hooks) {
          const extra = hook.afterApply(result, rows, this.runId, now);
          for (const [k, v] of Object.entries(extra)) this.counters[k as keyof RunCounters] += v ?? 0;
        }
        const cursors = new Map<string, { next: string | null; pages: number }>();
        for (const p of batch) {
          for (const s of p.skipped) if (!this.opts.dryRun) this.state.recordSkipped(this.runId, s.sid, s.reason, now);
          if (!p.key) continue;
          const c = cursors.get(p.key) ?? { next: null, pages: 0 };
          cursors.set(p.key, { next: p.next, pages: c.pages + 1 });
        }
        if (this.opts.dryRun) throw new DryRunRollback();
        for (const [key, c] of cursors) this.state.saveCursor(this.runId, key, c.next, c.pages);
        this.state.recordProgress(this.runId, this.counters);
      })();
    } catch (e) {
      if (!(e instanceof DryRunRollback)) {
        Object.assign(this.counters, before, { requests: this.counters.requests, pages: this.counters.pages });
        throw e;
      }
    }
  }
}
