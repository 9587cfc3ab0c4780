import Database from 'better-sqlite3';

/** Opens a store file read-only for assertions, the way an auditor would look at it. */
export function readStore<T>(path: string, fn: (db: Database.Database) => T): T {
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try { return fn(db); } finally { db.close(); }
}

export function storedMessages(path: string): Record<string, { status: string; date_sent: string | null; date_created: string | null; error_code: number | null }> {
  return readStore(path, (db) => Object.fromEntries(
    (db.prepare('SELECT sid, status, date_sent, date_created, error_code FROM messages').all() as { sid: string }[]).map((r) => [r.sid, r as never]),
  ));
}
