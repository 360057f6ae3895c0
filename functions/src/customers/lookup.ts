// Exact-match keys of customers, kept up to date on every customer write:
// `chains/{chainId}/customerKeys/{sha1(key)}` = { key, ids, n } for
//   e:<email> (case-insensitive), p:<phone digits>, n:<first>|<last>|<postal code>, c:<custom value>.
// Written with arrayUnion/arrayRemove and increment (safe under concurrency). They let an import
// match thousands of rows with one batched get per chunk, bind a card by email, warn about
// duplicates on creation, and list likely duplicates (keys with n >= 2) without any scan.
// A key document holds personal data (the key itself): in a transaction, the key documents are read
// first (`readLookups`) and one that would hold no customer any more is deleted, not left behind
// empty, so updates, merges and erasure leave no orphan. A BulkWriter (the import) cannot read: it
// removes the id only.
import { createHash } from 'node:crypto';
import { FieldValue, type BulkWriter, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import type { CustomerFields } from '../model/customer';
import { emailKey } from '../model/ids';
import { fold, words } from '../model/text';
import { chainRef } from '../common/access';
import type { DocWriter } from './write';

export const lookupKey = {
  email: (email: string) => `e:${emailKey(email)}`,
  custom: (custom: string) => `c:${fold(custom).trim()}`,
};

type Keyed = Pick<CustomerFields, 'email' | 'email2' | 'phones' | 'firstName' | 'lastName' | 'address' | 'custom'>;

/** What makes two customers likely the same: `e:<email>`, `p:<digits>`, `n:<first>|<last>|<postal code>`. */
export function duplicateKeys(c: Omit<Keyed, 'custom'>): string[] {
  const keys = new Set<string>();
  for (const email of [c.email, c.email2]) if (email.trim()) keys.add(lookupKey.email(email));
  for (const phone of Object.values(c.phones)) {
    const digits = phone.replace(/\D/g, '');
    if (digits) keys.add(`p:${digits}`);
  }
  const postal = fold(c.address.postalCode).replace(/\s+/g, '');
  if (postal) keys.add(`n:${words(c.firstName).join(' ')}|${words(c.lastName).join(' ')}|${postal}`);
  return [...keys];
}

/** The keys that block a creation unless confirmed: the same email or the same phone. */
export function contactKeys(c: Omit<Keyed, 'custom'>): string[] {
  return duplicateKeys(c).filter((k) => !k.startsWith('n:'));
}

export function lookupKeysOf(c: Keyed): string[] {
  const keys = duplicateKeys(c);
  if (c.custom.trim()) keys.push(lookupKey.custom(c.custom));
  return keys;
}

export function lookupRef(db: Firestore, chainId: string, key: string) {
  return chainRef(db, chainId).collection('customerKeys').doc(createHash('sha1').update(key).digest('hex'));
}

type Writer = Transaction | BulkWriter | WriteBatch | DocWriter;

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
export function applyLookupChanges(writer: Writer, db: Firestore, chainId: string, customerId: string, before: string[], after: string[], state?: LookupState): void {
  const w = writer as WriteBatch;
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

/** Customer ids per key, for many keys at once (one batched read). */
export async function lookupMany(db: Firestore, chainId: string, keys: string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(keys)];
  const found = new Map<string, string[]>();
  for (let i = 0; i < unique.length; i += 500) {
    const slice = unique.slice(i, i + 500);
    const snaps = await db.getAll(...slice.map((k) => lookupRef(db, chainId, k)));
    snaps.forEach((snap, j) => {
      const ids = (snap.get('ids') as string[] | undefined) ?? [];
      if (ids.length) found.set(slice[j]!, ids);
    });
  }
  return found;
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
