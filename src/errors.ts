/** Typed errors carry their exit code; src/main.ts is the only place that maps them. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 2,
  verdict: 3,
  auth: 4,
  temporary: 75,
  interrupted: 130,
} as const;

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
    this.name = new.target.name;
  }
}

/** Bad flag, bad file, bad date, or a dangerous action nobody confirmed. */
export class UsageError extends CliError {
  constructor(message: string) { super(message, EXIT.usage); }
}

/** Missing or rejected credentials. The message names the fix and never the secret. */
export class AuthError extends CliError {
  constructor(message: string) { super(message, EXIT.auth); }
}

/** Try again later: the lock is held, or the provider stayed unavailable. */
export class TemporaryError extends CliError {
  constructor(message: string) { super(message, EXIT.temporary); }
}

/** Runtime failure: database problems, a missing store, anything unexpected but explainable. */
export class RuntimeError extends CliError {
  constructor(message: string) { super(message, EXIT.failure); }
}

/** The command's output is already printed; the exit code is its verdict. */
export class VerdictError extends CliError {
  constructor(message = '') { super(message, EXIT.verdict); }
}

export class InterruptedError extends CliError {
  constructor(message = 'interrupted') { super(message, EXIT.interrupted); }
}

export const EXIT_CODE_HELP = `Exit codes:
  0    success (an empty result is success)
  1    runtime failure (database, unexpected error)
  2    usage error or invalid input
  3    verdict: audit found violations, optouts check found an opted-out number
  4    missing or rejected credentials
  75   temporary: sync lock held, or provider unavailable after retries
  130  interrupted (SIGINT/SIGTERM) after finishing the current unit of work`;
