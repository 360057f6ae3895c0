// A check-in of a customer at a location, shared by `checkIn` (a tap at the till) and `lookupCard`
// (a scanned card, when the chain checks customers in on scan). What is written, and how, is the
// write path's (store/customers/visits.ts).
//
// Idempotent: the customer document holds, per location, the visit still open; a second check-in
// within the chain's `sameVisitMinutes` answers that visit. Two scans at once both read the
// customer in their transactions: one commits, the other is retried by Firestore, reads the visit
// the first one opened and answers it (`created: false`).
import type { Firestore } from 'firebase-admin/firestore';
import { visitCheckedIn } from '../logs';
import type { Lang } from '../model/lang';
import { UNDO_CHECK_IN_MS, type CheckInResult, type VisitSettings, type VisitSource } from '../model/visits';
import { applyCheckIn, openVisit, readCustomer } from '../store/customers';
import { fieldError } from './errors';
import { requireLocation } from './locations';

export interface CheckInRequest {
  customerId: string;
  locationId: string;
  source: VisitSource;
  /** Who checks in (a member's uid). */
  by: string;
  lang: Lang;
  /** The field named when the location is not the chain's (`locationId`, or lookupCard's `scannedAt`). */
  locationPath?: string;
}

export async function checkInCustomer(
  db: Firestore,
  chainId: string,
  chain: { visits: VisitSettings; timeZone: string },
  req: CheckInRequest,
): Promise<CheckInResult> {
  const windowMs = chain.visits.sameVisitMinutes * 60_000;
  const result = await db.runTransaction(async (tx) => {
    const customer = await readCustomer(db, chainId, req.customerId, tx);
    if (!customer) throw fieldError('not-found', 'customerId', 'noSuchCustomer', req.lang);
    if (customer.doc.mergedInto) throw fieldError('failed-precondition', 'customerId', 'customerMerged', req.lang);
    await requireLocation(tx, db, chainId, req.locationId, req.lang, req.locationPath);
    const now = Date.now();
    const open = openVisit(customer.doc, req.locationId, now, windowMs);
    if (open) return { visitId: open.id, created: false, visits: customer.doc.visits ?? 0, undoUntil: open.atMs + UNDO_CHECK_IN_MS };
    const made = applyCheckIn(
      tx,
      db,
      chainId,
      customer,
      { locationId: req.locationId, source: req.source, by: req.by, atMs: now },
      { settings: chain.visits, timeZone: chain.timeZone, nowMs: now },
    );
    return { visitId: made.visitId, created: true, visits: made.visits, undoUntil: now + UNDO_CHECK_IN_MS };
  });
  visitCheckedIn(chainId, req.customerId, req.by, req.locationId, result.created, req.source);
  return result;
}
