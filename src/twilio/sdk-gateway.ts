/**
 * The only module that loads the `twilio` SDK. Every request goes through the SDK's client
 * (auth, user agent, edge/region handling) and its RequestClient; `SMS_OPS_API_BASE` is applied
 * by a RequestClient subclass that rewrites https://*.twilio.com to the base URL.
 *
 * Pages are read with `client.request` rather than `messages.page()`: MessageInstance building
 * (dayjs dates) costs ~2.7× the whole transport and drops the raw record the store keeps.
 */
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import { AuthError, TemporaryError } from '../errors.js';
import { ProviderError, type Credentials, type MessageGateway, type RawPage } from './gateway.js';
import { DEFAULT_RETRY, isRetryableStatus, retryDelay, sleep, type RetryPolicy } from './retry.js';

const TWILIO_ORIGIN = /^https:\/\/[^/]*\.twilio\.com/;
const API_ORIGIN = 'https://api.twilio.com';

class BaseUrlRequestClient extends twilio.RequestClient {
  constructor(private readonly base: string | null, opts?: RequestClient.RequestClientOptions) { super(opts); }
  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    return super.request<TData>(this.base ? { ...opts, uri: opts.uri.replace(TWILIO_ORIGIN, this.base) } : opts);
  }
}

interface SdkResponse { statusCode: number; body: unknown; headers: Record<string, unknown> }

export class SdkGateway implements MessageGateway {
  requests = 0;
  readonly accountSid: string;
  private readonly client: ReturnType<typeof twilio>;

  constructor(creds: Credentials, private readonly retry: RetryPolicy = DEFAULT_RETRY) {
    this.accountSid = creds.accountSid;
    const base = creds.apiBase ? creds.apiBase.replace(/\/+$/, '') : null;
    this.client = twilio(creds.username, creds.password, {
      accountSid: creds.accountSid,
      httpClient: new BaseUrlRequestClient(base, { timeout: 30_000, keepAlive: true }),
    });
  }

  async listPage(uri: string): Promise<RawPage> {
    const body = await this.get(uri, false);
    const page = body as { messages?: unknown; next_page_uri?: unknown };
    return { messages: page.messages as unknown[], nextPageUri: (page.next_page_uri as string | null) ?? null };
  }

  async fetchMessage(sid: string): Promise<unknown | null> {
    return this.get(`/2010-04-01/Accounts/${this.accountSid}/Messages/${sid}.json`, true);
  }

  private async get(path: string, allowNotFound: boolean): Promise<unknown> {
    let lastProblem = '';
    let wait = 0;
    for (let attempt = 0; attempt < this.retry.attempts; attempt++) {
      if (attempt > 0) await sleep(wait);
      this.requests++;
      let res: SdkResponse;
      try {
        res = (await this.client.request({ method: 'get', uri: API_ORIGIN + path })) as SdkResponse;
      } catch (e) {
        lastProblem = `connection failed (${(e as { code?: string }).code ?? (e as Error).message})`;
        wait = retryDelay(this.retry, attempt, undefined);
        continue;
      }
      if (res.statusCode === 401 || res.statusCode === 403) {
        throw new AuthError(`the provider rejected the credentials (HTTP ${res.statusCode}); check TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN (or TWILIO_API_KEY/TWILIO_API_SECRET), or the profile's credentials`);
      }
      if (res.statusCode === 404 && allowNotFound) return null;
      if (isRetryableStatus(res.statusCode)) {
        lastProblem = `HTTP ${res.statusCode}`;
        wait = retryDelay(this.retry, attempt, res.headers['retry-after']);
        continue;
      }
      const body = res.body;
      if (res.statusCode !== 200) {
        const err = body as { code?: number; message?: string } | null;
        throw new ProviderError(res.statusCode, err?.code ?? null, `provider answered HTTP ${res.statusCode}${err?.message ? `: ${err.message}` : ''}`);
      }
      if (typeof body !== 'object' || body === null || (!allowNotFound && !Array.isArray((body as { messages?: unknown }).messages))) {
        lastProblem = 'incomplete response body';
        wait = retryDelay(this.retry, attempt, undefined);
        continue;
      }
      return body;
    }
    throw new TemporaryError(`the provider stayed unavailable after ${this.retry.attempts} attempts (last: ${lastProblem}); what was saved is kept, try again later`);
  }
}
