/**
 * Schema migrations, applied in order, each in one transaction with its `user_version`.
 * Append new steps; never edit a released one.
 */
import { NON_FINAL_STATUSES } from '../core/status.js';

export interface Migration { version: number; name: string; sql: string }

const unsettled = NON_FINAL_STATUSES.map((s) => `'${s}'`).join(', ');

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'messages, status events, sync state',
    sql: `
      CREATE TABLE messages (
        id INTEGER PRIMARY KEY,
        sid TEXT NOT NULL UNIQUE,
        account_sid TEXT,
        direction TEXT NOT NULL,
        from_number TEXT,
        to_number TEXT,
        member TEXT,
        body TEXT,
        status TEXT NOT NULL,
        error_code INTEGER,
        error_message TEXT,
        num_segments INTEGER,
        num_media INTEGER,
        price TEXT,
        price_unit TEXT,
        messaging_service_sid TEXT,
        date_created TEXT,
        date_sent TEXT,
        date_updated TEXT,
        first_status TEXT NOT NULL,
        first_error_code INTEGER,
        first_seen_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        raw_extra TEXT NOT NULL
      );
      CREATE INDEX messages_date_created ON messages(date_created);
      CREATE INDEX messages_member ON messages(member, date_created);
      CREATE INDEX messages_unsettled ON messages(checked_at) WHERE status IN (${unsettled});

      CREATE TABLE status_events (
        id INTEGER PRIMARY KEY,
        message_sid TEXT NOT NULL,
        status TEXT NOT NULL,
        error_code INTEGER,
        occurred_at TEXT,
        observed_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('sync', 'callback', 'bulk-export', 'fixture')),
        run_id INTEGER
      );
      CREATE INDEX status_events_message ON status_events(message_sid, id);
      CREATE TRIGGER status_events_no_update BEFORE UPDATE ON status_events
        BEGIN SELECT RAISE(ABORT, 'status_events is append-only'); END;
      CREATE TRIGGER status_events_no_delete BEFORE DELETE ON status_events
        BEGIN SELECT RAISE(ABORT, 'status_events is append-only'); END;

      CREATE TABLE sync_runs (
        id INTEGER PRIMARY KEY,
        account_sid TEXT NOT NULL,
        mode TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        outcome TEXT NOT NULL DEFAULT 'running',
        requests INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0,
        messages_new INTEGER NOT NULL DEFAULT 0,
        messages_updated INTEGER NOT NULL DEFAULT 0,
        status_changes INTEGER NOT NULL DEFAULT 0,
        inbound INTEGER NOT NULL DEFAULT 0,
        opt_outs INTEGER NOT NULL DEFAULT 0,
        opt_ins INTEGER NOT NULL DEFAULT 0,
        needs_review INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0,
        error TEXT,
        pid INTEGER,
        host TEXT
      );

      -- One row per planned query of a run; the cursor is committed with the pages it covers.
      CREATE TABLE sync_partitions (
        run_id INTEGER NOT NULL REFERENCES sync_runs(id),
        account_sid TEXT NOT NULL,
        key TEXT NOT NULL,
        first_uri TEXT NOT NULL,
        cursor TEXT,
        done INTEGER NOT NULL DEFAULT 0,
        pages INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (run_id, key)
      );

      -- The greatest provider date_sent stored, raised in the same transaction as the pages.
      CREATE TABLE sync_state (
        account_sid TEXT PRIMARY KEY,
        high_water_mark TEXT
      );

      CREATE TABLE sync_skipped (
        id INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL,
        sid TEXT,
        reason TEXT NOT NULL,
        seen_at TEXT NOT NULL
      );

      CREATE TABLE sync_lock (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        pid INTEGER NOT NULL,
        host TEXT NOT NULL,
        acquired_at TEXT NOT NULL,
        heartbeat_at TEXT NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'NoSMS ledger, current NoSMS list, inbound review',
    sql: `
      -- Append-only: every opt-out, opt-in and help request with its evidence. Never updated or deleted.
      CREATE TABLE optout_events (
        id INTEGER PRIMARY KEY,
        phone TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('opt-out', 'opt-in', 'help')),
        effective_at TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('keyword', 'import', 'manual', 'web', 'provider-21610')),
        keyword TEXT,
        evidence TEXT NOT NULL CHECK (length(evidence) > 0),
        evidence_sid TEXT,
        member_id TEXT,
        note TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by TEXT NOT NULL
      );
      CREATE INDEX optout_events_phone ON optout_events(phone, effective_at, id);
      CREATE UNIQUE INDEX optout_events_evidence ON optout_events(evidence_sid, action) WHERE evidence_sid IS NOT NULL;
      CREATE TRIGGER optout_events_no_update BEFORE UPDATE ON optout_events
        BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;
      CREATE TRIGGER optout_events_no_delete BEFORE DELETE ON optout_events
        BEGIN SELECT RAISE(ABORT, 'the opt-out ledger is append-only'); END;

      -- The current state per number, derived from the ledger by the trigger below only. The
      -- latest opt-out or opt-in (by effective time, then entry order) decides the state; its
      -- "since" and evidence are those of the event that began the current unbroken run of that
      -- action (a late-synced earlier STOP moves "since" back; a repeated STOP does not move it).
      -- It copies that event's fields so that lookups and exports read one row, with no join.
      CREATE TABLE nosms (
        phone TEXT PRIMARY KEY,
        opted_out INTEGER NOT NULL,
        effective_at TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES optout_events(id),
        source TEXT NOT NULL,
        keyword TEXT,
        evidence TEXT NOT NULL,
        member_id TEXT,
        note TEXT
      ) WITHOUT ROWID;
      CREATE TRIGGER optout_events_current AFTER INSERT ON optout_events WHEN NEW.action IN ('opt-out', 'opt-in')
      BEGIN
        -- DELETE + INSERT, not INSERT OR REPLACE: an outer statement's conflict clause would override it.
        DELETE FROM nosms WHERE phone = NEW.phone;
        INSERT INTO nosms (phone, opted_out, effective_at, event_id, source, keyword, evidence, member_id, note)
        SELECT NEW.phone, l.action = 'opt-out', f.effective_at, f.id, f.source, f.keyword, f.evidence, f.member_id, f.note
        FROM (SELECT action FROM optout_events WHERE phone = NEW.phone AND action <> 'help'
                ORDER BY effective_at DESC, id DESC LIMIT 1) AS l,
             (SELECT e.* FROM optout_events e WHERE e.phone = NEW.phone AND e.action <> 'help'
                AND NOT EXISTS (SELECT 1 FROM optout_events x WHERE x.phone = NEW.phone AND x.action <> 'help'
                  AND x.action <> e.action AND (x.effective_at > e.effective_at OR (x.effective_at = e.effective_at AND x.id > e.id)))
                ORDER BY e.effective_at, e.id LIMIT 1) AS f;
      END;

      -- Inbound messages that need a human: ordinary replies and possible revocations.
      CREATE TABLE inbound_review (
        message_sid TEXT PRIMARY KEY,
        phone TEXT,
        received_at TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('reply', 'possible-revocation')),
        phrase TEXT,
        deadline TEXT,
        resolved_at TEXT,
        resolution TEXT,
        note TEXT,
        resolved_by TEXT
      );
      CREATE INDEX inbound_review_open ON inbound_review(resolved_at, received_at);
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;
