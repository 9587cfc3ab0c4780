/** Opening the SQLite store: pragmas, migrations, and the refusal rules for read-only commands. */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { RuntimeError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './migrations.js';

export type DB = Database.Database;

export interface OpenOptions {
  /** Read-only commands never create or migrate the file. */
  readonly?: boolean;
}

export function openDatabase(path: string, opts: OpenOptions = {}): DB {
  if (opts.readonly && path !== ':memory:' && !existsSync(path)) {
    throw new RuntimeError(`no store at ${path}: run \`sms-ops sync\` first`);
  }
  if (!opts.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: DB;
  try {
    db = new Database(path, { readonly: Boolean(opts.readonly), fileMustExist: Boolean(opts.readonly) });
  } catch (e) {
    throw new RuntimeError(`cannot open store ${path}: ${(e as Error).message}`);
  }
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new RuntimeError(`store ${path} has schema version ${version}, newer than this sms-ops understands (${SCHEMA_VERSION}); upgrade sms-ops`);
    }
    if (opts.readonly) {
      if (version < SCHEMA_VERSION) throw new RuntimeError(`store ${path} needs an upgrade (schema ${version} < ${SCHEMA_VERSION}): run \`sms-ops sync\` once`);
      return db;
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('cache_size = -65536');
    if (version < SCHEMA_VERSION) migrate(db);
    return db;
  } catch (e) {
    db.close();
    if (e instanceof RuntimeError) throw e;
    throw new RuntimeError(`cannot use store ${path}: ${(e as Error).message}`);
  }
}

function migrate(db: DB): void {
  for (const m of MIGRATIONS) {
    db.transaction(() => {
      // Re-read inside the write lock: another process may have migrated meanwhile.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
  }
}
