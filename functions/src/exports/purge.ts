// Exports (and a customer's data exports) live 24 hours: a scheduled job deletes the files and
// their records once expired. The Storage bucket can also carry a lifecycle rule (see README).
import type { Bucket } from '@google-cloud/storage';
import { Timestamp, type Firestore } from 'firebase-admin/firestore';
import { exportsPurged } from '../logs';

/** Deletes expired exports of every chain (or of one, `chainId`); returns how many. */
export async function purgeExpiredExports(db: Firestore, bucket: Bucket, now = new Date(), chainId?: string): Promise<number> {
  const exports = chainId ? db.collection(`chains/${chainId}/exports`) : db.collectionGroup('exports');
  const expired = await exports.where('expiresAt', '<=', Timestamp.fromDate(now)).limit(500).get();
  await Promise.all(
    expired.docs.map(async (doc) => {
      const paths = [doc.get('path'), ...((doc.get('paths') as string[] | undefined) ?? [])].filter((p): p is string => typeof p === 'string');
      await Promise.all(paths.map((p) => bucket.file(p).delete({ ignoreNotFound: true })));
      await doc.ref.delete();
    }),
  );
  exportsPurged(expired.size);
  return expired.size;
}
