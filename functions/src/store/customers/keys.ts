// Writing the exact-match key documents (`customerKeys`, see lookup.ts), for the write path only.
// A key document holds personal data (the key itself): in a transaction, the key documents are read
// first (`readLookups`) and one that would hold no customer any more is deleted, not left behind
// empty. A batch without reads (the import) removes the id only, and deleteVacatedLookups deletes the
// emptied documents once its writes have landed.
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { lookupRef } from '../refs';
import type { DocWriter } from '../writer';

/**
 * The key documents as a transaction sees them: read with `readLookups` before any write of the
 * transaction, then kept up to date by every `applyLookupChanges` of that transaction (a merge
 * changes the keys of two customers, possibly the same key twice).
 */
export class LookupState {
  constructor(private readonly ids: Map<string, string[]>) {}
  has(key: string): boolean {
    return this.ids.has(key);
  }
  /** Whether the key document (read) lists the customer. */
  holds(key: string, customerId: string): boolean {
    return this.ids.get(key)?.includes(customerId) ?? false;
  }
  /** Removes the customer from the key: whether it was not there, and whether the key then holds nobody. */
  remove(key: string, customerId: string): 'absent' | 'empty' | 'left' {
    const ids = this.ids.get(key) ?? [];
    if (!ids.includes(customerId)) return ids.length ? 'absent' : 'empty';
    const left = ids.filter((id) => id !== customerId);
    this.ids.set(key, left);
    return left.length ? 'left' : 'empty';
  }
  /** Adds the customer to the key; false when it was there already. */
  add(key: string, customerId: string): boolean {
    const ids = this.ids.get(key) ?? [];
    if (ids.includes(customerId)) return false;
    this.ids.set(key, [...ids, customerId]);
    return true;
  }
}

/** Reads, in the transaction and before any of its writes, the key documents that `keys` name (at least those it removes a customer from). */
export async function readLookups(tx: Transaction, db: Firestore, chainId: string, keys: string[]): Promise<LookupState> {
  const unique = [...new Set(keys)];
  const snaps = unique.length ? await tx.getAll(...unique.map((k) => lookupRef(db, chainId, k))) : [];
  return new LookupState(new Map(unique.map((k, i) => [k, (snaps[i]!.get('ids') as string[] | undefined) ?? []])));
}

/**
 * Moves the customer from its `before` keys to its `after` keys. With the transaction's `state`, a
 * key document left without any customer is deleted (it would keep an email, a phone or a name for
 * nobody); without it (a BulkWriter) the id is removed and the document stays.
 */
export function applyLookupChanges(
  w: DocWriter,
  db: Firestore,
  chainId: string,
  customerId: string,
  before: string[],
  after: string[],
  state?: LookupState,
): void {
  for (const key of before.filter((k) => !after.includes(k))) {
    if (state && !state.has(key)) throw new Error('applyLookupChanges: a key document was not read in this transaction');
    const removed = state?.remove(key, customerId);
    // Not listed (removed before): no decrement, the count stays the number of ids.
    if (removed === 'absent') continue;
    if (removed === 'empty') w.delete(lookupRef(db, chainId, key));
    else w.set(lookupRef(db, chainId, key), { key, ids: FieldValue.arrayRemove(customerId), n: FieldValue.increment(-1) }, { merge: true });
  }
  for (const key of after.filter((k) => !before.includes(k))) {
    // An added key needs no read (nothing is deleted), unless the same transaction removes from it later.
    if (state?.has(key) && !state.add(key, customerId)) continue;
    w.set(lookupRef(db, chainId, key), { key, ids: FieldValue.arrayUnion(customerId), n: FieldValue.increment(1) }, { merge: true });
  }
}

/**
 * Deletes those of `keys` whose document holds no customer any more: for writers that cannot read
 * (an import's BulkWriter), once their writes have landed. Each delete is conditioned on the
 * document's update time, so a key that a concurrent write has just given a customer stays.
 * Returns how many were deleted.
 */
export async function deleteVacatedLookups(db: Firestore, chainId: string, keys: Iterable<string>): Promise<number> {
  const unique = [...new Set(keys)];
  let deleted = 0;
  for (let i = 0; i < unique.length; i += 500) {
    const snaps = await db.getAll(...unique.slice(i, i + 500).map((k) => lookupRef(db, chainId, k)));
    const empty = snaps.filter((s) => s.exists && !((s.get('ids') as string[] | undefined) ?? []).length);
    const results = await Promise.allSettled(empty.map((s) => s.ref.delete({ lastUpdateTime: s.updateTime! })));
    deleted += results.filter((r) => r.status === 'fulfilled').length;
  }
  return deleted;
}
