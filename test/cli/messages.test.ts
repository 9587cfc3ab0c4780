import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { syncedDemoStore } from '../helpers/demo-store.js';
import type { TestProvider } from '../helpers/provider.js';

let env: NodeJS.ProcessEnv;
let provider: TestProvider;
beforeAll(async () => ({ env, provider } = await syncedDemoStore()));
afterAll(async () => provider.close());

const FIELDS = ['sid', 'direction', 'from', 'to', 'status', 'errorCode', 'body', 'numSegments', 'price', 'priceUnit', 'messagingServiceSid', 'dateCreated', 'dateSent', 'dateUpdated'];

describe('messages list', () => {
  it('lists newest created first, 100 by default, 0 for all, with the documented fields', async () => {
    const r = await runCli(['messages', 'list', '--json'], env);
    const rows = JSON.parse(r.stdout);
    expect(rows).toHaveLength(100);
    expect(Object.keys(rows[0])).toEqual(FIELDS);
    const created = rows.map((m: any) => m.dateCreated);
    expect(created).toEqual([...created].sort().reverse());
    expect(JSON.parse((await runCli(['messages', 'list', '--limit', '0', '--json'], env)).stdout)).toHaveLength(485);
  });

  it('filters by status, direction, number and creation dates (a bare --until includes that day)', async () => {
    const failed = JSON.parse((await runCli(['messages', 'list', '--status', 'failed,undelivered', '--limit', '0', '--json'], env)).stdout);
    expect(failed.length).toBeGreaterThan(10);
    expect(failed.every((m: any) => ['failed', 'undelivered'].includes(m.status) && m.errorCode)).toBe(true);
    const inbound = JSON.parse((await runCli(['messages', 'list', '--direction', 'inbound', '--from', '+12025550107', '--json'], env)).stdout);
    expect(inbound.map((m: any) => m.body)).toEqual(['START', 'STOP']);
    const day = JSON.parse((await runCli(['messages', 'list', '--since', '2026-11-10', '--until', '2026-11-10', '--limit', '0', '--json'], env)).stdout);
    expect(day.length).toBeGreaterThan(50);
    expect(day.every((m: any) => m.dateCreated.startsWith('2026-11-10'))).toBe(true);
  });

  it('prints plain tab-separated text with a header when piped, and CSV on request', async () => {
    const plain = await runCli(['messages', 'list', '--limit', '2'], env);
    const lines = plain.stdout.trim().split('\n');
    expect(lines[0]).toBe(FIELDS.join('\t'));
    expect(lines).toHaveLength(3);
    expect(lines[1]!.split('\t')).toHaveLength(FIELDS.length);
    const csv = await runCli(['messages', 'list', '--limit', '1', '--format', 'csv'], env);
    expect(csv.stdout.split('\n')[0]).toBe(FIELDS.join(','));
  });

  it('an empty result is success: [] in JSON', async () => {
    const r = await runCli(['messages', 'list', '--to', '+19999999999', '--json'], env);
    expect(r).toMatchObject({ code: 0, stdout: '[]\n' });
  });

  it.each([
    [['--status', 'lost'], /--status: unknown status "lost"/],
    [['--direction', 'up'], /--direction must be one of/],
    [['--since', 'last tuesday'], /--since must be a date/],
    [['--until', '2026-13-01'], /--until must be a date/],
    [['--limit', '-5'], /--limit must be a whole number/],
  ])('%j is a usage error', async (args, message) => {
    const r = await runCli(['messages', 'list', ...args], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('the store', () => {
  it('refuses a store written by a newer sms-ops', async () => {
    const { tempDir } = await import('../helpers/cli.js');
    const { join } = await import('node:path');
    const Database = (await import('better-sqlite3')).default;
    const path = join(tempDir(), 'future.db');
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    const r = await runCli(['messages', 'list'], { ...env, SMS_OPS_DB: path });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/schema version 99, newer than this sms-ops understands/);
  });
});
