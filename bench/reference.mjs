// The bare reference loop of SPEC §7: serial http GET + JSON.parse + one prepared upsert per
// message in large transactions, into the plain 18-column table (3 secondary indexes) that the
// spec's "60–70k messages/s" figure was measured with. No SDK, no validation, no raw record,
// no status history, no overlap of fetching and writing. Prints one JSON line of figures.
// Usage: node bench/reference.mjs <baseUrl> <accountSid> <token> <db|-> (- = fetch and parse only)
import http from 'node:http';
import Database from 'better-sqlite3';

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

let writeAll = () => {};
let db;
if (dbPath !== '-') {
  db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE TABLE IF NOT EXISTS messages (sid TEXT PRIMARY KEY, account_sid TEXT, messaging_service_sid TEXT, direction TEXT,
    status TEXT, "from" TEXT, "to" TEXT, body TEXT, num_segments TEXT, num_media TEXT, price TEXT, price_unit TEXT,
    error_code INTEGER, error_message TEXT, date_created TEXT, date_sent TEXT, date_updated TEXT, synced_at TEXT);
    CREATE INDEX IF NOT EXISTS m_status ON messages(status); CREATE INDEX IF NOT EXISTS m_to ON messages("to");
    CREATE INDEX IF NOT EXISTS m_date_sent ON messages(date_sent);`);
  const upsert = db.prepare(`INSERT INTO messages VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
    ON CONFLICT(sid) DO UPDATE SET status=excluded.status, error_code=excluded.error_code, error_message=excluded.error_message,
    price=excluded.price, date_sent=excluded.date_sent, date_updated=excluded.date_updated, synced_at=excluded.synced_at`);
  writeAll = db.transaction((msgs, now) => {
    for (const m of msgs) {
      upsert.run(m.sid, m.account_sid, m.messaging_service_sid, m.direction, m.status, m.from, m.to, m.body, m.num_segments,
        m.num_media, m.price, m.price_unit, m.error_code, m.error_message, m.date_created, m.date_sent, m.date_updated, now);
    }
  });
}

const t0 = performance.now();
let uri = `/2010-04-01/Accounts/${accountSid}/Messages.json?PageSize=1000`;
let pending = [];
let total = 0;
let requests = 0;
while (uri) {
  const page = await get(uri);
  requests++;
  pending.push(...page.messages);
  total += page.messages.length;
  if (pending.length >= 100_000) { writeAll(pending, new Date().toISOString()); pending = []; }
  uri = page.next_page_uri;
}
writeAll(pending, new Date().toISOString());
const seconds = (performance.now() - t0) / 1000;
db?.close();
agent.destroy();
console.log(JSON.stringify({ messages: total, requests, seconds, rate: total / seconds, maxRssMB: process.resourceUsage().maxRSS / 1024 }));
