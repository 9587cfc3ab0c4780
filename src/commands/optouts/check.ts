import { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError, VerdictError } from '../../errors.js';
import { renderRows } from '../../output.js';
import { CHECK_FIELDS, normalizeArgs, defaultCountryOption } from './shared.js';

export function checkCommand(ctx: Context): Command {
  return new Command('check')
    .description('is each number on the NoSMS list? exit 3 if any is, 2 if any is invalid, else 0')
    .argument('<phone...>', 'phone numbers (E.164, or national format with --default-country)')
    .addOption(defaultCountryOption())
    .addHelpText('after', `
Fields: ${CHECK_FIELDS.join(', ')}
Examples:
  sms-ops optouts check +12025550107 && send-the-text
  sms-ops optouts check "(202) 555-0107" --json`)
    .action(async (phones: string[], flags: { defaultCountry: string }) => {
      const results = await normalizeArgs(phones, flags.defaultCountry);
      const db = await ctx.openStore({ readonly: true });
      let anyOptedOut = false;
      try {
        const { Ledger } = await import('../../store/ledger.js');
        const ledger = new Ledger(db);
        const rows = results.map(({ input, result }) => {
          if (!result.ok) return { phone: input, optedOut: null, since: null, source: null, evidence: null };
          const current = ledger.current(result.phone);
          if (current) anyOptedOut = true;
          return { phone: result.phone, optedOut: Boolean(current), since: current?.optedOutAt ?? null, source: current?.source ?? null, evidence: current?.evidence ?? null };
        });
        await renderRows(ctx.io, ctx.format, CHECK_FIELDS, rows);
      } finally {
        db.close();
      }
      const invalid = results.filter((r) => !r.result.ok);
      if (invalid.length) throw new UsageError(invalid.map((r) => (r.result as { reason: string }).reason).join('; ') + ' (the answer is incomplete)');
      if (anyOptedOut) throw new VerdictError();
    });
}
