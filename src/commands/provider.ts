import { Command } from 'commander';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { positiveInt } from './parse.js';
import { parseDate } from '../core/time.js';

interface RawFlags {
  fixtures?: string; synthetic?: string; days: string; undated: string; seed: string; port: string; end?: string;
  latency: string; retryAfter: string; every429: string; every500: string; everyDrop: string; everyTruncate: string;
}

export function providerCommand(ctx: Context): Command {
  const cmd = new Command('provider').description('the bundled local Twilio-compatible provider (for demos, tests and benchmarks)');
  cmd.command('serve')
    .description('serve a dataset on loopback until interrupted; prints {"url","accountSid"} as one JSON line')
    .option('--fixtures <dir>', 'recorded fixture pages to serve ("demo" = the bundled demo organization)')
    .option('--synthetic <n>', 'serve n generated messages instead')
    .option('--days <n>', 'days the synthetic messages span', '100')
    .option('--undated <n>', 'synthetic messages without date_sent yet', '0')
    .option('--end <date>', 'date_sent of the newest synthetic message (default: now)')
    .option('--seed <n>', 'synthetic seed', '1')
    .option('--port <n>', 'port (0 = any free one)', '0')
    .option('--latency <ms>', 'added delay per API request', '0')
    .option('--retry-after <s>', 'Retry-After seconds sent with 429s', '1')
    .option('--every-429 <n>', 'answer every n-th request with 429', '0')
    .option('--every-500 <n>', 'answer every n-th request with 500', '0')
    .option('--every-drop <n>', 'drop the connection on every n-th request', '0')
    .option('--every-truncate <n>', 'truncate the body of every n-th request', '0')
    .addHelpText('after', `
The auth token it accepts is read from TWILIO_AUTH_TOKEN (never from a flag).
Fault settings and new messages can be changed while it runs: POST /__control
with JSON {"faults": {...}, "put": [message, ...]}; GET /__stats reports counters.
Example:
  TWILIO_AUTH_TOKEN=local-secret sms-ops provider serve --synthetic 1000000 --port 4010`)
    .action(async (flags: RawFlags) => {
      const token = ctx.env.TWILIO_AUTH_TOKEN;
      if (!token) throw new UsageError('set TWILIO_AUTH_TOKEN to the token the local provider should accept');
      if (flags.fixtures && flags.synthetic) throw new UsageError('--fixtures and --synthetic cannot be used together');
      const n = (flag: string, v: string) => positiveInt(flag, v, 0);
      const end = flags.end === undefined ? ctx.now() : parseDate(flags.end);
      if (end === null) throw new UsageError(`--end must be a date (YYYY-MM-DD) or ISO-8601 time; got "${flags.end}"`);
      const { buildDataset } = await import('../provider/launch.js');
      const { startProvider } = await import('../provider/server.js');
      const { data, accountSid } = buildDataset({
        fixtures: flags.fixtures, synthetic: flags.synthetic === undefined ? undefined : n('--synthetic', flags.synthetic),
        days: positiveInt('--days', flags.days, 1), undated: n('--undated', flags.undated), seed: n('--seed', flags.seed), end,
      }, ctx.now());
      const provider = await startProvider(data, { accountSid, authToken: token, apiKey: ctx.env.TWILIO_API_KEY, apiSecret: ctx.env.TWILIO_API_SECRET }, {
        port: positiveInt('--port', flags.port, 0, 65535),
        faults: {
          latencyMs: n('--latency', flags.latency), retryAfter: n('--retry-after', flags.retryAfter),
          every429: n('--every-429', flags.every429), every500: n('--every-500', flags.every500),
          everyDrop: n('--every-drop', flags.everyDrop), everyTruncate: n('--every-truncate', flags.everyTruncate),
        },
      });
      ctx.io.out.write(JSON.stringify({ url: provider.url, accountSid, messages: data.size }) + '\n');
      await new Promise<void>((resolve) => {
        const stop = () => { void provider.close().then(resolve); };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
  return cmd;
}
