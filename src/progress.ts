/** Progress on stderr, only when stderr is a terminal (never under cron or in a pipe). */
import type { Context } from './context.js';

export interface Progress {
  update(pages: number, messages: number, partitionsLeft: number): void;
  clear(): void;
  stop(): void;
}

export async function createProgress(ctx: Context): Promise<Progress> {
  if (!ctx.io.stderrTTY || ctx.globals.quiet) return { update() {}, clear() {}, stop() {} };
  const chalk = await ctx.chalk();
  let last = 0;
  let shown = false;
  const clear = () => { if (shown) { ctx.io.err.write('\r\x1b[2K'); shown = false; } };
  return {
    update(pages, messages, left) {
      const t = Date.now();
      if (t - last < 100) return;
      last = t;
      ctx.io.err.write(`\r\x1b[2K${chalk.cyan('syncing')} ${pages} pages · ${messages.toLocaleString('en-US')} messages · ${left} partitions queued`);
      shown = true;
    },
    clear,
    stop: clear,
  };
}
