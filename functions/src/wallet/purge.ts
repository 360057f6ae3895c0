// Retention: a voided pass is kept WALLET_RETENTION_DAYS so that devices can fetch it, then it goes
// with its device registrations (push tokens).
import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTION } from '../model/paths';
import type { QueryShape } from '../model/queryShape';
import { WALLET_RETENTION_DAYS } from '../model/wallet';
import { walletPassesPurged } from '../logs';

export const QUERIES: QueryShape[] = [
  { name: 'voided wallet passes past retention', collection: 'walletPasses', group: true, where: [{ field: 'voidedAtMs', op: '<' }] },
];

export async function purgeVoidedPasses(db: Firestore, nowMs = Date.now()): Promise<number> {
  const cutoff = nowMs - WALLET_RETENTION_DAYS * 24 * 3600 * 1000;
  const expired = await db.collectionGroup(COLLECTION.walletPasses).where('voidedAtMs', '<', cutoff).limit(500).get();
  await Promise.all(expired.docs.map((d) => db.recursiveDelete(d.ref)));
  if (expired.size) walletPassesPurged(expired.size);
  return expired.size;
}
