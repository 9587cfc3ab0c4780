/** The whole command surface in one place. */
import { Command, Option } from 'commander';
import type { Context } from './context.js';
import { EXIT_CODE_HELP } from './errors.js';
import { VERSION } from './version.js';
import { syncCommand } from './commands/sync.js';
import { messagesCommand } from './commands/messages.js';
import { demoCommand } from './commands/demo.js';
import { providerCommand } from './commands/provider.js';
import { optoutsCommand } from './commands/optouts/index.js';

export function globalOptions(program: Command): Command {
  return program
    .option('--db <file>', 'the store (env SMS_OPS_DB; default $XDG_DATA_HOME/sms-ops/sms-ops.db)')
    .option('--profile <name>', 'profile from $XDG_CONFIG_HOME/sms-ops/config.json (env SMS_OPS_PROFILE)')
    .option('--api-base <url>', 'base URL of a Twilio-compatible API (env SMS_OPS_API_BASE)')
    .addOption(new Option('--format <format>', 'output format: table, plain, json or csv (default: table on a terminal, plain when piped)'))
    .option('--json', 'same as --format json')
    .option('-q, --quiet', 'print nothing on success but data')
    .option('--verbose', 'more detail on stderr, and stack traces for unexpected errors')
    .option('--no-color', 'no colours (NO_COLOR and TERM=dumb are honoured too)')
    .option('--no-input', 'never prompt')
    .option('-y, --yes', 'assume yes where a confirmation would be asked');
}

export function buildProgram(ctx: Context): Command {
  const program = globalOptions(new Command('sms-ops'))
    .description('Sync, trace and audit an organization\'s Twilio SMS messaging, and keep its NoSMS list')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', `
Examples:
  sms-ops demo                      try it: no account, no network
  sms-ops sync --quiet              from cron, every 5-15 minutes
  sms-ops messages list --status failed --since 7d
  sms-ops optouts check +12025550107      exit 3 when the number is on the NoSMS list
  sms-ops optouts filter recipients.csv --out send.csv --rejected rejected.csv

Environment:
  TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN  or  TWILIO_API_KEY + TWILIO_API_SECRET
  SMS_OPS_DB, SMS_OPS_PROFILE, SMS_OPS_API_BASE, NO_COLOR

${EXIT_CODE_HELP}`);
  program.addCommand(syncCommand(ctx));
  program.addCommand(messagesCommand(ctx));
  program.addCommand(optoutsCommand(ctx));
  program.addCommand(demoCommand(ctx));
  program.addCommand(providerCommand(ctx));
  return program;
}
