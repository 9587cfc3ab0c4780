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
  records: AsyncGenerator<CsvRecord>;
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

/** A record's own text: csv-parse's raw carries skipped blank lines before it and its line ending. */
function cleanRaw(raw: string): string {
  return raw.replace(/^[\r\n]+/, '').replace(/\r?\n$|\r$/, '');
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
    bom: true, delimiter, info: true, raw: true, skip_empty_lines: true, relax_column_count: true, relax_quotes: true,
    record_delimiter: ['\r\n', '\n'],
  }));
  const iterator = (async function* (): AsyncGenerator<CsvRecord> {
    try {
      for await (const r of parser as AsyncIterable<{ record: string[]; info: { lines: number }; raw: string }>) {
        const raw = cleanRaw(r.raw);
        yield { line: r.info.lines - (raw.match(/\n/g)?.length ?? 0), fields: r.record, raw };
      }
    } catch (e) {
      const err = e as { lines?: number; message: string };
      throw new UsageError(`${path}${err.lines ? `: line ${err.lines}` : ''}: ${err.message.replace(/^Invalid Record Length: |^CsvError: /, '')}`);
    }
  })();
  const first = await iterator.next();
  if (first.done) throw new UsageError(`${path} is empty: expected a header row`);
  return { name: basename(path), header: first.value.fields.map((h) => h.trim()), headerRaw: first.value.raw, delimiter, eol, records: iterator };
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
