import { Command } from 'commander';
import type { Context } from '../../context.js';
import { addCommand, removeCommand } from './change.js';
import { checkCommand } from './check.js';
import { exportCommand } from './export.js';
import { filterCommand } from './filter.js';
import { importCommand } from './import.js';
import { historyCommand, listCommand } from './list.js';

export function optoutsCommand(ctx: Context): Command {
  const cmd = new Command('optouts').description('the NoSMS list: an append-only ledger of opt-outs and opt-ins with evidence');
  for (const sub of [checkCommand, listCommand, historyCommand, addCommand, removeCommand, importCommand, exportCommand, filterCommand]) {
    cmd.addCommand(sub(ctx));
  }
  return cmd;
}
