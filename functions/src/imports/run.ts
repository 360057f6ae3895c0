// One invocation of the CSV import of an uploaded object version, once its delivery took the
// lease (delivery.ts): from the file's first pass to the final report or the handover. This module
// wires the steps together (scan.ts, chunks.ts, columns.ts, rows.ts, matching.ts, sink.ts,
// commits.ts, conflicts.ts, ledger.ts, errorFile.ts, report.ts, handover.ts) and plans each row's
// write. (About 390 lines: a row is planned here, once when read and again after a conflict, so
// that both plans are made by the same code; splitting the class would only pass its state around.)
//
// Never twice, never lost:
// - one invocation at a time works on an import: its delivery holds the lease (delivery.ts);
// - about every second a checkpoint is saved: the last row whose writes have all landed, with the
//   counts as they were after it; a retry after a crash resumes there. Customers created by the
//   import get ids derived from (import, row), and history entries likewise, so the rows replayed
//   after the checkpoint rewrite the same documents;
// - a customer is updated only if it is still as read (commits.ts); otherwise its row is planned
//   again on the current state (conflicts.ts), so no concurrent write is overwritten;
// - an invocation whose time runs out hands the rest of the file over to the next one through a
//   task queue (handover.ts): not a failed attempt, and the counts go on exactly.
import type { Firestore } from 'firebase-admin/firestore';
import type { Bucket } from '@google-cloud/storage';
import type { CustomFieldDef } from '../model/customerType';
import { IMPORT_ARTIFACT_TTL_MS, type ImportMetadata } from '../model/import';
import type { Lang } from '../model/lang';
import type { CustomerDoc } from '../model/customer';
import type { Country } from '../model/phone';
import type { SegmentClock } from '../model/segments';
import { importHandedOver, importRowConflict, importStarted, importWriteFailed } from '../logs';
import { isNoop, type CustomerWritePlan } from '../store/customers';
import { chainSettings } from '../common/settings';
import { historyOf } from '../store/refs';
import { aheadLayout, planTask, type AheadTask } from './ahead';
import { loadCarried, scanOf } from './carried';
import { streamChunks } from './chunks';
import { customerTypeIds, mapColumns, rowContext } from './columns';
import { replan, type Pending } from './conflicts';
import { NO_DEADLINE, rowDeadline, timeDeadline, type Deadline } from './deadline';
import { ErrorFile } from './errorFile';
import type { StorageObject } from './guard';
import { assembleErrorFile, handOverPart, HandoverPoint, type HandOver, type PartState } from './handover';
import { Ledger, problemText, type Checkpoint, type Problem } from './ledger';
import { Matcher, type Before, type Prepared, type Row } from './matching';
import { mergedMessage, saveFailedMessage } from './messages';
import { rampFrom } from './ramp';
import type { Reporter, Timings } from './report';
import { readRow, type RowContext } from './rows';
import { derivedCustomerId, planImportRow } from './rowPlan';
import { scanFile, type ScanResult } from './scan';
import { CommitSink, DryRunSink, type ImportSink, type Replanned, type SinkEvents } from './sink';

export interface ImportDeps {
  db: Firestore;
  bucket: Bucket;
  /** Writes per second the import starts at, raised by the ramp (ramp.ts); 10,000 or more: no ramp. */
  writesPerSecond: number;
  /** Enqueues the next part; without it, an invocation takes the whole file. */
  handOver?: HandOver;
  /** The invocation's time (the function's timeout): the deadline is derived from it (deadline.ts). */
  invocationSeconds?: number;
  /** Parallel parts (ahead.ts): a large file is split into at most `parts` ranges, each a task enqueued through `task`. */
  ahead?: { parts: number; task: (task: AheadTask) => Promise<void>; minRows?: number };
}

export interface ImportOptions {
  /** Fault injection for tests: throw after this many rows, as a crash would. */
  stopAfterRows?: number;
  now?: () => number;
  /**
   * Test hook: awaited once a chunk's customer documents are read, before any of its rows is
   * planned, and after each re-read of a customer that changed meanwhile (conflicts.ts).
   */
  afterRead?: (customerIds: string[]) => Promise<void>;
  /** Fault injection for tests: the invocation's deadline passes once it took this many rows. */
  handOverAfterRows?: number;
  /** Fault injection for tests: the handover stops (as a crash would) before its report or its enqueue. */
  failHandover?: 'beforeReport' | 'beforeEnqueue';
  /** Tests: save progress and the checkpoint after every chunk (0) or this often, instead of about every second. */
  progressEveryMs?: number;
}

export class ImportRun {
  ledger = new Ledger();
  private matcher: Matcher;
  private sink: ImportSink | null = null;
  private errorFile: ErrorFile | null = null;
  private readonly timings: Timings = { scanMs: 0, lookupMs: 0, writeWaitMs: 0 };
  /** A later attempt after a crash: some rows after the checkpoint may already have been written. */
  private resumed = false;
  /** Rows whose writes are in flight, as needed to plan them again after a conflict. */
  private readonly pending = new Map<number, Pending>();
  private ctx: RowContext | null = null;
  /** The chain's visit thresholds and time zone: the segments of rows with visit columns. */
  private segmentSettings: Pick<SegmentClock, 'settings' | 'timeZone'> | null = null;
  private meta: ImportMetadata | null = null;
  private part: PartState | null = null;
  private scan: ScanResult | null = null;

  constructor(
    private readonly deps: ImportDeps,
    private readonly chainId: string,
    private readonly importId: string,
    private readonly reporter: Reporter,
    private readonly object: StorageObject,
    private readonly lang: Lang,
    private readonly customFields: CustomFieldDef[],
    private readonly options: ImportOptions,
  ) {
    this.matcher = new Matcher(deps.db, chainId, options.afterRead);
  }

  async run(meta: ImportMetadata, checkpoint: Checkpoint | null, attempt: number, part: PartState): Promise<'done' | 'handedOver'> {
    const invocationStart = Date.now();
    // A later attempt of the same part (after a crash): rows after its checkpoint may have been written.
    this.resumed = attempt > part.firstAttempt;
    this.part = part;
    const { db, bucket } = this.deps;
    const file = bucket.file(this.object.name, { generation: Number(this.object.generation) });
    importStarted(this.chainId, this.importId, this.object.size);
    await this.reporter.running(part);

    const carried = part.stateFile ? await loadCarried(bucket, part.stateFile) : null;
    const scanStart = Date.now();
    const scan = (carried && scanOf(carried)) ?? (await scanFile(file));
    this.timings.scanMs = Date.now() - scanStart;
    this.scan = scan;
    await this.reporter.scanned(scan);
    if (checkpoint) this.ledger = new Ledger(checkpoint, await this.reporter.reported());
    const ledger = this.ledger;
    ledger.processed = part.processed;

    const types = await customerTypeIds(db, this.chainId);
    const { country, visits, timeZone } = await chainSettings(db, this.chainId);
    this.segmentSettings = { settings: visits, timeZone };
    this.meta = meta;
    const events: SinkEvents = {
      failed: (row, ref, err) => this.writeFailed(row, ref.path, err),
      settled: (row) => {
        const pending = this.pending.get(row);
        ledger.settled(row);
        this.pending.delete(row);
        // A written row with warnings goes to the error file once its write has landed, not when it
        // is read: its customer may be erased meanwhile (the row is then listed blanked, as failed).
        const warnings = pending?.r.read.warnings ?? [];
        this.errorFile!.settle(row, warnings.length ? { cells: pending!.r.cells, message: '', warning: problemText(warnings) } : null);
      },
      conflict: (row) => this.conflict(row),
    };
    // A large file may be split: parts write ahead what file order cannot change (ahead.ts).
    const layout = meta.mode !== 'dry-run' && this.deps.ahead ? aheadLayout(scan.rows, this.deps.ahead.parts, scan.detected, this.deps.ahead.minRows) : null;
    if (layout) {
      const derivedId = (row: number) => derivedCustomerId(this.importId, row);
      this.matcher = new Matcher(db, this.chainId, this.options.afterRead, { afterRow: layout.size, derivedId });
      if (part.index === 0) await this.deps.ahead!.task(planTask(this.object, layout));
    }
    // Every writer of a split file (this run and each part) gets its share of the ramp.
    const rate = rampFrom(this.deps.writesPerSecond, part.startedAt, layout?.parts ?? 1);
    const sink = meta.mode === 'dry-run' ? new DryRunSink(events) : new CommitSink(db, this.chainId, rate, events);
    this.sink = sink;
    if (carried) {
      this.matcher.restore(carried.matcher);
      sink.restore(carried.states);
    }
    const deadline = this.deadline(invocationStart);
    let taken = 0;

    try {
      await streamChunks(file, scan, {
        header: (cells) => this.start(cells, meta, types, scan, country),
        row: (row, cells, ctx: RowContext): Row => ({ row, cells, read: readRow(cells, ctx) }),
        prepare: (rows) => this.matcher.prepareSafely(rows),
        process: async (rows, prepared, ctx, lastChunk) => {
          const last = rows[rows.length - 1]!.row;
          const replay = ledger.replays(last);
          await this.processChunk(rows, prepared, ctx, meta, replay);
          if (!replay) ledger.snapshot(last);
          await this.reporter.progress(ledger, sink.durableThrough(last), part.writes + sink.written());
          const waitStart = Date.now();
          await sink.backpressure();
          this.timings.writeWaitMs += Date.now() - waitStart;
          taken += rows.length;
          // Time to hand over: after a chunk of its own (a replayed one is the checkpoint's already).
          if (!replay && !lastChunk && deadline.passed(taken)) {
            // The writes settle and this part's error file is uploaded before the file's download
            // is torn down by the throw: on the Functions emulator that teardown aborted the error
            // file's upload still open (and its error escaped unhandled), found by bench:import:ramp.
            throw new HandoverPoint(last, await this.settleForHandover());
          }
        },
        stopAfterRows: this.options.stopAfterRows,
        skipThrough: part.startRow,
      });
    } catch (err) {
      if (!(err instanceof HandoverPoint)) throw err;
      await this.handOver(err, part, attempt);
      return 'handedOver';
    }

    await sink.close();
    let errorFile = (await this.errorFile?.close()) ?? null;
    const expiresAt = this.errorFile?.expiresAt ?? new Date(Date.now() + IMPORT_ARTIFACT_TTL_MS);
    if (part.index > 0) {
      const parts = [...part.errorParts, ...(errorFile ? [part.index] : [])];
      errorFile = await assembleErrorFile(bucket, this.object, this.importId, parts, this.errorFile!.headerBytes(), expiresAt);
    }
    ledger.processed = scan.rows;
    const parts = { count: part.index + 1, writes: part.writes + sink.written() };
    await this.reporter.done(meta, ledger, errorFile, this.timingsSoFar(part), scan.rows, expiresAt, parts);
    return 'done';
  }

  /** This invocation's timings added to those of the parts before it. */
  private timingsSoFar(part: PartState): Timings {
    const before = part.timings ?? { scanMs: 0, lookupMs: 0, writeWaitMs: 0 };
    const { scanMs, writeWaitMs } = this.timings;
    return { scanMs: before.scanMs + scanMs, lookupMs: before.lookupMs + this.matcher.lookupMs, writeWaitMs: before.writeWaitMs + writeWaitMs };
  }

  /** When this invocation hands over: a row budget (tests), its time (with a queue to hand over to), or never. */
  private deadline(invocationStart: number): Deadline {
    if (!this.deps.handOver) return NO_DEADLINE;
    if (this.options.handOverAfterRows !== undefined) return rowDeadline(this.options.handOverAfterRows);
    return this.deps.invocationSeconds ? timeDeadline(this.deps.invocationSeconds, invocationStart) : NO_DEADLINE;
  }

  /** Hands the rest of the file over after the point it stopped at (handover.ts). */
  private async handOver(point: HandoverPoint, part: PartState, attempt: number): Promise<void> {
    const sink = this.sink!;
    const carried = { matcher: this.matcher.carried(this.meta!.mode === 'dry-run'), states: sink.carried(), scan: this.scan! };
    const end = { point, processed: this.ledger.processed, writes: part.writes + sink.written(), timings: this.timingsSoFar(part), attempt, carried };
    const { bucket } = this.deps;
    const report = (next: PartState) => this.reporter.handOver(this.ledger, this.ledger.current(point.row), next, attempt, next.writes);
    const next = await handOverPart(
      { bucket, object: this.object, importId: this.importId, report, enqueue: this.deps.handOver!, fail: this.options.failHandover },
      part,
      end,
    );
    importHandedOver(this.chainId, this.importId, next.index, point.row, next.writes);
  }

  /** The writes in flight settle and this part's error file ends; whether it holds any row. */
  private async settleForHandover(): Promise<boolean> {
    await this.sink!.close();
    return ((await this.errorFile?.close()) ?? null) !== null;
  }

  /** The header row: column mapping (given or detected), checked before any row is read. */
  private async start(header: string[], meta: ImportMetadata, types: Map<string, string>, scan: ScanResult, country: Country): Promise<RowContext> {
    const { targets, ignored } = mapColumns(header, meta, this.customFields, scan.detected);
    const { ctx, notes, dateOrders } = rowContext(
      { headers: header, targets, types, emptyCells: meta.emptyCells, lang: this.lang },
      scan.dates,
      country,
      this.lang,
    );
    await this.reporter.columns(header, targets, ignored, notes, dateOrders);
    const part = this.part!.index;
    this.errorFile = new ErrorFile(this.deps.bucket, this.object, this.importId, this.lang, scan.delimiter, scan.width, header, part === 0 ? null : part);
    this.ctx = ctx;
    return ctx;
  }

  /**
   * Validates, plans and writes a prepared chunk of rows, in order. `replay`: rows before the
   * checkpoint of an earlier attempt; already written and counted, they only feed the error file.
   */
  private async processChunk(rows: Row[], prepared: Prepared, ctx: RowContext, meta: ImportMetadata, replay: boolean): Promise<void> {
    const { ledger } = this;
    const idColumn = ctx.headers[ctx.targets.indexOf('customerId')] ?? '';
    /** Rows that changed nothing on a later attempt: perhaps written by the attempt that crashed. */
    const maybeLanded: { row: number; id: string }[] = [];

    for (const r of rows) {
      ledger.read(replay);
      ledger.warned(r.row, r.read.warnings, replay);
      const outcome = await this.processRow(r, prepared, meta, replay, idColumn, maybeLanded);
      // A row imported (or skipped) with warnings goes to the error file too, its error cell empty
      // (a row being written: its place is held until its write settles, see `settled`).
      if (outcome === 'kept' && r.read.warnings.length) await this.errorFile!.write(r.cells, '', problemText(r.read.warnings));
    }
    await this.countLanded(maybeLanded);
  }

  /** One row of a chunk: checked, matched, planned and handed to the sink. `failed` (in the error file), `written` (handed to the sink, whose `settled` follows) or `kept`. */
  private async processRow(
    r: Row,
    prepared: Prepared,
    meta: ImportMetadata,
    replay: boolean,
    idColumn: string,
    maybeLanded: { row: number; id: string }[],
  ): Promise<'failed' | 'written' | 'kept'> {
    const { ledger, matcher } = this;
    const sink = this.sink!;
    if (r.read.problems.length) return await this.rowFailed(r, r.read.problems, replay);
    const matched = matcher.match(r, prepared);
    if (matched.mergedInto) {
      return await this.rowFailed(r, [{ column: idColumn, value: matched.id!, message: mergedMessage(this.lang, matched.mergedInto) }], replay);
    }
    let id = matched.id;
    let before: Before | null = null;
    const earlierRow = id ? matcher.earlierRow(id) : undefined;
    if (id && earlierRow !== undefined) {
      before = await sink.stateAfter(id, earlierRow);
    } else if (id) {
      before = prepared.befores.get(id) ?? null;
      if (!before) id = null; // erased since its keys were read: create anew
    }
    const doc = before?.doc ?? null;
    const derivedId = derivedCustomerId(this.importId, r.row);
    const createdByThisRow = id === derivedId; // a replay finds what this very row created before
    if (id && meta.mode === 'create-only' && earlierRow === undefined && !createdByThisRow) {
      ledger.outcome('skipped', replay);
      return 'kept';
    }
    const customerId = id ?? derivedId;
    const planned = this.planOn(r, customerId, doc);
    if ('problems' in planned) return await this.rowFailed(r, planned.problems, replay);
    const { plan } = planned;
    if (earlierRow !== undefined) ledger.repeated(r.row, earlierRow, replay);
    const noop = isNoop(plan, doc);
    const kind = createdByThisRow || !doc ? 'created' : noop ? 'unchanged' : 'updated';
    ledger.outcome(kind, replay);
    if (kind === 'unchanged' && !replay && this.resumed && earlierRow === undefined) maybeLanded.push({ row: r.row, id: customerId });
    matcher.wrote(customerId, r.row, plan.lookupAfter);
    sink.planned(customerId, plan, doc);
    if (noop || replay) return 'kept';
    ledger.writing(r.row, doc && !createdByThisRow ? 'updated' : 'created', r.cells);
    this.pending.set(r.row, { r, customerId, byStatedId: prepared.stated.get(r.row) === customerId, createdByThisRow: customerId === derivedId, replans: 0 });
    this.errorFile!.hold(r.row);
    sink.apply(r.row, customerId, plan, doc, before?.updateTime ?? null);
    return 'written';
  }

  /** The row's write on the customer's state (`null`: a new customer), or why the result is refused (rowPlan.ts). */
  private planOn(r: Row, customerId: string, doc: CustomerDoc | null): { plan: CustomerWritePlan } | { problems: Problem[] } {
    return planImportRow(r, customerId, doc, { importId: this.importId, meta: this.meta!, ctx: this.ctx!, segments: this.segmentSettings });
  }

  /** The row's customer changed since it was read: planned again on its current state (conflicts.ts). */
  private async conflict(row: number): Promise<Replanned | null> {
    const pending = this.pending.get(row);
    if (!pending) return null;
    const result = await replan(
      this.deps.db,
      this.chainId,
      this.lang,
      pending,
      (id, before) => {
        const planned = this.planOn(pending.r, id, before.doc);
        if ('problems' in planned) return { problems: problemText(planned.problems) };
        return { plan: planned.plan, noop: isNoop(planned.plan, before.doc) };
      },
      this.options.afterRead,
    );
    importRowConflict(this.chainId, this.importId, row, result.kind, pending.replans);
    if (result.kind === 'failed') {
      if (result.erased) this.ledger.erased(row);
      const cells = this.ledger.writeFailed(row, result.message);
      if (cells) this.errorFile!.settle(row, { cells: result.erased ? cells.map(() => '') : cells, message: result.message });
      return null;
    }
    this.ledger.recount(row, result.outcome);
    if (result.kind === 'unchanged') return null;
    this.matcher.wrote(result.customerId, row, result.plan.lookupAfter);
    return result;
  }

  /**
   * On a later attempt, a row that changes nothing may be one whose update the crashed attempt
   * wrote after its last checkpoint: its history entry (id derived from import and row) says so,
   * and it counts as updated, as it would have without the crash.
   */
  private async countLanded(rows: { row: number; id: string }[]): Promise<void> {
    if (!rows.length) return;
    const { db } = this.deps;
    const refs = rows.map((r) => historyOf(db, this.chainId, r.id).doc(`import-${this.importId}-${r.row}`));
    for (const snap of await db.getAll(...refs)) if (snap.exists) this.ledger.landed();
  }

  private async rowFailed(r: Row, problems: Problem[], replay: boolean): Promise<'failed'> {
    this.ledger.failed(r.row, problems, replay);
    await this.errorFile!.write(r.cells, problemText(problems), problemText(r.read.warnings));
    return 'failed';
  }

  /** A write that failed for good: its row counts as failed, with the reason (logged, never thrown). */
  private writeFailed(row: number, path: string, err: unknown): void {
    importWriteFailed(this.chainId, this.importId, path, err);
    const message = saveFailedMessage(this.lang, (err as Error).message);
    const cells = this.ledger.writeFailed(row, message);
    const warnings = this.pending.get(row)?.r.read.warnings ?? [];
    if (cells) this.errorFile!.settle(row, { cells, message, warning: problemText(warnings) });
  }
}
