/**
 * Reading CSV lists (CMS NoSMS exports, recipient files) as streams: refuses binary files, strips
 * a UTF-8 BOM, detects `,` `;` or tab, accepts CRLF, quoted fields and blank lines, and keeps each
 * record's physical line number (the header is line 1; blank lines count) and its original text.
 */
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { parse } from 'csv-parse';
import { UsageError } from './errors.js';

export interface CsvRecord { line: number; fields: string[]; raw: string }

export interface CsvSource {
  name: string;
  header: string[];
  headerRaw: string;
  delimiter: string;
  eol: string;
  /** The records after the header, in batches of whatever the parser has ready (per-record awaits cost more than the parsing). */
  batches: AsyncGenerator<CsvRecord[]>;
}

const DELIMITERS: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\\t': '\t', '\t': '\t', tab: '\t' };

export function parseDelimiter(value: string): string {
  const d = DELIMITERS[value];
  if (!d) throw new UsageError(`--delimiter must be one of ",", ";" or "tab"; got "${value}"`);
  return d;
}

async function sniff(path: string): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `${path}: no such file` : code === 'EISDIR' ? `${path} is a directory, not a CSV file` : `cannot read ${path}: ${(e as Error).message}`);
  }
  try {
    const buf = Buffer.alloc(65_536);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    return buf.subarray(0, bytesRead);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'EISDIR' ? `${path} is a directory, not a CSV file` : `cannot read ${path}: ${(e as Error).message}`);
  } finally {
    await fh.close();
  }
}

function looksBinary(head: Buffer): boolean {
  if (head.includes(0)) return true;
  // Cut at the last newline so a multi-byte character split by the 64 KiB boundary is not blamed.
  const cut = head.length === 65_536 ? head.subarray(0, head.lastIndexOf(10) + 1) : head;
  try { new TextDecoder('utf-8', { fatal: true }).decode(cut); } catch { return true; }
  let control = 0;
  for (const b of cut) if (b < 32 && b !== 9 && b !== 10 && b !== 13) control++;
  return control > cut.length / 100;
}

function detectDelimiter(firstLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const d of [',', ';', '\t']) {
    const n = firstLine.split(d).length - 1;
    if (n > bestCount) { best = d; bestCount = n; }
  }
  return best;
}

const LINE_BREAK = /\r\n|\r|\n/g;
const countBreaks = (text: string) => (text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? 0 : (text.match(LINE_BREAK)?.length ?? 0));

/**
 * Splits csv-parse's raw text of a record (skipped blank lines before it, the record, its line
 * ending) into the record's own text and its physical start line. Counting line breaks here is
 * much cheaper than csv-parse's `info` option, which otherwise costs a third of a big filter.
 */
function locate(raw: string, linesBefore: number): { text: string; line: number; consumed: number } {
  const lead = /^[\r\n]*/.exec(raw)![0];
  const text = raw.slice(lead.length).replace(/\r?\n$|\r$/, '');
  return { text, line: linesBefore + countBreaks(lead) + 1, consumed: countBreaks(raw) };
}

export async function openCsv(path: string, opts: { delimiter?: string } = {}): Promise<CsvSource> {
  const head = await sniff(path);
  if (looksBinary(head)) throw new UsageError(`${path} looks like a binary file, not a CSV text file`);
  const text = head.toString('utf8').replace(/^\uFEFF/, '');
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  if (!firstLine) throw new UsageError(`${path} is empty: expected a header row`);
  const delimiter = opts.delimiter ?? detectDelimiter(firstLine);
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const parser = createReadStream(path).pipe(parse({
    bom: true, delimiter, raw: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true, record_delimiter: ['\r\n', '\n'],
  }));
  let lines = 0;
  // Listeners stay attached for the whole read, so an error or the end is never missed between batches.
  let failure: Error | null = null;
  let ended = false;
  let wake: (() => void) | null = null;
  const poke = () => { const w = wake; wake = null; w?.(); };
  parser.on('readable', poke);
  parser.on('end', () => { ended = true; poke(); });
  parser.on('error', (e: Error) => { failure = e; poke(); });
  const batches = (async function* (): AsyncGenerator<CsvRecord[]> {
    try {
      for (;;) {
        if (failure) throw failure;
        const batch: CsvRecord[] = [];
        for (let r = parser.read() as { record: string[]; raw: string } | null; r !== null; r = parser.read()) {
          const { text, line, consumed } = locate(r.raw, lines);
          lines += consumed;
          batch.push({ line, fields: r.record, raw: text });
        }
        if (batch.length) { yield batch; continue; }
        if (failure) throw failure;
        if (ended) return;
        await new Promise<void>((resolve) => { wake = resolve; });
      }
    } catch (e) {
      const err = e as { lines?: number; message: string };
      throw new UsageError(`${path}${err.lines ? `: line ${err.lines}` : ''}: ${err.message.replace(/^Invalid Record Length: |^CsvError: /, '')}`);
    }
  })();
  const header = await takeHeader(batches);
  if (!header) throw new UsageError(`${path} is empty: expected a header row`);
  return { name: basename(path), header: header.first.fields.map((h) => h.trim()), headerRaw: header.first.raw, delimiter, eol, batches: header.rest };
}

/** Separates the header record from the batches that follow it. */
async function takeHeader(batches: AsyncGenerator<CsvRecord[]>): Promise<{ first: CsvRecord; rest: AsyncGenerator<CsvRecord[]> } | null> {
  const first = await batches.next();
  if (first.done) return null;
  const [head, ...more] = first.value;
  const rest = (async function* () {
    if (more.length) yield more;
    yield* batches;
  })();
  return { first: head!, rest };
}

const key = (h: string) => h.toLowerCase().replace(/[^a-z0-9]/g, '');

export const PHONE_HEADERS = ['phone', 'phonenumber', 'mobile', 'mobilenumber', 'mobilephone', 'cell', 'cellphone', 'cellnumber',
  'number', 'msisdn', 'sms', 'smsnumber', 'telephone', 'tel', 'contactnumber', 'e164'];
export const MEMBER_HEADERS = ['memberid', 'memberno', 'membernumber', 'member', 'externalid', 'contactid', 'id'];
export const NAME_HEADERS = ['name', 'fullname', 'contactname', 'membername'];
export const NOTE_HEADERS = ['note', 'notes', 'reason', 'comment', 'comments'];

/** Index of the first header matching one of the aliases (in alias order), or -1. */
export function findColumn(header: string[], aliases: string[]): number {
  const keys = header.map(key);
  for (const a of aliases) {
    const i = keys.indexOf(a);
    if (i >= 0) return i;
  }
  return -1;
}

/** The phone column: `--column` (a header name, case-insensitive) or the first known alias. */
export function phoneColumn(source: CsvSource, column?: string): number {
  if (column !== undefined) {
    const i = source.header.findIndex((h) => h.toLowerCase() === column.toLowerCase());
    if (i < 0) throw new UsageError(`${source.name}: no column "${column}"; the header has ${source.header.map((h) => `"${h}"`).join(', ')}`);
    return i;
  }
  const i = findColumn(source.header, PHONE_HEADERS);
  if (i < 0) throw new UsageError(`${source.name}: no phone column found in the header (${source.header.map((h) => `"${h}"`).join(', ')}); name it with --column`);
  return i;
}
