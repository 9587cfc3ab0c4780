/** Phone numbers to E.164 (`+15550100123`), with a default country for national formats. */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { fastE164 } from './e164.js';

export type PhoneResult = { ok: true; phone: string } | { ok: false; reason: string };

export function isCountryCode(value: string): boolean {
  return /^[A-Z]{2}$/.test(value) && parsePhoneNumberFromString('+1 202 555 0101', value as CountryCode) !== undefined;
}

export function normalizePhone(input: string, defaultCountry: string = 'US'): PhoneResult {
  const text = input.trim();
  if (!text) return { ok: false, reason: 'empty phone number' };
  const fast = fastE164(text);
  if (fast) return { ok: true, phone: fast };
  if (!/\d/.test(text)) return { ok: false, reason: `not a phone number: "${text}"` };
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  if (!parsed) return { ok: false, reason: `not a phone number: "${text}"` };
  if (!parsed.isValid()) return { ok: false, reason: `invalid phone number for ${parsed.country ?? defaultCountry}: "${text}"` };
  return { ok: true, phone: parsed.number };
}
