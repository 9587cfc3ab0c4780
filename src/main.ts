/** Entry point: parse argv, run the command, and map every outcome to an exit code here only. */
import { CommanderError, type Command } from 'commander';
import { Context, type GlobalOptions } from './context.js';
import { CliError, EXIT } from './errors.js';
import { systemIO, type IO } from './io.js';
import { buildProgram } from './program.js';

export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env, io?: IO): Promise<number> {
  const streams = io ?? systemIO(env, argv.includes('--no-color'));
  const globals: GlobalOptions = {};
  const ctx = new Context(streams, env, globals);
  const program = buildProgram(ctx);
  const configure = (cmd: Command) => {
    cmd.exitOverride();
    cmd.configureOutput({ writeOut: (s) => streams.out.write(s), writeErr: (s) => streams.err.write(s), outputError: (s, write) => write(s) });
    cmd.commands.forEach(configure);
  };
  configure(program);
  // Subcommands see the root's options (they may appear before or after the command name).
  program.hook('preAction', (_root, action) => {
    Object.assign(globals, action.optsWithGlobals());
    void ctx.format; // a bad --format is a usage error before any work starts
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (e instanceof CliError) {
      if (e.message) streams.err.write(`sms-ops: ${e.message}\n`);
      return e.exitCode;
    }
    const err = e as Error & { code?: string };
    if (err?.code === 'SQLITE_BUSY') {
      // Another process kept the store's write lock past the busy timeout: temporary by nature.
      streams.err.write('sms-ops: the store is busy (another sync or import is writing); try again later\n');
      return EXIT.temporary;
    }
    if (typeof err?.code === 'string' && err.code.startsWith('SQLITE_')) {
      streams.err.write(`sms-ops: database error: ${err.message}\n`);
      if (globals.verbose && err.stack) streams.err.write(err.stack + '\n');
      return EXIT.failure;
    }
    streams.err.write(`sms-ops: unexpected error: ${err?.message ?? String(e)}\n`);
    if (globals.verbose && err?.stack) streams.err.write(err.stack + '\n');
    return EXIT.failure;
  }
}
