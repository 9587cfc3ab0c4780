/**
 * One sync run: plan the queries, page through them with bounded concurrency while the writer
 * commits batches, refresh older unsettled messages one by one, and account for all of it.
 */
import { dayPartitions, headQuery, headScanDone, HEAD_KEY, rangeStart, type SyncMode } from '../core/sync-plan.js';
import { DAY_MS, toIso } from '../core/time.js';
import type { DB } from '../store/db.js';
import { SyncState, type PartitionState, type RunCounters } from '../store/sync-state.js';
import { messagesListUri, ProviderError, type MessageGateway } from '../twilio/gateway.js';
import { BatchWriter, type MessageHook } from './batch-writer.js';
import { discoverOldestDay } from './discover.js';

export interface SyncOptions {
  mode: SyncMode;
  refreshLimit: number;
  concurrency: number;
  dryRun: boolean;
  batchRows?: number;
}

export interface SyncContext {
  db: DB;
  gateway: MessageGateway;
  now: () => number;
  pid: number;
  host: string;
  interrupted: () => boolean;
  warn: (message: string) => void;
  onProgress?: (counters: RunCounters, partitionsLeft: number) => void;
  hooks?: MessageHook[];
}

export interface SyncSummary extends RunCounters {
  runId: number;
  outcome: 'ok' | 'interrupted' | 'failed';
  startedAt: string;
  finishedAt: string;
  seconds: number;
}

const REFRESH_MAX_AGE_MS = 60 * DAY_MS;

export function emptyCounters(): RunCounters {
  return { requests: 0, pages: 0, messagesNew: 0, messagesUpdated: 0, statusChanges: 0, inbound: 0, optOuts: 0, optIns: 0, needsReview: 0, skipped: 0 };
}

async function planRun(state: SyncState, gw: MessageGateway, opts: SyncOptions, now: number): Promise<{ plan: PartitionState[]; windowStart: number | null }> {
  const hwmIso = state.highWaterMark(gw.accountSid);
  // The newest partition is open-ended, so `now` as the end also covers messages dated ahead of it.
  const start = rangeStart(opts.mode, hwmIso ? Date.parse(hwmIso) : null) ?? (await discoverOldestDay(gw, now)) ?? now;
  const queries = [headQuery(), ...dayPartitions(start, now)];
  const plan = queries.map((q) => ({ key: q.key, firstUri: messagesListUri(gw.accountSid, q.filters), cursor: null as string | null }));
  return { plan, windowStart: start };
}

export async function runSync(ctx: SyncContext, opts: SyncOptions): Promise<SyncSummary> {
  const { db, gateway: gw } = ctx;
  const state = new SyncState(db);
  const started = ctx.now();
  const counters = emptyCounters();
  const accountSid = gw.accountSid;
  const runId = opts.dryRun ? 0 : state.startRun(accountSid, opts.mode.kind, toIso(started), ctx.pid, ctx.host);
  const writer = new BatchWriter(db, state, runId, accountSid, counters, {
    batchRows: opts.batchRows ?? 100_000, dryRun: opts.dryRun, now: ctx.now, warn: ctx.warn, hooks: ctx.hooks ?? [],
  });
  let outcome: SyncSummary['outcome'] = 'ok';
  let failure: unknown = null;
  try {
    const { plan, windowStart } = await planRun(state, gw, opts, started);
    const planned = new Set(plan.map((p) => p.key));
    const resumed = opts.dryRun ? [] : state.unfinishedPartitions(accountSid, runId).filter((p) => !planned.has(p.key));
    const all = [...plan, ...resumed];
    if (!opts.dryRun) state.registerPlan(runId, accountSid, all);
    await pagePartitions(ctx, writer, all, opts.concurrency);
    writer.flush();
    if (!ctx.interrupted() && opts.refreshLimit > 0 && windowStart !== null) {
      await refreshUnsettled(ctx, state, writer, toIso(windowStart), new Date(started).toISOString(), opts);
      writer.flush();
    }
    if (ctx.interrupted()) outcome = 'interrupted';
  } catch (e) {
    outcome = 'failed';
    failure = e;
    try { writer.flush(); } catch { /* the original failure is the one to report */ }
  }
  counters.requests = gw.requests;
  const finished = ctx.now();
  const summary: SyncSummary = {
    runId, outcome, startedAt: toIso(started), finishedAt: toIso(finished), seconds: Math.round((finished - started) / 100) / 10, ...counters,
  };
  if (!opts.dryRun) state.finishRun(runId, outcome, summary.finishedAt, counters, failure ? String((failure as Error).message) : null);
  if (failure) throw failure;
  return summary;
}

async function pagePartitions(ctx: SyncContext, writer: BatchWriter, partitions: PartitionState[], concurrency: number): Promise<void> {
  const queue = [...partitions];
  let failed = false;
  const report = () => ctx.onProgress?.(writer.counters, queue.length);
  async function worker(): Promise<void> {
    for (let p = queue.shift(); p && !failed && !ctx.interrupted(); p = queue.shift()) {
      let uri = p.cursor ?? p.firstUri;
      let pending = fetchPage(ctx.gateway, uri, p);
      for (;;) {
        const page = await pending;
        const next = p.key === HEAD_KEY && headScanDone(page.messages) ? null : page.nextPageUri;
        // Ask for the next page before writing this one, so the two overlap.
        const more = next !== null && !ctx.interrupted() && !failed;
        if (more) pending = fetchPage(ctx.gateway, next, p);
        writer.addPage(p.key, page.messages, next);
        report();
        if (!more) break;
        uri = next;
      }
    }
  }
  const results = await Promise.allSettled(Array.from({ length: Math.max(1, concurrency) }, () => worker().catch((e) => { failed = true; throw e; })));
  const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** A resumed cursor the provider no longer accepts restarts its partition from the first page. */
async function fetchPage(gw: MessageGateway, uri: string, p: PartitionState) {
  try {
    return await gw.listPage(uri);
  } catch (e) {
    if (e instanceof ProviderError && e.code === 21481 && uri !== p.firstUri) return gw.listPage(p.firstUri);
    throw e;
  }
}

async function refreshUnsettled(ctx: SyncContext, state: SyncState, writer: BatchWriter, windowStart: string, runStart: string, opts: SyncOptions): Promise<void> {
  const oldest = toIso(ctx.now() - REFRESH_MAX_AGE_MS);
  // Messages listed during this run were checked just now; only older checks need a fetch.
  const queue = state.unsettledToRefresh(windowStart, oldest, runStart, opts.refreshLimit);
  const worker = async () => {
    for (let sid = queue.shift(); sid && !ctx.interrupted(); sid = queue.shift()) {
      const rec = await ctx.gateway.fetchMessage(sid);
      if (rec !== null) writer.addPage(null, [rec], null);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
}
