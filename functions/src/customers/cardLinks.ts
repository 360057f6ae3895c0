// The link between customers and their ID cards (`cardBatches/{batchId}/cards/{code}`), as seen
// from the customer side: erasure releases a customer's cards.
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';

/** Card documents of a chain by code, through the `cards` collection group. */
export function cardQuery(db: Firestore, chainId: string, code: string) {
  return db.collectionGroup('cards').where('chainId', '==', chainId).where('code', '==', code).limit(1);
}

/**
 * Makes the customer's bound cards unbound again (they may be given to someone else).
 * Reads first, then writes, as a transaction requires. Returns how many were released.
 */
export async function releaseCardsOf(tx: Transaction, db: Firestore, chainId: string, customerId: string, codes: string[]): Promise<number> {
  const snaps = await Promise.all(codes.map((code) => tx.get(cardQuery(db, chainId, code))));
  let released = 0;
  for (const snap of snaps) {
    const card = snap.docs[0];
    if (!card || card.get('customerId') !== customerId || card.get('status') !== 'bound') continue;
    tx.update(card.ref, {
      status: 'unbound',
      customerId: null,
      boundAt: null,
      boundBy: null,
      email: { status: 'none' },
      releasedAt: FieldValue.serverTimestamp(),
    });
    const batch = card.ref.parent.parent!;
    tx.update(batch, { bound: FieldValue.increment(-1) });
    released++;
  }
  return released;
}
