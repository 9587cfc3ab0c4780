/**
 * The bundled local Twilio-compatible provider: a real HTTP server on loopback serving the
 * Messages list and fetch endpoints with Basic auth, cursor paging, fault injection and state
 * changes. `demo`, the tests and the benchmarks all sync from it through the real SDK path.
 *
 * Control endpoints (no auth, loopback only): POST /__control with JSON
 * `{ "faults": {...}, "put": [message, ...] }`, GET /__stats.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { keyOf, type Dataset, type ProviderMessage } from './dataset.js';
import { noFaults, pickFault, updateFaults, type FaultSettings } from './faults.js';
import { envelope, parseListQuery, QueryError, selectPage } from './list-query.js';

export interface ProviderCredentials {
  accountSid: string;
  authToken: string;
  apiKey?: string;
  apiSecret?: string;
}

export interface ProviderStats {
  requests: number;
  list: number;
  fetch: number;
  unauthorized: number;
  faults: Record<string, number>;
  paths: string[];
}

export interface RunningProvider {
  url: string;
  port: number;
  faults: FaultSettings;
  stats: ProviderStats;
  data: Dataset;
  close(): Promise<void>;
}

function freshStats(): ProviderStats {
  return { requests: 0, list: 0, fetch: 0, unauthorized: 0, faults: { '429': 0, '500': 0, drop: 0, truncate: 0 }, paths: [] };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function twilioError(res: http.ServerResponse, status: number, code: number, message: string, headers?: Record<string, string>): void {
  send(res, status, { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status }, headers);
}

function authorized(header: string | undefined, creds: ProviderCredentials): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  const user = decoded.slice(0, i);
  const pass = decoded.slice(i + 1);
  if (user === creds.accountSid && pass === creds.authToken) return true;
  return Boolean(creds.apiKey && user === creds.apiKey && pass === creds.apiSecret);
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startProvider(data: Dataset, creds: ProviderCredentials, opts: { port?: number; faults?: Partial<FaultSettings> } = {}): Promise<RunningProvider> {
  const faults = noFaults();
  if (opts.faults) updateFaults(faults, opts.faults);
  const stats = freshStats();
  const apiRoot = `/2010-04-01/Accounts/${creds.accountSid}`;
  const listPath = `${apiRoot}/Messages.json`;
  const fetchPath = new RegExp(`^${apiRoot}/Messages/((?:SM|MM)[0-9a-fA-F]{32})\\.json$`);

  async function control(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/__stats') return send(res, 200, stats);
    let body: Record<string, unknown>;
    try { body = await readJson(req); } catch { return send(res, 400, { error: 'control body is not JSON' }); }
    if (body.resetStats) Object.assign(stats, freshStats());
    if (body.faults) {
      const problem = updateFaults(faults, body.faults as Record<string, unknown>);
      if (problem) return send(res, 400, { error: problem });
    }
    for (const m of (body.put as ProviderMessage[] | undefined) ?? []) data.put(m);
    send(res, 200, { ok: true, size: data.size });
  }

  function api(req: http.IncomingMessage, res: http.ServerResponse, url: URL): void {
    if (!authorized(req.headers.authorization, creds)) {
      stats.unauthorized++;
      return twilioError(res, 401, 20003, 'Authentication Error - invalid username');
    }
    stats.requests++;
    if (stats.paths.length < 200) stats.paths.push(url.pathname + url.search);
    const fault = pickFault(faults, stats.requests);
    if (fault !== 'none') stats.faults[fault]!++;
    if (fault === 'drop') { req.socket.destroy(); return; }
    if (fault === '429') return twilioError(res, 429, 20429, 'Too Many Requests', { 'retry-after': String(faults.retryAfter) });
    if (fault === '500') return twilioError(res, 500, 20500, 'Internal Server Error');

    let status = 200;
    let body: unknown;
    const single = fetchPath.exec(url.pathname);
    if (url.pathname === listPath && req.method === 'GET') {
      stats.list++;
      try {
        const q = parseListQuery(url.searchParams);
        let after = null;
        if (q.afterSid) {
          const m = data.get(q.afterSid);
          if (!m) throw new QueryError(21481, 'Invalid PageToken');
          after = keyOf(m);
        }
        const rows = selectPage(data, q, after, q.pageSize + 1);
        const hasMore = rows.length > q.pageSize;
        body = envelope(listPath, url.searchParams, q, rows.slice(0, q.pageSize), hasMore);
      } catch (e) {
        if (!(e instanceof QueryError)) throw e;
        status = 400;
        body = { code: e.code, message: e.message, more_info: `https://www.twilio.com/docs/errors/${e.code}`, status };
      }
    } else if (single && req.method === 'GET') {
      stats.fetch++;
      const m = data.get(single[1]!);
      if (m) body = m;
      else { status = 404; body = { code: 20404, message: `The requested resource ${url.pathname} was not found`, more_info: 'https://www.twilio.com/docs/errors/20404', status }; }
    } else {
      return twilioError(res, 404, 20404, `The requested resource ${url.pathname} was not found`);
    }
    if (fault === 'truncate') {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      res.socket?.destroy();
      return;
    }
    send(res, status, body, { 'twilio-request-id': 'RQ' + String(stats.requests).padStart(32, '0') });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith('/__')) {
      control(req, res, url).catch(() => send(res, 500, { error: 'control failed' }));
      return;
    }
    const go = () => {
      try { api(req, res, url); } catch { twilioError(res, 500, 20500, 'Internal Server Error'); }
    };
    if (faults.latencyMs > 0) setTimeout(go, faults.latencyMs);
    else go();
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    faults,
    stats,
    data,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}
