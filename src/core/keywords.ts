/**
 * The keyword policy of SPEC §5 as data plus pure functions: how sms-ops reads an inbound
 * body, and, separately, what Twilio's own filter would have done with it. sms-ops is the
 * stricter of the two: it honours `Stop.`, `OPT OUT` and `stop all`, which Twilio does not.
 */

export type KeywordAction = 'opt-out' | 'opt-in' | 'help';
export type Classification = KeywordAction | 'possible-revocation' | 'reply';

export interface KeywordPolicy {
  optOut: string[];
  optIn: string[];
  help: string[];
  /** Phrases that suggest "stop texting me" in free text; matched on whole words. */
  revocationPhrases: string[];
  /** `review`: possible revocations go to the review list; `auto`: they opt the number out. */
  revocations: 'review' | 'auto';
}

export const DEFAULT_POLICY: KeywordPolicy = {
  optOut: ['stop', 'stopall', 'stop all', 'unsubscribe', 'cancel', 'end', 'quit', 'revoke', 'optout', 'opt out'],
  optIn: ['start', 'yes', 'unstop'],
  help: ['help', 'info'],
  revocationPhrases: [
    'stop texting', 'stop text', 'stop messaging', 'stop sending', 'stop contacting', 'stop the texts', 'stop these texts',
    'stop these messages', 'stop all texts', 'stop all messages', 'please stop', 'stop please', 'remove me', 'remove my number', 'take me off',
    'opt me out', 'unsubscribe me', "don't text", 'dont text', 'do not text', "don't message", 'do not message',
    "don't contact", 'do not contact', 'no more texts', 'no more text', 'no more messages', 'leave me alone', 'wrong number',
    'not interested',
  ],
  revocations: 'review',
};

export interface Classified {
  kind: Classification;
  /** The matched keyword or phrase, as normalised. */
  keyword: string | null;
}

const EDGE = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;

/** `" Opt-Out! "` → `opt out`: trim, case-fold, strip surrounding punctuation/emoji, hyphens/underscores between letters to spaces. */
export function normalizeBody(body: string): string {
  return body
    .normalize('NFKC')
    .toLowerCase()
    .replace(EDGE, '')
    .replace(/(?<=\p{L})[-_‐‑–](?=\p{L})/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Words only, for phrase matching: curly apostrophes straightened, other punctuation to spaces. */
function wordsOf(body: string): string {
  return ' ' + body.normalize('NFKC').toLowerCase().replace(/[’‘`]/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim() + ' ';
}

export function classifyBody(body: string | null, policy: KeywordPolicy = DEFAULT_POLICY): Classified {
  const text = normalizeBody(body ?? '');
  if (policy.optOut.includes(text)) return { kind: 'opt-out', keyword: text };
  if (policy.optIn.includes(text)) return { kind: 'opt-in', keyword: text };
  if (policy.help.includes(text)) return { kind: 'help', keyword: text };
  const words = wordsOf(body ?? '');
  const phrase = policy.revocationPhrases.find((p) => words.includes(` ${p} `));
  if (phrase) return policy.revocations === 'auto' ? { kind: 'opt-out', keyword: phrase } : { kind: 'possible-revocation', keyword: phrase };
  return { kind: 'reply', keyword: null };
}

const OPT_OUT_TYPES: Record<string, KeywordAction> = { STOP: 'opt-out', START: 'opt-in', HELP: 'help' };

/** A provider-supplied `OptOutType` (webhooks with Advanced Opt-Out) wins over the text. */
export function classifyInbound(body: string | null, optOutType: string | null | undefined, policy: KeywordPolicy = DEFAULT_POLICY): Classified {
  const provider = optOutType ? OPT_OUT_TYPES[optOutType.toUpperCase()] : undefined;
  if (provider) return { kind: provider, keyword: normalizeBody(body ?? '') || optOutType!.toLowerCase() };
  return classifyBody(body, policy);
}

/** Twilio's default lists; REVOKE and OPTOUT joined the opt-out list on 2025-05-14. */
const TWILIO_OPT_OUT = ['stop', 'stopall', 'unsubscribe', 'cancel', 'end', 'quit'];
const TWILIO_OPT_OUT_2025 = ['revoke', 'optout'];
const TWILIO_OPT_IN = ['start', 'yes', 'unstop'];
const TWILIO_HELP = ['help', 'info'];
export const TWILIO_REVOKE_OPTOUT_FROM = Date.UTC(2025, 4, 14);

/**
 * What Twilio's automatic filter would do: only an exact single word of its list after trimming,
 * case ignored, punctuation not ignored (`Stop.` does nothing); never `opt out` with a space.
 */
export function twilioFilter(body: string | null, at: number, optOutType?: string | null): KeywordAction | 'none' {
  if (optOutType) return OPT_OUT_TYPES[optOutType.toUpperCase()] ?? 'none';
  const word = (body ?? '').trim().toLowerCase();
  if (TWILIO_OPT_OUT.includes(word) || (at >= TWILIO_REVOKE_OPTOUT_FROM && TWILIO_OPT_OUT_2025.includes(word))) return 'opt-out';
  if (TWILIO_OPT_IN.includes(word)) return 'opt-in';
  if (TWILIO_HELP.includes(word)) return 'help';
  return 'none';
}
