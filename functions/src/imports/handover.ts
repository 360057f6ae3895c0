// Continuation, not crash: an import that would outlive its invocation stops taking rows before its
// time runs out (deadline.ts), lets its writes settle, saves where it is and hands the rest of the
// file over to the next invocation through a Cloud Functions task queue (`continueImport`). A
// handover is not a failed attempt: the lease is released without counting one.
//
// What goes from one invocation (a part) to the next:
// - in the report (`part`, with the checkpoint): the row the next part starts after, the counts,
//   the first errors and warnings, the documents written, when the import first started (the
//   ramp's clock), the parts whose failed rows are in error part files;
// - in a state file next to the upload (`….handover-<gen>.part-<n>.jsonl.gz`, stamped so it never
//   triggers an import, deleted when the import ends): which customers earlier rows of the file
//   wrote and the match keys they hold (matching.ts), and a dry run's planned states (state.ts), so
//   a row naming a customer an earlier part wrote is matched, planned and counted as in one run
//   (carried.ts);
// - the failed rows: each part after the first writes its own error part file, and part 0's error
//   file is set aside as part 0 when it hands over; the last part assembles them, in file order,
//   into the error file. The part files stay until the import's final report is written, so a
//   retry of the last part assembles them again.
// A part that crashes is retried from its checkpoint as before (the rows of the part before it are
// replayed); rows of earlier parts are parsed but not read again.
import { pipeline } from 'node:stream/promises';
import type { Bucket } from '@google-cloud/storage';
import { z } from 'zod';
import { artifactMetadata, errorFilePath, errorPartPath } from './errorFile';
import type { StorageObject } from './guard';
import { IMPORT_ARTIFACT_TTL_MS } from '../model/import';
import { saveCarried, type Carried } from './carried';

/** What the report keeps (`part`) about the invocation working on an import, for the next one. */
export interface PartState {
  /** The part this invocation runs (0: the first). */
  index: number;
  /** Rows up to this record number were done by earlier parts (1: the header). */
  startRow: number;
  /** Rows read by earlier parts. */
  processed: number;
  /** Documents written by earlier parts. */
  writes: number;
  /** The state file the part starts from (null for the first part). */
  stateFile: string | null;
  /** Earlier parts whose failed rows are in an error part file. */
  errorParts: number[];
  /** The lease attempt the part's first invocation takes: a later one follows a crash of the part. */
  firstAttempt: number;
  /** When the import's first part started (ms since the epoch): the ramp's clock and the duration. */
  startedAt: number;
  /** Where earlier parts' time went (report.ts `Timings`), added up. */
  timings?: { scanMs: number; lookupMs: number; writeWaitMs: number };
}

export function firstPart(now: number): PartState {
  return { index: 0, startRow: 1, processed: 0, writes: 0, stateFile: null, errorParts: [], firstAttempt: 1, startedAt: now };
}

/** The payload of a continuation task: the upload, and the part it should run. */
export interface Continuation {
  object: StorageObject;
  part: number;
}

/** The upload a task names, as it arrives in the task's payload (checked). */
export const ObjectInput = z.object({
  bucket: z.string().min(1).max(222),
  name: z.string().min(1).max(1024),
  generation: z.string().regex(/^\d{1,20}$/),
  size: z.number().int().nonnegative(),
  contentType: z.string().max(256).optional(),
  metadata: z.record(z.string(), z.string()).optional(),
});

/** A task's payload as it arrives (checked: a task names an upload and a later part). */
export const ContinuationInput = z.object({
  object: ObjectInput,
  part: z.number().int().min(1),
});

/** Enqueues the next part (index.ts: a Cloud Functions task queue; tests: a delivery they control). */
export type HandOver = (continuation: Continuation) => Promise<void>;

/**
 * Raised after a chunk once the invocation's deadline has passed and its writes have settled:
 * `row`, the last row it took; `errorRows`, whether this part's error file holds any row.
 */
export class HandoverPoint extends Error {
  constructor(
    readonly row: number,
    readonly errorRows: boolean,
  ) {
    super(`handover after row ${row}`);
  }
}

/** Where a part stops, its writes settled (run.ts): what the next part starts from. */
export interface PartEnd {
  /** The point the part stopped at. */
  point: HandoverPoint;
  /** Rows read so far by this part and the ones before. */
  processed: number;
  /** Documents written so far by this part and the ones before. */
  writes: number;
  /** Where the time went so far, this part and the ones before. */
  timings: NonNullable<PartState['timings']>;
  /** The lease attempt this invocation holds. */
  attempt: number;
  /** The state the next part takes over (carried.ts). */
  carried: Carried;
}

/** What a handover needs besides the parts: where the upload is, and the import's report and queue. */
export interface HandoverSteps {
  bucket: Bucket;
  object: StorageObject;
  importId: string;
  /** The report takes the checkpoint and the next part, releasing the lease without counting an attempt. */
  report: (next: PartState) => Promise<void>;
  /** Enqueues the next part (the `continueImport` task queue). */
  enqueue: HandOver;
  /** Fault injection for tests: the handover stops (as a crash would) before its report or its enqueue. */
  fail?: 'beforeReport' | 'beforeEnqueue';
}

/** The part after `part`, which stopped at `end`. */
export function nextPart(object: StorageObject, part: PartState, end: Omit<PartEnd, 'carried'>): PartState {
  const index = part.index + 1;
  return {
    index,
    startRow: end.point.row,
    processed: end.processed,
    writes: end.writes,
    stateFile: statePath(object, index),
    errorParts: end.point.errorRows ? [...part.errorParts, part.index] : [...part.errorParts],
    firstAttempt: end.attempt,
    startedAt: part.startedAt,
    timings: end.timings,
  };
}

/**
 * Hands the rest of the file over: this part's failed rows stay as an error part file (part 0's
 * error file set aside as part 0), its state is saved for the next part, the report takes the
 * next part and the next part is enqueued; the state this part started from goes. Each step can
 * be repeated: a crash in between is retried from the checkpoint and hands over again.
 */
export async function handOverPart(steps: HandoverSteps, part: PartState, end: PartEnd): Promise<PartState> {
  const { bucket, object } = steps;
  if (end.point.errorRows && part.index === 0) await setAsideFirstPart(bucket, object);
  const next = nextPart(object, part, end);
  const expiresAt = new Date(Date.now() + IMPORT_ARTIFACT_TTL_MS);
  await saveCarried(bucket, next.stateFile!, steps.importId, end.carried, expiresAt);
  if (steps.fail === 'beforeReport') throw new Error('fault injection: handover stopped before its report');
  await steps.report(next);
  if (steps.fail === 'beforeEnqueue') throw new Error('fault injection: handover stopped before its enqueue');
  await steps.enqueue({ object, part: next.index });
  if (part.stateFile) await bucket.file(part.stateFile).delete({ ignoreNotFound: true });
  return next;
}

function stemOf(objectName: string): string {
  const dot = objectName.lastIndexOf('.');
  return dot > objectName.lastIndexOf('/') ? objectName.slice(0, dot) : objectName;
}

export function statePath(object: StorageObject, part: number): string {
  return `${stemOf(object.name)}.handover-${object.generation}.part-${part}.jsonl.gz`;
}

/** Where the parts writing ahead find the layout of the file (ahead.ts). */
export function aheadStatePath(object: StorageObject): string {
  return `${stemOf(object.name)}.ahead-${object.generation}.json`;
}

/** A state file next to the upload (an import artifact: never imported, expires, removed at the end). */
export async function saveState(bucket: Bucket, path: string, importId: string, state: unknown, expiresAt: Date): Promise<void> {
  await bucket.file(path).save(Buffer.from(JSON.stringify(state), 'utf8'), {
    resumable: false,
    metadata: { contentType: 'application/json', metadata: artifactMetadata('import-handover', importId, expiresAt) },
  });
}

export async function loadState<T>(bucket: Bucket, path: string): Promise<T> {
  const [bytes] = await bucket.file(path).download();
  return JSON.parse(bytes.toString('utf8')) as T;
}

/** Part 0's error file (written where the error file goes), set aside as part 0 at its handover. */
export async function setAsideFirstPart(bucket: Bucket, object: StorageObject): Promise<void> {
  await bucket.file(errorFilePath(object.name, object.generation)).move(errorPartPath(object.name, object.generation, 0));
}

/**
 * The error file of an import that handed over: the header (part 0's file starts with it, otherwise
 * `header`), then each part's rows in order. Returns its path, or null when no part had a row.
 */
export async function assembleErrorFile(
  bucket: Bucket,
  object: StorageObject,
  importId: string,
  parts: number[],
  header: Buffer,
  expiresAt: Date,
): Promise<string | null> {
  if (!parts.length) return null;
  const path = errorFilePath(object.name, object.generation);
  const ordered = [...new Set(parts)].sort((a, b) => a - b);
  const out = bucket.file(path).createWriteStream({
    resumable: false,
    metadata: { contentType: 'text/csv; charset=utf-8', metadata: artifactMetadata('import-errors', importId, expiresAt) },
  });
  await pipeline(async function* () {
    if (ordered[0] !== 0) yield header;
    for (const part of ordered) {
      for await (const chunk of bucket.file(errorPartPath(object.name, object.generation, part)).createReadStream()) yield chunk as Buffer;
    }
  }, out);
  return path;
}

/** The part files and state files of an import that has ended (called again on every redelivery). */
export async function removePartArtifacts(bucket: Bucket, object: StorageObject, part: PartState | undefined): Promise<void> {
  // One more than the last part: a handover that crashed may have saved the next part's state.
  const paths = [aheadStatePath(object)];
  for (let i = 0; i <= (part?.index ?? 0) + 1; i++) paths.push(errorPartPath(object.name, object.generation, i), statePath(object, i));
  await Promise.all(paths.map((p) => bucket.file(p).delete({ ignoreNotFound: true })));
}
