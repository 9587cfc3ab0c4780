import { Command, Option } from 'commander';
import type { Context } from '../context.js';
import { InterruptedError, UsageError } from '../errors.js';
import { parseDuration, parseSince, toIso } from '../core/time.js';
import type { SyncMode } from '../core/sync-plan.js';
import type { SyncSummary } from '../sync/engine.js';
import { positiveInt } from './parse.js';
import { pick } from '../output.js';

export interface SyncCommandOptions {
  mode: SyncMode;
  refreshLimit: number;
  concurrency: number;
  dryRun: boolean;
  waitSeconds: number | null;
}

export const SUMMARY_FIELDS = ['runId', 'outcome', 'startedAt', 'finishedAt', 'seconds', 'requests', 'pages', 'messagesNew',
  'messagesUpdated', 'statusChanges', 'inbound', 'optOuts', 'optIns', 'needsReview', 'skipped'] as const;

interface RawFlags { since?: string; full?: boolean; recheck: string; refreshLimit: string; concurrency: string; dryRun?: boolean; wait?: string | boolean }

export function toSyncOptions(flags: RawFlags, now: number): SyncCommandOptions {
  if (flags.since !== undefined && flags.full) throw new UsageError('--since and --full cannot be used together');
  const recheckMs = parseDuration(flags.recheck);
  if (recheckMs === null) throw new UsageError(`--recheck must be a duration like 72h or 3d; got "${flags.recheck}"`);
  let mode: SyncMode = { kind: 'incremental', recheckMs };
  if (flags.full) mode = { kind: 'full' };
  if (flags.since !== undefined) {
    const since = parseSince(flags.since, now);
    if (since === null) throw new UsageError(`--since must be a date (YYYY-MM-DD or ISO-8601) or a duration (30m, 12h, 7d, 2w); got "${flags.since}"`);
    mode = { kind: 'since', since };
  }
  const waitSeconds = flags.wait === undefined || flags.wait === false ? null : flags.wait === true ? 600 : positiveInt('--wait', flags.wait, 0);
  return {
    mode,
    refreshLimit: positiveInt('--refresh-limit', flags.refreshLimit, 0),
    concurrency: positiveInt('--concurrency', flags.concurrency, 1, 32),
    dryRun: Boolean(flags.dryRun),
    waitSeconds,
  };
}

export function summaryLine(s: SyncSummary): string {
  const parts = [`${s.messagesNew} new`, `${s.messagesUpdated} updated`, `${s.statusChanges} status changes`];
  if (s.inbound || s.optOuts || s.optIns || s.needsReview) parts.push(`${s.inbound} inbound`, `${s.optOuts} opt-outs`, `${s.optIns} opt-ins`, `${s.needsReview} to review`);
  if (s.skipped) parts.push(`${s.skipped} skipped`);
  return `sync ${s.outcome}: ${parts.join(', ')}; ${s.pages} pages, ${s.requests} requests, ${s.seconds}s`;
}

export function syncCommand(ctx: Context, run = runSyncCommand): Command {
  return new Command('sync')
    .description('pull messages (both directions) from the provider into the store')
    .option('--since <date|duration>', 're-read everything sent since then (2026-03-01, 7d)')
    .option('--full', 're-read the whole history')
    .option('--recheck <duration>', 're-check window before the high-water mark', '72h')
    .option('--refresh-limit <n>', 'older unsettled messages to re-fetch one by one (0 = none)', '200')
    .option('--concurrency <n>', 'date partitions fetched at once', '4')
    .option('--dry-run', 'fetch and report without writing')
    .addOption(new Option('--wait [seconds]', 'wait for another running sync instead of exiting 75 (default 600)'))
    .addHelpText('after', `
Examples:
  sms-ops sync                      incremental: the last 72h before the newest stored message
  sms-ops sync --quiet              for cron: prints nothing on success
  sms-ops sync --since 2026-03-01   re-read from a date
  sms-ops sync --full --json        re-read everything, print the run summary as JSON`)
    .action(async (flags: RawFlags) => { await run(ctx, toSyncOptions(flags, ctx.now())); });
}

export async function runSyncCommand(ctx: Context, opts: SyncCommandOptions): Promise<SyncSummary> {
  const { existsSync } = await import('node:fs');
  const { runSync } = await import('../sync/engine.js');
  const { SyncState } = await import('../store/sync-state.js');
  const { acquireSyncLock } = await import('../sync/lock.js');
  const { createProgress } = await import('../progress.js');
  const { ledgerHook } = await import('../sync/ledger-hook.js');
  const gateway = await ctx.gateway();
  // A dry run writes nothing, not even a new store file.
  const missing = opts.dryRun && !existsSync(ctx.storePath);
  const db = await ctx.openStore({ path: missing ? ':memory:' : undefined });
  const state = new SyncState(db);
  const progress = await createProgress(ctx);
  const onSignal = () => { if (ctx.interrupted) process.exit(130); ctx.interrupt(); };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let locked = false;
  try {
    if (!opts.dryRun) {
      await acquireSyncLock(state, ctx, ctx.now, opts.waitSeconds);
      locked = true;
    }
    const summary = await runSync({
      db, gateway, now: ctx.now, pid: ctx.pid, host: ctx.host,
      interrupted: () => ctx.interrupted,
      warn: (m) => { progress.clear(); ctx.warn(m); },
      onProgress: (c, left) => { progress.update(c.pages, c.messagesNew + c.messagesUpdated, left); if (locked) state.heartbeat(ctx.pid, toIso(ctx.now())); },
      hooks: [ledgerHook(db)],
    }, opts);
    progress.stop();
    if (ctx.format === 'json') ctx.io.out.write(JSON.stringify(pick(summary, SUMMARY_FIELDS), null, 2) + '\n');
    if (!ctx.globals.quiet || summary.outcome !== 'ok') ctx.io.err.write(summaryLine(summary) + (opts.dryRun ? ' (dry run, nothing written)' : '') + '\n');
    if (summary.outcome === 'interrupted') throw new InterruptedError('sync interrupted; committed pages are kept and the next run resumes');
    return summary;
  } finally {
    progress.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (locked) state.releaseLock(ctx.pid);
    db.close();
  }
}
