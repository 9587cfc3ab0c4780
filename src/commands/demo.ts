import { Command } from 'commander';
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { Context } from '../context.js';
import { pick, renderRows } from '../output.js';
import { MESSAGE_FIELDS } from '../store/message-queries.js';
import { SUMMARY_FIELDS, runSyncCommand } from './sync.js';
import { EXPORT_FIELDS } from './optouts/shared.js';

export const DEMO_DB = 'sms-ops-demo.db';

export function demoCommand(ctx: Context): Command {
  return new Command('demo')
    .description('no account, no network: sync the bundled demo organization from the local provider and show the results')
    .addHelpText('after', `
Starts the bundled Twilio-compatible provider on a free loopback port with the recorded
demo fixtures, syncs them through the real SDK path into ./${DEMO_DB} (or --db), and prints
the sync summary, the NoSMS list the recorded STOP/START replies produced, and the newest
messages.
Examples:
  sms-ops demo
  sms-ops demo --db /tmp/demo.db --json`)
    .action(async () => { await runDemo(ctx); });
}

export async function runDemo(ctx: Context): Promise<void> {
  const { buildDataset, randomSecret } = await import('../provider/launch.js');
  const { startProvider } = await import('../provider/server.js');
  const dbPath = resolve(ctx.globals.db ?? DEMO_DB);
  if (!ctx.globals.db && existsSync(dbPath)) for (const f of [dbPath, `${dbPath}-wal`, `${dbPath}-shm`]) rmSync(f, { force: true });
  const { data, accountSid } = buildDataset({ fixtures: 'demo' }, ctx.now());
  const token = randomSecret();
  const provider = await startProvider(data, { accountSid, authToken: token });
  const format = ctx.format;
  const chalk = await ctx.chalk();
  const section = (title: string) => { if (format === 'table') ctx.io.out.write('\n' + chalk.bold(title) + '\n'); };
  try {
    ctx.info(`local provider: ${provider.url} (${data.size} recorded messages)`);
    ctx.info(`store: ${dbPath}`);
    const env: NodeJS.ProcessEnv = { ...ctx.env, TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: token, SMS_OPS_API_BASE: provider.url };
    delete env.TWILIO_API_KEY;
    delete env.TWILIO_API_SECRET;
    // The inner sync prints nothing itself: the demo shows its summary below.
    const demo = new Context(ctx.io, env, { ...ctx.globals, db: dbPath, quiet: true, json: false, format: 'table', profile: undefined, apiBase: undefined }, ctx.now);
    // The fixtures span weeks before today; a full read brings in all of them.
    const summary = await runSyncCommand(demo, { mode: { kind: 'full' }, refreshLimit: 200, concurrency: 4, dryRun: false, waitSeconds: null });
    const db = await demo.openStore({ readonly: true });
    try {
      const { listMessages } = await import('../store/message-queries.js');
      const { Ledger } = await import('../store/ledger.js');
      const noSms = [...new Ledger(db).currentList()];
      const newest = [...listMessages(db, { limit: 10 })];
      if (format === 'json') {
        // One JSON document, not three arrays one after another.
        const doc = { summary: pick(summary, SUMMARY_FIELDS), noSms: noSms.map((r) => pick(r, EXPORT_FIELDS)), newestMessages: newest.map((r) => pick(r, MESSAGE_FIELDS)) };
        ctx.io.out.write(JSON.stringify(doc, null, 2) + '\n');
      } else {
        section('Sync summary');
        await renderRows(ctx.io, format, SUMMARY_FIELDS, [{ ...summary }]);
        section('NoSMS list (from the recorded STOP/START replies and 21610 refusals)');
        await renderRows(ctx.io, format, EXPORT_FIELDS, noSms);
        section('Newest messages');
        await renderRows(ctx.io, format, MESSAGE_FIELDS, newest);
      }
    } finally {
      db.close();
    }
    ctx.info(`\nExplore the store:\n  sms-ops --db ${dbPath} optouts history +12025550107\n  sms-ops --db ${dbPath} messages list --status undelivered,failed`);
  } finally {
    await provider.close();
  }
}
