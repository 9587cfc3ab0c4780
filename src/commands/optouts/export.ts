import { Command } from 'commander';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import type { Context } from '../../context.js';
import type { IO } from '../../io.js';
import { neutralizeRow } from '../../core/csv-safety.js';
import { renderRows, type Format } from '../../output.js';
import { EXPORT_FIELDS, FREE_TEXT_FIELDS, HISTORY_FIELDS } from './shared.js';

/** Writes through a temporary file renamed into place, so a reader never sees half an export. */
export async function withOutputFile<T>(ctx: Context, path: string | undefined, write: (io: IO) => Promise<T>): Promise<T> {
  if (!path || path === '-') return write(ctx.io);
  const tmp = `${path}.${process.pid}.tmp`;
  const stream = createWriteStream(tmp);
  const opened = new Promise<void>((resolve, reject) => { stream.once('open', () => resolve()); stream.once('error', reject); });
  try {
    await opened;
    const result = await write({ ...ctx.io, out: stream, stdoutTTY: false, color: false });
    await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    await rename(tmp, path);
    return result;
  } catch (e) {
    stream.destroy();
    await rm(tmp, { force: true });
    const err = e as NodeJS.ErrnoException;
    if (err.code && err.path) throw new (await import('../../errors.js')).UsageError(`cannot write ${path}: ${err.message}`);
    throw e;
  }
}

const neutralized = (r: object) => neutralizeRow(r as Record<string, unknown>, FREE_TEXT_FIELDS);

export function exportCommand(ctx: Context): Command {
  return new Command('export')
    .description('the current NoSMS list as CSV (default) or JSON, sorted by phone, streamed')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--include-history', 'export every ledger event instead of the current list')
    .addHelpText('after', `
Fields: ${EXPORT_FIELDS.join(', ')}
With --include-history: ${HISTORY_FIELDS.join(', ')}
Free-text cells starting with = + - @ tab or CR get a leading ' (no spreadsheet formulas).
Examples:
  sms-ops optouts export --out nosms.csv
  sms-ops optouts export --json | jq length`)
    .action(async (flags: { out?: string; includeHistory?: boolean }) => {
      const format: Format = ctx.globals.json || ctx.globals.format !== undefined ? ctx.format : 'csv';
      const db = await ctx.openStore({ readonly: true });
      try {
        const { Ledger } = await import('../../store/ledger.js');
        const ledger = new Ledger(db);
        const n = await withOutputFile(ctx, flags.out, (io) => flags.includeHistory
          ? renderRows(io, format, HISTORY_FIELDS, ledger.allHistory(), neutralized)
          : renderRows(io, format, EXPORT_FIELDS, ledger.currentList(), neutralized));
        ctx.info(`exported ${n} ${flags.includeHistory ? 'ledger events' : 'opted-out numbers'}${flags.out ? ` to ${flags.out}` : ''}`);
      } finally {
        db.close();
      }
    });
}
