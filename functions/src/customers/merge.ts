// Merging two customers into one, and undoing it within 30 days.
//
// mergeCustomers keeps one profile (fields filled and picked as model/merge.ts says, consent: the
// latest decision per channel, the other's consent log copied in, its cards moved), and turns the
// other into a tombstone (`mergedInto`) that keeps its own history readable but leaves search,
// lookups and duplicates. A merge record keeps both profiles exactly as they were, so
// unmergeCustomers can restore them, unless one of them changed since (then it says what changed).
// Each runs in one transaction.
import { FieldValue, Timestamp, type DocumentReference, type DocumentSnapshot, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { CONSENT_CHANNELS, CustomerFields, type CustomerDoc } from '../model/customer';
import { validate } from '../model/issues';
import { mergeFields, UNMERGE_WINDOW_MS, type MergeCustomersInput } from '../model/merge';
import { chainRef } from '../common/access';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError, fieldError, invalidArgument } from '../common/errors';
import type { Deps } from '../common/firebase';
import { customersMerged, customersUnmerged } from '../logs';
import { cardQuery } from './cardLinks';
import { diffCustomer } from './history';
import { indexDoc, sortId } from './indexDoc';
import { applyLookupChanges, lookupKeysOf, readLookups, type LookupState } from './lookup';
import { customerIndexOf, customersOf } from './refs';
import { applyCustomerWrite, fieldsOf, planCustomerWrite } from './write';

type Stored = CustomerDoc & { mergedInto?: string; mergeId?: string };

const mergesOf = (db: Firestore, chainId: string) => chainRef(db, chainId).collection('merges');

function millis(t: unknown): number {
  return t && typeof (t as Timestamp).toMillis === 'function' ? (t as Timestamp).toMillis() : 0;
}

/** Per channel, the later of the two decisions stands. */
function latestConsent(a: CustomerDoc['consent'], b: CustomerDoc['consent']): CustomerDoc['consent'] {
  const out = { email: null, postalMail: null, phone: null } as CustomerDoc['consent'];
  for (const ch of CONSENT_CHANNELS) {
    const x = a?.[ch] ?? null;
    const y = b?.[ch] ?? null;
    out[ch] = !x ? y : !y ? x : millis(y.at) > millis(x.at) ? y : x;
  }
  return out;
}

async function cardsOf(tx: Transaction, db: Firestore, chainId: string, codes: string[]): Promise<DocumentSnapshot[]> {
  const snaps = await Promise.all(codes.map((code) => tx.get(cardQuery(db, chainId, code))));
  return snaps.flatMap((s) => s.docs);
}

export async function mergeCustomers({ db }: Deps, caller: ChainCaller, input: MergeCustomersInput): Promise<{ mergeId: string; keepId: string; version: number }> {
  if (input.keepId === input.mergeId) throw fieldError('invalid-argument', 'mergeId', 'sameCustomer', caller.lang);
  const customers = customersOf(db, caller.chainId);
  const keepRef = customers.doc(input.keepId);
  const otherRef = customers.doc(input.mergeId);
  const recordRef = mergesOf(db, caller.chainId).doc();

  const version = await db.runTransaction(async (tx) => {
    const [keepSnap, otherSnap] = await Promise.all([tx.get(keepRef), tx.get(otherRef)]);
    const keep = keepSnap.data() as Stored | undefined;
    const other = otherSnap.data() as Stored | undefined;
    if (!keep || !other) throw fieldError('not-found', keep ? 'mergeId' : 'keepId', 'noSuchCustomer', caller.lang);
    if (keep.mergedInto || other.mergedInto) throw fieldError('failed-precondition', keep.mergedInto ? 'keepId' : 'mergeId', 'customerMerged', caller.lang);
    const stale = [keep.version !== input.keepVersion ? 'keepVersion' : null, other.version !== input.mergeVersion ? 'mergeVersion' : null].filter(Boolean);
    if (stale.length) {
      throw new AppError('aborted', 'error.profilesChanged', caller.lang, {}, { changed: stale });
    }
    const cards = await cardsOf(tx, db, caller.chainId, other.cardCodes ?? []);
    const consentLog = await tx.get(otherRef.collection('consentLog'));

    const merged = mergeFields(fieldsOf(keep), fieldsOf(other), input.picks);
    const checked = validate(CustomerFields, merged.fields, caller.lang);
    if (!checked.ok) throw invalidArgument(checked.problems, 'merged');
    const cardCodes = [...new Set([...(keep.cardCodes ?? []), ...(other.cardCodes ?? [])])];
    const meta = { by: caller.uid, source: 'merge' as const };
    const plan = planCustomerWrite(input.keepId, { ...keep, cardCodes }, checked.value, {}, meta);
    const lookups = await readLookups(tx, db, caller.chainId, [...plan.lookupBefore, ...plan.lookupAfter, ...lookupKeysOf(other)]);
    plan.doc.consent = latestConsent(keep.consent, other.consent);
    plan.history = {
      at: FieldValue.serverTimestamp(),
      by: caller.uid,
      source: 'merge',
      action: 'merge',
      mergedId: input.mergeId,
      mergeId: recordRef.id,
      changes: plan.changes,
      version: plan.version,
    };
    applyCustomerWrite(tx, db, caller.chainId, keepRef, plan, keep, lookups);

    // The other profile: a tombstone, out of search and lookups, its history still readable.
    tx.update(otherRef, { mergedInto: input.keepId, mergeId: recordRef.id, version: other.version + 1, updatedAt: FieldValue.serverTimestamp(), updatedBy: caller.uid });
    tx.delete(customerIndexOf(db, caller.chainId).doc(sortId(other, input.mergeId)));
    applyLookupChanges(tx, db, caller.chainId, input.mergeId, lookupKeysOf(other), [], lookups);
    tx.create(otherRef.collection('history').doc(), { at: FieldValue.serverTimestamp(), by: caller.uid, source: 'merge', action: 'merged-into', keepId: input.keepId, mergeId: recordRef.id });
    for (const card of cards) tx.update(card.ref, { customerId: input.keepId });
    for (const entry of consentLog.docs) {
      tx.set(keepRef.collection('consentLog').doc(`merge-${recordRef.id}-${entry.id}`), { ...entry.data(), fromMerge: recordRef.id });
    }
    tx.create(recordRef, {
      keepId: input.keepId,
      mergedId: input.mergeId,
      keepBefore: keep,
      mergedBefore: other,
      keepAfter: checked.value,
      keepVersionAfter: plan.version,
      keepCardCodesAfter: cardCodes,
      mergedVersionAfter: other.version + 1,
      cardsMoved: cards.map((c) => c.id),
      consentCopied: consentLog.docs.map((e) => `merge-${recordRef.id}-${e.id}`),
      picks: input.picks,
      at: FieldValue.serverTimestamp(),
      by: caller.uid,
      undoUntil: Timestamp.fromMillis(Date.now() + UNMERGE_WINDOW_MS),
      undoneAt: null,
    });
    audit(tx, db, caller.chainId, {
      action: 'customer.merge',
      actorUid: caller.uid,
      target: { kind: 'customer', id: input.keepId },
      details: { mergedId: input.mergeId, mergeId: recordRef.id, cardsMoved: cards.length },
    });
    return plan.version;
  });
  customersMerged(caller.chainId, input.keepId, input.mergeId, caller.uid);
  return { mergeId: recordRef.id, keepId: input.keepId, version };
}

/** A stored profile back in place: its fields, consent and cards as they were; a new version. */
function restore(tx: Transaction, db: Firestore, chainId: string, ref: DocumentReference, before: Stored, current: Stored, caller: ChainCaller, mergeId: string, lookups: LookupState) {
  const { mergedInto: _m, mergeId: _id, ...profile } = before;
  const version = current.version + 1;
  tx.set(ref, { ...profile, version, updatedAt: FieldValue.serverTimestamp(), updatedBy: caller.uid });
  const index = customerIndexOf(db, chainId);
  if (!current.mergedInto) tx.delete(index.doc(sortId(current, ref.id)));
  tx.set(index.doc(sortId(before, ref.id)), { ...indexDoc(ref.id, fieldsOf(before), before.cardCodes ?? [], before.createdDay), version });
  applyLookupChanges(tx, db, chainId, ref.id, current.mergedInto ? [] : lookupKeysOf(current), lookupKeysOf(before), lookups);
  tx.create(ref.collection('history').doc(), { at: FieldValue.serverTimestamp(), by: caller.uid, source: 'merge', action: 'unmerge', mergeId, version });
}

export async function unmergeCustomers({ db }: Deps, caller: ChainCaller, input: { mergeId: string }): Promise<{ keepId: string; mergedId: string }> {
  const recordRef = mergesOf(db, caller.chainId).doc(input.mergeId);
  const result = await db.runTransaction(async (tx) => {
    const record = (await tx.get(recordRef)).data();
    if (!record) throw fieldError('not-found', 'mergeId', 'noSuchMerge', caller.lang);
    if (record.undoneAt) throw fieldError('failed-precondition', 'mergeId', 'mergeUndone', caller.lang);
    if (millis(record.undoUntil) < Date.now()) throw fieldError('failed-precondition', 'mergeId', 'mergeTooOld', caller.lang);
    const customers = customersOf(db, caller.chainId);
    const keepRef = customers.doc(record.keepId);
    const otherRef = customers.doc(record.mergedId);
    const [keepSnap, otherSnap] = await Promise.all([tx.get(keepRef), tx.get(otherRef)]);
    const keep = keepSnap.data() as Stored | undefined;
    const other = otherSnap.data() as Stored | undefined;
    const cards = await cardsOf(tx, db, caller.chainId, record.cardsMoved as string[]);

    // What changed since the merge, if anything: then undoing would lose it, so refuse. Binding or
    // revoking a card does not raise a customer's version: the card lists are compared too.
    const changed: string[] = [];
    const keepBefore = record.keepBefore as Stored;
    const mergedBefore = record.mergedBefore as Stored;
    const sameCodes = (a: string[] | undefined, b: string[] | undefined) => JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());
    if (!keep) changed.push('the kept customer was erased');
    else {
      const keepCards = (record.keepCardCodesAfter as string[] | undefined) ?? [...new Set([...(keepBefore.cardCodes ?? []), ...(mergedBefore.cardCodes ?? [])])];
      const fields = diffCustomer(record.keepAfter, fieldsOf(keep)).map((c) => `kept customer: ${c.field}`);
      if (!sameCodes(keep.cardCodes, keepCards)) fields.push('kept customer: cards');
      if (!fields.length && keep.version !== record.keepVersionAfter) fields.push('kept customer: contact permissions');
      changed.push(...fields);
    }
    if (!other || other.mergedInto !== record.keepId) changed.push('the merged customer was erased or restored');
    else {
      const fields = diffCustomer(fieldsOf(mergedBefore), fieldsOf(other)).map((c) => `merged customer: ${c.field}`);
      if (!sameCodes(other.cardCodes, mergedBefore.cardCodes)) fields.push('merged customer: cards');
      if (!fields.length && other.version !== record.mergedVersionAfter) fields.push('merged customer: contact permissions');
      changed.push(...fields);
    }
    for (const card of cards) {
      if (card.get('customerId') !== record.keepId || card.get('status') !== 'bound') changed.push(`card ${String(card.id).slice(0, 4)}…`);
    }
    if (changed.length) {
      throw new AppError('failed-precondition', 'error.cannotUndoMerge', caller.lang, { changes: changed.join('; ') }, {
        changed,
        problems: [{ path: 'mergeId', code: 'changedSinceMerge', message: changed.join('; ') }],
      });
    }
    const copied = await Promise.all((record.consentCopied as string[]).map((id) => tx.get(keepRef.collection('consentLog').doc(id))));
    const lookups = await readLookups(tx, db, caller.chainId, [...lookupKeysOf(keep!), ...lookupKeysOf(keepBefore), ...lookupKeysOf(mergedBefore)]);
    restore(tx, db, caller.chainId, keepRef, keepBefore, keep!, caller, input.mergeId, lookups);
    restore(tx, db, caller.chainId, otherRef, mergedBefore, other!, caller, input.mergeId, lookups);
    for (const card of cards) tx.update(card.ref, { customerId: record.mergedId });
    for (const entry of copied) if (entry.exists) tx.delete(entry.ref);
    tx.update(recordRef, { undoneAt: FieldValue.serverTimestamp(), undoneBy: caller.uid });
    audit(tx, db, caller.chainId, {
      action: 'customer.unmerge',
      actorUid: caller.uid,
      target: { kind: 'customer', id: record.keepId },
      details: { mergedId: record.mergedId, mergeId: input.mergeId },
    });
    return { keepId: String(record.keepId), mergedId: String(record.mergedId) };
  });
  customersUnmerged(caller.chainId, result.keepId, result.mergedId, caller.uid);
  return result;
}
