import { FieldValue, type DocumentReference, type Firestore, type Transaction, type WriteBatch } from 'firebase-admin/firestore';
import { auditOf } from '../store/refs';

/**
 * `chains/{chainId}/audit/{id}`: who did what, when. Entries carry ids and counts, never
 * personal data (no names, emails or phone numbers), so they can outlive an erasure.
 */
export interface AuditEntry {
  action: string;
  actorUid: string;
  target?: { kind: string; id: string };
  details?: Record<string, unknown>;
}

export function newAuditRef(db: Firestore, chainId: string): DocumentReference {
  return auditOf(db, chainId).doc();
}

export function auditData(entry: AuditEntry) {
  return { ...entry, at: FieldValue.serverTimestamp() };
}

/** Adds the entry to a transaction or batch, so it commits with the action it records. */
export function audit(writer: Transaction | WriteBatch, db: Firestore, chainId: string, entry: AuditEntry): void {
  writer.create(newAuditRef(db, chainId), auditData(entry));
}
