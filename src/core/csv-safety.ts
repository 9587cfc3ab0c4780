/**
 * Spreadsheet formula injection: a free-text cell starting with = + - @ tab or CR is run as a
 * formula by Excel and friends. Such cells get a leading apostrophe. Phone numbers are never
 * passed through here, so they stay E.164 (`+1…`).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Neutralises the free-text fields of a row in place (rows are fresh objects; copying a million costs seconds). */
export function neutralizeRow<T extends Record<string, unknown>>(row: T, freeText: readonly string[]): T {
  const r = row as Record<string, unknown>;
  for (const f of freeText) if (typeof r[f] === 'string' && FORMULA_START.test(r[f] as string)) r[f] = `'${r[f]}`;
  return row;
}
