// The one write path of a customer and of everything derived from it: the customer document, its
// search row (`customerIndex`), its lookup keys (`customerKeys`), its history and consent log, and the
// links between it and its ID cards. Every writer (save, import, type deletion, card bind and revoke,
// merge and unmerge, erasure) calls these functions inside a transaction, or, for the import, in an
// atomic batch whose customer write carries the update time it read (a precondition): a write never
// overwrites a state it did not read. Each write of a customer raises its `version` by one.
// The writes of a merge and its undo are in mergeWrites.ts. Lint forbids writing those collections
// anywhere else (eslint.config.js).
import { FieldValue, type DocumentReference, type Firestore, type Precondition, type Transaction } from 'firebase-admin/firestore';
import type { CardDoc } from '../../model/card';
import type { CustomerDoc, CustomerFields, Source } from '../../model/customer';
import { consentLogOf, customerIndexOf, customerRef, historyOf } from '../refs';
import type { DocWriter } from '../writer';
import { indexDoc } from './indexDoc';
import { currentRowId } from './rowIds';
import { applyLookupChanges, type LookupState } from './keys';
import { storedLookupKeysOf } from './lookup';
import type { CustomerWritePlan } from './plan';
import { visitSummaryOf } from './visits';
import { voidWalletPasses, type StoredPass } from './wallet';

export interface Stored {
  id: string;
  doc: CustomerDoc;
}

/**
 * Writes the plan. A transaction passes the key documents it read (`lookups`, at least the keys the
 * plan removes), so a key left without any customer is deleted. The import passes the update time it
 * read the customer at (`precondition`), in a batch that commits atomically: the batch fails as a
 * whole if anything wrote the customer since.
 */
export function applyCustomerWrite(
  w: DocWriter,
  db: Firestore,
  chainId: string,
  plan: CustomerWritePlan,
  before: CustomerDoc | null,
  options: { lookups?: LookupState; precondition?: Precondition } = {},
): void {
  const ref = customerRef(db, chainId, plan.customerId);
  const index = customerIndexOf(db, chainId);
  // An update replaces each top-level field whole (so a removed custom field goes) and keeps the
  // creation fields.
  if (before) {
    if (options.precondition) w.update(ref, plan.doc, options.precondition);
    else w.update(ref, plan.doc);
  } else w.create(ref, plan.doc);
  if (plan.staleIndexId) w.delete(index.doc(plan.staleIndexId));
  if (!plan.rowUnchanged) w.set(index.doc(plan.indexId), plan.indexData);
  // An import's entries have ids derived from (import, row): a replay after a crash rewrites them.
  const key = plan.idempotencyKey;
  const history = historyOf(db, chainId, plan.customerId);
  const consentLog = consentLogOf(db, chainId, plan.customerId);
  if (plan.history) {
    if (key) w.set(history.doc(key), plan.history);
    else w.create(history.doc(), plan.history);
  }
  plan.consentEntries.forEach((entry, i) => {
    if (key) w.set(consentLog.doc(`${key}-${i}`), entry);
    else w.create(consentLog.doc(), entry);
  });
  applyLookupChanges(w, db, chainId, plan.customerId, plan.lookupBefore, plan.lookupAfter, options.lookups);
}

export interface CardMeta {
  by: string;
  source: Source;
  locationId?: string | null;
}

/** The customer document and its search row after its card list changed: a new version of both. */
function writeCardCodes(tx: Transaction, db: Firestore, chainId: string, customer: Stored, cardCodes: string[], by: string): number {
  const version = customer.doc.version + 1;
  tx.update(customerRef(db, chainId, customer.id), { cardCodes, version, updatedAt: FieldValue.serverTimestamp(), updatedBy: by });
  if (!customer.doc.mergedInto) {
    // The row where it is (a legacy row moves with the customer's next full write).
    const row = customerIndexOf(db, chainId).doc(currentRowId(customer.doc, customer.id));
    const { doc } = customer;
    tx.set(row, { ...indexDoc(customer.id, doc, cardCodes, doc.createdDay, visitSummaryOf(doc), doc.segments ?? null), version });
  }
  return version;
}

function cardHistory(tx: Transaction, db: Firestore, chainId: string, customerId: string, action: string, code: string, meta: CardMeta, version: number) {
  tx.create(historyOf(db, chainId, customerId).doc(), {
    at: FieldValue.serverTimestamp(),
    by: meta.by,
    source: meta.source,
    locationId: meta.locationId ?? null,
    action,
    card: code,
    version,
  });
}

/** Binds an unused card to a customer (both read in this transaction): card, batch count, customer, search row, history. */
export function bindCardToCustomer(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  card: { ref: DocumentReference; doc: CardDoc },
  customer: Stored,
  cardFields: Record<string, unknown>,
  meta: CardMeta,
): number {
  tx.update(card.ref, { ...cardFields, status: 'bound', customerId: customer.id, boundAt: FieldValue.serverTimestamp(), boundBy: meta.by });
  tx.update(card.ref.parent.parent!, { bound: FieldValue.increment(1) });
  const version = writeCardCodes(tx, db, chainId, customer, [...new Set([...(customer.doc.cardCodes ?? []), card.doc.code])], meta.by);
  cardHistory(tx, db, chainId, customer.id, 'card.bind', card.doc.code, meta, version);
  return version;
}

/**
 * Revokes a card for good; its customer (read in this transaction, if it still exists) loses it at
 * once, and its wallet passes (read in this transaction) are voided.
 */
export function revokeCardOfCustomer(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  card: { ref: DocumentReference; doc: CardDoc },
  customer: Stored | null,
  meta: CardMeta,
  passes: StoredPass[],
): void {
  tx.update(card.ref, { status: 'revoked', revokedAt: FieldValue.serverTimestamp(), revokedBy: meta.by });
  voidWalletPasses(tx, passes, Date.now());
  tx.update(card.ref.parent.parent!, { revoked: FieldValue.increment(1), ...(card.doc.status === 'bound' ? { bound: FieldValue.increment(-1) } : {}) });
  if (!customer) return;
  const version = writeCardCodes(
    tx,
    db,
    chainId,
    customer,
    (customer.doc.cardCodes ?? []).filter((c) => c !== card.doc.code),
    meta.by,
  );
  cardHistory(tx, db, chainId, customer.id, 'card.revoke', card.doc.code, meta, version);
}

/** A merged profile's type changes with its type's deletion: its field only, so it stays out of search. */
export function retypeTombstone(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customer: Stored,
  customerTypeId: CustomerFields['customerTypeId'],
  by: string,
): void {
  tx.update(customerRef(db, chainId, customer.id), {
    customerTypeId,
    version: customer.doc.version + 1,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: by,
  });
}

/**
 * Erasure, in the transaction that read them: the customer and the profiles merged into it, its search
 * row and its lookup keys (a key left without a customer is deleted: it holds the email, phone or
 * name itself), its cards released (bound) or without the address their email went to (revoked), the
 * wallet passes of those cards voided (devices fetch the voided pass; registrations go with the pass
 * after WALLET_RETENTION_DAYS). Returns how many cards were released. The subcollections go after the commit (eraseSubcollections).
 */
export function eraseCustomer(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customer: Stored,
  merged: Stored[],
  cards: { ref: DocumentReference; doc: CardDoc }[],
  lookups: LookupState,
  passes: StoredPass[],
): number {
  let released = 0;
  voidWalletPasses(tx, passes, Date.now());
  for (const card of cards) {
    if (card.doc.status === 'bound') {
      tx.update(card.ref, {
        status: 'unbound',
        customerId: null,
        boundAt: null,
        boundBy: null,
        email: { status: 'none' },
        releasedAt: FieldValue.serverTimestamp(),
      });
      tx.update(card.ref.parent.parent!, { bound: FieldValue.increment(-1) });
      released++;
    } else if (card.doc.email?.to) tx.update(card.ref, { 'email.to': null });
  }
  tx.delete(customerRef(db, chainId, customer.id));
  // A profile merged into another left search and the lookups at the merge: not removed twice.
  if (!customer.doc.mergedInto) {
    tx.delete(customerIndexOf(db, chainId).doc(currentRowId(customer.doc, customer.id)));
    applyLookupChanges(tx, db, chainId, customer.id, storedLookupKeysOf(customer.doc), [], lookups);
  }
  for (const profile of merged) tx.delete(customerRef(db, chainId, profile.id));
  return released;
}

/** After an erasure's commit, idempotent: the history and consent log of the erased profiles. */
export async function eraseSubcollections(db: Firestore, chainId: string, ids: string[]): Promise<void> {
  await Promise.all(ids.map((id) => db.recursiveDelete(customerRef(db, chainId, id))));
}
