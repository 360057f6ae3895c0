// The import's deliveries: the Storage event of an upload (`importCustomers`) and the tasks of the
// `continueImport` queue (the next part after a handover, or a part writing ahead). Each checks what
// it is given, takes the import's lease (lease.ts), refuses a file that cannot be imported with a
// report that says why, and runs the import (run.ts); once the import has ended, the upload and
// what its parts left are removed.
//
// Never twice, never lost: the import id is derived from the object path and generation, and its
// report document is a state machine (queued -> running -> done | failed) taken under a lease in a
// transaction: a redelivered event finds the import running (and is retried later) or finished
// (and stops). A crash is rethrown: the delivery is retried (retry: true) and resumes from the
// checkpoint.
import type { DocumentReference } from 'firebase-admin/firestore';
import type { Bucket } from '@google-cloud/storage';
import { ImportMetadata, importIdFor, MAX_IMPORT_BYTES } from '../model/import';
import { describeIssues } from '../model/issues';
import { MANAGERS } from '../model/roles';
import { importContinuationStale, importSkipped } from '../logs';
import { memberWithRole } from '../common/access';
import { chainRef, importsOf } from '../store/refs';
import { AheadInput, writeAhead } from './ahead';
import { acceptableContentType, guardImport, type StorageObject } from './guard';
import { ContinuationInput, firstPart, removePartArtifacts, type Continuation, type PartState } from './handover';
import { acquire, LEASE_MS } from './lease';
import { Reporter } from './report';
import { removeUpload } from './retention';
import { ImportRun, type ImportDeps, type ImportOptions } from './run';
import { Refusal } from './scan';

export { acquire, LeaseHeld } from './lease';
export type { ImportDeps, ImportOptions } from './run';

/**
 * Entry point of the continuation task (`continueImport`): the next part of an import that handed
 * over. A task for a part a later delivery already started is stale and does nothing; otherwise it
 * is a delivery like any other (the lease decides who works on the import).
 */
export async function continueImport(deps: ImportDeps, payload: unknown, options: ImportOptions = {}): Promise<void> {
  const ahead = AheadInput.safeParse(payload);
  if (ahead.success) return await writeAhead(deps, ahead.data, options);
  const parsed = ContinuationInput.safeParse(payload);
  if (!parsed.success) return importSkipped('(task payload)', 'not a continuation');
  const continuation: Continuation = parsed.data;
  const guard = guardImport(continuation.object);
  if (!guard.handle) return importSkipped(continuation.object.name, guard.reason);
  const importId = importIdFor(continuation.object.name, continuation.object.generation);
  const report = await importsOf(deps.db, guard.chainId).doc(importId).get();
  const current = (report.get('part') as PartState | undefined)?.index ?? 0;
  if (!report.exists || current > continuation.part) return importContinuationStale(importId, continuation.part, current);
  await handleImport(deps, continuation.object, options);
}

/** Entry point of the trigger. Returns without error when there is nothing (more) to do. */
export async function handleImport(deps: ImportDeps, object: StorageObject, options: ImportOptions = {}): Promise<void> {
  const guard = guardImport(object);
  if (!guard.handle) {
    importSkipped(object.name, guard.reason);
    return;
  }
  const { db } = deps;
  const chain = await chainRef(db, guard.chainId).get();
  if (!chain.exists) {
    importSkipped(object.name, 'no such chain');
    return;
  }
  const importId = importIdFor(object.name, object.generation);
  const reportRef = importsOf(db, guard.chainId).doc(importId);
  const meta = ImportMetadata.safeParse(object.metadata ?? {});
  const lang = meta.success ? meta.data.lang : 'en';

  const lease = await acquire(db, reportRef, object, meta.success ? meta.data : null, options);
  // Finished (or given up) before: this delivery only makes sure the upload (and the parts) are gone.
  if (!lease) return ended(deps.bucket, object, reportRef, (await reportRef.get()).get('part') as PartState | undefined);

  const part = lease.part ?? firstPart(Date.now());
  const started = part.index > 0 ? part.startedAt : Date.now();
  const reporter = new Reporter(db, reportRef, guard.chainId, importId, started, LEASE_MS, lang, options.progressEveryMs);
  const job = new ImportRun(deps, guard.chainId, importId, reporter, object, lang, chain.get('customFields') ?? [], options);
  try {
    if (!meta.success) {
      throw new Refusal('badMetadata', {
        detail: describeIssues(meta.error.issues)
          .map((p) => `${p.path}: ${p.message}`)
          .join('; '),
      });
    }
    if (object.size > MAX_IMPORT_BYTES) throw new Refusal('tooLarge', { max: MAX_IMPORT_BYTES });
    // Known from the event, before any read: Cloud Storage answers 416 to a range read of 0 bytes.
    if (Number(object.size) === 0) throw new Refusal('empty');
    if (!acceptableContentType(object.contentType, object.name)) throw new Refusal('notCsv', { contentType: object.contentType ?? '' });
    // The uploader may have been removed (or made staff) since the upload: checked at every start.
    // Still an owner or manager now? (An upload without `uploadedBy` can only come from the Admin SDK
    // or the console: storage.rules require clients to sign theirs.)
    if (meta.data.uploadedBy !== undefined && !(await memberWithRole(db, guard.chainId, meta.data.uploadedBy, MANAGERS)))
      throw new Refusal('uploaderNotAllowed');
    if ((await job.run(meta.data, lease.checkpoint, lease.attempt, part)) === 'handedOver') return;
  } catch (err) {
    if (!(err instanceof Refusal)) throw err; // a crash: the event is retried (retry: true) and resumes from the checkpoint
    await reporter.failed(err, lang, object.metadata?.uploadedBy ?? 'storage', job.ledger);
  }
  await ended(deps.bucket, object, reportRef, part);
}

/** The import has ended: the upload goes, and what its parts left (handover.ts). */
async function ended(bucket: Bucket, object: StorageObject, reportRef: DocumentReference, part: PartState | undefined): Promise<void> {
  await removeUpload(bucket, object, reportRef);
  await removePartArtifacts(bucket, object, part);
}
