/**
 * What commands are given: streams, clock, global flags, and lazy access to the store and the
 * provider, so that `--help` and `optouts check` never load the Twilio SDK.
 */
import type { ChalkInstance } from 'chalk';
import { hostname } from 'node:os';
import { configPath, readConfigFile, resolveCredentials, selectProfile, storePath, type Profile } from './config.js';
import { UsageError } from './errors.js';
import type { IO } from './io.js';
import { defaultFormat, FORMATS, type Format } from './output.js';
import type { DB } from './store/db.js';
import type { MessageGateway } from './twilio/gateway.js';

export interface GlobalOptions {
  db?: string;
  profile?: string;
  apiBase?: string;
  format?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
  color?: boolean;
  input?: boolean;
  yes?: boolean;
}

export class Context {
  private interruptedFlag = false;
  readonly host = hostname();
  readonly pid = process.pid;

  constructor(readonly io: IO, readonly env: NodeJS.ProcessEnv, readonly globals: GlobalOptions, readonly now: () => number = Date.now) {}

  /** chalk, loaded on first use (it costs start-up time that `optouts check` cannot spare), coloured only when `io.color`. */
  async chalk(): Promise<ChalkInstance> {
    const { Chalk } = await import('chalk');
    return new Chalk({ level: this.io.color ? 1 : 0 });
  }

  get format(): Format {
    if (this.globals.json) return 'json';
    const f = this.globals.format;
    if (f === undefined) return defaultFormat(this.io);
    if (!(FORMATS as readonly string[]).includes(f)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${f}"`);
    return f as Format;
  }

  /** Prompts are allowed only with a person at both ends and no --no-input. */
  get canPrompt(): boolean {
    return this.io.stdinTTY && this.io.stdoutTTY && this.globals.input !== false;
  }

  get storePath(): string {
    return storePath(this.globals, this.env);
  }

  profile(): Profile {
    return selectProfile(this.globals, this.env, readConfigFile(configPath(this.env)));
  }

  async openStore(opts: { readonly?: boolean; path?: string } = {}): Promise<DB> {
    const { openDatabase } = await import('./store/db.js');
    return openDatabase(opts.path ?? this.storePath, { readonly: opts.readonly });
  }

  async gateway(): Promise<MessageGateway> {
    const creds = resolveCredentials(this.globals, this.env, this.profile());
    const { SdkGateway } = await import('./twilio/sdk-gateway.js');
    return new SdkGateway(creds);
  }

  /** Status and warnings go to stderr; --quiet keeps only warnings and errors. */
  info(message: string): void {
    if (!this.globals.quiet) this.io.err.write(message + '\n');
  }

  warn(message: string): void {
    this.io.err.write('warning: ' + message + '\n');
  }

  verbose(message: string): void {
    if (this.globals.verbose) this.io.err.write(message + '\n');
  }

  interrupt(): void { this.interruptedFlag = true; }
  get interrupted(): boolean { return this.interruptedFlag; }
}
