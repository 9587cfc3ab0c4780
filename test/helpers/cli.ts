import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { IO } from '../../src/io.js';
import { main } from '../../src/main.js';

export const BIN = fileURLToPath(new URL('../../bin/sms-ops.js', import.meta.url));

export interface CliResult { code: number; stdout: string; stderr: string }

export function tempDir(prefix = 'sms-ops-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** An environment with no ambient config, credentials or colour. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const home = tempDir('sms-ops-home-');
  return { PATH: process.env.PATH, HOME: home, XDG_CONFIG_HOME: join(home, 'config'), XDG_DATA_HOME: join(home, 'data'), NO_COLOR: '1', ...extra };
}

export function testIO(opts: { stdoutTTY?: boolean; stderrTTY?: boolean; stdinTTY?: boolean; stdin?: string } = {}) {
  const buf = { out: '', err: '' };
  const io: IO = {
    // Real streams, because prompts pipe into them.
    out: new Writable({ write(chunk, _enc, done) { buf.out += String(chunk); done(); } }),
    err: new Writable({ write(chunk, _enc, done) { buf.err += String(chunk); done(); } }),
    stdin: Readable.from(opts.stdin ? [opts.stdin] : []),
    stdoutTTY: Boolean(opts.stdoutTTY),
    stderrTTY: Boolean(opts.stderrTTY),
    stdinTTY: Boolean(opts.stdinTTY),
    color: false,
    columns: 100,
  };
  return { io, buf };
}

/** Runs the CLI in this process through main(), with the real store and the real SDK path. */
export async function runCli(args: string[], env: NodeJS.ProcessEnv, opts: { stdoutTTY?: boolean; stderrTTY?: boolean; stdinTTY?: boolean; stdin?: string } = {}): Promise<CliResult> {
  const { io, buf } = testIO(opts);
  const code = await main(args, env, io);
  return { code, stdout: buf.out, stderr: buf.err };
}

/** Runs the built binary as a separate process, as cron would. */
export async function runBin(args: string[], env: NodeJS.ProcessEnv, opts: { input?: string; timeout?: number; cwd?: string } = {}): Promise<CliResult> {
  const r = await execa('node', [BIN, ...args], { env, extendEnv: false, reject: false, input: opts.input ?? '', timeout: opts.timeout ?? 60_000, cwd: opts.cwd });
  return { code: r.exitCode ?? -1, stdout: String(r.stdout), stderr: String(r.stderr) };
}
