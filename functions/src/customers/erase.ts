// deleteCustomer: erasure of a customer's personal data on request (GDPR art. 17).
//
// One transaction removes everything that holds the customer's data outside its own subcollections:
// the customer document and its index row, its lookup keys (a key document left without any customer
// is deleted, it holds the email, phone or name itself), the profiles merged into it and the merge
// records keeping copies of them, the address its card emails went to, pending self sign-ups with its
// addresses; bound cards are released. An
// audit entry without personal data remains; it lists the profiles erased, which makes a retry
// possible: the history and consent logs (subcollections, too large for one transaction) and the
// files of the customer's data exports are deleted after the commit, and a call for a customer
// already erased deletes whatever is left of them.
//
// Erasing a profile merged into another one erases what is stored of it (its tombstone, its history,
// the merge record, the addresses of its card emails); its keys were removed at the merge and are
// not removed twice, and the kept customer is left as it is.
//
// Before the transaction, the customer's rows are removed from what imports keep (error files and
// the values quoted in reports: common/importArtifacts.ts); a failure there leaves the customer as
// it was, and the erasure is simply asked again.
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { Storage } from 'firebase-admin/storage';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { customerErased } from '../logs';
import {
  cardsOfCustomers,
  eraseCustomer,
  eraseSubcollections,
  mergedProfiles,
  readCustomer,
  readLookups,
  storedLookupKeysOf,
  walletPassesOfCards,
} from '../store/customers';
import { auditOf, cardEmailsOf, exportsOf, mergesOf, signUpsOf } from '../store/refs';
import { emailKey } from '../model/ids';
import type { QueryShape } from '../model/queryShape';
import { identityOf } from '../model/erasure';
import { eraseFromImports } from '../common/importArtifacts';

/** The queries of an erasure (their index needs are checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: 'erase: data exports of the customer', collection: 'exports', where: [{ field: 'customerId', op: '==' }] },
  { name: 'erase: card emails of the customer', collection: 'cardEmails', where: [{ field: 'customerId', op: '==' }] },
  { name: 'erase: merges keeping the customer', collection: 'merges', where: [{ field: 'keepId', op: '==' }] },
  { name: 'erase: merges of the customer', collection: 'merges', where: [{ field: 'mergedId', op: '==' }] },
  { name: 'erase: pending sign-ups with the email', collection: 'signUps', where: [{ field: 'emailKey', op: 'in' }] },
  {
    name: 'erase: the erasure audit entry',
    collection: 'audit',
    where: [
      { field: 'target.id', op: '==' },
      { field: 'action', op: '==' },
    ],
  },
];

/**
 * After the commit, idempotent (a retry finishes it): the subcollections (history, consent log) of
 * the erased profiles, and the files of their data exports (`exportCustomerData`), which would
 * otherwise hold their data until they expire.
 */
async function deleteLeftovers(db: Firestore, storage: Storage, chainId: string, ids: string[]): Promise<void> {
  const exports = await Promise.all(ids.map((id) => exportsOf(db, chainId).where('customerId', '==', id).get()));
  const paths = exports.flatMap((q) => q.docs).flatMap((d) => (d.get('paths') as string[] | undefined) ?? []);
  await Promise.all([eraseSubcollections(db, chainId, ids), ...paths.map((path) => storage.bucket().file(path).delete({ ignoreNotFound: true }))]);
}

export async function deleteCustomer(
  { db, storage }: Deps,
  caller: ChainCaller,
  input: { customerId: string },
): Promise<{ erased: true; cardsReleased: number }> {
  const { chainId } = caller;
  const profiles = await db.runTransaction(
    async (tx) => {
      const customer = await readCustomer(db, chainId, input.customerId, tx);
      return customer ? [customer, ...(await mergedProfiles(tx, db, chainId, [input.customerId]))] : [];
    },
    { readOnly: true },
  );
  if (profiles.length) await eraseFromImports(db, storage.bucket(), chainId, identityOf(profiles));

  const outcome = await db.runTransaction(async (tx) => {
    const customer = await readCustomer(db, chainId, input.customerId, tx);
    if (!customer) return null;
    // Reads first, as a transaction requires.
    const merged = await mergedProfiles(tx, db, chainId, [input.customerId]);
    const ids = [input.customerId, ...merged.map((d) => d.id)];
    const [cards, jobs, records] = await Promise.all([
      cardsOfCustomers(tx, db, chainId, ids),
      Promise.all(ids.map((id) => tx.get(cardEmailsOf(db, chainId).where('customerId', '==', id)))).then((s) => s.flatMap((q) => q.docs)),
      Promise.all(ids.flatMap((id) => (['keepId', 'mergedId'] as const).map((f) => tx.get(mergesOf(db, chainId).where(f, '==', id))))).then((s) =>
        s.flatMap((q) => q.docs),
      ),
    ]);
    // Pending self sign-ups with any of their addresses (copies of what the person typed, not yet confirmed).
    const emails = [
      ...new Set(
        [customer, ...merged]
          .flatMap((c) => [c.doc.email, c.doc.email2])
          .filter(Boolean)
          .map(emailKey),
      ),
    ].slice(0, 30);
    const signUps = emails.length ? (await tx.get(signUpsOf(db, chainId).where('emailKey', 'in', emails))).docs : [];
    // A profile merged into another one left the lookups at the merge: its keys are not removed twice.
    const lookups = await readLookups(tx, db, chainId, customer.doc.mergedInto ? [] : storedLookupKeysOf(customer.doc));
    // The wallet passes of the cards it holds: voided (a released card may be bound to someone else).
    const passes = await walletPassesOfCards(
      tx,
      db,
      chainId,
      cards.filter((c) => c.doc.status === 'bound').map((c) => c.doc.code),
    );

    const released = eraseCustomer(tx, db, chainId, customer, merged, cards, lookups, passes);
    for (const job of jobs) {
      const pending = job.get('status') === 'pending';
      tx.update(job.ref, {
        to: FieldValue.delete(),
        ...(pending ? { status: 'failed', error: 'customer erased', finishedAt: FieldValue.serverTimestamp() } : {}),
      });
    }
    for (const id of new Set(records.map((r) => r.id))) tx.delete(mergesOf(db, chainId).doc(id));
    for (const pending of signUps) tx.delete(pending.ref);
    audit(tx, db, chainId, {
      action: 'customer.erase',
      actorUid: caller.uid,
      target: { kind: 'customer', id: input.customerId },
      details: { cardsReleased: released, mergedProfiles: merged.map((d) => d.id), pendingSignUps: signUps.length },
    });
    return { released, ids };
  });

  if (!outcome) {
    // Already erased? Then finish what a failed attempt may have left (history, consent logs).
    const erased = await auditOf(db, chainId).where('target.id', '==', input.customerId).where('action', '==', 'customer.erase').limit(1).get();
    const entry = erased.docs[0];
    if (!entry) throw new AppError('not-found', 'error.noSuchCustomer', caller.lang);
    await deleteLeftovers(db, storage, chainId, [input.customerId, ...((entry.get('details.mergedProfiles') as string[] | undefined) ?? [])]);
    return { erased: true, cardsReleased: 0 };
  }
  await deleteLeftovers(db, storage, chainId, outcome.ids);
  customerErased(chainId, input.customerId, caller.uid, outcome.released);
  return { erased: true, cardsReleased: outcome.released };
}
