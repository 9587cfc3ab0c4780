/** The only importer of @inquirer/prompts, loaded only when someone is there to answer. */
import type { Context } from './context.js';
import { InterruptedError, UsageError } from './errors.js';

/**
 * Asks for confirmation of a dangerous change. `--yes` answers yes; with nobody to ask
 * (cron, pipes, --no-input) and no `--yes`, it refuses rather than proceeding or hanging.
 */
export async function confirmDangerous(ctx: Context, question: string): Promise<boolean> {
  if (ctx.globals.yes) return true;
  if (!ctx.canPrompt) throw new UsageError('--yes required when not running interactively (nobody can confirm this change)');
  const { confirm } = await import('@inquirer/prompts');
  const { Writable } = await import('node:stream');
  // The prompt ends the stream it is given when done; hand it a pass-through, not stderr itself.
  const output = new Writable({ write(chunk, _encoding, done) { ctx.io.err.write(String(chunk)); done(); } });
  try {
    return await confirm({ message: question, default: false }, { input: ctx.io.stdin, output });
  } catch (e) {
    if ((e as Error).name === 'ExitPromptError') throw new InterruptedError('cancelled');
    throw e;
  }
}
