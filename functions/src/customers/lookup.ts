// Exact-match lookup of customers by email (case-insensitive) and by custom value (e.g. a loyalty
// number): `chains/{chainId}/customerKeys/{sha1(key)}` = { key, ids }. Kept up to date on every
// customer write with arrayUnion/arrayRemove (no read needed, safe under concurrency), so an import
// matches thousands of rows with one batched get per chunk, and a card can be bound by email.
import { createHash } from 'node:crypto';
import { FieldValue, type BulkWriter, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { emailKey } from '../model/ids';
import { fold } from '../model/text';
import { chainRef } from '../common/access';
import type { DocWriter } from './write';

export const lookupKey = {
  email: (email: string) => `e:${emailKey(email)}`,
  custom: (custom: string) => `c:${fold(custom).trim()}`,
};

export function lookupKeysOf(c: { email: string; email2: string; custom: string }): string[] {
  const keys = new Set<string>();
  for (const email of [c.email, c.email2]) if (email.trim()) keys.add(lookupKey.email(email));
  if (c.custom.trim()) keys.add(lookupKey.custom(c.custom));
  return [...keys];
}

export function lookupRef(db: Firestore, chainId: string, key: string) {
  return chainRef(db, chainId).collection('customerKeys').doc(createHash('sha1').update(key).digest('hex'));
}

type Writer = Transaction | BulkWriter | WriteBatch | DocWriter;

export function applyLookupChanges(writer: Writer, db: Firestore, chainId: string, customerId: string, before: string[], after: string[]): void {
  const w = writer as WriteBatch;
  for (const key of before.filter((k) => !after.includes(k))) {
    w.set(lookupRef(db, chainId, key), { key, ids: FieldValue.arrayRemove(customerId) }, { merge: true });
  }
  for (const key of after.filter((k) => !before.includes(k))) {
    w.set(lookupRef(db, chainId, key), { key, ids: FieldValue.arrayUnion(customerId) }, { merge: true });
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
