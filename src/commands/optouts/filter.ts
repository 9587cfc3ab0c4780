import { Command } from 'commander';
import type { Context } from '../../context.js';
import { writeAsync, type IO } from '../../io.js';
import { fastE164 } from '../../core/e164.js';
import { withOutputFile } from './export.js';
import { phoneNormalizer, type Normalize, defaultCountryOption } from './shared.js';

interface Flags { out?: string; rejected?: string; column?: string; defaultCountry: string; delimiter?: string }
type Reason = 'opted-out' | 'invalid-number' | 'duplicate';

/** Buffers output lines and hands them over in large writes, respecting backpressure. */
class LineWriter {
  private buf = '';
  constructor(private readonly io: IO | null) {}
  push(line: string): void {
    if (this.io) this.buf += line;
  }
  get full(): boolean {
    return this.buf.length >= 262_144;
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
    .addOption(defaultCountryOption())
    .option('--delimiter <d>', 'field delimiter: "," ";" or "tab" (default: detected)')
    .addHelpText('after', `
Rows are copied unchanged; of duplicate numbers the first row is kept. Counts go to stderr.
Example:
  sms-ops optouts filter recipients.csv --out send.csv --rejected rejected.csv`)
    .action(async (file: string, flags: Flags) => {
      const { openCsv, parseDelimiter, phoneColumn } = await import('../../csv-input.js');
      const source = await openCsv(file, { delimiter: flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter) });
      const phoneAt = phoneColumn(source, flags.column);
      // libphonenumber is loaded on the first number not already in E.164, if any.
      let parse: Normalize | null = null;
      await phoneNormalizer(flags.defaultCountry, false); // a bad --default-country fails before any output
      const db = await ctx.openStore({ readonly: true });
      // E.164 digits fit a double exactly; number keys hash faster and take less memory than strings.
      const key = (e164: string) => Number(e164.slice(1));
      const optedOut = new Set<number>();
      try {
        const { Ledger } = await import('../../store/ledger.js');
        for (const phone of new Ledger(db).optedOutPhones()) optedOut.add(key(phone));
      } finally {
        db.close();
      }
      const counts = { read: 0, kept: 0, 'opted-out': 0, 'invalid-number': 0, duplicate: 0 };
      const seen = new Set<number>();
      const { eol, delimiter } = source;
      await withOutputFile(ctx, flags.out, (keptIO) => withOutputFile(ctx, flags.rejected, async (rejectedIO) => {
        const kept = new LineWriter(keptIO);
        const rejected = new LineWriter(flags.rejected ? rejectedIO : null);
        kept.push(source.headerRaw + eol);
        rejected.push(source.headerRaw + delimiter + 'reason' + eol);
        for await (const batch of source.batches) {
          for (const r of batch) {
            const value = (r.fields[phoneAt] ?? '').trim();
            let e164 = value ? fastE164(value) : null;
            if (e164 === null && value) {
              const parsed = (parse ??= await phoneNormalizer(flags.defaultCountry))(value);
              e164 = parsed.ok ? parsed.phone : null;
            }
            const k = e164 === null ? 0 : key(e164);
            let reason: Reason | null = null;
            if (e164 === null) reason = 'invalid-number';
            else if (optedOut.has(k)) reason = 'opted-out';
            else if (seen.has(k)) reason = 'duplicate';
            else seen.add(k);
            if (reason === null) { counts.kept++; kept.push(r.raw + eol); continue; }
            counts[reason]++;
            rejected.push(r.raw + delimiter + reason + eol);
          }
          counts.read += batch.length;
          if (kept.full) await kept.flush();
          if (rejected.full) await rejected.flush();
        }
        await kept.flush();
        await rejected.flush();
      }));
      ctx.info(`${source.name}: ${counts.read} rows: kept ${counts.kept}, rejected ${counts.read - counts.kept} (opted-out ${counts['opted-out']}, invalid-number ${counts['invalid-number']}, duplicate ${counts.duplicate})`);
    });
}
