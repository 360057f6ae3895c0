// Exact-match keys of customers (what they are, and reading them), kept up to date on every customer
// write by keys.ts:
// `chains/{chainId}/customerKeys/{sha1(key)}` = { key, ids, n } for
//   e:<email> (case-insensitive), p:<phone digits>, n:<first>|<last>|<postal code>, c:<custom value>.
// Written with arrayUnion/arrayRemove and increment (safe under concurrency). They let an import
// match thousands of rows with one batched get per chunk, bind a card by email, warn about
// duplicates on creation, and list likely duplicates (keys with n >= 2) without any scan.
// A key document holds personal data (the key itself): in a transaction, the key documents are read
// first (`readLookups`) and one that would hold no customer any more is deleted, not left behind
// empty, so updates, merges and erasure leave no orphan. A BulkWriter (the import) cannot read: it
// removes the id only.
import type { Firestore } from 'firebase-admin/firestore';
import type { CustomerFields } from '../../model/customer';
import { emailKey } from '../../model/ids';
import { phoneKey } from '../../model/phone';
import { fold, words } from '../../model/text';
import { lookupRef } from '../refs';

export const lookupKey = {
  email: (email: string) => `e:${emailKey(email)}`,
  custom: (custom: string) => `c:${fold(custom).trim()}`,
};

type Keyed = Pick<CustomerFields, 'email' | 'email2' | 'phones' | 'firstName' | 'lastName' | 'address' | 'custom'>;

/**
 * What makes two customers likely the same: `e:<email>`, `p:<E.164>` (`p:+33612345678`; the digits
 * of a phone that is not a valid number), `n:<first>|<last>|<postal code>`.
 */
export function duplicateKeys(c: Omit<Keyed, 'custom'>): string[] {
  const keys = new Set<string>();
  for (const email of [c.email, c.email2]) if (email.trim()) keys.add(lookupKey.email(email));
  for (const phone of Object.values(c.phones)) {
    const key = phoneKey(phone);
    if (key) keys.add(`p:${key}`);
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

/**
 * The keys a stored customer may be listed under: its keys, plus the phone keys of before phones
 * were parsed (`p:<digits>`, e.g. `p:33612345678`), which a customer not yet re-indexed by
 * `reindexCustomers` still holds. A write removing the customer from its keys removes it from these
 * too (absent ones are skipped), so no key document keeps a phone for nobody.
 */
export function storedLookupKeysOf(c: Keyed): string[] {
  const keys = lookupKeysOf(c);
  for (const phone of Object.values(c.phones)) {
    const digits = phone.replace(/\D/g, '');
    if (digits && !keys.includes(`p:${digits}`)) keys.push(`p:${digits}`);
  }
  return keys;
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
