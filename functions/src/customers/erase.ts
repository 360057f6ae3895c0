// deleteCustomer: erasure of a customer's personal data on request (GDPR art. 17).
//
// One transaction removes everything that holds the customer's data outside its own subcollections:
// the customer document and its index row, its lookup keys (a key document left without any customer
// is deleted, it holds the email, phone or name itself), the profiles merged into it and the merge
// records keeping copies of them, the address its card emails went to; bound cards are released. An
// audit entry without personal data remains; it lists the profiles erased, which makes a retry
// possible: the history and consent logs (subcollections, too large for one transaction) and the
// files of the customer's data exports are deleted after the commit, and a call for a customer
// already erased deletes whatever is left of them.
//
// Erasing a profile merged into another one erases what is stored of it (its tombstone, its history,
// the merge record, the addresses of its card emails); its keys were removed at the merge and are
// not removed twice, and the kept customer is left as it is.
import { FieldValue, type DocumentSnapshot, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../model/customer';
import { chainRef } from '../common/access';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import type { Storage } from 'firebase-admin/storage';
import { customerErased } from '../logs';
import { cardEmailsOf } from '../cards/refs';
import { cardsOfCustomers, releaseOrRedactCard } from './cardLinks';
import { sortId } from './indexDoc';
import { applyLookupChanges, lookupKeysOf, readLookups } from './lookup';
import { customerIndexOf, customersOf } from './refs';
import type { QueryShape } from '../model/queryShape';

type Stored = CustomerDoc & { mergedInto?: string };

/** The profiles merged into these customers, and into those, and so on (read in the transaction). */
/** The queries of an erasure (their index needs are checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: 'erase: profiles merged into the customer', collection: 'customers', where: [{ field: 'mergedInto', op: '==' }] },
  { name: 'erase: data exports of the customer', collection: 'exports', where: [{ field: 'customerId', op: '==' }] },
  { name: 'erase: card emails of the customer', collection: 'cardEmails', where: [{ field: 'customerId', op: '==' }] },
  { name: 'erase: merges keeping the customer', collection: 'merges', where: [{ field: 'keepId', op: '==' }] },
  { name: 'erase: merges of the customer', collection: 'merges', where: [{ field: 'mergedId', op: '==' }] },
  { name: 'erase: the erasure audit entry', collection: 'audit', where: [{ field: 'target.id', op: '==' }, { field: 'action', op: '==' }] },
];

async function mergedProfiles(tx: Transaction, db: Firestore, chainId: string, ids: string[]): Promise<DocumentSnapshot[]> {
  const found: DocumentSnapshot[] = [];
  const seen = new Set(ids);
  let frontier = ids;
  while (frontier.length) {
    const snaps = await Promise.all(frontier.map((id) => tx.get(customersOf(db, chainId).where('mergedInto', '==', id))));
    const next = snaps.flatMap((s) => s.docs).filter((d) => !seen.has(d.id));
    next.forEach((d) => seen.add(d.id));
    found.push(...next);
    frontier = next.map((d) => d.id);
  }
  return found;
}

/**
 * After the commit, idempotent (a retry finishes it): the subcollections (history, consent log) of
 * the erased profiles, and the files of their data exports (`exportCustomerData`), which would
 * otherwise hold their data until they expire.
 */
async function deleteLeftovers(db: Firestore, storage: Storage, chainId: string, ids: string[]): Promise<void> {
  const exports = await Promise.all(ids.map((id) => chainRef(db, chainId).collection('exports').where('customerId', '==', id).get()));
  const paths = exports.flatMap((q) => q.docs).flatMap((d) => (d.get('paths') as string[] | undefined) ?? []);
  await Promise.all([
    ...ids.map((id) => db.recursiveDelete(customersOf(db, chainId).doc(id))),
    ...paths.map((path) => storage.bucket().file(path).delete({ ignoreNotFound: true })),
  ]);
}

export async function deleteCustomer({ db, storage }: Deps, caller: ChainCaller, input: { customerId: string }): Promise<{ erased: true; cardsReleased: number }> {
  const { chainId } = caller;
  const ref = customersOf(db, chainId).doc(input.customerId);
  const chain = chainRef(db, chainId);
  const outcome = await db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const customer = snap.data() as Stored | undefined;
    if (!customer) return null;
    // Reads first, as a transaction requires.
    const merged = await mergedProfiles(tx, db, chainId, [input.customerId]);
    const ids = [input.customerId, ...merged.map((d) => d.id)];
    const [cards, jobs, records] = await Promise.all([
      cardsOfCustomers(tx, db, chainId, ids),
      Promise.all(ids.map((id) => tx.get(cardEmailsOf(db, chainId).where('customerId', '==', id)))).then((s) => s.flatMap((q) => q.docs)),
      Promise.all(ids.flatMap((id) => ['keepId', 'mergedId'].map((f) => tx.get(chain.collection('merges').where(f, '==', id))))).then((s) => s.flatMap((q) => q.docs)),
    ]);
    // A profile merged into another one left the lookups at the merge: its keys are not removed twice.
    const keys = customer.mergedInto ? [] : lookupKeysOf(customer);
    const lookups = await readLookups(tx, db, chainId, keys);

    let released = 0;
    for (const card of cards) if (releaseOrRedactCard(tx, card)) released++;
    for (const job of jobs) {
      const pending = job.get('status') === 'pending';
      tx.update(job.ref, { to: FieldValue.delete(), ...(pending ? { status: 'failed', error: 'customer erased', finishedAt: FieldValue.serverTimestamp() } : {}) });
    }
    tx.delete(ref);
    if (!customer.mergedInto) tx.delete(customerIndexOf(db, chainId).doc(sortId(customer, input.customerId)));
    applyLookupChanges(tx, db, chainId, input.customerId, keys, [], lookups);
    for (const profile of merged) tx.delete(profile.ref);
    for (const id of new Set(records.map((r) => r.id))) tx.delete(chain.collection('merges').doc(id));
    audit(tx, db, chainId, {
      action: 'customer.erase',
      actorUid: caller.uid,
      target: { kind: 'customer', id: input.customerId },
      details: { cardsReleased: released, mergedProfiles: merged.map((d) => d.id) },
    });
    return { released, ids };
  });

  if (!outcome) {
    // Already erased? Then finish what a failed attempt may have left (history, consent logs).
    const erased = await chain.collection('audit').where('target.id', '==', input.customerId).where('action', '==', 'customer.erase').limit(1).get();
    const entry = erased.docs[0];
    if (!entry) throw new AppError('not-found', 'No such customer.');
    await deleteLeftovers(db, storage, chainId, [input.customerId, ...((entry.get('details.mergedProfiles') as string[] | undefined) ?? [])]);
    return { erased: true, cardsReleased: 0 };
  }
  await deleteLeftovers(db, storage, chainId, outcome.ids);
  customerErased(chainId, input.customerId, caller.uid, outcome.released);
  return { erased: true, cardsReleased: outcome.released };
}
