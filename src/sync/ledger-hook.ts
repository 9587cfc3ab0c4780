/**
 * What sync does with messages beyond storing them: inbound keywords become ledger events (the
 * inbound SID as evidence, its time as effective time), other replies and possible revocations
 * go to the review list, and a send refused with 21610 records the provider's opt-out. Each
 * affected number is replayed in time order (see core/ledger.ts), so page order does not matter.
 */
import { businessDeadline } from '../core/business-days.js';
import { classifyBody, DEFAULT_POLICY, type KeywordPolicy } from '../core/keywords.js';
import { planLedgerEvents } from '../core/ledger.js';
import type { MessageRow } from '../core/message-record.js';
import { toIso } from '../core/time.js';
import type { DB } from '../store/db.js';
import { Ledger, PROVIDER_OPTOUT_ERROR } from '../store/ledger.js';
import { ReviewList } from '../store/review.js';
import type { RunCounters } from '../store/sync-state.js';
import type { MessageHook } from './batch-writer.js';

const RECORDED_BY = 'sms-ops sync';

export function ledgerHook(db: DB, policy: KeywordPolicy = DEFAULT_POLICY): MessageHook {
  const ledger = new Ledger(db);
  const review = new ReviewList(db);
  return {
    afterApply(result, rows, _runId, now): Partial<RunCounters> {
      const counts = { inbound: 0, optOuts: 0, optIns: 0, needsReview: 0 };
      const keywordNumbers = new Set<string>(); // numbers whose evidence changed: replayed below
      for (const r of result.inserted) {
        if (r.direction !== 'inbound' || !r.from) continue;
        counts.inbound++;
        const c = classifyBody(r.body, policy);
        if (c.kind === 'opt-out' || c.kind === 'opt-in' || c.kind === 'help') { keywordNumbers.add(r.from); continue; }
        const receivedAt = r.dateSent ?? r.dateCreated ?? now;
        const deadline = c.kind === 'possible-revocation' ? toIso(businessDeadline(Date.parse(receivedAt))) : null;
        if (review.add({ messageSid: r.sid, phone: r.from, receivedAt, kind: c.kind, phrase: c.keyword, deadline })) counts.needsReview++;
      }
      // Protecting the member comes first: a refused send is evidence even when the STOP never reached us.
      for (const r of rows) if (isProviderOptOut(r)) keywordNumbers.add(r.to!);
      for (const phone of keywordNumbers) {
        for (const e of planLedgerEvents(ledger.eventsFor(phone), ledger.evidenceMessages(phone, policy))) {
          if (!ledger.append(e, now, RECORDED_BY)) continue;
          if (e.action === 'opt-out') counts.optOuts++;
          if (e.action === 'opt-in') counts.optIns++;
        }
      }
      return counts;
    },
  };
}

function isProviderOptOut(r: MessageRow): boolean {
  return r.direction !== 'inbound' && r.errorCode === PROVIDER_OPTOUT_ERROR && (r.status === 'failed' || r.status === 'undelivered') && Boolean(r.to);
}
