// The local provider and the recorded fixtures must have Twilio's real shapes: checked against
// the Message and ListMessageResponse schemas taken from Twilio's OpenAPI spec (twilio_api_v2010.json).
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FIXTURES } from '../../src/provider/fixtures.js';
import { demoProvider, syntheticProvider, TOKEN, type TestProvider } from '../helpers/provider.js';

const schema = JSON.parse(readFileSync(new URL('../fixtures/twilio-message-schema.json', import.meta.url), 'utf8'));
const RFC2822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0000$/;

/** Checks a value against the subset of OpenAPI schema keywords the Message schema uses. */
function violations(value: unknown, s: any, path: string): string[] {
  if (s.$ref) { const name = s.$ref.split('/').pop(); s = name === 'api.v2010.account.message' ? schema.message : schema[name]; }
  if (value === null) return s.nullable ? [] : [`${path} is null`];
  const out: string[] = [];
  const t = s.type;
  if (t === 'string' && typeof value !== 'string') return [`${path} is not a string`];
  if (t === 'integer' && !Number.isInteger(value)) return [`${path} is not an integer`];
  if (t === 'object' && (typeof value !== 'object' || Array.isArray(value))) return [`${path} is not an object`];
  if (t === 'array' && !Array.isArray(value)) return [`${path} is not an array`];
  if (s.enum && !s.enum.includes(value)) out.push(`${path} ${JSON.stringify(value)} not in enum`);
  if (s.pattern && !new RegExp(s.pattern).test(value as string)) out.push(`${path} does not match ${s.pattern}`);
  if (s.format === 'date-time-rfc-2822' && !RFC2822.test(value as string)) out.push(`${path} is not RFC 2822`);
  if (s.format === 'uri' && !String(value).startsWith('/2010-04-01/')) out.push(`${path} is not a relative API uri`);
  if (s.properties) {
    for (const [k, sub] of Object.entries<any>(s.properties)) {
      if (!(k in (value as object))) { out.push(`${path}.${k} is missing`); continue; }
      out.push(...violations((value as any)[k], sub, `${path}.${k}`));
    }
    for (const k of Object.keys(value as object)) if (!(k in s.properties)) out.push(`${path}.${k} is not in the schema`);
  }
  if (s.items) (value as unknown[]).forEach((v, i) => out.push(...violations(v, s.items, `${path}[${i}]`)));
  return out;
}

function get(p: TestProvider, path: string, token = TOKEN) {
  return fetch(p.url + path, { headers: { authorization: 'Basic ' + Buffer.from(`${p.accountSid}:${token}`).toString('base64') } });
}

describe('recorded fixtures', () => {
  const files = readdirSync(DEMO_FIXTURES).filter((f) => f.startsWith('messages-page-'));
  it.each(files)('%s is a valid Twilio Messages list page', (f) => {
    const page = JSON.parse(readFileSync(`${DEMO_FIXTURES}/${f}`, 'utf8'));
    expect(violations(page, schema.list, 'page')).toEqual([]);
  });

  it('covers every outbound status, inbound replies, and realistic error codes', () => {
    const msgs = files.flatMap((f) => JSON.parse(readFileSync(`${DEMO_FIXTURES}/${f}`, 'utf8')).messages);
    const statuses = new Set(msgs.map((m: any) => m.status));
    for (const s of ['accepted', 'scheduled', 'queued', 'sending', 'sent', 'delivered', 'undelivered', 'failed', 'canceled', 'received']) expect(statuses).toContain(s);
    const codes = new Set(msgs.map((m: any) => m.error_code).filter(Boolean));
    for (const c of [21610, 30003, 30005, 30006, 30007, 30008]) expect(codes).toContain(c);
    const bodies = msgs.filter((m: any) => m.direction === 'inbound').map((m: any) => m.body);
    for (const b of ['STOP', 'START', 'HELP', 'Stop.', 'OPT OUT', 'stopall', 'REVOKE']) expect(bodies).toContain(b);
  });
});

describe('local provider responses', () => {
  let demo: TestProvider;
  let synth: TestProvider;
  beforeAll(async () => { demo = await demoProvider(); synth = await syntheticProvider({ total: 3_000, days: 3, undated: 5 }); });
  afterAll(async () => { await demo.close(); await synth.close(); });

  it.each(['demo', 'synthetic'])('%s list pages and single messages match the schema', async (which) => {
    const p = which === 'demo' ? demo : synth;
    const page = await (await get(p, `/2010-04-01/Accounts/${p.accountSid}/Messages.json?PageSize=1000`)).json();
    expect(violations(page, schema.list, 'page')).toEqual([]);
    const one = await (await get(p, `/2010-04-01/Accounts/${p.accountSid}/Messages/${page.messages[3].sid}.json`)).json();
    expect(violations(one, schema.message, 'message')).toEqual([]);
  });

  it('pages newest first with a PageToken cursor and repeats the filters in next_page_uri', async () => {
    const first = await (await get(synth, `/2010-04-01/Accounts/${synth.accountSid}/Messages.json?PageSize=1000`)).json();
    expect(first.messages.slice(0, 5).every((m: any) => m.date_sent === null)).toBe(true);
    expect(first.next_page_uri).toMatch(new RegExp(`Page=1&PageToken=PA${first.messages.at(-1).sid}$`));
    const day = new Date().toISOString().slice(0, 10);
    const filtered = await (await get(synth, `/2010-04-01/Accounts/${synth.accountSid}/Messages.json?DateSent%3E=${day}&PageSize=50`)).json();
    expect(filtered.next_page_uri).toContain(`DateSent%3E=${day}`);
    const sent = filtered.messages.map((m: any) => Date.parse(m.date_sent));
    expect(sent).toEqual([...sent].sort((a, b) => b - a));
    expect(sent.every((t: number) => t >= Date.parse(day))).toBe(true);
  });

  it('filters by To and From, and answers 401 for a wrong token and 404 for an unknown message', async () => {
    const page = await (await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages.json?To=%2B12025550107&PageSize=1000`)).json();
    expect(page.messages.length).toBeGreaterThan(1);
    expect(page.messages.every((m: any) => m.to === '+12025550107')).toBe(true);
    const denied = await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages.json`, 'nope');
    expect(denied.status).toBe(401);
    expect((await denied.json()).code).toBe(20003);
    const missing = await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages/SM${'0'.repeat(32)}.json`);
    expect(missing.status).toBe(404);
  });

  it('rejects an invalid PageToken with error 21481', async () => {
    const r = await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages.json?PageToken=garbage`);
    expect(r.status).toBe(400);
    expect((await r.json()).code).toBe(21481);
  });

  it('takes fault settings and new messages over HTTP, and refuses bad control input', async () => {
    const control = (body: unknown) => fetch(`${demo.url}/__control`, { method: 'POST', body: JSON.stringify(body) });
    expect((await control({ faults: { next429: 1, retryAfter: 7 } })).status).toBe(200);
    const limited = await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages.json`);
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    expect((await limited.json()).code).toBe(20429);
    const page = await (await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages.json?PageSize=1`)).json();
    const added = { ...page.messages[0], sid: 'SM' + 'e'.repeat(32), body: 'late reply' };
    expect((await control({ put: [added] })).status).toBe(200);
    const one = await (await get(demo, `/2010-04-01/Accounts/${demo.accountSid}/Messages/${added.sid}.json`)).json();
    expect(one.body).toBe('late reply');
    expect((await control({ faults: { every429: -1 } })).status).toBe(400);
    expect((await control({ faults: { explode: 1 } })).status).toBe(400);
    expect((await fetch(`${demo.url}/__stats`)).status).toBe(200);
  });
});
