import { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { isDirection, isStatus, DIRECTIONS, STATUSES } from '../core/status.js';
import { DAY_MS, isDateOnly, parseDate, parseSince, toIso } from '../core/time.js';
import { renderRows } from '../output.js';
import { MESSAGE_FIELDS, type MessageFilter } from '../store/message-queries.js';
import { positiveInt } from './parse.js';

interface RawFlags { status?: string; direction?: string; to?: string; from?: string; since?: string; until?: string; limit: string }

export function toMessageFilter(flags: RawFlags, now: number): MessageFilter {
  const status = flags.status?.split(',').map((s) => s.trim()).filter(Boolean);
  for (const s of status ?? []) if (!isStatus(s)) throw new UsageError(`--status: unknown status "${s}"; one of ${STATUSES.join(', ')}`);
  if (flags.direction !== undefined && !isDirection(flags.direction)) throw new UsageError(`--direction must be one of ${DIRECTIONS.join(', ')}; got "${flags.direction}"`);
  let createdFrom: string | undefined;
  let createdBefore: string | undefined;
  if (flags.since !== undefined) {
    const t = parseSince(flags.since, now);
    if (t === null) throw new UsageError(`--since must be a date (YYYY-MM-DD or ISO-8601) or a duration (7d); got "${flags.since}"`);
    createdFrom = toIso(t);
  }
  if (flags.until !== undefined) {
    const t = parseDate(flags.until);
    if (t === null) throw new UsageError(`--until must be a date (YYYY-MM-DD) or ISO-8601 time; got "${flags.until}"`);
    // A bare date includes that whole UTC day.
    createdBefore = toIso(isDateOnly(flags.until) ? t + DAY_MS : t + 1000);
  }
  return { status, direction: flags.direction, to: flags.to, from: flags.from, createdFrom, createdBefore, limit: positiveInt('--limit', flags.limit, 0) };
}

export function messagesCommand(ctx: Context): Command {
  const cmd = new Command('messages').description('query the messages in the store')
    .addHelpText('after', '\nExample:\n  sms-ops messages list --status failed,undelivered --since 7d');
  cmd.command('list')
    .description('list stored messages, newest created first')
    .option('--status <list>', 'only these statuses (comma-separated)')
    .option('--direction <direction>', 'inbound, outbound-api, outbound-call or outbound-reply')
    .option('--to <phone>', 'only messages to this number')
    .option('--from <phone>', 'only messages from this number')
    .option('--since <date|duration>', 'created on or after')
    .option('--until <date>', 'created on or before (a bare date includes the whole UTC day)')
    .option('--limit <n>', 'at most this many (0 = all)', '100')
    .addHelpText('after', `
Fields: ${MESSAGE_FIELDS.join(', ')}
Examples:
  sms-ops messages list --status failed,undelivered --since 7d
  sms-ops messages list --direction inbound --json | jq '.[].body'
  sms-ops messages list --limit 0 --format csv > all.csv`)
    .action(async (flags: RawFlags) => {
      const filter = toMessageFilter(flags, ctx.now());
      const db = await ctx.openStore({ readonly: true });
      try {
        const { listMessages } = await import('../store/message-queries.js');
        await renderRows(ctx.io, ctx.format, MESSAGE_FIELDS, listMessages(db, filter));
      } finally {
        db.close();
      }
    });
  return cmd;
}
