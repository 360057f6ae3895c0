// deleteCustomer: erasure of a customer's personal data on request (GDPR art. 17).
// The customer document, its index row, history and consent log are deleted; bound cards are
// released; an audit entry without personal data remains.
import type { CustomerDoc } from '../model/customer';
import { chainRef } from '../common/access';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { customerErased } from '../logs';
import { sortId } from './indexDoc';
import { customerIndexOf, customersOf } from './refs';
import { releaseCardsOf } from './cardLinks';
import { applyLookupChanges, lookupKeysOf } from './lookup';

export async function deleteCustomer({ db }: Deps, caller: ChainCaller, input: { customerId: string }): Promise<{ erased: true; cardsReleased: number }> {
  const ref = customersOf(db, caller.chainId).doc(input.customerId);
  const cardsReleased = await db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const customer = snap.data() as CustomerDoc | undefined;
    if (!customer) throw new AppError('not-found', 'No such customer (it may have been erased already).');
    const released = await releaseCardsOf(tx, db, caller.chainId, input.customerId, customer.cardCodes ?? []);
    tx.delete(ref);
    tx.delete(customerIndexOf(db, caller.chainId).doc(sortId(customer, input.customerId)));
    applyLookupChanges(tx, db, caller.chainId, input.customerId, lookupKeysOf(customer), []);
    audit(tx, db, caller.chainId, {
      action: 'customer.erase',
      actorUid: caller.uid,
      target: { kind: 'customer', id: input.customerId },
      details: { cardsReleased: released },
    });
    return released;
  });
  // History and consent log: subcollections, deleted after the customer is gone (idempotent). So are
  // profiles merged into this customer (kept for undo) and the merge records holding their copies.
  await db.recursiveDelete(ref);
  const chain = chainRef(db, caller.chainId);
  const [tombstones, kept, merged] = await Promise.all([
    customersOf(db, caller.chainId).where('mergedInto', '==', input.customerId).get(),
    chain.collection('merges').where('keepId', '==', input.customerId).get(),
    chain.collection('merges').where('mergedId', '==', input.customerId).get(),
  ]);
  await Promise.all([...tombstones.docs.map((d) => db.recursiveDelete(d.ref)), ...[...kept.docs, ...merged.docs].map((d) => d.ref.delete())]);
  customerErased(caller.chainId, input.customerId, caller.uid, cardsReleased);
  return { erased: true, cardsReleased };
}
