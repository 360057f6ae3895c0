// The CSV import of one uploaded object version, from the finalize event to the final report.
//
// Never twice, never lost:
// - the import id is derived from the object path and generation, and its report document is a
//   state machine (queued -> running -> done | failed) taken under a lease in a transaction: a
//   redelivered event finds the import running (and is retried later) or finished (and stops);
// - about every second a checkpoint is saved: the last row whose writes have all landed, with the
//   counts as they were after it; a retry after a crash resumes there. Customers created by the import get ids derived from (import, row), and
//   history entries likewise, so the rows replayed after the checkpoint rewrite the same documents.
import { createHash } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { FieldValue, Timestamp, type BulkWriter, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import type { Bucket } from '@google-cloud/storage';
import { parse } from 'csv-parse';
import { stringify } from 'csv-stringify';
import type { CustomerDoc } from '../model/customer';
import type { CustomFieldDef } from '../model/customerType';
import { detectMapping, MAPPABLE_TARGETS } from '../model/csvColumns';
import {
  ImportMetadata,
  importIdFor,
  isBlankRecord,
  MAX_IMPORT_BYTES,
  REPORT_ERRORS,
  type ImportCounts,
  type ImportReport,
  type ImportRowError,
} from '../model/import';
import { describeIssues } from '../model/issues';
import { fold } from '../model/text';
import { chainRef, customersOf, customerTypesOf, historyOf, importsOf } from '../store/refs';
import { auditData, newAuditRef } from '../common/audit';
import { importFinished, importSkipped, importStarted, importWriteFailed } from '../logs';
import { applyCustomerWrite, deleteVacatedLookups, fieldsOf, isNoop, lookupKey, lookupMany, planCustomerWrite } from '../store/customers';
import { ENCODING_LABEL } from '../model/encoding';
import { decoder } from './decode';
import { acceptableContentType, guardImport, OUTPUT_MARK, type StorageObject } from './guard';
import { checkRow, mergeRow, readRow, type ReadRow, type RowContext, type StoredFields } from './rows';
import { parserOptions, Refusal, scanFile } from './scan';
import { retryTransientErrors, WriteTracker } from './tracker';
import { refusalMessage } from './messages';
import { packState, unpackState } from './state';

export interface ImportDeps {
  db: Firestore;
  bucket: Bucket;
  /** BulkWriter throttling (writes per second). */
  writesPerSecond: number;
}

export interface ImportOptions {
  /** Fault injection for tests: throw after this many rows, as a crash would. */
  stopAfterRows?: number;
  now?: () => number;
}

const LEASE_MS = 120_000;
const CHUNK = 500;
const PROGRESS_MS = 1_000;
const MAX_ATTEMPTS = 3;

interface Checkpoint {
  row: number;
  counts: ImportCounts;
  errorCount: number;
  /** How many entries of `errors` and `repeatedRows` belong to rows up to `row`. */
  errorsKept: number;
  repeatedKept: number;
}

const EXTRA_CELL = { en: 'Extra cell', fr: 'Cellule en trop', de: 'Zusätzliche Zelle' } as const;
const SAVE_FAILED = { en: 'could not be saved', fr: 'n’a pas pu être enregistrée', de: 'konnte nicht gespeichert werden' } as const;
const mergedMessage = (lang: 'fr' | 'de' | 'en', keptId: string) =>
  ({
    en: `this customer was merged into customer ${keptId}: use that ID (or leave the cell empty) to update the kept profile`,
    fr: `ce client a été fusionné avec le client ${keptId} : utilisez cet identifiant (ou laissez la cellule vide) pour modifier le profil conservé`,
    de: `dieser Kunde wurde mit dem Kunden ${keptId} zusammengeführt: verwenden Sie diese ID (oder lassen Sie die Zelle leer), um das behaltene Profil zu ändern`,
  })[lang];

const zeroCounts = (): ImportCounts => ({ rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, repeated: 0 });

export class LeaseHeld extends Error {
  constructor(importId: string) {
    super(`Import ${importId} is being processed by another invocation; retry later.`);
  }
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
  if (!lease) return;

  const job = new ImportJob(deps, guard.chainId, importId, reportRef, object, lang, chain.get('customFields') ?? [], options);
  try {
    if (!meta.success) {
      throw new Refusal('badMetadata', { detail: describeIssues(meta.error.issues).map((p) => `${p.path}: ${p.message}`).join('; ') });
    }
    if (object.size > MAX_IMPORT_BYTES) throw new Refusal('tooLarge', { max: MAX_IMPORT_BYTES });
    // Known from the event, before any read: Cloud Storage answers 416 to a range read of 0 bytes.
    if (Number(object.size) === 0) throw new Refusal('empty');
    if (!acceptableContentType(object.contentType, object.name)) throw new Refusal('notCsv', { contentType: object.contentType ?? '' });
    await job.run(meta.data, lease.checkpoint, lease.attempt);
  } catch (err) {
    if (err instanceof Refusal) {
      await job.fail(err);
      return;
    }
    throw err; // a crash: the event is retried (retry: true) and resumes from the checkpoint
  }
}

/**
 * Takes the import under a lease, or says there is nothing to do. A first delivery creates the
 * report, `queued`, until the job starts reading the file (exported for tests).
 */
export async function acquire(
  db: Firestore,
  ref: DocumentReference,
  object: StorageObject,
  meta: ImportMetadata | null,
  options: ImportOptions,
): Promise<{ checkpoint: Checkpoint | null; attempt: number } | null> {
  const now = options.now?.() ?? Date.now();
  return db.runTransaction(async (tx) => {
    const snap = await tx.get(ref);
    const data = snap.data() as (ImportReport & { lease?: { until: Timestamp; attempt: number }; checkpoint?: Checkpoint }) | undefined;
    if (!data) {
      const report: ImportReport = {
        status: 'queued',
        file: {
          path: object.name,
          name: object.name.split('/').pop() ?? object.name,
          size: Number(object.size),
          generation: String(object.generation),
          contentType: object.contentType ?? '',
        },
        mode: meta?.mode ?? 'upsert',
        emptyCells: meta?.emptyCells ?? 'keep',
        uploadedBy: meta?.uploadedBy ?? '',
        encoding: null,
        delimiter: null,
        columns: [],
        ignoredColumns: [],
        counts: zeroCounts(),
        processed: 0,
        totalRows: null,
        errors: [],
        repeatedRows: [],
        warnings: [],
        failure: null,
        errorFile: null,
        queuedAt: FieldValue.serverTimestamp(),
        startedAt: null,
        finishedAt: null,
        durationMs: null,
      };
      tx.create(ref, { ...report, lease: { until: Timestamp.fromMillis(now + LEASE_MS), attempt: 1 } });
      return { checkpoint: null, attempt: 1 };
    }
    if (data.status === 'done' || data.status === 'failed') {
      importSkipped(object.name, `already ${data.status}`);
      return null;
    }
    if (data.lease && data.lease.until.toMillis() > now) throw new LeaseHeld(ref.id);
    const attempt = (data.lease?.attempt ?? 0) + 1;
    if (attempt > MAX_ATTEMPTS) {
      tx.update(ref, {
        status: 'failed',
        failure: { code: 'gaveUp', message: `The import stopped ${MAX_ATTEMPTS} times; it was not retried again.` },
        finishedAt: FieldValue.serverTimestamp(),
      });
      return null;
    }
    tx.update(ref, { lease: { until: Timestamp.fromMillis(now + LEASE_MS), attempt } });
    return { checkpoint: data.checkpoint ?? null, attempt };
  });
}

interface Row {
  row: number;
  cells: string[];
  read: ReadRow;
}

type Stored = CustomerDoc & { mergedInto?: string };

interface Prepared {
  found: Map<string, string[]>;
  stated: Map<number, string | null>;
  befores: Map<string, CustomerDoc>;
}

class ImportJob {
  private readonly started = Date.now();
  private counts = zeroCounts();
  private errors: ImportRowError[] = [];
  private errorCount = 0;
  private repeatedRows: { row: number; earlierRow: number }[] = [];
  private processed = 0;
  /** Customers written by this import: id -> row, and their match keys -> id. */
  private readonly written = new Map<string, number>();
  private readonly keyToId = new Map<string, string>();
  /** Keys this import removed a customer from (a changed email, phone, name or custom value). */
  private readonly vacated = new Set<string>();
  private errorOut: ReturnType<typeof stringify> | null = null;
  private errorDone: Promise<unknown> | null = null;
  private errorPath: string | null = null;
  private header: string[] = [];
  /** Columns of the error file before its error column: the header's, or more for rows with extra cells. */
  private width = 0;
  private delimiter = ',';
  private lastProgress = 0;
  /** Where the time goes (reported): first pass, matching lookups, waiting for writes to drain. */
  private readonly timings = { scanMs: 0, lookupMs: 0, writeWaitMs: 0 };
  private writer: BulkWriter | null = null;
  private tracker: WriteTracker | null = null;
  /** The state after each chunk not yet known to be durable (checkpoint candidates). */
  private snapshots: Checkpoint[] = [];
  /** Rows with writes in flight: created or updated (to undo the count if a write fails), and their cells. */
  private readonly outcome = new Map<number, { kind: 'created' | 'updated'; cells: string[] }>();
  /** Dry run: the state each customer would be left in (see state.ts), by id. */
  private readonly planned = new Map<string, string>();
  /** A later attempt after a crash: some rows after the checkpoint may already have been written. */
  private resumed = false;

  constructor(
    private readonly deps: ImportDeps,
    private readonly chainId: string,
    private readonly importId: string,
    private readonly reportRef: DocumentReference,
    private readonly object: StorageObject,
    private readonly lang: 'fr' | 'de' | 'en',
    private readonly customFields: CustomFieldDef[],
    private readonly options: ImportOptions,
  ) {}

  async fail(refusal: Refusal): Promise<void> {
    const failure = { code: refusal.reason, params: refusal.params, message: refusalMessage(refusal.reason, refusal.params, this.lang) };
    const batch = this.deps.db.batch();
    batch.update(this.reportRef, {
      status: 'failed',
      failure,
      finishedAt: FieldValue.serverTimestamp(),
      durationMs: Date.now() - this.started,
      lease: FieldValue.delete(),
    });
    batch.create(newAuditRef(this.deps.db, this.chainId), auditData({
      action: 'import.failed',
      actorUid: this.object.metadata?.uploadedBy ?? 'storage',
      target: { kind: 'import', id: this.importId },
      details: { reason: refusal.reason },
    }));
    await batch.commit();
    importFinished(this.chainId, this.importId, 'failed', this.counts, Date.now() - this.started);
  }

  async run(meta: ImportMetadata, checkpoint: Checkpoint | null, attempt: number): Promise<void> {
    this.resumed = attempt > 1;
    const { db, bucket } = this.deps;
    const file = bucket.file(this.object.name, { generation: Number(this.object.generation) });
    importStarted(this.chainId, this.importId, this.object.size);
    await this.reportRef.update({ status: 'running', startedAt: FieldValue.serverTimestamp() });

    const scanStart = Date.now();
    const scan = await scanFile(file);
    this.timings.scanMs = Date.now() - scanStart;
    this.delimiter = scan.delimiter;
    this.width = scan.width;
    await this.reportRef.update({
      encoding: ENCODING_LABEL[scan.detected.encoding] + (scan.detected.bom ? ' (BOM)' : ''),
      delimiter: scan.delimiter === '\t' ? 'tab' : scan.delimiter,
      totalRows: scan.rows,
    });
    if (checkpoint) {
      this.counts = checkpoint.counts;
      this.errorCount = checkpoint.errorCount;
      const snap = await this.reportRef.get();
      this.errors = ((snap.get('errors') as ImportRowError[]) ?? []).slice(0, checkpoint.errorsKept);
      this.repeatedRows = ((snap.get('repeatedRows') as { row: number; earlierRow: number }[]) ?? []).slice(0, checkpoint.repeatedKept);
    }

    const types = new Map<string, string>();
    for (const t of (await customerTypesOf(db, this.chainId).get()).docs) {
      types.set(fold(String(t.get('name'))).trim(), t.id);
      types.set(`id:${t.id}`, t.id);
    }
    const dryRun = meta.mode === 'dry-run';
    if (!dryRun) {
      this.writer = retryTransientErrors(
        db.bulkWriter({ throttling: { initialOpsPerSecond: this.deps.writesPerSecond, maxOpsPerSecond: this.deps.writesPerSecond } }),
      );
      this.tracker = new WriteTracker(
        this.writer,
        (row, ref, err) => this.writeFailed(row, ref, err),
        (row) => this.outcome.delete(row),
      );
    }

    let ctx: RowContext | null = null;
    let chunk: Row[] = [];
    const queue: { rows: Row[]; prepared: Promise<Prepared> }[] = [];
    const processNext = async () => {
      const { rows, prepared } = queue.shift()!;
      const last = rows[rows.length - 1]!.row;
      const replay = last <= resumeAfter;
      await this.processChunk(rows, await prepared, ctx!, meta, replay);
      if (!replay) this.snapshot(last);
      await this.progress(last);
      const waitStart = Date.now();
      await this.tracker?.backpressure();
      this.timings.writeWaitMs += Date.now() - waitStart;
    };
    const resumeAfter = checkpoint?.row ?? 1;
    const sink = new Writable({
      objectMode: true,
      write: (item: { record: string[]; info: { records: number } }, _e, done) => {
        const row = item.info.records;
        const go = async () => {
          if (isBlankRecord(item.record)) return; // an empty line, or `;;;`: not a row
          if (!ctx) {
            ctx = await this.start(item.record, meta, types);
            return;
          }
          if (this.options.stopAfterRows !== undefined && row - 1 > this.options.stopAfterRows) {
            throw new Error(`fault injection: stopped after ${this.options.stopAfterRows} rows`);
          }
          chunk.push({ row, cells: item.record, read: readRow(item.record, ctx!) });
          if (chunk.length >= CHUNK) {
            const rows = chunk;
            chunk = [];
            // One chunk read ahead: its lookups run while the chunk before it is written.
            queue.push({ rows, prepared: this.prepareSafely(rows) });
            if (queue.length > 1) await processNext();
          }
        };
        go().then(() => done(), done);
      },
      final: (done) => {
        const go = async () => {
          if (!ctx) throw new Refusal('empty');
          if (chunk.length) queue.push({ rows: chunk, prepared: this.prepareSafely(chunk) });
          while (queue.length) await processNext();
        };
        go().then(() => done(), done);
      },
    });
    await pipeline(file.createReadStream(), decoder(scan.detected), parse(parserOptions(scan.delimiter)), sink);
    await this.finish(meta, scan.rows);
  }

  /** The header row: column mapping (given or detected), checked before any row is read. */
  private async start(header: string[], meta: ImportMetadata, types: Map<string, string>): Promise<RowContext> {
    this.header = header;
    let targets: string[];
    let ignored: string[];
    if (meta.mapping) {
      const known = new Set([...MAPPABLE_TARGETS, ...this.customFields.map((d) => `customFields.${d.key}`)]);
      const bad = meta.mapping.find((t) => t !== '' && !known.has(t));
      if (bad) throw new Refusal('badMapping', { target: bad });
      targets = header.map((_, i) => meta.mapping![i] ?? '');
      ignored = header.filter((h, i) => !targets[i] && h.trim());
    } else {
      const detected = detectMapping(header, this.customFields);
      targets = detected.targets;
      ignored = [...detected.unknown, ...detected.repeated];
    }
    for (const required of ['firstName', 'lastName']) {
      if (!targets.includes(required)) throw new Refusal('missingColumn', { field: required });
    }
    await this.reportRef.update({
      columns: header.map((h, i) => ({ header: h, target: targets[i] ?? '' })),
      ignoredColumns: ignored,
      warnings: ignored.length ? [`Ignored columns: ${ignored.join(', ')}`] : [],
    });
    return { headers: header, targets, types, emptyCells: meta.emptyCells, lang: this.lang };
  }

  /** The regulars id a row names (our own export has it), taken out of the fields. */
  private statedId(read: ReadRow): string | null {
    const id = read.values.get('customerId');
    read.values.delete('customerId');
    return typeof id === 'string' && /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : null;
  }

  private matchKeys(read: ReadRow): { email: string | null; custom: string | null } {
    const email = read.values.get('email');
    const custom = read.values.get('custom');
    return {
      email: typeof email === 'string' && email.includes('@') ? lookupKey.email(email) : null,
      custom: typeof custom === 'string' && custom.trim() ? lookupKey.custom(custom) : null,
    };
  }

  /**
   * What a chunk needs from Firestore before its rows can be planned: customers matching its emails
   * and custom values, customers named by a regulars id, and those customers' documents. Runs while
   * the previous chunk is being written (read-ahead), so the lookups cost no time of their own.
   */
  private async prepare(rows: Row[]): Promise<Prepared> {
    const { db } = this.deps;
    const started = Date.now();
    const keys = rows.flatMap((r) => Object.values(this.matchKeys(r.read)).filter((k): k is string => !!k && !this.keyToId.has(k)));
    const found = await lookupMany(db, this.chainId, keys);
    // Rows naming a regulars id match that customer first, if it (still) exists in this chain.
    const stated = new Map(rows.map((r) => [r.row, this.statedId(r.read)] as const));
    const statedIds = [...new Set([...stated.values()].filter((id): id is string => !!id))];
    const candidates = new Set(statedIds);
    for (const ids of found.values()) for (const id of ids) candidates.add(id);
    const befores = new Map<string, CustomerDoc>();
    const ids = [...candidates];
    for (let i = 0; i < ids.length; i += 300) {
      const snaps = await db.getAll(...ids.slice(i, i + 300).map((id) => customersOf(db, this.chainId).doc(id)));
      for (const s of snaps) if (s.exists) befores.set(s.id, s.data() as CustomerDoc);
    }
    this.timings.lookupMs += Date.now() - started;
    return { found, stated, befores };
  }

  /** prepare(), whose failure surfaces when the chunk is processed (not as an unhandled rejection before). */
  private prepareSafely(rows: Row[]): Promise<Prepared> {
    const prepared = this.prepare(rows);
    prepared.catch(() => undefined);
    return prepared;
  }

  /**
   * Validates, plans and writes a prepared chunk of rows, in order. `replay`: rows before the
   * checkpoint of an earlier attempt; already written and counted, they only feed the error file.
   */
  private async processChunk(rows: Row[], prepared: Prepared, ctx: RowContext, meta: ImportMetadata, replay: boolean): Promise<void> {
    const { db } = this.deps;
    const { found, stated, befores } = prepared;
    const usable = (id: string) => this.written.has(id) || (befores.has(id) && !(befores.get(id) as Stored).mergedInto);
    // Matched in order: an earlier row of this file may have created the customer a later row names.
    // A profile merged into another is never matched: its keys went to the kept profile.
    const match = (r: Row): { id: string | null; mergedInto?: string } => {
      const own = stated.get(r.row);
      if (own) {
        const mergedInto = (befores.get(own) as Stored | undefined)?.mergedInto;
        if (mergedInto) return { id: own, mergedInto };
        if (usable(own)) return { id: own };
      }
      const { email, custom } = this.matchKeys(r.read);
      for (const k of [email, custom]) {
        if (!k) continue;
        const id = this.keyToId.get(k) ?? found.get(k)?.find(usable);
        if (id) return { id };
      }
      return { id: null };
    };
    const idColumn = ctx.headers[ctx.targets.indexOf('customerId')] ?? '';
    /** Rows that changed nothing on a later attempt: perhaps written by the attempt that crashed. */
    const maybeLanded: { row: number; id: string }[] = [];

    for (const r of rows) {
      if (!replay) this.counts.rows++;
      this.processed++;
      if (r.read.problems.length) {
        await this.rowFailed(r, r.read.problems, replay);
        continue;
      }
      const matched = match(r);
      if (matched.mergedInto) {
        await this.rowFailed(r, [{ column: idColumn, value: matched.id!, message: mergedMessage(this.lang, matched.mergedInto) }], replay);
        continue;
      }
      let id = matched.id;
      let before: CustomerDoc | null = null;
      const earlierRow = id ? this.written.get(id) : undefined;
      if (id && earlierRow !== undefined) {
        before = await this.stateAfter(id, earlierRow);
      } else if (id) {
        before = befores.get(id) ?? null;
        if (!before) id = null; // erased since its keys were read: create anew
      }
      const derivedId = createHash('sha1').update(`${this.importId}:${r.row}`).digest('hex').slice(0, 20);
      const createdByThisRow = id === derivedId; // a replay finds what this very row created before
      if (id && meta.mode === 'create-only' && earlierRow === undefined && !createdByThisRow) {
        if (!replay) this.counts.skipped++;
        continue;
      }
      const merged = mergeRow(before ? (fieldsOf(before) as unknown as StoredFields) : null, r.read.values);
      const checked = checkRow(merged, ctx, r.cells);
      if (!checked.ok) {
        await this.rowFailed(r, checked.problems, replay);
        continue;
      }
      const customerId = id ?? derivedId;
      const plan = planCustomerWrite(customerId, before, checked.fields, r.read.consent, {
        by: meta.uploadedBy || 'import',
        source: 'import',
        importId: this.importId,
        row: r.row,
        statedConsent: true,
      });
      if (earlierRow !== undefined && !replay) {
        this.counts.repeated++;
        if (this.repeatedRows.length < REPORT_ERRORS) this.repeatedRows.push({ row: r.row, earlierRow });
      }
      const noop = isNoop(plan, before);
      if (!replay) {
        if (createdByThisRow || !before) this.counts.created++;
        else if (noop) {
          this.counts.unchanged++;
          if (this.resumed && earlierRow === undefined) maybeLanded.push({ row: r.row, id: customerId });
        } else this.counts.updated++;
      }
      this.written.set(customerId, r.row);
      for (const k of plan.lookupAfter) this.keyToId.set(k, customerId);
      if (!this.tracker) {
        this.planned.set(customerId, packState({ ...(before ?? {}), ...plan.doc } as unknown as CustomerDoc));
        continue;
      }
      if (noop || replay) continue;
      this.outcome.set(r.row, { kind: before && !createdByThisRow ? 'updated' : 'created', cells: r.cells });
      applyCustomerWrite(this.tracker.forRow(r.row), db, this.chainId, plan, before);
      for (const k of plan.lookupBefore) if (!plan.lookupAfter.includes(k)) this.vacated.add(k);
    }
    await this.countLanded(maybeLanded);
  }

  /**
   * The customer as an earlier row of this file left it. A dry run kept it in memory; otherwise it
   * is read back, once that row's writes have landed (a flush only if they are still in flight).
   */
  private async stateAfter(id: string, earlierRow: number): Promise<CustomerDoc | null> {
    if (!this.tracker) {
      const packed = this.planned.get(id);
      return packed ? unpackState(packed) : null;
    }
    if (!this.tracker.settled(earlierRow)) await this.writer!.flush();
    const snap = await customersOf(this.deps.db, this.chainId).doc(id).get();
    return (snap.data() as CustomerDoc | undefined) ?? null;
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
    const snaps = await db.getAll(...refs);
    for (const snap of snaps) {
      if (!snap.exists) continue;
      this.counts.unchanged--;
      this.counts.updated++;
    }
  }

  /** A write that failed for good: its row counts as failed, with the reason (logged, never thrown). */
  private writeFailed(row: number, ref: DocumentReference, err: unknown): void {
    importWriteFailed(this.chainId, this.importId, ref.path, err);
    const written = this.outcome.get(row);
    if (!written) return; // the row's failure is already counted
    this.outcome.delete(row);
    for (const counts of [this.counts, ...this.snapshots.filter((s) => s.row >= row).map((s) => s.counts)]) {
      counts[written.kind]--;
      counts.failed++;
    }
    this.errorCount++;
    const message = `${SAVE_FAILED[this.lang]}: ${(err as Error).message}`;
    if (this.errors.length < REPORT_ERRORS) this.errors.push({ row, column: '', value: '', message });
    // Outside the parser's flow (a write settles later): written at once, without waiting for drain.
    this.errorFile().write(this.errorCells(written.cells, message));
  }

  private snapshot(row: number): void {
    this.snapshots.push({
      row,
      counts: { ...this.counts },
      errorCount: this.errorCount,
      errorsKept: this.errors.length,
      repeatedKept: this.repeatedRows.length,
    });
  }

  private async rowFailed(r: Row, problems: { column: string; value: string; message: string }[], replay: boolean): Promise<void> {
    if (!replay) {
      this.counts.failed++;
      this.errorCount++;
      for (const p of problems) {
        if (this.errors.length < REPORT_ERRORS) this.errors.push({ row: r.row, column: p.column, value: p.value.slice(0, 200), message: p.message });
      }
    }
    const out = this.errorFile();
    const line = this.errorCells(r.cells, problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join(' | '));
    if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
  }

  /**
   * A failed row as it was, padded to the file's width, with the message in the last column: a
   * short row never puts the message under a data column, and extra cells stay before it.
   */
  private errorCells(cells: string[], message: string): string[] {
    const row = cells.slice(0, this.width);
    while (row.length < this.width) row.push('');
    return [...row, message];
  }

  /** The error file: the failed rows as they were, plus an error column, next to the upload. */
  private errorFile(): ReturnType<typeof stringify> {
    if (!this.errorOut) {
      const dot = this.object.name.lastIndexOf('.');
      const stem = dot > this.object.name.lastIndexOf('/') ? this.object.name.slice(0, dot) : this.object.name;
      this.errorPath = `${stem}.errors-${this.object.generation}.csv`;
      const out = this.deps.bucket.file(this.errorPath).createWriteStream({
        resumable: false,
        metadata: { contentType: 'text/csv; charset=utf-8', metadata: { [OUTPUT_MARK]: 'import-errors', importId: this.importId } },
      });
      this.errorOut = stringify({ delimiter: this.delimiter, bom: true, record_delimiter: 'windows' });
      this.errorDone = pipeline(this.errorOut, out);
      const extra = Array.from({ length: this.width - this.header.length }, (_, i) => `${EXTRA_CELL[this.lang]} ${i + 1}`);
      this.errorOut.write([...this.header, ...extra, { fr: 'Erreur', de: 'Fehler', en: 'Error' }[this.lang]]);
    }
    return this.errorOut;
  }

  /** About every second: progress for the UI, and the latest checkpoint whose rows are all written. */
  private async progress(row: number): Promise<void> {
    const now = Date.now();
    if (now - this.lastProgress < PROGRESS_MS) return;
    this.lastProgress = now;
    const update: Record<string, unknown> = {
      processed: this.processed,
      counts: this.counts,
      errors: this.errors,
      repeatedRows: this.repeatedRows,
      'lease.until': Timestamp.fromMillis(now + LEASE_MS),
    };
    const durable = this.tracker ? this.tracker.durableThrough(row) : row;
    let checkpoint: Checkpoint | undefined;
    while (this.snapshots[0] && this.snapshots[0].row <= durable) checkpoint = this.snapshots.shift();
    if (checkpoint) update.checkpoint = checkpoint;
    await this.reportRef.update(update);
  }

  private async finish(meta: ImportMetadata, totalRows: number): Promise<void> {
    await this.writer?.close();
    // A changed email, phone or name left its old key without a customer: that key holds personal
    // data for nobody (and an erasure would never find it), so it goes once the writes have landed.
    await deleteVacatedLookups(this.deps.db, this.chainId, this.vacated);
    if (this.errorOut) {
      this.errorOut.end();
      await this.errorDone;
    }
    this.processed = totalRows;
    const durationMs = Date.now() - this.started;
    const warnings: string[] = [];
    if (totalRows === 0) warnings.push('The file has a header but no customer rows.');
    const batch = this.deps.db.batch();
    batch.set(
      this.reportRef,
      {
        status: 'done',
        processed: this.processed,
        counts: this.counts,
        errors: this.errors,
        repeatedRows: this.repeatedRows,
        errorFile: this.errorPath,
        finishedAt: FieldValue.serverTimestamp(),
        durationMs,
        timings: { ...this.timings, totalMs: durationMs },
        lease: FieldValue.delete(),
        checkpoint: FieldValue.delete(),
        ...(warnings.length ? { warnings: FieldValue.arrayUnion(...warnings) } : {}),
      },
      { merge: true },
    );
    batch.create(newAuditRef(this.deps.db, this.chainId), auditData({
      action: meta.mode === 'dry-run' ? 'import.checked' : 'import.done',
      actorUid: meta.uploadedBy ?? 'storage',
      target: { kind: 'import', id: this.importId },
      details: { counts: this.counts, mode: meta.mode, emptyCells: meta.emptyCells },
    }));
    await batch.commit();
    importFinished(this.chainId, this.importId, 'done', this.counts, durationMs);
  }
}
