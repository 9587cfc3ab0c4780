import { Command } from 'commander';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { LEDGER_SOURCES } from '../../core/ledger.js';
import { parseSince, toIso } from '../../core/time.js';
import { renderRows } from '../../output.js';
import { EXPORT_FIELDS, HISTORY_FIELDS, requireValidPhones, defaultCountryOption } from './shared.js';

export function parseSource(source: string | undefined): string | undefined {
  if (source !== undefined && !(LEDGER_SOURCES as readonly string[]).includes(source)) {
    throw new UsageError(`--source must be one of ${LEDGER_SOURCES.join(', ')}; got "${source}"`);
  }
  return source;
}

export function listCommand(ctx: Context): Command {
  return new Command('list')
    .description('the current NoSMS list, sorted by phone')
    .option('--since <date|duration>', 'only numbers opted out since then')
    .option('--source <source>', `only this source: ${LEDGER_SOURCES.join(', ')}`)
    .addHelpText('after', `\nFields: ${EXPORT_FIELDS.join(', ')}\nExample:\n  sms-ops optouts list --since 30d --source keyword`)
    .action(async (flags: { since?: string; source?: string }) => {
      const since = flags.since === undefined ? undefined : parseSince(flags.since, ctx.now());
      if (since === null) throw new UsageError(`--since must be a date (YYYY-MM-DD or ISO-8601) or a duration (7d); got "${flags.since}"`);
      const source = parseSource(flags.source);
      const db = await ctx.openStore({ readonly: true });
      try {
        const { Ledger } = await import('../../store/ledger.js');
        await renderRows(ctx.io, ctx.format, EXPORT_FIELDS, new Ledger(db).currentList({ since: since === undefined ? undefined : toIso(since), source }));
      } finally {
        db.close();
      }
    });
}

export function historyCommand(ctx: Context): Command {
  return new Command('history')
    .description("a number's ledger events, oldest first: why it is (or is not) on the NoSMS list")
    .argument('<phone>', 'phone number')
    .addOption(defaultCountryOption())
    .addHelpText('after', `\nFields: ${HISTORY_FIELDS.join(', ')}\nExample:\n  sms-ops optouts history +12025550107`)
    .action(async (phone: string, flags: { defaultCountry: string }) => {
      const [normalized] = await requireValidPhones([phone], flags.defaultCountry);
      const db = await ctx.openStore({ readonly: true });
      try {
        const { Ledger } = await import('../../store/ledger.js');
        await renderRows(ctx.io, ctx.format, HISTORY_FIELDS, new Ledger(db).history(normalized!));
      } finally {
        db.close();
      }
    });
}
