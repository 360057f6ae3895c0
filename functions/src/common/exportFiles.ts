// What every export shares (customers, card batches, a customer's data): a record in
// chains/{chainId}/exports with its expiry, Storage metadata that keeps the import trigger away,
// and an audit entry committed with the record.
import type { Bucket } from '@google-cloud/storage';
import { FieldValue, Timestamp, type Firestore } from 'firebase-admin/firestore';
import { EXPORT_TTL_MS, OUTPUT_MARK } from '../model/export';
import { exportsOf } from '../store/refs';
import { audit, type AuditEntry } from './audit';

export type ExportKind = 'customers' | 'cardBatch' | 'customerData';

export function newExport(db: Firestore, chainId: string, kind: ExportKind, createdBy: string) {
  const ref = exportsOf(db, chainId).doc();
  const expiresAt = new Date(Date.now() + EXPORT_TTL_MS);
  return {
    id: ref.id,
    expiresAt,
    /** Storage metadata of one of its files: download name, type, and the expiry. */
    fileMetadata(fileName: string, contentType: string) {
      return {
        contentType,
        contentDisposition: `attachment; filename="${fileName}"`,
        metadata: { [OUTPUT_MARK]: kind, exportId: ref.id, createdBy, expiresAt: expiresAt.toISOString() },
      };
    },
    /** Once the files are written: the record (with its files) and the audit entry, together. */
    async record(data: { paths: string[] } & Record<string, unknown>, entry: Omit<AuditEntry, 'actorUid'>): Promise<void> {
      const batch = db.batch();
      batch.create(ref, {
        kind,
        status: 'done',
        path: data.paths[0],
        ...data,
        createdBy,
        createdAt: FieldValue.serverTimestamp(),
        expiresAt: Timestamp.fromDate(expiresAt),
      });
      audit(batch, db, chainId, { ...entry, actorUid: createdBy });
      await batch.commit();
    },
    /**
     * When writing failed: the partial files are removed and the record says why (a technical
     * reason, no personal data); it expires like any export. Never throws: the original error counts.
     */
    async fail(paths: string[], bucket: Bucket, reason: string, data: Record<string, unknown> = {}): Promise<void> {
      await Promise.allSettled(paths.map((p) => bucket.file(p).delete({ ignoreNotFound: true })));
      await ref
        .create({
          kind,
          status: 'failed',
          error: reason,
          paths: [],
          ...data,
          createdBy,
          createdAt: FieldValue.serverTimestamp(),
          expiresAt: Timestamp.fromDate(expiresAt),
        })
        .catch(() => undefined);
    },
  };
}
