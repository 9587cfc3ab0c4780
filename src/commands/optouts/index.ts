import { Command } from 'commander';
import type { Context } from '../../context.js';
import { addCommand, removeCommand } from './change.js';
import { checkCommand } from './check.js';
import { exportCommand } from './export.js';
import { filterCommand } from './filter.js';
import { importCommand } from './import.js';
import { historyCommand, listCommand } from './list.js';

export function optoutsCommand(ctx: Context): Command {
  const cmd = new Command('optouts').description('the NoSMS list: an append-only ledger of opt-outs and opt-ins with evidence')
    .addHelpText('after', `
Examples:
  sms-ops optouts check +12025550107            exit 3 if opted out, 0 if not
  sms-ops optouts history +12025550107          why: every event with its evidence
  sms-ops optouts import cms-nosms.csv --dry-run
  sms-ops optouts filter recipients.csv --out send.csv --rejected rejected.csv
  sms-ops optouts export --out nosms.csv`);
  for (const sub of [checkCommand, listCommand, historyCommand, addCommand, removeCommand, importCommand, exportCommand, filterCommand]) {
    cmd.addCommand(sub(ctx));
  }
  return cmd;
}
