// Typed reads of customers and of what the write path needs to read before it writes (in a
// transaction, before any of its writes): the cards of customers, the profiles merged into them.
import type { DocumentReference, Firestore, Timestamp, Transaction } from 'firebase-admin/firestore';
import type { CardDoc } from '../../model/card';
import type { CustomerDoc } from '../../model/customer';
import { cardsOfCustomerQuery, customerRef, customersOf } from '../refs';
import type { Stored } from './write';
import type { QueryShape } from '../../model/queryShape';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'erase: profiles merged into the customer', collection: 'customers', where: [{ field: 'mergedInto', op: '==' }] },
];

/** A customer as stored, or null; in the transaction when one is given. */
export async function readCustomer(db: Firestore, chainId: string, id: string, tx?: Transaction): Promise<Stored | null> {
  const ref = customerRef(db, chainId, id);
  const doc = (tx ? await tx.get(ref) : await ref.get()).data();
  return doc ? { id, doc } : null;
}

/**
 * Many customers in one batched read, with the update time each was read at (the precondition of a
 * later write). `getAll` does not carry the refs' converter type: the documents are customers.
 */
export async function readCustomers(db: Firestore, chainId: string, ids: string[]): Promise<Map<string, { doc: CustomerDoc; updateTime: Timestamp }>> {
  const found = new Map<string, { doc: CustomerDoc; updateTime: Timestamp }>();
  for (let i = 0; i < ids.length; i += 300) {
    const snaps = await db.getAll(...ids.slice(i, i + 300).map((id) => customerRef(db, chainId, id)));
    for (const s of snaps) if (s.exists) found.set(s.id, { doc: s.data() as CustomerDoc, updateTime: s.updateTime! });
  }
  return found;
}

/** The cards of these customers (bound, or revoked while theirs), read in the transaction. */
export async function cardsOfCustomers(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customerIds: string[],
): Promise<{ ref: DocumentReference; doc: CardDoc }[]> {
  const snaps = await Promise.all(customerIds.map((id) => tx.get(cardsOfCustomerQuery(db, chainId, id))));
  return snaps.flatMap((s) => s.docs).map((d) => ({ ref: d.ref, doc: d.data() }));
}

/** The profiles merged into these customers, and into those, and so on (read in the transaction). */
export async function mergedProfiles(tx: Transaction, db: Firestore, chainId: string, ids: string[]): Promise<Stored[]> {
  const found: Stored[] = [];
  const seen = new Set(ids);
  let frontier = ids;
  while (frontier.length) {
    const snaps = await Promise.all(frontier.map((id) => tx.get(customersOf(db, chainId).where('mergedInto', '==', id))));
    const next = snaps.flatMap((s) => s.docs).filter((d) => !seen.has(d.id));
    next.forEach((d) => seen.add(d.id));
    found.push(...next.map((d) => ({ id: d.id, doc: d.data() })));
    frontier = next.map((d) => d.id);
  }
  return found;
}
