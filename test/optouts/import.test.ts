import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { syncedDemoStore } from '../helpers/demo-store.js';
import { readStore } from '../helpers/store.js';
import type { TestProvider } from '../helpers/provider.js';

const CMS = new URL('../../fixtures/nosms/cms-nosms-export.csv', import.meta.url).pathname;
const UK = new URL('../../fixtures/nosms/semicolon-uk.csv', import.meta.url).pathname;

let env: NodeJS.ProcessEnv;
let db: string;
let provider: TestProvider;
beforeEach(async () => ({ env, db, provider } = await syncedDemoStore()));
afterEach(async () => provider.close());

const ledger = () => readStore(db, (d) => d.prepare("SELECT phone, evidence, member_id AS memberId, note FROM optout_events WHERE source = 'import' ORDER BY id").all());
const eventCount = () => readStore(db, (d) => d.prepare('SELECT COUNT(*) FROM optout_events').pluck().get());

describe('optouts import of a messy CMS export', () => {
  it('plans first: names each bad line and reason, counts added / already / duplicates, writes nothing', async () => {
    const before = eventCount();
    const r = await runCli(['optouts', 'import', CMS, '--dry-run', '--json'], env);
    expect(r.code).toBe(2);
    const plan = JSON.parse(r.stdout);
    expect(plan.applied).toBe(false);
    expect(plan.invalid).toEqual([{ line: 7, value: '555-01', reason: expect.stringMatching(/invalid phone number/) }]);
    expect(plan.duplicates).toEqual([{ line: 8, phone: '+12025550132', firstLine: 3 }]);
    expect(plan.alreadyOptedOut).toEqual([{ line: 9, phone: '+12025550112' }]);
    expect(plan.add.map((a: any) => [a.line, a.phone])).toEqual([[2, '+12025550131'], [3, '+12025550132'], [4, '+12025550133'], [6, '+12025550134'], [10, '+12025550136']]);
    expect(r.stderr).toContain('cms-nosms-export.csv: line 7: invalid phone number');
    expect(eventCount()).toBe(before);
  });

  it('refuses the whole file without --skip-invalid: exit 2, nothing written', async () => {
    const before = eventCount();
    const r = await runCli(['optouts', 'import', CMS], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/refused, nothing imported: 1 invalid row/);
    expect(eventCount()).toBe(before);
  });

  it('with --skip-invalid adds exactly the valid new numbers with file:line evidence; a second import adds 0', async () => {
    const r = await runCli(['optouts', 'import', CMS, '--skip-invalid'], env);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/5 to add, 1 already opted out, 1 duplicates, 1 invalid/);
    expect(ledger()).toEqual([
      { phone: '+12025550131', evidence: 'cms-nosms-export.csv:2', memberId: 'M-1001', note: 'name: Ada Brooks; asked at coffee hour' },
      { phone: '+12025550132', evidence: 'cms-nosms-export.csv:3', memberId: 'M-1002', note: 'name: Lee, Sam' },
      { phone: '+12025550133', evidence: 'cms-nosms-export.csv:4', memberId: 'M-1003', note: 'name: Kim Ortiz; said "no more texts"' },
      { phone: '+12025550134', evidence: 'cms-nosms-export.csv:6', memberId: 'M-1004', note: 'name: Pat Doe; =HYPERLINK("http://example.invalid")' },
      { phone: '+12025550136', evidence: 'cms-nosms-export.csv:10', memberId: 'M-1007', note: 'name: Eve Nash' },
    ]);
    const again = await runCli(['optouts', 'import', CMS, '--skip-invalid', '--json'], env);
    expect(JSON.parse(again.stdout).add).toEqual([]);
    expect(ledger()).toHaveLength(5);
    // A member who later opts back in is not opted out again by re-importing the old file.
    await runCli(['optouts', 'remove', '+12025550131', '--evidence', 'consent by phone', '--yes'], env);
    const third = await runCli(['optouts', 'import', CMS, '--skip-invalid', '--json'], env);
    expect(JSON.parse(third.stdout).add).toEqual([]);
    expect((await runCli(['optouts', 'check', '+12025550131'], env)).code).toBe(0);
  });

  it('handles ";" delimiters, --column and --default-country', async () => {
    const noColumn = await runCli(['optouts', 'import', UK, '--dry-run'], env);
    expect(noColumn.code).toBe(2);
    expect(noColumn.stderr).toMatch(/no phone column found in the header \("telefon", "name", "notiz"\); name it with --column/);
    const r = await runCli(['optouts', 'import', UK, '--column', 'telefon', '--default-country', 'GB', '--json'], env);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).add.map((a: any) => a.phone)).toEqual(['+442079460958', '+442079460959', '+12025550137']);
  });

  it('detects tab-delimited files and counts blank lines in line numbers', async () => {
    const file = join(tempDir(), 'tabs.tsv');
    writeFileSync(file, 'Mobile\tMember\n+12025550171\tM1\n\n\nnot-a-number\tM2\n');
    const r = await runCli(['optouts', 'import', file, '--dry-run', '--json'], env);
    const plan = JSON.parse(r.stdout);
    expect(plan.add).toEqual([{ line: 2, phone: '+12025550171', memberId: 'M1', note: null }]);
    expect(plan.invalid).toEqual([{ line: 5, value: 'not-a-number', reason: expect.any(String) }]);
  });

  it.each([
    ['binary garbage', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0xff, 0xfe, 0x00]), /looks like a binary file, not a CSV/],
    ['an empty file', Buffer.from(''), /is empty: expected a header row/],
    ['an unclosed quote', Buffer.from('phone,name\n+12025550171,"Sam\n+12025550172,Al\n'), /line \d+/],
    ['no phone column', Buffer.from('name,email\nSam,s@example.invalid\n'), /no phone column found/],
  ])('refuses %s with a clear message and exit 2', async (_what, bytes, message) => {
    const file = join(tempDir(), 'bad.csv');
    writeFileSync(file, bytes);
    const before = eventCount();
    const r = await runCli(['optouts', 'import', file], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    expect(eventCount()).toBe(before);
  });

  it('bad flags are usage errors', async () => {
    expect((await runCli(['optouts', 'import', CMS, '--default-country', 'usa'], env)).code).toBe(2);
    expect((await runCli(['optouts', 'import', CMS, '--default-country', 'ZZ'], env)).code).toBe(2);
    expect((await runCli(['optouts', 'import', CMS, '--delimiter', '|'], env)).code).toBe(2);
    expect((await runCli(['optouts', 'import', join(tempDir(), 'nope.csv')], env)).stderr).toMatch(/no such file/);
    const dir = await runCli(['optouts', 'import', tempDir()], env);
    expect(dir.code).toBe(2);
    expect(dir.stderr).toMatch(/is a directory, not a CSV file/);
  });
});
