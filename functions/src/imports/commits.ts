// The import's writes, row by row, in atomic commits. Each row's writes (its customer, search row,
// lookup keys, history and consent entries) are planned together; an update of an existing customer
// carries the update time the import read it at (a precondition), a new customer is created (never
// overwritten). Rows are grouped into commits of up to MAX_OPS writes: a commit applies all its
// rows or none, so a row never lands half (a search row or keys without their customer).
//
// When a commit fails:
// - for a passing reason (a busy or contended database), it is tried again with backoff;
// - otherwise its rows are committed one by one, so that only the guilty row is concerned;
// - a row whose customer changed since it was read (failed precondition, already exists, not
//   found) is a conflict: the importer plans it again on the current state (`replan`), or settles it;
// - any other failure is reported against the row (`failed`).
// A row is settled once its writes landed, failed for good, or its re-plan needed none; rows
// settle in any order, and `durableThrough` tells the last row up to which all have.
import type { DocumentReference, Firestore, Precondition, WriteBatch } from 'firebase-admin/firestore';
import type { DocWriter } from '../store/writer';
import type { WriteRate } from './ramp';

/** gRPC codes worth another try: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE. */
const TRANSIENT = new Set([4, 8, 10, 13, 14]);
/** The document is not as read: NOT_FOUND, ALREADY_EXISTS, FAILED_PRECONDITION. */
const CONFLICT = new Set([5, 6, 9]);
const MAX_TRIES = 5;
/** Writes per commit (Firestore allows 500): large enough to amortize a round trip. */
export const MAX_OPS = 200;
/** Commits in flight at once. */
const PARALLEL = 12;

type Op =
  | { kind: 'create' | 'set'; ref: DocumentReference; data: Record<string, unknown>; merge?: boolean }
  | { kind: 'update'; ref: DocumentReference; data: Record<string, unknown>; precondition?: Precondition }
  | { kind: 'delete'; ref: DocumentReference; precondition?: Precondition };

/** A DocWriter that records the writes, to be put in a batch later. */
export class RecordedWrites implements DocWriter {
  readonly ops: Op[] = [];
  create(ref: DocumentReference, data: Record<string, unknown>) {
    this.ops.push({ kind: 'create', ref, data });
  }
  set(ref: DocumentReference, data: Record<string, unknown>, options?: { merge: boolean }) {
    this.ops.push({ kind: 'set', ref, data, merge: options?.merge ?? false });
  }
  update(ref: DocumentReference, data: Record<string, unknown>, precondition?: Precondition) {
    this.ops.push({ kind: 'update', ref, data, ...(precondition ? { precondition } : {}) });
  }
  delete(ref: DocumentReference, precondition?: Precondition) {
    this.ops.push({ kind: 'delete', ref, ...(precondition ? { precondition } : {}) });
  }
}

function addTo(batch: WriteBatch, op: Op): void {
  switch (op.kind) {
    case 'create':
      batch.create(op.ref, op.data);
      break;
    case 'set':
      batch.set(op.ref, op.data, { merge: op.merge ?? false });
      break;
    case 'update':
      if (op.precondition) batch.update(op.ref, op.data, op.precondition);
      else batch.update(op.ref, op.data);
      break;
    case 'delete':
      if (op.precondition) batch.delete(op.ref, op.precondition);
      else batch.delete(op.ref);
  }
}

export interface RowWrites {
  row: number;
  ops: Op[];
}

export interface CommitEvents {
  /** The row's customer changed since it was read: its writes planned again, or null (settled). */
  replan(row: number): Promise<RowWrites | null>;
  /** A write of the row failed for good (logged and reported by the caller). */
  failed(row: number, ref: DocumentReference, err: unknown): void;
  /** The row is settled: landed, failed, or nothing left to write. */
  settled(row: number): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const codeOf = (err: unknown) => (err as { code?: unknown }).code;

export class Committer {
  private group: RowWrites[] = [];
  private groupOps = 0;
  /** Writes queued or in flight. */
  private pending = 0;
  private active = 0;
  private readonly waitingSlots: (() => void)[] = [];
  private readonly waitingDrain: (() => void)[] = [];
  /** Rows not settled yet, in file order, and a promise for each. */
  private readonly open = new Map<number, { settled: Promise<void>; resolve: () => void }>();
  private readonly order: number[] = [];
  private readonly running = new Set<Promise<void>>();
  /** Rate limit: the time (ms) the next write may start at. */
  private nextFree = 0;
  /** Documents written by the commits that landed (the ramp's benchmark compares them with its time). */
  written = 0;
  /**
   * A failure the import cannot go on after (a re-plan that could not read the customer): every
   * waiter is released and the next call throws it, so the attempt stops and is retried from its
   * checkpoint. Never a rejection left unhandled.
   */
  private fatal: { error: unknown } | null = null;

  constructor(
    private readonly db: Firestore,
    private readonly events: CommitEvents,
    private readonly rate: WriteRate,
  ) {}

  /**
   * Writes queued or in flight above which the reader waits: about 2 s of writes at the current rate
   * (between 1,000 and 4,000), so that a handover settles what is queued within seconds.
   */
  private high(): number {
    return Math.min(4000, Math.max(1000, 2 * this.rate.at(Date.now())));
  }

  /** Queues the writes of a row (rows come in increasing order). */
  add(writes: RowWrites): void {
    this.check();
    let resolve!: () => void;
    const settled = new Promise<void>((r) => (resolve = r));
    this.open.set(writes.row, { settled, resolve });
    this.order.push(writes.row);
    if (this.groupOps + writes.ops.length > MAX_OPS) this.send();
    this.group.push(writes);
    this.groupOps += writes.ops.length;
    this.pending += writes.ops.length;
    if (this.groupOps >= MAX_OPS) this.send();
  }

  /** Sends the rows queued so far as one commit. */
  send(): void {
    if (!this.group.length) return;
    const rows = this.group;
    this.group = [];
    this.groupOps = 0;
    const run = this.commit(rows)
      .catch((error: unknown) => this.stop(error))
      .finally(() => this.running.delete(run));
    this.running.add(run);
  }

  /** True when the row has settled (or had no writes). */
  settled(row: number): boolean {
    return !this.open.has(row);
  }

  /** Waits until the row has settled, sending it first if it is still queued. */
  async whenSettled(row: number): Promise<void> {
    const entry = this.open.get(row);
    if (!entry) return;
    if (this.group.some((w) => w.row === row)) this.send();
    await entry.settled;
    this.check();
  }

  /** Every row up to the returned one has settled (given rows up to `processed` were read). */
  durableThrough(processed: number): number {
    while (this.order.length && !this.open.has(this.order[0]!)) this.order.shift();
    return this.order.length ? Math.min(this.order[0]! - 1, processed) : processed;
  }

  /** Sends what is queued, and waits while too many writes are queued or in flight. */
  async backpressure(): Promise<void> {
    this.send();
    while (this.pending > this.high() && !this.fatal) await new Promise<void>((r) => this.waitingDrain.push(r));
    this.check();
  }

  /** Sends what is queued and waits until every row has settled. */
  async close(): Promise<void> {
    this.send();
    while (this.running.size) await Promise.all([...this.running]);
    this.check();
  }

  private check(): void {
    if (this.fatal) throw this.fatal.error;
  }

  private stop(error: unknown): void {
    this.fatal ??= { error };
    for (const entry of this.open.values()) entry.resolve();
    for (const wake of this.waitingDrain.splice(0)) wake();
  }

  private async slot(): Promise<void> {
    while (this.active >= PARALLEL) await new Promise<void>((r) => this.waitingSlots.push(r));
    this.active++;
  }

  private release(): void {
    this.active--;
    this.waitingSlots.shift()?.();
  }

  /** Spreads commits so that writes start at most at the allowed rate (ramp.ts). */
  private async throttle(ops: number): Promise<void> {
    const now = Date.now();
    const start = Math.max(now, this.nextFree);
    this.nextFree = start + (ops * 1000) / this.rate.at(start);
    if (start > now) await sleep(start - now);
  }

  private settle(rows: RowWrites[]): void {
    for (const w of rows) {
      this.pending -= w.ops.length;
      const entry = this.open.get(w.row);
      this.open.delete(w.row);
      entry?.resolve();
      this.events.settled(w.row);
    }
    if (this.pending <= this.high() / 4) for (const wake of this.waitingDrain.splice(0)) wake();
  }

  private async commit(rows: RowWrites[]): Promise<void> {
    let err: unknown = null;
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const ops = rows.reduce((n, w) => n + w.ops.length, 0);
      await this.slot();
      try {
        await this.throttle(ops);
        const batch = this.db.batch();
        for (const w of rows) for (const op of w.ops) addTo(batch, op);
        await batch.commit();
        err = null;
      } catch (e) {
        err = e;
      } finally {
        this.release();
      }
      if (!err) {
        this.written += ops;
        return this.settle(rows);
      }
      if (!TRANSIENT.has(codeOf(err) as number)) break;
      await sleep(Math.min(100 * 2 ** attempt, 3000));
    }
    // One row at a time: only the row whose customer changed (or whose write is refused) is concerned.
    if (rows.length > 1) {
      await Promise.all(rows.map((w) => this.commit([w])));
      return;
    }
    const [w] = rows as [RowWrites];
    if (CONFLICT.has(codeOf(err) as number)) {
      const again = await this.events.replan(w.row);
      if (again) {
        this.pending += again.ops.length - w.ops.length;
        w.ops = again.ops;
        return this.commit([w]);
      }
    } else {
      this.events.failed(w.row, w.ops[0]!.ref, err);
    }
    this.settle([w]);
  }
}
