// The import's report as a state machine taken under a lease (common/lease.ts): a first delivery
// creates the report, queued; a redelivered event finds the import running under a live lease
// (LeaseHeld: retried later), finished (nothing to do), or interrupted (the next attempt resumes
// from its checkpoint); the attempt after the last allowed one marks the import failed.
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { IMPORT_ARTIFACT_TTL_MS, type ImportMetadata, type ImportReport } from '../model/import';
import { LeaseHeldError, takeLease, type Lease } from '../common/lease';
import { importSkipped } from '../logs';
import type { StorageObject } from './guard';
import type { PartState } from './handover';
import type { Checkpoint } from './ledger';
import { gaveUpMessage } from './messages';
import { queuedReport } from './report';

export const LEASE_MS = 120_000;
export const MAX_ATTEMPTS = 3;

export class LeaseHeld extends LeaseHeldError {
  constructor(importId: string) {
    super(`Import ${importId} is being processed by another invocation; retry later.`);
  }
}

type Stored = ImportReport & { lease?: Lease; checkpoint?: Checkpoint; part?: PartState };

/**
 * Takes the import under a lease, or says there is nothing to do. A first delivery creates the
 * report, `queued`, until the job starts reading the file (exported for tests).
 */
export async function acquire(
  db: Firestore,
  ref: DocumentReference,
  object: StorageObject,
  meta: ImportMetadata | null,
  options: { now?: () => number },
): Promise<{ checkpoint: Checkpoint | null; attempt: number; part: PartState | null } | null> {
  const taken = await takeLease<Stored>(db, ref, {
    ms: LEASE_MS,
    maxAttempts: MAX_ATTEMPTS,
    now: options.now?.() ?? Date.now(),
    held: () => new LeaseHeld(ref.id),
    finished: (report) => report.status === 'done' || report.status === 'failed',
    create: () => ({ ...queuedReport(object, meta), invocations: 1 }),
    // Every delivery that works on the import (a part, a retry) counts; a handover is not an attempt
    // (handover.ts leaves the lease's attempt as it found it).
    taken: () => ({ invocations: FieldValue.increment(1) }),
    gaveUp: () => ({
      status: 'failed',
      failure: { code: 'gaveUp', params: { attempts: MAX_ATTEMPTS }, message: gaveUpMessage(meta?.lang ?? 'en', MAX_ATTEMPTS) },
      finishedAt: FieldValue.serverTimestamp(),
      expiresAt: Timestamp.fromMillis((options.now?.() ?? Date.now()) + IMPORT_ARTIFACT_TTL_MS),
    }),
  });
  if (taken.kind === 'finished' && taken.data) importSkipped(object.name, `already ${taken.data.status}`);
  if (taken.kind !== 'taken') return null;
  return { checkpoint: taken.data?.checkpoint ?? null, attempt: taken.attempt, part: taken.data?.part ?? null };
}
