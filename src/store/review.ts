/** The inbound review list: replies and possible revocations that need a human. */
import type { DB } from './db.js';

export interface ReviewItem {
  messageSid: string;
  phone: string | null;
  receivedAt: string;
  kind: 'reply' | 'possible-revocation';
  phrase: string | null;
  deadline: string | null;
}

export class ReviewList {
  private readonly insert;
  constructor(db: DB) {
    this.insert = db.prepare(`INSERT OR IGNORE INTO inbound_review (message_sid, phone, received_at, kind, phrase, deadline)
      VALUES (@messageSid, @phone, @receivedAt, @kind, @phrase, @deadline)`);
  }

  /** Adds an item once per message; false when it is already listed. */
  add(item: ReviewItem): boolean {
    return this.insert.run(item).changes > 0;
  }
}
