/**
 * Planning an import of opt-outs: which rows add a number, which are already opted out (or were
 * imported from this file before), which repeat an earlier row, and which are invalid, each with
 * its physical line. Import only ever adds opt-outs; nothing here can clear one.
 */
import type { PhoneResult } from './phone.js';

export interface ImportRow {
  line: number;
  value: string;
  phone: PhoneResult;
  memberId: string | null;
  note: string | null;
}

export interface ImportPlan {
  add: { line: number; phone: string; memberId: string | null; note: string | null }[];
  alreadyOptedOut: { line: number; phone: string }[];
  duplicates: { line: number; phone: string; firstLine: number }[];
  invalid: { line: number; value: string; reason: string }[];
}

export function planImport(rows: Iterable<ImportRow>, alreadyKnown: (phone: string) => boolean): ImportPlan {
  const plan: ImportPlan = { add: [], alreadyOptedOut: [], duplicates: [], invalid: [] };
  const firstSeen = new Map<string, number>();
  for (const r of rows) {
    if (!r.phone.ok) { plan.invalid.push({ line: r.line, value: r.value, reason: r.phone.reason }); continue; }
    const phone = r.phone.phone;
    const first = firstSeen.get(phone);
    if (first !== undefined) { plan.duplicates.push({ line: r.line, phone, firstLine: first }); continue; }
    firstSeen.set(phone, r.line);
    if (alreadyKnown(phone)) plan.alreadyOptedOut.push({ line: r.line, phone });
    else plan.add.push({ line: r.line, phone, memberId: r.memberId, note: r.note });
  }
  return plan;
}
