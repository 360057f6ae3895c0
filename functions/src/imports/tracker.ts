// Bookkeeping of the import's writes in flight: backpressure (the parser waits when too many writes
// are queued, so memory stays flat whatever the file size), failures recorded against their row,
// and the last row whose writes have all landed (the checkpoint a retry may resume after), without
// ever stopping the pipeline to flush.
import type { BulkWriter, DocumentReference } from 'firebase-admin/firestore';
import type { DocWriter } from '../store/writer';

/** gRPC codes worth another try: DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE. */
const TRANSIENT = new Set([4, 8, 10, 13, 14]);

/**
 * A write that failed for a passing reason (a busy or contended database) is tried again, up to
 * five times, with BulkWriter's own backoff; others fail at once and are reported on their row.
 */
export function retryTransientErrors(writer: BulkWriter): BulkWriter {
  writer.onWriteError((err) => TRANSIENT.has(err.code as number) && err.failedAttempts < 5);
  return writer;
}

interface RowOps {
  row: number;
  open: number;
}

export class WriteTracker {
  private pending = 0;
  private readonly rows: RowOps[] = [];
  private waiters: (() => void)[] = [];
  /** Rows with writes still in flight. */
  private readonly open = new Set<number>();

  constructor(
    private readonly writer: BulkWriter,
    private readonly onError: (row: number, ref: DocumentReference, err: unknown) => void,
    /** Called once all writes of a row have settled (landed or failed for good). */
    private readonly onRowSettled: (row: number) => void = () => undefined,
    private readonly high = 4000,
    private readonly low = 1000,
  ) {}

  /** A writer whose operations count against `row` (rows must come in increasing order). */
  forRow(row: number): DocWriter {
    let entry = this.rows[this.rows.length - 1];
    if (!entry || entry.row !== row) {
      entry = { row, open: 0 };
      this.rows.push(entry);
      this.open.add(row);
    }
    const track = (ref: DocumentReference, op: Promise<unknown>) => {
      this.pending++;
      entry!.open++;
      op.catch((err: unknown) => this.onError(row, ref, err)).finally(() => this.settle(entry!));
    };
    return {
      create: (ref, data) => track(ref, this.writer.create(ref, data)),
      set: (ref, data, opts) => track(ref, opts ? this.writer.set(ref, data, opts) : this.writer.set(ref, data)),
      update: (ref, data) => track(ref, this.writer.update(ref, data)),
      delete: (ref) => track(ref, this.writer.delete(ref)),
    };
  }

  private settle(entry: RowOps): void {
    this.pending--;
    entry.open--;
    if (entry.open === 0) {
      this.open.delete(entry.row);
      this.onRowSettled(entry.row);
    }
    while (this.rows[0] && this.rows[0].open === 0) this.rows.shift();
    if (this.pending <= this.low) for (const wake of this.waiters.splice(0)) wake();
  }

  /** True when every write of `row` has settled (or it had none). */
  settled(row: number): boolean {
    return !this.open.has(row);
  }

  /** Waits while too many writes are queued. */
  async backpressure(): Promise<void> {
    while (this.pending > this.high) await new Promise<void>((r) => this.waiters.push(r));
  }

  /** Every row up to the returned one has all its writes landed (given rows up to `processed` were read). */
  durableThrough(processed: number): number {
    const first = this.rows[0];
    return first ? Math.min(first.row - 1, processed) : processed;
  }
}
