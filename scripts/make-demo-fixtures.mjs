// Writes fixtures/twilio/demo/*.json: the recorded demo organization (Grace Fellowship), as
// Twilio Messages list pages. Deterministic: rerunning gives the same bytes. Numbers are in the
// fictional +1 202 555 01xx range; SIDs are md5 of a label, so they are well-formed and stable.
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

const AC = 'AC' + md5('grace-fellowship-account');
const MG = 'MG' + md5('grace-fellowship-service');
const ORG = '+12025550100';
const MEMBERS = Array.from({ length: 60 }, (_, i) => '+1202555' + String(101 + i).padStart(4, '0'));
const dir = new URL('../fixtures/twilio/demo/', import.meta.url);

function md5(s) { return createHash('md5').update(s).digest('hex'); }
function rfc(ms) { return new Date(ms).toUTCString().replace('GMT', '+0000'); }
const T = (iso) => Date.parse(iso);

const messages = [];
function add({ label, direction = 'outbound-api', from = ORG, to, body, status, created, sentAfter = 2, updatedAfter = 9, error = null, price = '-0.00830' }) {
  const sid = 'SM' + md5(label);
  const uri = `/2010-04-01/Accounts/${AC}/Messages/${sid}.json`;
  const dated = !['queued', 'accepted', 'scheduled', 'canceled'].includes(status) && !(status === 'failed' && error?.[0] === 30001);
  const inbound = direction === 'inbound';
  messages.push({
    account_sid: AC, api_version: '2010-04-01', body,
    date_created: rfc(created),
    date_sent: dated ? rfc(created + sentAfter * 1000) : null,
    date_updated: rfc(created + updatedAfter * 1000),
    direction,
    error_code: error ? error[0] : null,
    error_message: error ? error[1] : null,
    from, messaging_service_sid: inbound ? null : MG,
    num_media: '0', num_segments: String(body.length > 160 ? Math.ceil(body.length / 153) : 1),
    price: status === 'failed' || !dated ? null : inbound ? '-0.00790' : price,
    price_unit: 'USD', sid, status,
    subresource_uris: { media: uri.replace('.json', '/Media.json'), feedback: uri.replace('.json', '/Feedback.json') },
    to, uri,
  });
  return sid;
}

const BROADCASTS = [
  ['2026-11-06T17:00:00Z', 'Grace Fellowship: Choir practice moves to 7pm this Thursday. Reply STOP to opt out.'],
  ['2026-11-10T15:30:00Z', 'Grace Fellowship: Food bank volunteers meet Saturday 9am at the hall. Reply STOP to opt out.'],
  ['2026-11-14T16:00:00Z', 'Grace Fellowship: Thanksgiving dinner sign-up closes Tuesday. Reply STOP to opt out.'],
  ['2026-11-18T18:00:00Z', 'Grace Fellowship: Youth group trip forms are due Sunday. Reply HELP for help, STOP to opt out.'],
  ['2026-11-21T14:00:00Z', 'Grace Fellowship: Coat drive this weekend, drop-off at the side door.'],
  ['2026-11-25T17:00:00Z', 'Grace Fellowship: Advent wreath workshop Saturday 10am. Reply STOP to opt out.'],
  ['2026-11-29T15:00:00Z', 'Grace Fellowship: Christmas pageant rehearsal Sunday after service. Reply STOP to opt out.'],
  ['2026-12-02T16:00:00Z', 'Grace Fellowship: Carol singing Friday 6pm, meet at the church steps. Reply STOP to opt out.'],
];
const UNDELIVERED = [[30003, 'Unreachable destination handset'], [30005, 'Unknown destination handset'], [30006, 'Landline or unreachable carrier'], [30007, 'Message filtered'], [30008, 'Unknown error']];
const optedOutAfter = new Map(); // member index → broadcast index from which sends stop
const stops = [[6, 0, 'STOP'], [11, 1, 'Stop.'], [14, 2, 'OPT OUT'], [17, 3, 'stopall'], [20, 4, 'REVOKE']];
for (const [m, b] of stops) optedOutAfter.set(m, b + 1);

BROADCASTS.forEach(([at, body], b) => {
  const t0 = T(at);
  MEMBERS.forEach((to, m) => {
    // member 11 keeps getting one broadcast after "Stop." — the audit's send-after-optout.
    const stopFrom = optedOutAfter.get(m);
    // member 6 texted START on 11-20, so broadcasts resume from the 11-21 one.
    const resubscribed = m === 6 && b >= 4;
    if (stopFrom !== undefined && b >= stopFrom && !(m === 11 && b === stopFrom) && !resubscribed) return;
    const created = t0 + m * 1500;
    const label = `broadcast-${b}-${m}`;
    if (m === 44 && b >= 2) return add({ label, to, body, status: 'failed', created, error: [21610, 'Attempt to send to unsubscribed recipient'] });
    if (m === 52) return add({ label, to, body, status: b % 2 ? 'undelivered' : 'failed', created, error: b % 2 ? UNDELIVERED[2] : [21614, "'To' number is not a valid mobile number"] });
    if (m === 53 && b > 3) return add({ label, to, body, status: 'undelivered', created, error: UNDELIVERED[1] });
    if (b === 7 && m >= 50) return add({ label, to, body, status: m % 3 ? 'sent' : 'sending', created, updatedAfter: 3 });
    if ((m * 7 + b) % 23 === 0) return add({ label, to, body, status: 'undelivered', created, error: UNDELIVERED[(m + b) % UNDELIVERED.length] });
    if ((m * 5 + b) % 41 === 0) return add({ label, to, body, status: 'failed', created, error: [30034, 'US A2P 10DLC - Message from an unregistered number'] });
    if ((m + b) % 37 === 0) return add({ label, to, body, status: 'sent', created });
    add({ label, to, body, status: 'delivered', created });
  });
});

function inbound(label, m, iso, body) {
  return add({ label, direction: 'inbound', from: MEMBERS[m], to: ORG, body, status: 'received', created: T(iso), sentAfter: 0, updatedAfter: 0 });
}
function reply(label, m, iso, body, status = 'delivered') {
  return add({ label, direction: 'outbound-reply', to: MEMBERS[m], body, status, created: T(iso) });
}
const CONFIRM = 'Grace Fellowship: you are unsubscribed and will receive no more messages. Reply START to resubscribe.';
inbound('in-stop-6', 6, '2026-11-06T17:05:12Z', 'STOP');
reply('confirm-6', 6, '2026-11-06T17:05:14Z', CONFIRM);
inbound('in-stop-11', 11, '2026-11-10T15:41:00Z', 'Stop.');
reply('confirm-11', 11, '2026-11-10T15:49:30Z', CONFIRM);
inbound('in-optout-14', 14, '2026-11-14T16:22:00Z', 'OPT OUT');
inbound('in-stopall-17', 17, '2026-11-18T18:03:40Z', 'stopall');
reply('confirm-17', 17, '2026-11-18T18:03:42Z', CONFIRM);
inbound('in-revoke-20', 20, '2026-11-21T14:10:05Z', 'REVOKE');
reply('confirm-20', 20, '2026-11-21T14:10:07Z', CONFIRM);
inbound('in-start-6', 6, '2026-11-20T09:15:00Z', 'START');
reply('optin-6', 6, '2026-11-20T09:15:02Z', 'Grace Fellowship: you are subscribed again. Reply HELP for help, STOP to opt out.');
inbound('in-revocation-24', 24, '2026-11-25T17:20:00Z', 'Please stop texting me, I moved away');
inbound('in-removeme-27', 27, '2026-11-29T15:31:00Z', 'take me off this list please');
inbound('in-help-30', 30, '2026-11-18T18:10:00Z', 'HELP');
reply('help-30', 30, '2026-11-18T18:10:02Z', 'Grace Fellowship: texts about church events. Call 202-555-0100 for help. Reply STOP to opt out.');
inbound('in-bus-33', 33, '2026-11-10T16:02:00Z', 'we have to stop the bus at 5 for the volunteers');
inbound('in-question-35', 35, '2026-11-14T16:40:00Z', 'Can I bring my neighbour to the dinner?');
inbound('in-question-38', 38, '2026-11-25T18:01:00Z', 'What time does it end?');
inbound('in-thanks-41', 41, '2026-12-02T16:12:00Z', 'Thanks! See you Friday');
inbound('in-yes-46', 46, '2026-11-29T15:20:00Z', 'Yes');
// A scheduled reminder not yet sent, one canceled, one still queued: no date_sent.
add({ label: 'scheduled-reminder', to: MEMBERS[2], body: 'Grace Fellowship: reminder, carols tomorrow 6pm. Reply STOP to opt out.', status: 'scheduled', created: T('2026-12-03T20:00:00Z') });
add({ label: 'canceled-reminder', to: MEMBERS[3], body: 'Grace Fellowship: reminder, carols tomorrow 6pm. Reply STOP to opt out.', status: 'canceled', created: T('2026-12-03T20:00:05Z') });
add({ label: 'queued-welcome', to: MEMBERS[59], body: 'Welcome to Grace Fellowship texts! Reply STOP to opt out.', status: 'queued', created: T('2026-12-03T21:30:00Z') });
add({ label: 'accepted-welcome', to: MEMBERS[58], body: 'Welcome to Grace Fellowship texts! Reply STOP to opt out.', status: 'accepted', created: T('2026-12-03T21:30:04Z') });
add({ label: 'queue-overflow', to: MEMBERS[57], body: 'Grace Fellowship: Coat drive this weekend.', status: 'failed', created: T('2026-11-21T14:05:00Z'), error: [30001, 'Queue overflow'] });

// Provider order: undated first (newest created first), then date_sent descending.
const key = (m) => (m.date_sent ? [1, -Date.parse(m.date_sent)] : [0, -Date.parse(m.date_created)]);
messages.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1] || (a.sid < b.sid ? -1 : 1));

rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const PAGE = 100;
const base = `/2010-04-01/Accounts/${AC}/Messages.json`;
for (let p = 0; p * PAGE < messages.length; p++) {
  const items = messages.slice(p * PAGE, (p + 1) * PAGE);
  const more = (p + 1) * PAGE < messages.length;
  const q = (n, tok) => `${base}?PageSize=${PAGE}&Page=${n}` + (tok ? `&PageToken=${tok}` : '');
  const page = {
    end: p * PAGE + items.length - 1, first_page_uri: q(0), messages: items,
    next_page_uri: more ? q(p + 1, 'PA' + items.at(-1).sid) : null,
    page: p, page_size: PAGE,
    previous_page_uri: p > 0 ? q(p - 1, 'PB' + items[0].sid) : null,
    start: p * PAGE, uri: q(p, p > 0 ? 'PA' + messages[p * PAGE - 1].sid : null),
  };
  writeFileSync(new URL(`messages-page-${String(p).padStart(2, '0')}.json`, dir), JSON.stringify(page, null, 2) + '\n');
}
writeFileSync(new URL('account.json', dir), JSON.stringify({ accountSid: AC, messagingServiceSid: MG, organization: 'Grace Fellowship', sender: ORG }, null, 2) + '\n');
console.log(`${messages.length} messages in ${Math.ceil(messages.length / PAGE)} pages, account ${AC}`);
