// npm run bench: the SPEC §7 figures, each with its reference measured in the same run.
// BENCH_MESSAGES (default 1,000,000), BENCH_RUNS (default 3) and BENCH_ONLY (comma list of
// sections: sync,incremental,latency,optouts,startup) scale it down for a quick look;
// BENCH_EXPORT_ROWS (default 1,000,000) sizes the export case.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/sms-ops.js');
const N = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const ONLY = process.env.BENCH_ONLY?.split(',');
const TOKEN = 'bench-' + Math.random().toString(16).slice(2);
const work = mkdtempSync(join(tmpdir(), 'sms-ops-bench-'));
const results = [];

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const log = (s) => process.stderr.write(s + '\n');
function record(name, value, unit, reference, refName, bar) {
  const ratio = reference ? value / reference : null;
  results.push({ name, value, unit, reference, refName, ratio, bar });
  log(`  ${name}: ${fmt(value, unit === 's' || unit === 'ms' ? 2 : 0)} ${unit}` + (reference ? ` vs ${refName} ${fmt(reference, 2)} → ratio ${fmt(ratio, 2)}` : '') + (bar ? `  [bar: ${bar}]` : ''));
}

function startProvider(args) {
  return new Promise((resolve, reject) => {
    const child = spawn('node', [BIN, 'provider', 'serve', ...args], { env: { ...process.env, TWILIO_AUTH_TOKEN: TOKEN }, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.once('data', (d) => resolve({ ...JSON.parse(String(d).split('\n')[0]), stop: () => child.kill('SIGTERM') }));
    child.once('error', reject);
  });
}

/** Runs sms-ops in its own process; returns wall seconds, peak RSS (MB), exit code and stdout. */
function sms(args, provider, extraEnv = {}) {
  const rssFile = join(work, 'rss-' + Math.random().toString(16).slice(2));
  const env = { ...process.env, TWILIO_ACCOUNT_SID: provider.accountSid, TWILIO_AUTH_TOKEN: TOKEN, SMS_OPS_API_BASE: provider.url, BENCH_RSS_OUT: rssFile, NO_COLOR: '1', ...extraEnv };
  const t0 = performance.now();
  const r = spawnSync('node', ['--import', join(ROOT, 'bench/rss-probe.mjs'), BIN, ...args], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const seconds = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`sms-ops ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { seconds, rssMB: Number(readFileSync(rssFile, 'utf8')), stdout: r.stdout, stderr: r.stderr };
}

function reference(provider, db) {
  const r = spawnSync('node', [join(ROOT, 'bench/reference.mjs'), provider.url, provider.accountSid, TOKEN, db], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error('reference failed: ' + r.stderr);
  return JSON.parse(r.stdout);
}

const fresh = (name) => { const p = join(work, name); for (const s of ['', '-wal', '-shm']) rmSync(p + s, { force: true }); return p; };

async function syncSection() {
  log(`\nFull sync of ${fmt(N)} messages from the local provider (separate process, loopback), ${RUNS} runs each, medians:`);
  const provider = await startProvider(['--synthetic', String(N), '--days', '100', '--undated', '200']);
  const ref = [], ours = [], rss = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const r = reference(provider, fresh('reference.db'));
      ref.push(r.rate);
      const db = fresh('sync.db');
      const s = sms(['--db', db, 'sync', '--full', '--json'], provider);
      const summary = JSON.parse(s.stdout);
      if (summary.messagesNew !== N) throw new Error(`sync stored ${summary.messagesNew}, expected ${N}`);
      ours.push(N / s.seconds);
      rss.push(s.rssMB);
      log(`    run ${i + 1}: reference ${fmt(r.rate)} msg/s (${fmt(r.maxRssMB)} MB), sms-ops ${fmt(N / s.seconds)} msg/s in ${fmt(s.seconds, 1)} s (${fmt(s.rssMB)} MB)`);
    }
    record('full sync throughput', median(ours), 'msg/s', median(ref), 'bare reference loop', '≥ 0.7×');
    record('full sync peak RSS', Math.max(...rss), 'MB', null, null, '< 300 MB');
    if (!ONLY || ONLY.includes('incremental')) incrementalSection(provider);
  } finally {
    provider.stop();
  }
}

function incrementalSection(provider) {
  log(`\nNo-change incremental sync over the ${fmt(N)}-message store (5 runs each, medians):`);
  const db = join(work, 'sync.db');
  for (const recheck of ['24h', '72h', '168h']) {
    const times = [];
    let summary;
    for (let i = 0; i < 5; i++) {
      const s = sms(['--db', db, 'sync', '--json', '--recheck', recheck], provider);
      times.push(s.seconds);
      summary = JSON.parse(s.stdout);
    }
    if (summary.messagesNew !== 0) throw new Error('a no-change sync added messages');
    record(`incremental, --recheck ${recheck} (${summary.pages} pages, ${summary.requests} requests)`, median(times), 's', null, null, recheck === '72h' ? '< 2 s' : 'proportional to the window');
  }
}

async function latencySection() {
  const total = 200_000;
  log(`\n200 ms added latency per request, ${fmt(total)} messages over 100 days (1 run each):`);
  // Ending at the last second of yesterday (UTC), so that each of the 100 days holds exactly 2,000.
  const end = new Date(Math.floor(Date.now() / 86_400_000) * 86_400_000 - 1000).toISOString();
  const provider = await startProvider(['--synthetic', String(total), '--days', '100', '--latency', '200', '--end', end]);
  try {
    const serial = reference(provider, '-');
    const s = sms(['--db', fresh('latency.db'), 'sync', '--full', '--json'], provider);
    record('sync with 200 ms latency', s.seconds, 's', null, null, null);
    record('serial paging (fetch + parse only)', serial.seconds, 's', null, null, null);
    results.push({ name: 'latency speed-up', ratio: serial.seconds / s.seconds, bar: '≥ 3×' });
    log(`  speed-up over serial paging: ${fmt(serial.seconds / s.seconds, 2)}×  [bar: ≥ 3×]`);
  } finally {
    provider.stop();
  }
}

// Distinct NANP numbers in E.164 that pass the structural fast path: area [2-8][0-8]X, not N11.
const AREAS = [];
const EXCHANGES = [];
for (let a = 200; a < 900; a++) if (Math.floor(a / 10) % 10 !== 9 && a % 100 !== 11) AREAS.push(a);
for (let x = 200; x < 1000; x++) if (x % 100 !== 11) EXCHANGES.push(x);
function phoneAt(i) {
  const rest = Math.floor(i / AREAS.length);
  return `+1${AREAS[i % AREAS.length]}${EXCHANGES[rest % EXCHANGES.length]}${String(Math.floor(rest / EXCHANGES.length) % 10000).padStart(4, '0')}`;
}

function writeCsv(path, rows, header, line) {
  let buf = header + '\n';
  const chunks = [];
  for (let i = 0; i < rows; i++) {
    buf += line(i) + '\n';
    if (buf.length > 1 << 20) { chunks.push(buf); buf = ''; }
  }
  chunks.push(buf);
  writeFileSync(path, chunks.join(''));
}

function optoutsSection() {
  const recipients = 1_000_000, optouts = 100_000, exportRows = Number(process.env.BENCH_EXPORT_ROWS ?? 1_000_000);
  log(`\noptouts: filter ${fmt(recipients)} recipients against ${fmt(optouts)} opt-outs; export ${fmt(exportRows)} rows (${RUNS} runs, medians):`);
  const env = { SMS_OPS_DB: join(work, 'nosms.db') };
  const fake = { accountSid: 'AC' + '0'.repeat(32), url: 'http://127.0.0.1:9' };
  const list = join(work, 'nosms.csv');
  writeCsv(list, optouts, 'phone,member_id', (i) => `${phoneAt(i * 10)},M${i}`);
  const imp = sms(['optouts', 'import', list], fake, env);
  record('import of 100,000 opt-outs', optouts / imp.seconds, 'rows/s', null, null, null);
  const recipientsCsv = join(work, 'recipients.csv');
  writeCsv(recipientsCsv, recipients, 'name,phone,group', (i) => `Member ${i},${phoneAt(i)},g${i % 7}`);
  const times = [], rss = [];
  for (let i = 0; i < RUNS; i++) {
    const r = sms(['optouts', 'filter', recipientsCsv, '--out', join(work, 'send.csv'), '--rejected', join(work, 'rejected.csv')], fake, env);
    if (!/kept 900000, rejected 100000/.test(r.stderr)) throw new Error('filter counts are wrong: ' + r.stderr);
    times.push(r.seconds); rss.push(r.rssMB);
  }
  record('optouts filter', recipients / median(times), 'rows/s', null, null, '≥ 300,000 rows/s');
  record('optouts filter peak RSS', Math.max(...rss), 'MB', null, null, '< 200 MB');

  const bigEnv = { SMS_OPS_DB: join(work, 'nosms-big.db') };
  const bigList = join(work, 'nosms-big.csv');
  writeCsv(bigList, exportRows, 'phone,member_id,note', (i) => `${phoneAt(i)},M${i},=cell ${i}`);
  const bigImp = sms(['optouts', 'import', bigList], fake, bigEnv);
  record(`import of ${fmt(exportRows)} opt-outs`, exportRows / bigImp.seconds, 'rows/s', null, null, null);
  const et = [], erss = [];
  for (let i = 0; i < RUNS; i++) {
    const r = sms(['optouts', 'export', '--out', join(work, 'export.csv')], fake, bigEnv);
    et.push(r.seconds); erss.push(r.rssMB);
  }
  record('optouts export (CSV)', exportRows / median(et), 'rows/s', null, null, '≥ 300,000 rows/s');
  record('optouts export peak RSS', Math.max(...erss), 'MB', null, null, '< 200 MB');
  return env;
}

function startupSection(nosmsEnv) {
  log('\nStart-up (20 runs each after 3 warm-ups, median wall ms):');
  const time = (args) => {
    const xs = [];
    for (let i = 0; i < 23; i++) {
      const t0 = performance.now();
      const r = spawnSync('node', args, { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      if (i >= 3) xs.push(performance.now() - t0);
      if (r.status !== 0 && !args.includes('check')) throw new Error(`${args.join(' ')}: ${r.stderr}`);
    }
    return median(xs);
  };
  const bare = time(['-e', '0']);
  record('node -e 0', bare, 'ms', null, null, null);
  record('sms-ops --version', time([BIN, '--version']), 'ms', bare, 'node -e 0', '< 150 ms');
  record('sms-ops --help', time([BIN, '--help']), 'ms', bare, 'node -e 0', null);
  if (nosmsEnv) {
    process.env.SMS_OPS_DB = nosmsEnv.SMS_OPS_DB;
    record('sms-ops optouts check <n> (100k list)', time([BIN, 'optouts', 'check', phoneAt(5)]), 'ms', bare, 'node -e 0', '< 150 ms');
    record('sms-ops optouts check <national n>', time([BIN, 'optouts', 'check', '(202) 555-0107']), 'ms', bare, 'node -e 0', null);
  }
}

try {
  if (!ONLY || ONLY.includes('sync')) await syncSection();
  if (!ONLY || ONLY.includes('latency')) await latencySection();
  const nosmsEnv = !ONLY || ONLY.includes('optouts') ? optoutsSection() : null;
  if (!ONLY || ONLY.includes('startup')) startupSection(nosmsEnv);
} finally {
  rmSync(work, { recursive: true, force: true });
}
mkdirSync(join(ROOT, 'bench/out'), { recursive: true });
writeFileSync(join(ROOT, 'bench/out/last.json'), JSON.stringify({ at: new Date().toISOString(), messages: N, runs: RUNS, results }, null, 2) + '\n');
log('\nwritten to bench/out/last.json');
