/**
 * Where things live and which credentials apply. Precedence: flag > environment > profile.
 * Secrets come only from the environment or the profile file, never from flags.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { AuthError, UsageError } from './errors.js';
import type { Credentials } from './twilio/gateway.js';

export interface Profile {
  accountSid?: string;
  authToken?: string;
  apiKey?: string;
  apiSecret?: string;
  apiBase?: string;
  organization?: string;
  senders?: string[];
  messagingServiceSid?: string;
  noticePattern?: string;
}

export interface ConfigFile { activeProfile?: string; profiles?: Record<string, Profile> }

export interface GlobalFlags { db?: string; profile?: string; apiBase?: string }

export function dataDir(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_DATA_HOME || join(env.HOME || homedir(), '.local', 'share'), 'sms-ops');
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'sms-ops', 'config.json');
}

export function storePath(flags: GlobalFlags, env: NodeJS.ProcessEnv): string {
  return flags.db || env.SMS_OPS_DB || join(dataDir(env), 'sms-ops.db');
}

/** Reads the config file; refuses one that others can read, since it may hold secrets. */
export function readConfigFile(path: string): ConfigFile {
  if (!existsSync(path)) return {};
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) {
    throw new UsageError(`${path} is readable by other users (mode ${mode.toString(8)}); run \`chmod 600 ${path}\``);
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as ConfigFile;
  } catch (e) {
    throw new UsageError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
}

export function selectProfile(flags: GlobalFlags, env: NodeJS.ProcessEnv, file: ConfigFile): Profile {
  const name = flags.profile || env.SMS_OPS_PROFILE || file.activeProfile;
  if (!name) return {};
  const profile = file.profiles?.[name];
  if (!profile) {
    if (flags.profile || env.SMS_OPS_PROFILE) throw new UsageError(`no profile named "${name}" in the config file; add it to ${'$'}XDG_CONFIG_HOME/sms-ops/config.json under "profiles"`);
    return {};
  }
  return profile;
}

const SID_AC = /^AC[0-9a-fA-F]{32}$/;

/** Credentials for the provider. Prefers an API key pair (the narrower credential) over an auth token. */
export function resolveCredentials(flags: GlobalFlags, env: NodeJS.ProcessEnv, profile: Profile): Credentials {
  const fromEnv = Boolean(env.TWILIO_ACCOUNT_SID);
  const accountSid = env.TWILIO_ACCOUNT_SID || profile.accountSid;
  const src = fromEnv ? { authToken: env.TWILIO_AUTH_TOKEN, apiKey: env.TWILIO_API_KEY, apiSecret: env.TWILIO_API_SECRET } : profile;
  const apiBase = flags.apiBase || env.SMS_OPS_API_BASE || profile.apiBase || null;
  const fix = 'set TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN (or TWILIO_API_KEY and TWILIO_API_SECRET), or put them in a profile in $XDG_CONFIG_HOME/sms-ops/config.json (mode 0600)';
  if (!accountSid) throw new AuthError(`no Twilio credentials: ${fix}`);
  if (!SID_AC.test(accountSid)) throw new AuthError(`TWILIO_ACCOUNT_SID must look like AC followed by 32 hex digits; ${fix}`);
  if (apiBase !== null && !/^https?:\/\/[^/\s]+/.test(apiBase)) throw new UsageError(`SMS_OPS_API_BASE must be an http(s) URL, got ${JSON.stringify(apiBase)}`);
  if (src.apiKey && src.apiSecret) return { accountSid, username: src.apiKey, password: src.apiSecret, kind: 'api-key', apiBase };
  if (src.authToken) return { accountSid, username: accountSid, password: src.authToken, kind: 'auth-token', apiBase };
  throw new AuthError(`no secret for account ${accountSid}: ${fix}`);
}
