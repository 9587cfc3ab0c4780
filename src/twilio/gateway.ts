/** The narrow interface sync needs from the provider, and the URIs it asks for. */

export interface RawPage {
  messages: unknown[];
  nextPageUri: string | null;
}

export interface MessageGateway {
  readonly accountSid: string;
  /** API requests made, retries included. */
  readonly requests: number;
  /** Reads one Messages list page by its path-relative URI (`/2010-04-01/Accounts/…/Messages.json?…`). */
  listPage(uri: string): Promise<RawPage>;
  /** One message record, or null when the provider no longer has it. */
  fetchMessage(sid: string): Promise<unknown | null>;
}

export interface Credentials {
  accountSid: string;
  /** Account SID with an auth token, or an API key SID with its secret. */
  username: string;
  password: string;
  kind: 'auth-token' | 'api-key';
  apiBase: string | null;
}

/** A provider answer that is neither success nor retryable, e.g. 400 Invalid PageToken. */
export class ProviderError extends Error {
  constructor(readonly status: number, readonly code: number | null, message: string) { super(message); }
}

export const PAGE_SIZE = 1000;

export function messagesListUri(accountSid: string, filters: Record<string, string> = {}, pageSize = PAGE_SIZE): string {
  const q = new URLSearchParams(filters);
  q.set('PageSize', String(pageSize));
  return `/2010-04-01/Accounts/${accountSid}/Messages.json?${q.toString()}`;
}
