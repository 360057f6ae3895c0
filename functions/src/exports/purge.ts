// Exports (and a customer's data exports) live 24 hours: a scheduled job deletes the files and
// their records once expired. The Storage bucket can also carry a lifecycle rule (see README), and
// storage.rules refuse a download after the expiry stamped on the file, whenever the job runs.
import { COLLECTION } from '../model/paths';
import { exportsOf } from '../store/refs';
import type { Bucket } from '@google-cloud/storage';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { exportsPurged } from '../logs';
import type { QueryShape } from '../model/queryShape';

/** Expired exports deleted per query. */
export const PURGE_PAGE = 500;

/**
 * Deletes one page (at most `PURGE_PAGE`) of expired exports of every chain (or of one, `chainId`);
 * returns how many were found and how many deleted (a file that cannot be deleted keeps its record,
 * so the next run tries again).
 */
/** Expired exports of one chain, or of every chain (checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: "purge: a chain's expired exports", collection: 'exports', where: [{ field: 'expiresAt', op: '<=' }] },
  { name: 'purge: expired exports of every chain', collection: 'exports', group: true, where: [{ field: 'expiresAt', op: '<=' }] },
];

export async function purgeExpiredExports(db: Firestore, bucket: Bucket, now = new Date(), chainId?: string): Promise<number> {
  return (await purgePage(db, bucket, now, chainId)).deleted;
}

async function purgePage(db: Firestore, bucket: Bucket, now: Date, chainId?: string): Promise<{ found: number; deleted: number }> {
  const exports = chainId ? exportsOf(db, chainId) : db.collectionGroup(COLLECTION.exports);
  const expired = await exports.where('expiresAt', '<=', Timestamp.fromDate(now)).limit(PURGE_PAGE).get();
  const results = await Promise.allSettled(
    expired.docs.map(async (doc) => {
      const paths = [doc.get('path'), ...((doc.get('paths') as string[] | undefined) ?? [])].filter((p): p is string => typeof p === 'string');
      await Promise.all([...new Set(paths)].map((p) => bucket.file(p).delete({ ignoreNotFound: true })));
      await doc.ref.delete();
    }),
  );
  const deleted = results.filter((r) => r.status === 'fulfilled').length;
  exportsPurged(deleted);
  return { found: expired.size, deleted };
}

/**
 * What the hourly schedule runs: pages of expired exports across every chain until none is left
 * (however many expired within the hour), a page deletes nothing (a persistent failure, left to the
 * next run), or the time budget is spent. Returns how many were deleted.
 */
export async function purgeAllExpiredExports(db: Firestore, bucket: Bucket, options: { now?: () => Date; budgetMs?: number } = {}): Promise<number> {
  const started = Date.now();
  const budget = options.budgetMs ?? 240_000;
  let total = 0;
  for (;;) {
    const { found, deleted } = await purgePage(db, bucket, options.now?.() ?? new Date());
    total += deleted;
    if (found < PURGE_PAGE || deleted === 0 || Date.now() - started > budget) return total;
  }
}
