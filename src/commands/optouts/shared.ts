/** What the `optouts` verbs share: field lists, phone normalisation with a fast path, who is acting. */
import { Option } from 'commander';
import { userInfo } from 'node:os';
import type { Context } from '../../context.js';
import { UsageError } from '../../errors.js';
import { fastE164 } from '../../core/e164.js';
import type { PhoneResult } from '../../core/phone.js';

export const CHECK_FIELDS = ['phone', 'optedOut', 'since', 'source', 'evidence'] as const;
export const EXPORT_FIELDS = ['phone', 'optedOutAt', 'source', 'keyword', 'evidence', 'memberId', 'note'] as const;
export const HISTORY_FIELDS = ['phone', 'action', 'at', 'source', 'keyword', 'evidence', 'recordedAt', 'recordedBy', 'note'] as const;
/** Cells that carry text from members or operators, neutralised against formula injection in exports. */
export const FREE_TEXT_FIELDS = ['keyword', 'evidence', 'memberId', 'note', 'recordedBy'] as const;

export type Normalize = (input: string) => PhoneResult;

export function defaultCountryOption(): Option {
  return new Option('--default-country <cc>', 'country for numbers written without +country code').default('US');
}

/** Loads libphonenumber only when some input is not already E.164. */
export async function phoneNormalizer(country: string, anyNeedsParsing = true): Promise<Normalize> {
  if (!/^[A-Z]{2}$/.test(country)) throw new UsageError(`--default-country must be a two-letter country code like US or GB; got "${country}"`);
  if (!anyNeedsParsing) return (input) => ({ ok: true, phone: fastE164(input.trim())! });
  const { normalizePhone, isCountryCode } = await import('../../core/phone.js');
  if (!isCountryCode(country)) throw new UsageError(`--default-country: unknown country code "${country}"`);
  return (input) => normalizePhone(input, country);
}

export async function normalizeArgs(inputs: string[], country: string): Promise<{ input: string; result: PhoneResult }[]> {
  const normalize = await phoneNormalizer(country, inputs.some((i) => fastE164(i.trim()) === null));
  return inputs.map((input) => ({ input, result: normalize(input) }));
}

/** Phones from arguments, all valid, or a usage error naming each bad one. */
export async function requireValidPhones(inputs: string[], country: string): Promise<string[]> {
  const results = await normalizeArgs(inputs, country);
  const bad = results.filter((r) => !r.result.ok);
  if (bad.length) throw new UsageError(bad.map((b) => (b.result as { reason: string }).reason).join('; '));
  return [...new Set(results.map((r) => (r.result as { phone: string }).phone))];
}

export function operator(ctx: Context): string {
  let user = ctx.env.USER || ctx.env.LOGNAME;
  if (!user) { try { user = userInfo().username; } catch { user = 'unknown'; } }
  return `${user}@${ctx.host}`;
}
