// The bare reference loop of SPEC §7: serial http GET + JSON.parse + one prepared upsert per
// message into the same messages table, in large transactions. No SDK, no validation, no
// status history, no overlap of fetching and writing. Prints one JSON line of figures.
import http from 'node:http';
import { openDatabase } from '../dist/store/db.js';

const [base, accountSid, token, dbPath] = process.argv.slice(2);
const agent = new http.Agent({ keepAlive: true });
const auth = 'Basic ' + Buffer.from(`${accountSid}:${token}`).toString('base64');

function get(path) {
  return new Promise((resolve, reject) => {
    http.get(base + path, { agent, headers: { authorization: auth, accept: 'application/json' } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      res.on('error', reject);
    }).on('error', reject);
  });
}

const db = openDatabase(dbPath);
const upsert = db.prepare(`INSERT INTO messages (sid, account_sid, direction, from_number, to_number, member, body, status,
  error_code, error_message, num_segments, num_media, price, price_unit, messaging_service_sid, date_created, date_sent,
  date_updated, first_status, first_error_code, first_seen_at, last_seen_at, checked_at, raw)
  VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
  ON CONFLICT(sid) DO UPDATE SET status=excluded.status, error_code=excluded.error_code, date_sent=excluded.date_sent,
  date_updated=excluded.date_updated, price=excluded.price, last_seen_at=excluded.last_seen_at, raw=excluded.raw`);
const writeAll = db.transaction((msgs, now) => {
  for (const m of msgs) {
    upsert.run(m.sid, m.account_sid, m.direction, m.from, m.to, m.direction === 'inbound' ? m.from : m.to, m.body, m.status,
      m.error_code, m.error_message, m.num_segments, m.num_media, m.price, m.price_unit, m.messaging_service_sid,
      m.date_created, m.date_sent, m.date_updated, m.status, m.error_code, now, now, now, JSON.stringify(m));
  }
});

const t0 = performance.now();
let uri = `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=1000`;
let pending = [];
let total = 0;
while (uri) {
  const page = await get(uri);
  pending.push(...page.messages);
  total += page.messages.length;
  if (pending.length >= 100_000) { writeAll(pending, new Date().toISOString()); pending = []; }
  uri = page.next_page_uri;
}
writeAll(pending, new Date().toISOString());
const seconds = (performance.now() - t0) / 1000;
db.close();
agent.destroy();
console.log(JSON.stringify({ messages: total, seconds, rate: total / seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
