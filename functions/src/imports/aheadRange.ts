// A range of a file split into parallel parts (ahead.ts): its rows that only create a customer no
// other row names, written ahead of the import's main run, through the write path (CommitSink), at
// the part's share of the ramp. Stops for good once the import ended or its main run is close to
// the range's next chunk, and hands the rest of its range over to a task of its own when its time
// runs out.
import { createHash } from 'node:crypto';
import { FieldValue, type DocumentReference } from 'firebase-admin/firestore';
import type { File } from '@google-cloud/storage';
import { importWriteFailed } from '../logs';
import { lookupMany } from '../store/customers';
import type { AheadTask } from './ahead';
import { streamChunks } from './chunks';
import { NO_DEADLINE, rowDeadline, timeDeadline } from './deadline';
import type { Carried } from './carried';
import { matchKeys, type Row } from './matching';
import { rampFrom } from './ramp';
import { readRow, type RowContext } from './rows';
import { derivedCustomerId, planImportRow, type RowPlanContext } from './rowPlan';
import type { ScanResult } from './scan';
import { CommitSink } from './sink';
import type { ImportDeps, ImportOptions } from './run';

/**
 * A part stops writing once the main run has read up to this many rows (at most a tenth of a range)
 * before the part's next chunk. Only a matter of work saved: whichever writes a row's customer
 * first, the other finds it (creations never overwrite; the main run counts it created).
 */
export const AHEAD_MARGIN_ROWS = 2_000;

/** What the first pass leaves for the range tasks. */
export interface AheadState {
  header: string[];
  scan: NonNullable<Carried['scan']>;
  /** Hashes of the match keys more than one row holds. */
  repeated: number[];
  /** Where each range 1..n-1 starts, and where the file ends. */
  starts: { ordinal: number; row: number; byte: number }[];
  end: number;
}

/** A match key's hash in the first pass: 48 bits of SHA-1 (a collision only keeps a row for the main run). */
export const keyHash = (key: string) => createHash('sha1').update(key).digest().readUIntBE(0, 6);

/** Why a range task stops before the end of its range. */
class Stop extends Error {
  constructor(readonly next: { ordinal: number; row: number; byte: number } | null) {
    super('stop');
  }
}

interface AheadRow extends Row {
  ordinal: number;
  end: number;
}

/** Range k: its rows that only create a customer no other row names, written ahead. */
export class RangeWriter {
  private readonly repeated: Set<number>;
  private readonly failed = new Set<number>();
  private applied = 0;
  private ordinal: number;

  constructor(
    private readonly deps: ImportDeps,
    private readonly task: AheadTask,
    private readonly chainId: string,
    private readonly reportRef: DocumentReference,
    private readonly state: AheadState,
    private readonly at: RowPlanContext,
    private readonly scan: ScanResult,
    private readonly startedAt: number,
    private readonly options: ImportOptions,
  ) {
    this.repeated = new Set(state.repeated);
    this.ordinal = task.ahead.ordinal - 1;
  }

  async run(file: File): Promise<void> {
    const { range, layout } = this.task.ahead;
    const end = this.state.starts[range]?.byte ?? this.state.end; // where the next range starts
    const lastOrdinal = Math.min(range + 1, layout.parts) * layout.size;
    const rate = rampFrom(this.deps.writesPerSecond, this.startedAt, layout.parts);
    const sink = new CommitSink(this.deps.db, this.chainId, rate, {
      failed: (row, ref, err) => {
        this.failed.add(row);
        importWriteFailed(this.chainId, this.at.importId, ref.path, err);
      },
      settled: () => undefined,
      // The customer exists already (the main run, or an earlier try of this task, created it): its row is the main run's.
      conflict: async (row) => (this.failed.add(row), null),
    });
    const deadline =
      this.options.handOverAfterRows !== undefined
        ? rowDeadline(this.options.handOverAfterRows)
        : this.deps.invocationSeconds
          ? timeDeadline(this.deps.invocationSeconds, Date.now())
          : NO_DEADLINE;
    let taken = 0;
    let next: Stop['next'] = null;
    try {
      await streamChunks(file, this.scan, {
        header: async () => this.at.ctx,
        row: (row, cells, ctx: RowContext, byteEnd): AheadRow => ({ row, cells, read: readRow(cells, ctx), ordinal: ++this.ordinal, end: byteEnd }),
        prepare: (rows) => {
          const free = this.prepare(rows);
          free.catch(() => undefined); // surfaces when the chunk is processed
          return free;
        },
        process: async (rows, found) => {
          await this.mainRunAway(rows[0]!.ordinal);
          for (const r of rows) {
            if (r.ordinal > lastOrdinal || !found.has(r.row)) continue;
            const planned = planImportRow(r, derivedCustomerId(this.at.importId, r.row), null, this.at);
            if ('problems' in planned) continue;
            sink.apply(r.row, derivedCustomerId(this.at.importId, r.row), planned.plan, null, null);
            this.applied++;
          }
          await sink.backpressure();
          taken += rows.length;
          const last = rows[rows.length - 1]!;
          if (last.ordinal < lastOrdinal && deadline.passed(taken)) throw new Stop({ ordinal: last.ordinal + 1, row: last.row + 1, byte: last.end });
        },
        range: { byte: this.task.ahead.byte, end, row: this.task.ahead.row, ctx: this.at.ctx },
      });
    } catch (err) {
      if (!(err instanceof Stop)) throw err;
      next = err.next;
    } finally {
      await sink.close();
      const rows = this.applied - this.failed.size;
      if (rows || sink.written())
        await this.reportRef.update({ 'ahead.rows': FieldValue.increment(rows), 'ahead.writes': FieldValue.increment(sink.written()) });
    }
    if (next) await this.deps.ahead!.task({ object: this.task.object, ahead: { ...this.task.ahead, ...next } });
  }

  /** Stops the part once its import has ended, or its main run is about to read the rows it would write. */
  private async mainRunAway(ordinal: number): Promise<void> {
    const report = await this.reportRef.get();
    if (['done', 'failed'].includes(report.get('status'))) throw new Stop(null);
    const margin = Math.min(AHEAD_MARGIN_ROWS, Math.ceil(this.task.ahead.layout.size / 10));
    if ((report.get('processed') ?? 0) + margin >= ordinal) throw new Stop(null);
  }

  /** The rows of a chunk that may be written ahead (checked, keys held by no other row, no stored match). */
  private async prepare(rows: AheadRow[]): Promise<Set<number>> {
    const keysOf = new Map<number, string[]>();
    for (const r of rows) {
      if (r.read.problems.length || r.read.values.get('customerId') !== undefined) continue;
      const keys = Object.values(matchKeys(r.read)).filter((k): k is string => !!k);
      if (keys.some((k) => this.repeated.has(keyHash(k)))) continue;
      keysOf.set(r.row, keys);
    }
    const found = await lookupMany(this.deps.db, this.chainId, [...keysOf.values()].flat());
    const free = new Set<number>();
    for (const [row, keys] of keysOf) if (!keys.some((k) => found.get(k)?.length)) free.add(row);
    return free;
  }
}
