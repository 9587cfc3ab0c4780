/**
 * The only module that touches the process's standard streams. Commands write data to `out`
 * and everything else (progress, warnings, summaries) to `err`.
 */
export interface Stream { write(text: string): unknown }

export interface IO {
  out: Stream;
  err: Stream;
  stdin: NodeJS.ReadableStream;
  stdoutTTY: boolean;
  stderrTTY: boolean;
  stdinTTY: boolean;
  /** Colour on stdout/stderr: TTY, and not NO_COLOR, TERM=dumb or --no-color. */
  color: boolean;
  columns: number;
}

export function colorAllowed(env: NodeJS.ProcessEnv, isTTY: boolean, noColorFlag: boolean): boolean {
  if (noColorFlag || !isTTY) return false;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return env.TERM !== 'dumb';
}

export function systemIO(env: NodeJS.ProcessEnv, noColorFlag: boolean): IO {
  // A closed pipe (`sms-ops … | head`) is a normal end of output, not a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') process.exit(0); });
  return {
    out: process.stdout,
    err: process.stderr,
    stdin: process.stdin,
    stdoutTTY: Boolean(process.stdout.isTTY),
    stderrTTY: Boolean(process.stderr.isTTY),
    stdinTTY: Boolean(process.stdin.isTTY),
    color: colorAllowed(env, Boolean(process.stdout.isTTY), noColorFlag),
    columns: process.stdout.columns ?? 100,
  };
}

/** Resolves once `text` is handed to the stream, respecting backpressure for large exports. */
export function writeAsync(stream: Stream, text: string): Promise<void> {
  const ok = stream.write(text);
  const s = stream as Partial<NodeJS.WritableStream>;
  if (ok !== false || typeof s.once !== 'function') return Promise.resolve();
  return new Promise((resolve) => s.once!('drain', () => resolve()));
}
