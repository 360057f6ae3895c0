// The writes of a merge and of its undo, on the one write path (write.ts): the other profile's cards
// moved, the profile made a tombstone out of search and lookups, its consent log copied into the
// kept profile (and deleted again by an undo), and a stored profile put back in place by an undo.
// Each is called inside the merge's (or the undo's) transaction (customers/merge.ts).
import { FieldValue, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../../model/customer';
import type { VisitSummary } from '../../model/visits';
import { segmentState, type SegmentClock } from '../../model/segments';
import { consentLogOf, customerIndexOf, customerRef, historyOf, type ConsentEntry } from '../refs';
import { indexDoc } from './indexDoc';
import { applyLookupChanges, type LookupState } from './keys';
import { lookupKeysOf, storedLookupKeysOf } from './lookup';
import { currentRowId, rowId } from './rowIds';
import { visitFields, visitSummaryOf } from './visits';
import type { Stored } from './write';

/** Cards whose customer changes (a merge moves the other profile's cards to the kept one, an undo back). */
export function moveCards(tx: Transaction, cards: { ref: DocumentReference }[], customerId: string): void {
  for (const card of cards) tx.update(card.ref, { customerId });
}

/**
 * The profile merged into another: a tombstone (`mergedInto`) out of search and lookups, its own
 * history still readable, a new version.
 */
export function tombstone(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  other: Stored,
  keepId: string,
  mergeId: string,
  by: string,
  lookups: LookupState,
): void {
  tx.update(customerRef(db, chainId, other.id), {
    mergedInto: keepId,
    mergeId,
    version: other.doc.version + 1,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: by,
  });
  tx.delete(customerIndexOf(db, chainId).doc(currentRowId(other.doc, other.id)));
  applyLookupChanges(tx, db, chainId, other.id, storedLookupKeysOf(other.doc), [], lookups);
  tx.create(historyOf(db, chainId, other.id).doc(), { at: FieldValue.serverTimestamp(), by, source: 'merge', action: 'merged-into', keepId, mergeId });
}

/** The other profile's consent log, copied into the kept one's with ids derived from the merge (an undo deletes them). */
export function copyConsentLog(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  keepId: string,
  mergeId: string,
  entries: { id: string; data: ConsentEntry }[],
): string[] {
  const ids = entries.map((e) => `merge-${mergeId}-${e.id}`);
  entries.forEach((e, i) => tx.set(consentLogOf(db, chainId, keepId).doc(ids[i]!), { ...e.data, fromMerge: mergeId }));
  return ids;
}

/** Deletes consent log entries an undone merge had copied. */
export function deleteCopiedConsent(tx: Transaction, db: Firestore, chainId: string, keepId: string, ids: string[]): void {
  for (const id of ids) tx.delete(consentLogOf(db, chainId, keepId).doc(id));
}

/**
 * An undone merge: a stored profile back in place (fields, consent, cards as they were), a new
 * version; `visits`: its visit summary now (the kept profile keeps the visits made since the merge,
 * see visits.ts `unmergedVisits`), else the saved one; its segments at the chain's `clock`.
 */
export function restoreProfile(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  saved: CustomerDoc,
  current: Stored,
  by: string,
  mergeId: string,
  lookups: LookupState,
  clock: SegmentClock,
  visits: VisitSummary = visitSummaryOf(saved),
): void {
  const { mergedInto: _m, mergeId: _id, ...profile } = saved;
  const version = current.doc.version + 1;
  const indexId = rowId(saved, current.id);
  const segments = segmentState(visits, clock);
  // A profile that never had a visit (none saved, none since) comes back without a visit summary, as it was.
  const neverVisited =
    saved.visits === undefined &&
    visits.visits === 0 &&
    visits.firstVisitMs === null &&
    visits.lastVisitMs === null &&
    !Object.keys(visits.byLocation).length &&
    !Object.keys(current.doc.openVisits ?? {}).length &&
    !current.doc.visitVersions;
  tx.set(customerRef(db, chainId, current.id), {
    ...profile,
    indexId,
    ...(neverVisited ? {} : { ...visitFields(visits), segments, openVisits: current.doc.openVisits ?? {}, visitVersions: current.doc.visitVersions ?? 0 }),
    version,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: by,
  });
  const index = customerIndexOf(db, chainId);
  const currentRow = currentRowId(current.doc, current.id);
  if (!current.doc.mergedInto && currentRow !== indexId) tx.delete(index.doc(currentRow));
  tx.set(index.doc(indexId), { ...indexDoc(current.id, saved, saved.cardCodes ?? [], saved.createdDay, visits, segments), version });
  applyLookupChanges(tx, db, chainId, current.id, current.doc.mergedInto ? [] : storedLookupKeysOf(current.doc), lookupKeysOf(saved), lookups);
  tx.create(historyOf(db, chainId, current.id).doc(), { at: FieldValue.serverTimestamp(), by, source: 'merge', action: 'unmerge', mergeId, version });
}
