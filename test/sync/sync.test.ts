import { describe, expect, it } from 'vitest';
import { allMessages, arrayProvider, demoMessages, demoProvider, syntheticProvider } from '../helpers/provider.js';
import { isoToRfc2822, rfc2822ToIso } from '../../src/core/time.js';
import { perTestProvider } from '../helpers/store-setup.js';
import { runCli } from '../helpers/cli.js';
import { readStore, storedMessages } from '../helpers/store.js';
import { storedRawRecord } from '../../src/store/message-queries.js';

const ctx = perTestProvider();
const setup = ctx.setup;

async function syncJson(args: string[], env: NodeJS.ProcessEnv) {
  const r = await runCli(['sync', '--json', ...args], env);
  expect(r.stderr).not.toMatch(/unexpected/);
  return { ...r, summary: r.code === 0 || r.code === 130 ? JSON.parse(r.stdout) : null };
}

describe('sync from the local provider', () => {
  it('stores exactly the provider messages, with statuses and ISO UTC dates', async () => {
    const { db, env } = setup(await demoProvider());
    const r = await syncJson([], env);
    expect(r.code).toBe(0);
    const expected = demoMessages();
    expect(r.summary.messagesNew).toBe(expected.length);
    const stored = storedMessages(db);
    expect(Object.keys(stored).sort()).toEqual(expected.map((m) => m.sid).sort());
    for (const m of expected) {
      const s = stored[m.sid]!;
      expect(s.status).toBe(m.status);
      expect(s.error_code).toBe(m.error_code);
      expect(s.date_created).toBe(rfc2822ToIso(m.date_created as string));
      expect(s.date_sent).toBe(m.date_sent ? rfc2822ToIso(m.date_sent as string) : null);
      expect(s.date_created).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
      expect(readStore(db, (d) => storedRawRecord(d as never, m.sid))).toEqual(m);
    }
  });

  it('prints the summary with the spec field names, and one line on stderr', async () => {
    const { env } = setup(await demoProvider());
    const r = await syncJson([], env);
    expect(Object.keys(r.summary)).toEqual(['runId', 'outcome', 'startedAt', 'finishedAt', 'seconds', 'requests', 'pages', 'messagesNew',
      'messagesUpdated', 'statusChanges', 'inbound', 'optOuts', 'optIns', 'needsReview', 'skipped']);
    expect(r.summary.outcome).toBe('ok');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^sync ok: 485 new/);
    const quiet = await runCli(['sync', '--quiet'], env);
    expect(quiet).toMatchObject({ code: 0, stdout: '', stderr: '' });
  });

  it('a second sync adds nothing and reads only the re-check window', async () => {
    const { env } = setup(await syntheticProvider({ total: 30_000, days: 15 }));
    const first = await syncJson([], env);
    expect(first.summary.messagesNew).toBe(30_000);
    ctx.provider.stats.paths.length = 0;
    const before = ctx.provider.stats.requests;
    const second = await syncJson(['--refresh-limit', '0'], env);
    expect(second.summary).toMatchObject({ messagesNew: 0, messagesUpdated: 0, statusChanges: 0 });
    // 2,000 a day; 72h back from the newest message covers 4 UTC days (2 pages each) plus the head page.
    const paths = ctx.provider.stats.paths.map((p) => decodeURIComponent(p));
    const oldestDay = new Date(Date.now() - 72 * 3600_000).toISOString().slice(0, 10);
    for (const p of paths) {
      const day = /DateSent[<>]?=(\d{4}-\d\d-\d\d)/.exec(p)?.[1];
      if (day) expect(day >= oldestDay).toBe(true);
    }
    expect(ctx.provider.stats.requests - before).toBeLessThanOrEqual(1 + 4 * 3);
    expect(second.summary.requests).toBe(ctx.provider.stats.requests - before);
  });

  it('picks up late status changes and new messages, recording status events', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 5_000, days: 10, undated: 3 }));
    await syncJson([], env);
    const msgs = allMessages(ctx.provider);
    const recentSent = msgs.find((m) => m.status === 'sent' && m.date_sent)!;
    const undated = msgs.find((m) => m.date_sent === null)!;
    const now = new Date().toUTCString().replace('GMT', '+0000');
    ctx.provider.data.put({ ...recentSent, status: 'delivered', date_updated: now });
    ctx.provider.data.put({ ...undated, status: 'sent', date_sent: now, date_updated: now });
    const fresh = { ...recentSent, sid: 'SM' + 'f'.repeat(32), status: 'received', direction: 'inbound', body: 'new reply', date_sent: now, date_created: now, date_updated: now };
    ctx.provider.data.put(fresh);
    const r = await syncJson([], env);
    expect(r.summary).toMatchObject({ messagesNew: 1, messagesUpdated: 2, statusChanges: 2 });
    const stored = storedMessages(db);
    expect(stored[recentSent.sid]!.status).toBe('delivered');
    expect(stored[undated.sid]!.status).toBe('sent');
    expect(stored[fresh.sid]).toBeDefined();
    const events = readStore(db, (d) => d.prepare('SELECT message_sid, status, source FROM status_events ORDER BY id').all());
    expect(events).toEqual([
      expect.objectContaining({ status: expect.any(String), source: 'sync' }),
      expect.objectContaining({ status: expect.any(String), source: 'sync' }),
    ]);
    expect(events.map((e: any) => e.message_sid).sort()).toEqual([recentSent.sid, undated.sid].sort());
  });

  it('refreshes older unsettled messages one by one, up to --refresh-limit', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 20_000, days: 20 }));
    await syncJson([], env);
    const sentAt = (m: { date_sent?: unknown }) => Date.parse(rfc2822ToIso(m.date_sent as string)!);
    const msgs = allMessages(ctx.provider);
    const windowStart = Math.max(...msgs.map(sentAt)) - 72 * 3600_000;
    // Day partitions re-list the whole first day of the window; anything before it needs a fetch.
    const firstDay = Math.floor(windowStart / 86400_000) * 86400_000;
    const eligible = msgs.filter((m) => m.status === 'sent' && sentAt(m) < firstDay);
    // Older than what the head page (the newest 1,000) shows, so only a refresh can see the change.
    const old = eligible.filter((m) => sentAt(m) < Date.now() - 6 * 86400_000);
    expect(old.length).toBeGreaterThan(3);
    ctx.provider.data.put({ ...old[0]!, status: 'delivered' });
    const limited = await syncJson(['--refresh-limit', '0'], env);
    expect(limited.summary.messagesUpdated).toBe(0);
    expect(ctx.provider.stats.fetch).toBe(0);
    const r = await syncJson(['--refresh-limit', '50'], env);
    expect(ctx.provider.stats.fetch).toBe(50);
    const rest = await syncJson(['--refresh-limit', String(eligible.length)], env);
    expect(ctx.provider.stats.fetch).toBe(50 + eligible.length);
    expect(r.summary.statusChanges + rest.summary.statusChanges).toBe(1);
    expect(storedMessages(db)[old[0]!.sid]!.status).toBe('delivered');
  });

  it('a never-seen undated message is stored, and updated once it is sent', async () => {
    const { db, env } = setup(await syntheticProvider({ total: 2_500, days: 5, undated: 1_500 }));
    const r = await syncJson([], env);
    expect(r.summary.messagesNew).toBe(2_500);
    expect(Object.values(storedMessages(db)).filter((m) => m.date_sent === null)).toHaveLength(1_500);
  });

  it('--dry-run fetches and reports but writes nothing', async () => {
    const { db, env } = setup(await demoProvider());
    const r = await syncJson(['--dry-run'], env);
    expect(r.code).toBe(0);
    expect(r.summary.messagesNew).toBe(485);
    expect(r.stderr).toMatch(/dry run/);
    const { existsSync } = await import('node:fs');
    expect(existsSync(db)).toBe(false);
  });

  it('counts a malformed record under skipped, reports it, and still exits 0', async () => {
    const { db, env } = setup(await demoProvider());
    const m = demoMessages()[10]!;
    ctx.provider.data.put({ ...m, date_created: 'yesterday-ish' });
    const r = await syncJson([], env);
    expect(r.code).toBe(0);
    expect(r.summary.skipped).toBe(1);
    expect(r.stderr).toContain(`skipped a malformed record ${m.sid}: unparsable date_created`);
    expect(Object.keys(storedMessages(db))).toHaveLength(484);
  });

  it('a first (full) sync finds messages across long gaps, by day partitions', async () => {
    const template = demoMessages().find((m) => m.date_sent)!;
    const at = (daysAgo: number, i: number) => {
      const t = Date.now() - daysAgo * 86400_000;
      return { ...template, sid: 'SM' + String(i).padStart(32, 'a'), date_created: isoToRfc2822(t - 2000), date_sent: isoToRfc2822(t), date_updated: isoToRfc2822(t) };
    };
    const msgs = [at(0, 1), at(37, 2), at(38, 3), at(400, 4), at(401.5, 5)];
    const { db, env } = setup(await arrayProvider(msgs, template.account_sid as string));
    const r = await syncJson([], env);
    expect(r.summary.messagesNew).toBe(5);
    expect(Object.keys(storedMessages(db)).sort()).toEqual(msgs.map((m) => m.sid).sort());
    const since = await syncJson(['--since', '2d'], env);
    expect(since.summary).toMatchObject({ messagesNew: 0, messagesUpdated: 0 });
    expect(since.summary.pages).toBeLessThanOrEqual(4);
  });

  it('shows progress only when stderr is a terminal, and prints data only on stdout', async () => {
    const { env } = setup(await demoProvider());
    const tty = await runCli(['sync', '--json'], env, { stderrTTY: true });
    expect(tty.stderr).toMatch(/\rsyncing|\r\x1b\[2K/);
    expect(JSON.parse(tty.stdout).outcome).toBe('ok');
    const cron = await runCli(['sync', '--json'], env);
    expect(cron.stderr).not.toMatch(/\r/);
  });
});
