// Sync as cron runs it: the built binary in its own process, killed, interrupted and overlapped.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { syntheticProvider } from '../helpers/provider.js';
import { BIN, runBin } from '../helpers/cli.js';
import { perTestProvider } from '../helpers/store-setup.js';
import { readStore } from '../helpers/store.js';

const ctx = perTestProvider();
const setup = ctx.setup;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function startSync(env: NodeJS.ProcessEnv, args: string[] = []) {
  return execa('node', [BIN, 'sync', ...args], { env, extendEnv: false, reject: false });
}

async function waitFor(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await sleep(25);
  }
}

function lockHeld(db: string): boolean {
  try { return readStore(db, (d) => d.prepare('SELECT COUNT(*) FROM sync_lock').pluck().get() === 1); } catch { return false; }
}

function storeFacts(db: string) {
  return readStore(db, (d) => ({
    count: d.prepare('SELECT COUNT(*) FROM messages').pluck().get(),
    distinct: d.prepare('SELECT COUNT(DISTINCT sid) FROM messages').pluck().get(),
    integrity: d.pragma('integrity_check', { simple: true }),
  }));
}

describe('sync as a process', () => {
  it('after kill -9 at random moments, a rerun gives the exact set with no duplicates and an intact store', async () => {
    // Commits come every 2 s or 100k rows; 200 pages at 100 ms each, 4 at a time, take ~6 s.
    const { db, env } = setup(await syntheticProvider({ total: 200_000, days: 20, undated: 500, faults: { latencyMs: 100 } }));
    const partialCounts: number[] = [];
    for (const killAfter of [150, 3000 + Math.floor(Math.random() * 1500), 1000 + Math.floor(Math.random() * 2000)]) {
      const child = startSync(env);
      await sleep(killAfter);
      child.kill('SIGKILL');
      const r = await child;
      expect(r.signal === 'SIGKILL' || r.exitCode === 0).toBe(true);
      try {
        const facts = storeFacts(db);
        expect(facts.integrity).toBe('ok');
        expect(facts.count).toBe(facts.distinct);
        partialCounts.push(facts.count as number);
      } catch (e) { if (!String(e).includes('unable to open')) throw e; }
    }
    // At least one kill landed mid-paging, with some but not all messages committed.
    expect(partialCounts.some((n) => n > 0 && n < 200_000), String(partialCounts)).toBe(true);
    ctx.provider.faults.latencyMs = 0;
    const done = await runBin(['sync', '--json'], env);
    expect(done.code).toBe(0);
    expect(storeFacts(db)).toEqual({ count: 200_000, distinct: 200_000, integrity: 'ok' });
    const outcomes = readStore(db, (d) => d.prepare('SELECT outcome FROM sync_runs ORDER BY id').pluck().all());
    expect(outcomes.at(-1)).toBe('ok');
    expect(outcomes.slice(0, -1).every((o) => o === 'crashed' || o === 'ok')).toBe(true);
  });

  it('a second concurrent sync exits 75 at once naming the holder, while readers keep working', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 20_000, days: 20, faults: { latencyMs: 150 } }));
    const first = startSync(env);
    await waitFor(() => lockHeld(db));
    const t0 = Date.now();
    const second = await runBin(['sync'], env);
    expect(second.code).toBe(75);
    expect(Date.now() - t0).toBeLessThan(3_000);
    expect(second.stderr).toMatch(new RegExp(`another sync is running \\(pid ${first.pid} on .+, since \\d{4}-`));
    const reader = await runBin(['messages', 'list', '--limit', '5'], env);
    expect(reader.code).toBe(0);
    ctx.provider.faults.latencyMs = 0;
    expect((await first).exitCode).toBe(0);
    expect(lockHeld(db)).toBe(false);
  });

  it('--wait waits for the running sync instead of exiting 75', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 6_000, days: 6, faults: { latencyMs: 100 } }));
    const first = startSync(env);
    await waitFor(() => lockHeld(db));
    const second = await runBin(['sync', '--wait', '60', '--json'], env);
    expect(second.code).toBe(0);
    expect((await first).exitCode).toBe(0);
  });

  it('SIGINT finishes the current page, commits, exits 130, and the next run resumes', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 100_000, days: 20, faults: { latencyMs: 150 } }));
    const child = startSync(env);
    await waitFor(() => { try { return (storeFacts(db).count as number) > 0; } catch { return false; } });
    child.kill('SIGINT');
    const r = await child;
    expect(r.exitCode).toBe(130);
    expect(String(r.stderr)).toMatch(/sync interrupted/);
    const partial = storeFacts(db);
    expect(partial.count).toBeLessThan(100_000);
    expect(readStore(db, (d) => d.prepare('SELECT outcome FROM sync_runs').pluck().get())).toBe('interrupted');
    ctx.provider.faults.latencyMs = 0;
    const rerun = await runBin(['sync'], env);
    expect(rerun.code).toBe(0);
    expect(storeFacts(db)).toEqual({ count: 100_000, distinct: 100_000, integrity: 'ok' });
  });
});
