import { Command } from 'commander';
import type { Context } from '../../context.js';
import { writeAsync, type IO } from '../../io.js';
import { openCsv, parseDelimiter, phoneColumn } from '../../csv-input.js';
import { fastE164 } from '../../core/e164.js';
import { withOutputFile } from './export.js';
import { phoneNormalizer, type Normalize } from './shared.js';

interface Flags { out?: string; rejected?: string; column?: string; defaultCountry: string; delimiter?: string }
type Reason = 'opted-out' | 'invalid-number' | 'duplicate';

/** Buffers output lines and hands them over in large writes, respecting backpressure. */
class LineWriter {
  private buf = '';
  constructor(private readonly io: IO | null) {}
  async push(line: string): Promise<void> {
    if (!this.io) return;
    this.buf += line;
    if (this.buf.length >= 65_536) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.io && this.buf) { const b = this.buf; this.buf = ''; await writeAsync(this.io.out, b); }
  }
}

export function filterCommand(ctx: Context): Command {
  return new Command('filter')
    .description('pre-send suppression: copy a recipient CSV keeping only numbers that are valid and not opted out')
    .argument('<recipients.csv>', 'the recipient list')
    .option('--out <file>', 'kept rows (default: stdout)')
    .option('--rejected <file>', 'rejected rows with a reason column: opted-out, invalid-number, duplicate')
    .option('--column <name>', 'the phone column, when its header is not a known one')
    .option('--default-country <cc>', 'country for national-format numbers', 'US')
    .option('--delimiter <d>', 'field delimiter: "," ";" or "tab" (default: detected)')
    .addHelpText('after', `
Rows are copied unchanged; of duplicate numbers the first row is kept. Counts go to stderr.
Example:
  sms-ops optouts filter recipients.csv --out send.csv --rejected rejected.csv`)
    .action(async (file: string, flags: Flags) => {
      const source = await openCsv(file, { delimiter: flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter) });
      const phoneAt = phoneColumn(source, flags.column);
      // libphonenumber is loaded on the first number not already in E.164, if any.
      let parse: Normalize | null = null;
      const toE164 = async (value: string): Promise<string | null> => {
        if (!value) return null;
        const fast = fastE164(value);
        if (fast) return fast;
        const r = (parse ??= await phoneNormalizer(flags.defaultCountry))(value);
        return r.ok ? r.phone : null;
      };
      await phoneNormalizer(flags.defaultCountry, false); // a bad --default-country fails before any output
      const db = await ctx.openStore({ readonly: true });
      let optedOut: Set<string>;
      try {
        const { Ledger } = await import('../../store/ledger.js');
        optedOut = new Ledger(db).optedOutPhones();
      } finally {
        db.close();
      }
      const counts = { read: 0, kept: 0, 'opted-out': 0, 'invalid-number': 0, duplicate: 0 };
      const seen = new Set<string>();
      const { eol, delimiter } = source;
      await withOutputFile(ctx, flags.out, (keptIO) => withOutputFile(ctx, flags.rejected, async (rejectedIO) => {
        const kept = new LineWriter(keptIO);
        const rejected = new LineWriter(flags.rejected ? rejectedIO : null);
        await kept.push(source.headerRaw + eol);
        await rejected.push(source.headerRaw + delimiter + 'reason' + eol);
        for await (const r of source.records) {
          counts.read++;
          const e164 = await toE164((r.fields[phoneAt] ?? '').trim());
          let reason: Reason | null = null;
          if (e164 === null) reason = 'invalid-number';
          else if (optedOut.has(e164)) reason = 'opted-out';
          else if (seen.has(e164)) reason = 'duplicate';
          else seen.add(e164);
          if (reason === null) { counts.kept++; await kept.push(r.raw + eol); continue; }
          counts[reason]++;
          await rejected.push(r.raw + delimiter + reason + eol);
        }
        await kept.flush();
        await rejected.flush();
      }));
      ctx.info(`${source.name}: ${counts.read} rows: kept ${counts.kept}, rejected ${counts.read - counts.kept} (opted-out ${counts['opted-out']}, invalid-number ${counts['invalid-number']}, duplicate ${counts.duplicate})`);
    });
}
