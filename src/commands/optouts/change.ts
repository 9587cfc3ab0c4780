import { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { toIso } from '../../core/time.js';
import { renderRows } from '../../output.js';
import { confirmDangerous } from '../../prompter.js';
import { operator, requireValidPhones, defaultCountryOption } from './shared.js';
import type { DB } from '../../store/db.js';
import type { Ledger } from '../../store/ledger.js';

const RESULT_FIELDS = ['phone', 'result'] as const;

/**
 * Records a manual opt-out or opt-in for each number whose state it changes, in one write
 * transaction (state re-checked inside it, so a concurrent sync is not overridden).
 */
function recordManual(ctx: Context, ledger: Ledger, db: DB, numbers: string[], action: 'opt-out' | 'opt-in', evidence: string) {
  const now = toIso(ctx.now());
  const by = operator(ctx);
  const [changed, unchanged] = action === 'opt-out' ? ['opted-out', 'already-opted-out'] : ['opted-in', 'not-opted-out'];
  return db.transaction(() => numbers.map((phone) => {
    if (ledger.isOptedOut(phone) === (action === 'opt-out')) return { phone, result: unchanged };
    ledger.append({ phone, action, effectiveAt: now, source: 'manual', keyword: null, evidence, evidenceSid: null }, now, by);
    return { phone, result: changed };
  })).immediate();
}

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
        const results = recordManual(ctx, new Ledger(db), db, numbers, 'opt-out', reason);
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
        // Re-checked inside the write transaction: a sync may have changed a number while we asked.
        const results = recordManual(ctx, ledger, db, numbers, 'opt-in', evidence);
        await renderRows(ctx.io, ctx.format, RESULT_FIELDS, results);
      } finally {
        db.close();
      }
    });
}
