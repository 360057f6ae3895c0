// The link between customers and their ID cards (`cardBatches/{batchId}/cards/{code}`), as seen
// from the customer side: a card records its customer (`customerId`) while bound, and keeps it once
// revoked; erasure releases a customer's bound cards and forgets the address their email went to.
import { FieldValue, type Firestore, type QueryDocumentSnapshot, type Transaction } from 'firebase-admin/firestore';
import type { QueryShape } from '../model/queryShape';

/** Card documents of a chain by code, through the `cards` collection group. */
/** A chain's card by code, and a customer's cards, across batches (checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: 'card by code', collection: 'cards', group: true, where: [{ field: 'chainId', op: '==' }, { field: 'code', op: '==' }] },
  { name: 'cards of a customer', collection: 'cards', group: true, where: [{ field: 'chainId', op: '==' }, { field: 'customerId', op: '==' }] },
];

export function cardQuery(db: Firestore, chainId: string, code: string) {
  return db.collectionGroup('cards').where('chainId', '==', chainId).where('code', '==', code).limit(1);
}

/** Every card whose customer is (or, for a revoked card, was) this customer. */
export function cardsOfCustomerQuery(db: Firestore, chainId: string, customerId: string) {
  return db.collectionGroup('cards').where('chainId', '==', chainId).where('customerId', '==', customerId);
}

/** The cards of these customers, read in the transaction (before any of its writes). */
export async function cardsOfCustomers(tx: Transaction, db: Firestore, chainId: string, customerIds: string[]): Promise<QueryDocumentSnapshot[]> {
  const snaps = await Promise.all(customerIds.map((id) => tx.get(cardsOfCustomerQuery(db, chainId, id))));
  return snaps.flatMap((s) => s.docs);
}

/**
 * On erasure: a bound card becomes unbound again (it may be given to someone else); a revoked card
 * stays revoked but no longer holds the address its email went to. Returns true for a release.
 */
export function releaseOrRedactCard(tx: Transaction, card: QueryDocumentSnapshot): boolean {
  if (card.get('status') === 'bound') {
    tx.update(card.ref, {
      status: 'unbound',
      customerId: null,
      boundAt: null,
      boundBy: null,
      email: { status: 'none' },
      releasedAt: FieldValue.serverTimestamp(),
    });
    tx.update(card.ref.parent.parent!, { bound: FieldValue.increment(-1) });
    return true;
  }
  if (card.get('email.to')) tx.update(card.ref, { 'email.to': null });
  return false;
}
