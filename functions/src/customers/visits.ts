// checkIn and undoCheckIn: a customer found at the till (card scan, typed code, search) checked in at
// a location, at most once per open visit; any member may check in and take a check-in back within
// UNDO_CHECK_IN_MS. What is written, and how, is the write path's (store/customers/visits.ts).
//
// Idempotent: the customer document holds, per location, the visit still open; a second check-in
// within the chain's `sameVisitMinutes` answers that visit. Two scans at once both read the
// customer in their transactions: one commits, the other is retried by Firestore, reads the visit
// the first one opened and answers it (`created: false`).
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { requireLocation } from '../common/locations';
import { chainSettings } from '../common/settings';
import { visitCheckedIn, visitUndone } from '../logs';
import { UNDO_CHECK_IN_MS, type CheckInInput, type CheckInResult, type UndoCheckInInput } from '../model/visits';
import { applyCheckIn, applyUndoCheckIn, millisOf, openVisit, otherVisits, readCustomer } from '../store/customers';
import { visitsOf } from '../store/refs';

export async function checkIn({ db }: Deps, caller: ChainCaller, input: CheckInInput): Promise<CheckInResult> {
  const { chainId } = caller;
  const { visits: settings, timeZone } = await chainSettings(db, chainId);
  const windowMs = settings.sameVisitMinutes * 60_000;
  const result = await db.runTransaction(async (tx) => {
    const customer = await readCustomer(db, chainId, input.customerId, tx);
    if (!customer) throw fieldError('not-found', 'customerId', 'noSuchCustomer', caller.lang);
    if (customer.doc.mergedInto) throw fieldError('failed-precondition', 'customerId', 'customerMerged', caller.lang);
    await requireLocation(tx, db, chainId, input.locationId, caller.lang);
    const now = Date.now();
    const open = openVisit(customer.doc, input.locationId, now, windowMs);
    if (open) return { visitId: open.id, created: false, visits: customer.doc.visits ?? 0, undoUntil: open.atMs + UNDO_CHECK_IN_MS };
    const made = applyCheckIn(
      tx,
      db,
      chainId,
      customer,
      { locationId: input.locationId, source: input.source, by: caller.uid, atMs: now },
      { settings, timeZone, nowMs: now },
    );
    return { visitId: made.visitId, created: true, visits: made.visits, undoUntil: now + UNDO_CHECK_IN_MS };
  });
  visitCheckedIn(chainId, input.customerId, caller.uid, input.locationId, result.created, input.source);
  return result;
}

export async function undoCheckIn({ db }: Deps, caller: ChainCaller, input: UndoCheckInInput): Promise<{ undone: true; visits: number }> {
  const { chainId } = caller;
  const visits = visitsOf(db, chainId, input.customerId);
  const { visits: settings, timeZone } = await chainSettings(db, chainId);
  const left = await db.runTransaction(async (tx) => {
    const customer = await readCustomer(db, chainId, input.customerId, tx);
    if (!customer) throw fieldError('not-found', 'customerId', 'noSuchCustomer', caller.lang);
    if (customer.doc.mergedInto) throw fieldError('failed-precondition', 'customerId', 'customerMerged', caller.lang);
    const snap = await tx.get(visits.doc(input.visitId));
    const visit = snap.data();
    if (!visit) throw fieldError('not-found', 'visitId', 'noSuchVisit', caller.lang);
    const atMs = millisOf(visit.at) ?? 0;
    if (Date.now() - atMs > UNDO_CHECK_IN_MS) {
      throw fieldError('failed-precondition', 'visitId', 'undoTooLate', caller.lang, { minutes: UNDO_CHECK_IN_MS / 60_000 });
    }
    const others = await otherVisits(tx, db, chainId, input.customerId, input.visitId);
    applyUndoCheckIn(tx, db, chainId, customer, { id: input.visitId, doc: visit }, others, caller.uid, { settings, timeZone, nowMs: Date.now() });
    return Math.max(0, (customer.doc.visits ?? 0) - 1);
  });
  visitUndone(chainId, input.customerId, caller.uid, input.visitId);
  return { undone: true, visits: left };
}
