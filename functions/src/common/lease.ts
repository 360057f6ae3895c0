// A job document taken under a lease, in a transaction, so a redelivered event never runs the same
// job twice at once: a job nobody holds is taken (created if the policy says how); one whose lease
// still holds makes the delivery fail with a LeaseHeldError (the platform retries it later); one
// whose lease expired was interrupted, and the next attempt takes it over, until the attempts are
// used up and the job is given up. Used by the CSV import and the card email delivery.
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';

export interface Lease {
  until: Timestamp;
  /** Attempts taken so far, this one included. */
  attempt: number;
}

/** Another invocation holds the job's lease: the delivery is retried later. */
export class LeaseHeldError extends Error {}

export interface LeasePolicy<D> {
  /** How long a lease holds before it is taken to be interrupted. */
  ms: number;
  /** Attempts allowed; the next one gives the job up. */
  maxAttempts: number;
  now: number;
  /** The error to throw while another invocation holds the lease. */
  held: () => LeaseHeldError;
  /** The job says there is nothing (more) to do: finished, or not to be run at all. */
  finished: (data: D) => boolean;
  /** A missing document: the data it is created with (queued, under a first lease); absent: nothing to do. */
  create?: () => Record<string, unknown>;
  /** Attempts made before this one (default: the lease's count, none without a lease). */
  attemptsOf?: (data: D) => number;
  /** Fields written with the lease when the job is taken (e.g. its status). */
  taken?: (data: D, attempt: number) => Record<string, unknown>;
  /** Fields written when the attempts are used up (the job marked failed). */
  gaveUp: (data: D) => Record<string, unknown>;
}

export type LeaseOutcome<D> = { kind: 'taken'; attempt: number; data: D | null } | { kind: 'finished'; data: D | null } | { kind: 'gaveUp'; data: D };

const defaultAttempts = (data: { lease?: Partial<Lease> }) => (data.lease ? (data.lease.attempt ?? 1) : 0);

/** Takes the job at `ref` under a lease, or says why not (a held lease throws). */
export async function takeLease<D extends { lease?: Partial<Lease> }>(db: Firestore, ref: DocumentReference, policy: LeasePolicy<D>): Promise<LeaseOutcome<D>> {
  const lease = (attempt: number): Lease => ({ until: Timestamp.fromMillis(policy.now + policy.ms), attempt });
  return db.runTransaction(async (tx) => {
    const data = (await tx.get(ref)).data() as D | undefined;
    if (!data) {
      if (!policy.create) return { kind: 'finished', data: null };
      tx.create(ref, { ...policy.create(), lease: lease(1) });
      return { kind: 'taken', attempt: 1, data: null };
    }
    if (policy.finished(data)) return { kind: 'finished', data };
    const made = (policy.attemptsOf ?? defaultAttempts)(data);
    // A lease held by an attempt (a job none took yet may carry none).
    if (made > 0 && data.lease?.until && data.lease.until.toMillis() > policy.now) throw policy.held();
    const attempt = made + 1;
    if (attempt > policy.maxAttempts) {
      tx.update(ref, policy.gaveUp(data));
      return { kind: 'gaveUp', data };
    }
    tx.update(ref, { ...(policy.taken?.(data, attempt) ?? {}), lease: lease(attempt) });
    return { kind: 'taken', attempt, data };
  });
}

/** Fields that extend a held lease, for an update the job makes anyway (progress, an attempt). */
export function leaseRenewal(now: number, ms: number): Record<string, unknown> {
  return { 'lease.until': Timestamp.fromMillis(now + ms) };
}

/** Fields that release the lease, written with the job's final state. */
export function leaseReleased(): Record<string, unknown> {
  return { lease: FieldValue.delete() };
}
