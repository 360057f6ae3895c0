// checkIn and undoCheckIn: a customer found at the till (card scan, typed code, search) checked in at
// a location, at most once per open visit; any member may check in and take a check-in back within
// UNDO_CHECK_IN_MS. What is written, and how, is the write path's (store/customers/visits.ts).
//
// Idempotent (common/checkIn.ts, shared with lookupCard's check-in on scan).
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { checkInCustomer } from '../common/checkIn';
import { chainSettings } from '../common/settings';
import { visitUndone } from '../logs';
import { UNDO_CHECK_IN_MS, type CheckInInput, type CheckInResult, type UndoCheckInInput } from '../model/visits';
import { applyUndoCheckIn, millisOf, otherVisits, readCustomer } from '../store/customers';
import { visitsOf } from '../store/refs';

export async function checkIn({ db }: Deps, caller: ChainCaller, input: CheckInInput): Promise<CheckInResult> {
  const { chainId } = caller;
  return checkInCustomer(db, chainId, await chainSettings(db, chainId), { ...input, by: caller.uid, lang: caller.lang });
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
