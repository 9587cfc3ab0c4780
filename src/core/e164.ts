/**
 * The fast path for numbers already written in E.164: a structural check (NANP rules for +1)
 * instead of full libphonenumber parsing, which runs at ~130k numbers/s and would set the pace
 * of `optouts filter`. Anything not already E.164 goes through libphonenumber (core/phone.ts).
 */
const E164 = /^\+[1-9]\d{7,14}$/;
// NANP: area code [2-9][0-8]X, not N11; exchange [2-9]XX, not N11.
const NANP = /^\+1(?!\d11)[2-9][0-8]\d(?!\d11)[2-9]\d{6}$/;

/** An E.164 number that passes the structural check, or null when it needs full parsing. */
export function fastE164(input: string): string | null {
  if (input.charCodeAt(1) === 49 /* '1' */ && input.charCodeAt(0) === 43 /* '+' */) return NANP.test(input) ? input : null;
  return E164.test(input) ? input : null;
}
