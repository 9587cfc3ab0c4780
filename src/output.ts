/**
 * Rendering records as table, plain (tab-separated with a header), JSON (always an array) or
 * CSV. Commands declare their field list and hand over records; they never format.
 */
import type { IO } from './io.js';
import { writeAsync } from './io.js';

export const FORMATS = ['table', 'plain', 'json', 'csv'] as const;
export type Format = (typeof FORMATS)[number];
// Any record type; fields are read by name.
export type Row = object;
const field = (r: Row, f: string): unknown => (r as Record<string, unknown>)[f];

export function defaultFormat(io: IO): Format {
  return io.stdoutTTY ? 'table' : 'plain';
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Plain output keeps one record per line: tabs and newlines inside values become spaces. */
function plainCell(value: unknown): string {
  return cellText(value).replace(/[\t\r\n]+/g, ' ');
}

export async function renderRows(io: IO, format: Format, fields: readonly string[], rows: Iterable<Row> | AsyncIterable<Row>): Promise<number> {
  let n = 0;
  if (format === 'json') {
    let buf = '[';
    for await (const r of rows) {
      const obj: Row = {};
      for (const f of fields) (obj as Record<string, unknown>)[f] = field(r, f) ?? null;
      buf += (n++ ? ',\n' : '\n') + JSON.stringify(obj);
      if (buf.length > 65_536) { await writeAsync(io.out, buf); buf = ''; }
    }
    await writeAsync(io.out, buf + (n ? '\n]\n' : ']\n'));
    return n;
  }
  if (format === 'csv') {
    const { stringify } = await import('csv-stringify/sync');
    let buf = stringify([fields as string[]]);
    for await (const r of rows) {
      buf += stringify([fields.map((f) => cellText(field(r, f)))]);
      n++;
      if (buf.length > 65_536) { await writeAsync(io.out, buf); buf = ''; }
    }
    await writeAsync(io.out, buf);
    return n;
  }
  if (format === 'plain') {
    let buf = fields.join('\t') + '\n';
    for await (const r of rows) {
      buf += fields.map((f) => plainCell(field(r, f))).join('\t') + '\n';
      n++;
      if (buf.length > 65_536) { await writeAsync(io.out, buf); buf = ''; }
    }
    await writeAsync(io.out, buf);
    return n;
  }
  const { default: Table } = await import('cli-table3');
  const table = new Table({ head: [...fields], style: io.color ? {} : { head: [], border: [] }, wordWrap: false });
  for await (const r of rows) {
    table.push(fields.map((f) => truncate(cellText(field(r, f)), 48)));
    n++;
  }
  await writeAsync(io.out, n ? table.toString() + '\n' : '(no records)\n');
  return n;
}

/** One record as `key: value` lines (table/plain), an object (json) or a one-row CSV. */
export async function renderRecord(io: IO, format: Format, fields: readonly string[], record: Row): Promise<void> {
  if (format === 'json') return writeAsync(io.out, JSON.stringify(pick(record, fields), null, 2) + '\n');
  if (format === 'csv') { await renderRows(io, 'csv', fields, [record]); return; }
  const sep = format === 'plain' ? ':\t' : ': ';
  await writeAsync(io.out, fields.map((f) => `${f}${sep}${plainCell(field(record, f))}`).join('\n') + '\n');
}

function pick(record: Row, fields: readonly string[]): Row {
  const out: Record<string, unknown> = {};
  for (const f of fields) out[f] = field(record, f) ?? null;
  return out;
}

function truncate(text: string, max: number): string {
  return text.length > max ? text.slice(0, max - 1) + '…' : text;
}
