// What a transaction, a batch, a BulkWriter (or a wrapper of one) can do: the write path plans its
// writes once and hands them to any of these. Here, not beside the write path, so that the store
// modules that write (keys, card links) and their users import it without a cycle.
import type { DocumentReference, Precondition } from 'firebase-admin/firestore';

export interface DocWriter {
  create(ref: DocumentReference, data: Record<string, unknown>): unknown;
  set(ref: DocumentReference, data: Record<string, unknown>, options?: { merge: boolean }): unknown;
  update(ref: DocumentReference, data: Record<string, unknown>, precondition?: Precondition): unknown;
  delete(ref: DocumentReference, precondition?: Precondition): unknown;
}
