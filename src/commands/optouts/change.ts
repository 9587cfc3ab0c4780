import { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { toIso } from '../../core/time.js';
import { renderRows } from '../../output.js';
import { confirmDangerous } from '../../prompter.js';
import { operator, requireValidPhones, defaultCountryOption } from './shared.js';

const RESULT_FIELDS = ['phone', 'result'] as const;

function requireText(flag: string, value: string | undefined): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`${flag} is required and must not be empty`);
  return value.trim();
}

export function addCommand(ctx: Context): Command {
  return new Command('add')
    .description('opt numbers out by hand (always allowed)')
    .argument('<phone...>', 'phone numbers')
    .requiredOption('--reason <text>', 'why: recorded as the evidence (e.g. "asked by phone, call 2026-03-02")')
    .addOption(defaultCountryOption())
    .addHelpText('after', '\nExample:\n  sms-ops optouts add +12025550107 --reason "asked at the front desk"')
    .action(async (phones: string[], flags: { reason: string; defaultCountry: string }) => {
      const reason = requireText('--reason', flags.reason);
      const numbers = await requireValidPhones(phones, flags.defaultCountry);
      const db = await ctx.openStore();
      try {
        const { Ledger } = await import('../../store/ledger.js');
        const ledger = new Ledger(db);
        const now = toIso(ctx.now());
        const results = db.transaction(() => numbers.map((phone) => {
          if (ledger.isOptedOut(phone)) return { phone, result: 'already-opted-out' };
          ledger.append({ phone, action: 'opt-out', effectiveAt: now, source: 'manual', keyword: null, evidence: reason, evidenceSid: null }, now, operator(ctx));
          return { phone, result: 'opted-out' };
        })).immediate();
        await renderRows(ctx.io, ctx.format, RESULT_FIELDS, results);
        const added = results.filter((r) => r.result === 'opted-out').length;
        ctx.info(`opted out ${added} number(s)${added < results.length ? `; ${results.length - added} already opted out` : ''}`);
      } finally {
        db.close();
      }
    });
}

export function removeCommand(ctx: Context): Command {
  return new Command('remove')
    .description('opt numbers back in by hand: needs evidence of consent, and confirmation (or --yes)')
    .argument('<phone...>', 'phone numbers')
    .requiredOption('--evidence <text>', 'the member\'s consent (e.g. "signed form 2026-03-02, kept in office")')
    .addOption(defaultCountryOption())
    .addHelpText('after', `
This re-enables texts to someone who once said STOP. A member who texted START is already back
on the list and needs no removal. Non-interactive runs need --yes.
Example:
  sms-ops optouts remove +12025550107 --evidence "written consent 2026-03-02" --yes`)
    .action(async (phones: string[], flags: { evidence: string; defaultCountry: string }) => {
      const evidence = requireText('--evidence', flags.evidence);
      const numbers = await requireValidPhones(phones, flags.defaultCountry);
      const db = await ctx.openStore();
      try {
        const { Ledger } = await import('../../store/ledger.js');
        const ledger = new Ledger(db);
        const optedOut = numbers.filter((p) => ledger.isOptedOut(p));
        if (optedOut.length === 0) {
          ctx.info('none of these numbers is opted out; nothing to change');
          await renderRows(ctx.io, ctx.format, RESULT_FIELDS, numbers.map((phone) => ({ phone, result: 'not-opted-out' })));
          return;
        }
        ctx.io.err.write(`This will re-enable texts to ${optedOut.length} number(s) that opted out:\n${optedOut.map((p) => `  ${p}`).join('\n')}\nEvidence: ${evidence}\n`);
        if (!(await confirmDangerous(ctx, `Opt ${optedOut.length} number(s) back in?`))) {
          ctx.info('nothing changed');
          return;
        }
        const now = toIso(ctx.now());
        const results = db.transaction(() => numbers.map((phone) => {
          // Re-checked inside the write lock: a sync may have changed it while we asked.
          if (!ledger.isOptedOut(phone)) return { phone, result: 'not-opted-out' };
          ledger.append({ phone, action: 'opt-in', effectiveAt: now, source: 'manual', keyword: null, evidence, evidenceSid: null }, now, operator(ctx));
          return { phone, result: 'opted-in' };
        })).immediate();
        await renderRows(ctx.io, ctx.format, RESULT_FIELDS, results);
      } finally {
        db.close();
      }
    });
}
