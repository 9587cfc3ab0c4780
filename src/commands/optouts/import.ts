import { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { planImport, type ImportPlan, type ImportRow } from '../../core/import-plan.js';
import { toIso } from '../../core/time.js';
import { operator, phoneNormalizer, defaultCountryOption } from './shared.js';

interface Flags { column?: string; defaultCountry: string; delimiter?: string; dryRun?: boolean; skipInvalid?: boolean }

async function readRows(path: string, flags: Flags): Promise<{ name: string; rows: ImportRow[] }> {
  const { findColumn, MEMBER_HEADERS, NAME_HEADERS, NOTE_HEADERS, openCsv, parseDelimiter, phoneColumn } = await import('../../csv-input.js');
  const source = await openCsv(path, { delimiter: flags.delimiter === undefined ? undefined : parseDelimiter(flags.delimiter) });
  const phoneAt = phoneColumn(source, flags.column);
  const memberAt = findColumn(source.header, MEMBER_HEADERS);
  const nameAt = findColumn(source.header, NAME_HEADERS);
  const noteAt = findColumn(source.header, NOTE_HEADERS);
  const normalize = await phoneNormalizer(flags.defaultCountry);
  const rows: ImportRow[] = [];
  const cell = (fields: string[], i: number) => (i >= 0 && fields[i]?.trim() ? fields[i]!.trim() : null);
  for await (const batch of source.batches) {
    for (const r of batch) {
      const value = r.fields[phoneAt] ?? '';
      const name = cell(r.fields, nameAt);
      const note = [name && `name: ${name}`, cell(r.fields, noteAt)].filter(Boolean).join('; ') || null;
      rows.push({ line: r.line, value, phone: value.trim() ? normalize(value) : { ok: false, reason: 'no phone number' }, memberId: cell(r.fields, memberAt), note });
    }
  }
  return { name: source.name, rows };
}

function describe(plan: ImportPlan): string {
  return `${plan.add.length} to add, ${plan.alreadyOptedOut.length} already opted out, ${plan.duplicates.length} duplicates, ${plan.invalid.length} invalid`;
}

export function importCommand(ctx: Context): Command {
  return new Command('import')
    .description('add opt-outs from a CSV list (a CMS NoSMS export, another tool\'s list); never removes any')
    .argument('<file>', 'CSV file with a phone column (phone, phone_number, mobile, number, cell, …)')
    .option('--column <name>', 'the phone column, when its header is not a known one')
    .addOption(defaultCountryOption())
    .option('--delimiter <d>', 'field delimiter: "," ";" or "tab" (default: detected)')
    .option('--dry-run', 'show the plan without writing')
    .option('--skip-invalid', 'import the valid rows of a file that has invalid ones')
    .addHelpText('after', `
A file with invalid rows is refused as a whole (exit 2) unless --skip-invalid. Importing the
same file again adds nothing. Each opt-out records the file name and line as evidence.
Examples:
  sms-ops optouts import cms-nosms.csv --dry-run
  sms-ops optouts import cms-nosms.csv --skip-invalid --json`)
    .action(async (file: string, flags: Flags) => {
      const { name, rows } = await readRows(file, flags);
      const { existsSync } = await import('node:fs');
      // A dry run against a store that does not exist yet plans against an empty ledger.
      const db = flags.dryRun && !existsSync(ctx.storePath) ? await ctx.openStore({ path: ':memory:' }) : await ctx.openStore({ readonly: flags.dryRun });
      try {
        const { Ledger } = await import('../../store/ledger.js');
        const ledger = new Ledger(db);
        const known = (phone: string) => ledger.isOptedOut(phone) || ledger.importedFrom(phone, name);
        const now = toIso(ctx.now());
        const by = operator(ctx);
        let refused = false;
        let apply = false;
        // Plan and apply in one write transaction, so nothing can change between the two.
        const plan = db.transaction(() => {
          const p = planImport(rows, known);
          refused = p.invalid.length > 0 && !flags.skipInvalid;
          apply = !refused && !flags.dryRun;
          if (apply) {
            for (const a of p.add) {
              ledger.append({ phone: a.phone, action: 'opt-out', effectiveAt: now, source: 'import', keyword: null, evidence: `${name}:${a.line}`, evidenceSid: null, memberId: a.memberId, note: a.note }, now, by);
            }
          }
          return p;
        })[flags.dryRun ? 'deferred' : 'immediate']();
        for (const bad of plan.invalid) ctx.io.err.write(`${name}: line ${bad.line}: ${bad.reason}\n`);
        if (ctx.format === 'json') {
          ctx.io.out.write(JSON.stringify({ file: name, applied: apply, ...plan }, null, 2) + '\n');
        } else {
          const { renderRows } = await import('../../output.js');
          const rowsOut = [
            ...plan.add.map((a) => ({ line: a.line, phone: a.phone, result: apply ? 'added' : 'to-add', detail: a.memberId ?? '' })),
            ...plan.alreadyOptedOut.map((a) => ({ line: a.line, phone: a.phone, result: 'already-opted-out', detail: '' })),
            ...plan.duplicates.map((d) => ({ line: d.line, phone: d.phone, result: 'duplicate', detail: `same as line ${d.firstLine}` })),
            ...plan.invalid.map((i) => ({ line: i.line, phone: i.value, result: 'invalid', detail: i.reason })),
          ].sort((a, b) => a.line - b.line);
          await renderRows(ctx.io, ctx.format, ['line', 'phone', 'result', 'detail'], rowsOut);
        }
        if (refused) throw new UsageError(`${name}: refused, nothing imported: ${plan.invalid.length} invalid row(s) (fix them, or pass --skip-invalid to import the rest)`);
        ctx.info(`${name}: ${describe(plan)}${flags.dryRun ? ' (dry run, nothing written)' : ''}`);
      } finally {
        db.close();
      }
    });
}
