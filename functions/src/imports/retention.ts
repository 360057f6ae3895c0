// What an import keeps, and for how long (README, "Retention"):
// - the uploaded file: deleted as soon as its import has ended (done, refused or given up); each run
//   (a check included) uploads its own copy, and the report keeps the file's name;
// - the error file (failed rows as uploaded) and the values quoted in the report's first errors:
//   7 days (`expiresAt` on the report and on the file; storage.rules refuse a download after it),
//   then the scheduled purge deletes the file and blanks the values, keeping counts and messages.
import type { Bucket } from '@google-cloud/storage';
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { withoutValues, type ImportRowError } from '../model/import';
import type { QueryShape } from '../model/queryShape';
import { COLLECTION } from '../model/paths';
import { importsOf } from '../store/refs';
import { importArtifactsPurged } from '../logs';
import type { StorageObject } from './guard';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: "purge: a chain's expired import reports", collection: 'imports', where: [{ field: 'expiresAt', op: '<=' }] },
  { name: 'purge: expired import reports of every chain', collection: 'imports', group: true, where: [{ field: 'expiresAt', op: '<=' }] },
];

const PURGE_PAGE = 200;

/** Deletes the uploaded object version, then notes it on the report. Throws when the delete fails (the event is retried). */
export async function removeUpload(bucket: Bucket, object: StorageObject, reportRef: DocumentReference): Promise<void> {
  await bucket.file(object.name, { generation: Number(object.generation) }).delete({ ignoreNotFound: true });
  // Noted once: a redelivered event of a finished import leaves its report as it was.
  if (!(await reportRef.get()).get('uploadDeletedAt')) await reportRef.update({ uploadDeletedAt: FieldValue.serverTimestamp() });
}

/**
 * Expired import reports (of one chain, or of every chain) in pages: the error file is deleted and
 * the report keeps no personal value (`errorFile: null`, values blanked, `purgedAt`). A report is
 * purged once: `expiresAt` is removed with it. Returns how many reports were purged.
 */
export async function purgeExpiredImports(db: Firestore, bucket: Bucket, options: { now?: Date; chainId?: string; budgetMs?: number } = {}): Promise<number> {
  const started = Date.now();
  const imports = options.chainId ? importsOf(db, options.chainId) : db.collectionGroup(COLLECTION.imports);
  let total = 0;
  for (;;) {
    const expired = await imports
      .where('expiresAt', '<=', Timestamp.fromDate(options.now ?? new Date()))
      .limit(PURGE_PAGE)
      .get();
    const results = await Promise.allSettled(
      expired.docs.map(async (doc) => {
        const errorFile = doc.get('errorFile') as string | null;
        if (errorFile) await bucket.file(errorFile).delete({ ignoreNotFound: true });
        await doc.ref.update({
          errorFile: null,
          errors: withoutValues((doc.get('errors') as ImportRowError[] | undefined) ?? []),
          expiresAt: FieldValue.delete(),
          purgedAt: FieldValue.serverTimestamp(),
        });
      }),
    );
    const purged = results.filter((r) => r.status === 'fulfilled').length;
    total += purged;
    importArtifactsPurged(purged);
    if (expired.size < PURGE_PAGE || purged === 0 || Date.now() - started > (options.budgetMs ?? 120_000)) return total;
  }
}
