/** Prepared statements cached by their SQL: preparing costs more than running most of them. */
import type Database from 'better-sqlite3';
import type { DB } from './db.js';

type Statement = Database.Statement<unknown[], unknown>;

export class Statements {
  private readonly cache = new Map<string, Statement>();
  constructor(protected readonly db: DB) {}

  /** Each SQL text must always be used the same way: `pluck()`/`raw()` change the cached statement. */
  protected sql(text: string): Statement {
    let stmt = this.cache.get(text);
    if (!stmt) {
      stmt = this.db.prepare(text);
      this.cache.set(text, stmt);
    }
    return stmt;
  }
}
