import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isoToRfc2822 } from '../../src/core/time.js';
import { arrayProvider, demoMessages, type TestProvider } from '../helpers/provider.js';
import { cleanEnv, runCli, tempDir } from '../helpers/cli.js';
import { syncedDemoStore } from '../helpers/demo-store.js';
import { readStore } from '../helpers/store.js';

let provider: TestProvider | undefined;
afterEach(async () => { await provider?.close(); provider = undefined; });

const sidOf = (body: string, from: string) => demoMessages().find((m) => m.body === body && m.from === from)!.sid;

describe('opt-outs from sync', () => {
  it('exports exactly the numbers that should be opted out, with source and evidence', async () => {
    const s = await syncedDemoStore();
    provider = s.provider;
    const r = await runCli(['optouts', 'export', '--format', 'json'], s.env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      { phone: '+12025550112', optedOutAt: '2026-11-10T15:41:00Z', source: 'keyword', keyword: 'stop', evidence: sidOf('Stop.', '+12025550112'), memberId: null, note: null },
      { phone: '+12025550115', optedOutAt: '2026-11-14T16:22:00Z', source: 'keyword', keyword: 'opt out', evidence: sidOf('OPT OUT', '+12025550115'), memberId: null, note: null },
      { phone: '+12025550118', optedOutAt: '2026-11-18T18:03:40Z', source: 'keyword', keyword: 'stopall', evidence: sidOf('stopall', '+12025550118'), memberId: null, note: null },
      { phone: '+12025550121', optedOutAt: '2026-11-21T14:10:05Z', source: 'keyword', keyword: 'revoke', evidence: sidOf('REVOKE', '+12025550121'), memberId: null, note: null },
      // Never texted STOP to us; the provider refused sends from 2026-11-14 with 21610.
      { phone: '+12025550145', optedOutAt: '2026-11-14T16:01:06Z', source: 'provider-21610', keyword: null, evidence: expect.stringMatching(/^SM/), memberId: null, note: expect.stringContaining('21610') },
    ]);
  });

  it('history shows why: STOP then START for a member who came back', async () => {
    const s = await syncedDemoStore();
    provider = s.provider;
    const r = await runCli(['optouts', 'history', '(202) 555-0107', '--json'], s.env);
    const events = JSON.parse(r.stdout);
    expect(events.map((e: any) => [e.action, e.at, e.source, e.keyword, e.recordedBy])).toEqual([
      ['opt-out', '2026-11-06T17:05:12Z', 'keyword', 'stop', 'sms-ops sync'],
      ['opt-in', '2026-11-20T09:15:00Z', 'keyword', 'start', 'sms-ops sync'],
    ]);
    expect(Object.keys(events[0])).toEqual(['phone', 'action', 'at', 'source', 'keyword', 'evidence', 'recordedAt', 'recordedBy', 'note']);
    const help = JSON.parse((await runCli(['optouts', 'history', '+12025550131', '--json'], s.env)).stdout);
    expect(help.map((e: any) => e.action)).toEqual(['help']);
  });

  it('re-syncing the same messages never creates a second event or review item', async () => {
    const s = await syncedDemoStore();
    provider = s.provider;
    const counts = () => readStore(s.db, (d) => [d.prepare('SELECT COUNT(*) FROM optout_events').pluck().get(), d.prepare('SELECT COUNT(*) FROM inbound_review').pluck().get()]);
    const before = counts();
    const r = await runCli(['sync', '--full', '--json'], s.env);
    expect(JSON.parse(r.stdout)).toMatchObject({ optOuts: 0, optIns: 0, needsReview: 0, inbound: 0 });
    expect(counts()).toEqual(before);
  });

  it('sends free-text revocations and ordinary replies to review, with a deadline for revocations', async () => {
    const s = await syncedDemoStore();
    provider = s.provider;
    const items = readStore(s.db, (d) => d.prepare('SELECT phone, kind, phrase, deadline FROM inbound_review ORDER BY received_at').all());
    expect(items).toEqual([
      { phone: '+12025550134', kind: 'reply', phrase: null, deadline: null },
      { phone: '+12025550136', kind: 'reply', phrase: null, deadline: null },
      { phone: '+12025550125', kind: 'possible-revocation', phrase: 'stop texting', deadline: '2026-12-09T23:59:59Z' },
      { phone: '+12025550139', kind: 'reply', phrase: null, deadline: null },
      { phone: '+12025550128', kind: 'possible-revocation', phrase: 'take me off', deadline: '2026-12-11T23:59:59Z' },
      { phone: '+12025550142', kind: 'reply', phrase: null, deadline: null },
    ]);
  });

  it('a START synced before the STOP it answers still ends opted in (pages arrive newest first)', async () => {
    const template = demoMessages().find((m) => m.direction === 'inbound')!;
    const day = 86400_000;
    const inbound = (i: number, body: string, daysAgo: number) => {
      const t = Date.now() - daysAgo * day;
      return { ...template, sid: 'SM' + String(i).padStart(32, 'b'), body, from: '+12025550177', date_created: isoToRfc2822(t), date_sent: isoToRfc2822(t), date_updated: isoToRfc2822(t) };
    };
    provider = await arrayProvider([inbound(1, 'STOP', 3), inbound(2, 'start', 1)], template.account_sid as string);
    const env = cleanEnv({ ...provider.env, SMS_OPS_DB: join(tempDir(), 's.db') });
    // Only the newest day first: the START arrives alone.
    await runCli(['sync', '--since', '1d', '--quiet'], env);
    expect((await runCli(['optouts', 'check', '+12025550177'], env)).code).toBe(0);
    await runCli(['sync', '--since', '7d', '--quiet'], env);
    const history = JSON.parse((await runCli(['optouts', 'history', '+12025550177', '--json'], env)).stdout);
    expect(history.map((e: any) => e.action)).toEqual(['opt-out', 'opt-in']);
    expect((await runCli(['optouts', 'check', '+12025550177'], env)).code).toBe(0);
  });

  it('the ledger cannot be changed: UPDATE and DELETE fail in the store itself', async () => {
    const s = await syncedDemoStore();
    provider = s.provider;
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(s.db);
    try {
      expect(() => db.prepare("UPDATE optout_events SET action = 'opt-in'").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM optout_events').run()).toThrow(/append-only/);
      db.prepare("INSERT INTO status_events (message_sid, status, observed_at, source) VALUES ('SMx', 'sent', '2026-01-01T00:00:00Z', 'sync')").run();
      expect(() => db.prepare('DELETE FROM status_events').run()).toThrow(/append-only/);
      expect(() => db.prepare("UPDATE status_events SET status = 'delivered'").run()).toThrow(/append-only/);
      expect(db.prepare('SELECT COUNT(*) FROM optout_events').pluck().get()).toBe(9);
    } finally {
      db.close();
    }
  });
});
