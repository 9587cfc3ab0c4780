import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoMessages, demoProvider, syntheticProvider } from '../helpers/provider.js';
import { perTestProvider } from '../helpers/store-setup.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { readStore, storedMessages } from '../helpers/store.js';

const ctx = perTestProvider();
const setup = ctx.setup;

describe('sync under provider faults', () => {
  it('completes the exact set through 429s every few requests, 5xx, a dropped connection and a truncated body', async () => {
    const { db, env } = setup(await demoProvider({ every429: 3, retryAfter: 0, next500: 2, nextDrop: 1, nextTruncate: 1 }));
    const r = await runCli(['sync', '--json'], env);
    expect(r.code).toBe(0);
    expect(ctx.provider.stats.faults).toMatchObject({ drop: 1, truncate: 1, '500': 2 });
    expect(ctx.provider.stats.faults['429']).toBeGreaterThan(5);
    expect(Object.keys(storedMessages(db)).sort()).toEqual(demoMessages().map((m) => m.sid).sort());
    expect(JSON.parse(r.stdout).messagesNew).toBe(485);
  });

  it('honours Retry-After before retrying a 429', async () => {
    const { env } = setup(await demoProvider({ next429: 1, retryAfter: 1 }));
    const t0 = Date.now();
    const r = await runCli(['sync', '--quiet'], env);
    expect(r.code).toBe(0);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000);
  });

  it('exits 75 when the provider stays unavailable, keeps what was saved, and the rerun completes it', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 6_000, days: 6 }));
    // Let the plan and the first pages through, then answer 500 to everything.
    ctx.provider.faults.every500 = 1;
    ctx.provider.faults.next429 = 0;
    const failed = await runCli(['sync'], env);
    expect(failed.code).toBe(75);
    expect(failed.stderr).toMatch(/provider stayed unavailable .* try again later/);
    ctx.provider.faults.every500 = 0;
    const r = await runCli(['sync', '--json'], env);
    expect(r.code).toBe(0);
    expect(Object.keys(storedMessages(db))).toHaveLength(6_000);
    const runs = readStore(db, (d) => d.prepare('SELECT outcome FROM sync_runs ORDER BY id').pluck().all());
    expect(runs).toEqual(['failed', 'ok']);
  });

  it('wrong credentials exit 4, and the token appears nowhere in output or the store', async () => {
    const { db, env } = setup(await demoProvider());
    const wrong = { ...env, TWILIO_AUTH_TOKEN: 'wrong-secret-value-123' };
    const r = await runCli(['sync', '--verbose'], wrong);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/rejected the credentials.*TWILIO_AUTH_TOKEN/);
    expect(r.stdout + r.stderr).not.toContain('wrong-secret-value-123');
    const ok = await runCli(['sync', '--json', '--verbose'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout + ok.stderr).not.toContain(env.TWILIO_AUTH_TOKEN);
    const { readFileSync } = await import('node:fs');
    for (const f of [db, `${db}-wal`]) {
      try { expect(readFileSync(f).includes(Buffer.from(env.TWILIO_AUTH_TOKEN!))).toBe(false); } catch (e) { if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e; }
    }
  });

  it('missing credentials exit 4 and name the variables to set', async () => {
    const r = await runCli(['sync'], cleanEnv({ SMS_OPS_DB: join(tempDir(), 's.db') }));
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/TWILIO_ACCOUNT_SID.*TWILIO_AUTH_TOKEN.*config\.json/);
  });

  it('prefers the API key pair over the auth token', async () => {
    const { env } = setup(await demoProvider());
    const r = await runCli(['sync', '--quiet'], { ...env, TWILIO_API_KEY: 'SK' + '1'.repeat(32), TWILIO_API_SECRET: 'not-the-secret' });
    // The local provider knows no API key, so using the pair is visible as a rejection.
    expect(r.code).toBe(4);
  });
});

describe('the sync lock', () => {
  it('takes over a lock whose holder is gone, or silent for 15 minutes even if its pid is alive', async () => {
    const { db, env } = setup(await demoProvider());
    expect((await runCli(['sync', '--quiet'], env)).code).toBe(0);
    const Database = (await import('better-sqlite3')).default;
    const { hostname } = await import('node:os');
    const hold = (pid: number, heartbeat: string) => {
      const d = new Database(db);
      d.prepare('INSERT OR REPLACE INTO sync_lock (id, pid, host, acquired_at, heartbeat_at) VALUES (1, ?, ?, ?, ?)').run(pid, hostname(), heartbeat, heartbeat);
      d.close();
    };
    // A live pid (this test runner) with a fresh heartbeat holds the lock.
    hold(process.pid, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    const held = await runCli(['sync'], env);
    expect(held.code).toBe(75);
    expect(held.stderr).toContain(`pid ${process.pid}`);
    // The same live pid, silent for an hour: a reused pid, not a running sync.
    hold(process.pid, new Date(Date.now() - 3600_000).toISOString().replace(/\.\d+Z$/, 'Z'));
    expect((await runCli(['sync', '--quiet'], env)).code).toBe(0);
  });
});

describe('sync flags', () => {
  const env = cleanEnv({ TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32), TWILIO_AUTH_TOKEN: 'x', SMS_OPS_DB: '/nonexistent/never.db' });
  it.each([
    [['sync', '--since', 'yesterday'], /--since must be a date/],
    [['sync', '--since', '2026-02-30'], /--since must be a date/],
    [['sync', '--since', '7d', '--full'], /--since and --full cannot be used together/],
    [['sync', '--recheck', '3 days'], /--recheck must be a duration/],
    [['sync', '--concurrency', '0'], /--concurrency must be a whole number from 1 to 32/],
    [['sync', '--refresh-limit', '-1'], /--refresh-limit must be a whole number/],
    [['sync', '--bogus'], /unknown option '--bogus'/],
    [['sync', '--format', 'xml'], /--format must be one of table, plain, json, csv/],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const r = await runCli(args as string[], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
