import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanEnv, runBin, runCli, tempDir } from '../helpers/cli.js';
import { syncedDemoStore } from '../helpers/demo-store.js';
import { readStore } from '../helpers/store.js';
import type { TestProvider } from '../helpers/provider.js';

let env: NodeJS.ProcessEnv;
let db: string;
let provider: TestProvider;
beforeAll(async () => ({ env, db, provider } = await syncedDemoStore()));
afterAll(async () => provider.close());

const ledgerSize = () => readStore(db, (d) => d.prepare('SELECT COUNT(*) FROM optout_events').pluck().get());

describe('optouts check', () => {
  it('exits 3 for an opted-out number, 0 for a clean one, with the documented fields', async () => {
    const out = await runCli(['optouts', 'check', '+12025550112', '--json'], env);
    expect(out.code).toBe(3);
    expect(JSON.parse(out.stdout)).toEqual([{ phone: '+12025550112', optedOut: true, since: '2026-11-10T15:41:00Z', source: 'keyword', evidence: expect.stringMatching(/^SM/) }]);
    const clean = await runCli(['optouts', 'check', '(202) 555-0107', '--json'], env);
    expect(clean.code).toBe(0);
    expect(JSON.parse(clean.stdout)[0]).toMatchObject({ phone: '+12025550107', optedOut: false });
  });

  it('exits 2 when any number is invalid, even if another is opted out', async () => {
    const r = await runCli(['optouts', 'check', '+12025550112', '555-01'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid phone number .*"555-01".*answer is incomplete/);
  });

  it('never answers "not opted out" without a store: exit 1, nothing created', async () => {
    const missing = join(tempDir(), 'missing.db');
    const r = await runBin(['optouts', 'check', '+12025550112'], cleanEnv({ SMS_OPS_DB: missing }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
  });
});

describe('optouts add and remove', () => {
  it('add records a manual opt-out once; an opted-out number gets no new event', async () => {
    const before = ledgerSize() as number;
    const r = await runCli(['optouts', 'add', '+12025550150', '+12025550112', '--reason', 'asked at the front desk', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ phone: '+12025550150', result: 'opted-out' }, { phone: '+12025550112', result: 'already-opted-out' }]);
    expect(ledgerSize()).toBe(before + 1);
    const h = JSON.parse((await runCli(['optouts', 'history', '+12025550150', '--json'], env)).stdout);
    expect(h).toEqual([expect.objectContaining({ action: 'opt-out', source: 'manual', evidence: 'asked at the front desk', recordedBy: expect.stringMatching(/^tester@/) })]);
  });

  it('add without a reason, or with a bad number, is a usage error that changes nothing', async () => {
    const before = ledgerSize();
    expect((await runCli(['optouts', 'add', '+12025550151'], env)).code).toBe(2);
    expect((await runCli(['optouts', 'add', '+12025550151', '--reason', '  '], env)).code).toBe(2);
    const bad = await runCli(['optouts', 'add', '+12025550151', 'nope', '--reason', 'x'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/"nope"/);
    expect(ledgerSize()).toBe(before);
  });

  it('remove needs evidence, and --yes when nobody can confirm; otherwise exit 2 and no change', async () => {
    const before = ledgerSize();
    const noEvidence = await runCli(['optouts', 'remove', '+12025550115'], env);
    expect(noEvidence.code).toBe(2);
    expect(noEvidence.stderr).toMatch(/--evidence/);
    const noYes = await runBin(['optouts', 'remove', '+12025550115', '--evidence', 'signed form'], env);
    expect(noYes.code).toBe(2);
    expect(noYes.stderr).toMatch(/--yes required when not running interactively/);
    expect(ledgerSize()).toBe(before);
    expect((await runCli(['optouts', 'check', '+12025550115'], env)).code).toBe(3);
  });

  it('interactive remove shows what will change and asks; "no" changes nothing, "yes" opts back in', async () => {
    const person = { stdinTTY: true, stdoutTTY: true };
    const before = ledgerSize();
    const no = await runCli(['optouts', 'remove', '+12025550118', '--evidence', 'verbal'], env, { ...person, stdin: 'n\n' });
    expect(no.code, no.stderr).toBe(0);
    expect(no.stderr).toMatch(/re-enable texts to 1 number\(s\) that opted out:\n  \+12025550118/);
    expect(ledgerSize()).toBe(before);
    const yes = await runCli(['optouts', 'remove', '+12025550118', '--evidence', 'written consent'], env, { ...person, stdin: 'y\n' });
    expect(yes.code).toBe(0);
    expect((await runCli(['optouts', 'check', '+12025550118'], env)).code).toBe(0);
    // --no-input: nobody may be asked, so --yes is required again.
    await runCli(['optouts', 'add', '+12025550118', '--reason', 'asked again'], env);
    expect((await runCli(['optouts', 'remove', '+12025550118', '--evidence', 'x', '--no-input'], env, person)).code).toBe(2);
  });

  it('remove --yes opts the number back in with the evidence recorded', async () => {
    const r = await runCli(['optouts', 'remove', '+12025550115', '--evidence', 'signed consent form 2026-12-01', '--yes', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ phone: '+12025550115', result: 'opted-in' }]);
    expect((await runCli(['optouts', 'check', '+12025550115'], env)).code).toBe(0);
    const h = JSON.parse((await runCli(['optouts', 'history', '+12025550115', '--json'], env)).stdout);
    expect(h.at(-1)).toMatchObject({ action: 'opt-in', source: 'manual', evidence: 'signed consent form 2026-12-01' });
  });

  it('remove of a member who texted START needs nothing: the ledger already has it', async () => {
    const before = ledgerSize();
    const r = await runCli(['optouts', 'remove', '+12025550107', '--evidence', 'x', '--yes'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nothing to change/);
    expect(ledgerSize()).toBe(before);
  });
});

describe('optouts list and export', () => {
  it('list filters by --source and --since; bad values are usage errors', async () => {
    const r = await runCli(['optouts', 'list', '--source', 'provider-21610', '--json'], env);
    expect(JSON.parse(r.stdout).map((x: any) => x.phone)).toEqual(['+12025550145']);
    const since = await runCli(['optouts', 'list', '--since', '2026-11-15', '--source', 'keyword', '--json'], env);
    // +12025550118 (stopall on 11-18) is now a manual opt-out: the interactive test above re-added it.
    expect(JSON.parse(since.stdout).map((x: any) => x.phone)).toEqual(['+12025550121']);
    expect((await runCli(['optouts', 'list', '--source', 'carrier'], env)).code).toBe(2);
    expect((await runCli(['optouts', 'list', '--since', 'soon'], env)).code).toBe(2);
  });

  it('export writes CSV sorted by phone, neutralises formula cells, keeps phones E.164', async () => {
    await runCli(['optouts', 'add', '+12025550160', '--reason', '=HYPERLINK("http://evil.invalid")'], env);
    const out = join(tempDir(), 'nosms.csv');
    const r = await runCli(['optouts', 'export', '--out', out], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('phone,optedOutAt,source,keyword,evidence,memberId,note');
    const phones = lines.slice(1).map((l) => l.split(',')[0]);
    expect(phones).toEqual([...phones].sort());
    expect(phones.every((p) => /^\+1\d{10}$/.test(p!))).toBe(true);
    expect(lines.find((l) => l.startsWith('+12025550160'))).toContain(`"'=HYPERLINK(""http://evil.invalid"")"`);
  });

  it('export --include-history exports the ledger; an empty list is still valid JSON', async () => {
    const hist = await runCli(['optouts', 'export', '--include-history', '--json'], env);
    expect(JSON.parse(hist.stdout).length).toBe(ledgerSize());
    const emptyDb = join(tempDir(), 'empty.db');
    await runCli(['optouts', 'add', '+12025550150', '--reason', 'x'], { ...env, SMS_OPS_DB: emptyDb });
    await runCli(['optouts', 'remove', '+12025550150', '--evidence', 'y', '--yes'], { ...env, SMS_OPS_DB: emptyDb });
    const empty = await runCli(['optouts', 'export', '--json'], { ...env, SMS_OPS_DB: emptyDb });
    expect(empty.stdout).toBe('[]\n');
  });
});

describe('optouts filter', () => {
  it('keeps valid, not-opted-out, first-seen rows unchanged and rejects the rest with reasons; counts add up', async () => {
    const dir = tempDir();
    const file = new URL('../../fixtures/recipients/carols-recipients.csv', import.meta.url).pathname;
    const r = await runCli(['optouts', 'filter', file, '--out', join(dir, 'send.csv'), '--rejected', join(dir, 'rejected.csv')], env);
    expect(r.code).toBe(0);
    const kept = readFileSync(join(dir, 'send.csv'), 'utf8').trim().split('\n');
    const rejected = readFileSync(join(dir, 'rejected.csv'), 'utf8').trim().split('\n');
    const input = readFileSync(file, 'utf8').trim().split('\n');
    expect(kept[0]).toBe(input[0]);
    expect(rejected[0]).toBe(input[0] + ',reason');
    // Ed Fox (+12025550115) was opted back in with evidence by the `remove --yes` test above.
    expect(kept.slice(1)).toEqual(['Ada Brooks,+12025550101,choir', 'Ben Carter,+12025550102,choir', 'Dee Ellis,(202) 555-0103,youth',
      'Ed Fox,+12025550115,youth', '"Ivy Jones, Jr.",+12025550104,volunteers', 'Kai Lowe,202-555-0105,choir']);
    expect(rejected.slice(1)).toEqual(['Cy Dunn,+12025550112,choir,opted-out', 'Flo Gray,not a number,youth,invalid-number',
      'Gus Hill,+12025550101,choir,duplicate', 'Hal Ives,+12025550118,volunteers,opted-out', 'Jan Kerr,+12025550145,volunteers,opted-out']);
    expect(kept.length - 1 + rejected.length - 1).toBe(input.length - 1);
    expect(r.stderr).toMatch(/11 rows: kept 6, rejected 5 \(opted-out 3, invalid-number 1, duplicate 1\)/);
  });

  it('writes kept rows to stdout when no --out is given', async () => {
    const file = new URL('../../fixtures/recipients/carols-recipients.csv', import.meta.url).pathname;
    const r = await runCli(['optouts', 'filter', file], env);
    expect(r.stdout.split('\n')[0]).toBe('name,phone,group');
    expect(r.stdout).not.toContain('+12025550112');
  });
});
