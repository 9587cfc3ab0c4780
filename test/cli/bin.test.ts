// The built binary, run the way users and cron run it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, runBin, tempDir } from '../helpers/cli.js';

describe('sms-ops binary', () => {
  it('--version and --help work, and the help lists the exit codes', async () => {
    const v = await runBin(['--version'], cleanEnv());
    expect(v).toMatchObject({ code: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+$/) });
    const h = await runBin(['--help'], cleanEnv());
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Exit codes:[\s\S]*75 +temporary[\s\S]*130 +interrupted/);
  });

  it('an unknown command is a usage error (exit 2)', async () => {
    const r = await runBin(['frobnicate'], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('demo runs with no account and no network, into a fresh store in the working directory', async () => {
    const dir = tempDir();
    const r = await runBin(['demo', '--no-color'], cleanEnv(), { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/485/);
    expect(r.stderr).toContain(`store: `);
    expect(existsSync(join(dir, 'sms-ops-demo.db'))).toBe(true);
    const json = await runBin(['demo', '--json'], cleanEnv(), { cwd: dir });
    const doc = JSON.parse(json.stdout);
    expect(doc.summary).toMatchObject({ outcome: 'ok', messagesNew: 485, optIns: 1 });
    expect(doc.noSms.map((r: { phone: string }) => r.phone)).toEqual(['+12025550112', '+12025550115', '+12025550118', '+12025550121', '+12025550145']);
  });

  it('read-only commands on a missing store exit 1 and say to sync first, creating nothing', async () => {
    const db = join(tempDir(), 'none.db');
    const r = await runBin(['messages', 'list', '--db', db], cleanEnv());
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/no store at .*none\.db: run `sms-ops sync`/);
    expect(existsSync(db)).toBe(false);
  });
});
