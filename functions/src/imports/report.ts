// The import's report, chains/{chainId}/imports/{importId}: created queued (with the lease), then
// running, the file's encoding, delimiter and columns, progress about every second (with the latest
// durable checkpoint and a renewed lease), and the final state: done, or failed with the reason;
// each final state with its audit entry, in the same batch.
import { FieldValue, Timestamp, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import { IMPORT_ARTIFACT_TTL_MS, type ImportMetadata, type ImportReport, type ImportRowError } from '../model/import';
import type { Lang } from '../model/lang';
import { ENCODING_LABEL } from '../model/encoding';
import { auditData, newAuditRef } from '../common/audit';
import { leaseReleased, leaseRenewal } from '../common/lease';
import { importFinished } from '../logs';
import type { StorageObject } from './guard';
import type { PartState } from './handover';
import { zeroCounts, type Checkpoint, type Ledger, type RepeatedRow } from './ledger';
import { ignoredColumnsWarning, noRowsWarning, refusalMessage } from './messages';
import type { Refusal, ScanResult } from './scan';

const PROGRESS_MS = 1_000;

/** Where the time goes (reported): first pass, matching lookups, waiting for writes to drain. */
export interface Timings {
  scanMs: number;
  lookupMs: number;
  writeWaitMs: number;
}

/** The report of a first delivery, queued until the job starts reading the file. */
export function queuedReport(object: StorageObject, meta: ImportMetadata | null): ImportReport {
  return {
    status: 'queued',
    file: {
      path: object.name,
      name: object.name.split('/').pop() ?? object.name,
      originalName: meta?.fileName ?? null,
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
    rowWarnings: [],
    warningRows: 0,
    dateOrders: [],
    warnings: [],
    failure: null,
    errorFile: null,
    queuedAt: FieldValue.serverTimestamp(),
    startedAt: null,
    finishedAt: null,
    durationMs: null,
  };
}

/** The report's fields the ledger holds (progress, handover and the final report). */
function ledgerFields(ledger: Ledger) {
  return {
    processed: ledger.processed,
    counts: ledger.counts,
    errors: ledger.errors,
    repeatedRows: ledger.repeatedRows,
    rowWarnings: ledger.rowWarnings,
    warningRows: ledger.warningRows,
  };
}

/** Another invocation took the import while this one was handing over: it stops without a word. */
export class LeaseLost extends Error {
  constructor(importId: string) {
    super(`Import ${importId} was taken over by another invocation.`);
  }
}

export class Reporter {
  private lastProgress = 0;

  constructor(
    private readonly db: Firestore,
    private readonly ref: DocumentReference,
    private readonly chainId: string,
    private readonly importId: string,
    private readonly started: number,
    /** How far each progress update extends the lease. */
    private readonly leaseMs: number,
    /** The uploader's language (warnings). */
    private readonly lang: Lang,
    /** How often progress (and the checkpoint) is saved at most. */
    private readonly progressMs = PROGRESS_MS,
  ) {}

  /** A part after the first keeps the import's start (and the duration counts from it). */
  running(part: PartState): Promise<unknown> {
    return this.ref.update({ status: 'running', part, ...(part.index === 0 ? { startedAt: FieldValue.serverTimestamp() } : {}) });
  }

  scanned(scan: ScanResult): Promise<unknown> {
    return this.ref.update({
      encoding: ENCODING_LABEL[scan.detected.encoding] + (scan.detected.bom ? ' (BOM)' : ''),
      delimiter: scan.delimiter === '\t' ? 'tab' : scan.delimiter,
      totalRows: scan.rows,
    });
  }

  /** The errors and repeated rows reported so far, for a ledger resumed from a checkpoint. */
  async reported(): Promise<{ errors: ImportRowError[]; repeatedRows: RepeatedRow[]; rowWarnings: ImportRowError[] }> {
    const snap = await this.ref.get();
    return {
      errors: (snap.get('errors') as ImportRowError[]) ?? [],
      repeatedRows: (snap.get('repeatedRows') as RepeatedRow[]) ?? [],
      rowWarnings: (snap.get('rowWarnings') as ImportRowError[]) ?? [],
    };
  }

  /** The columns, and the file's warnings: ignored columns, how dates and full names are read. */
  columns(header: string[], targets: string[], ignored: string[], notes: string[] = [], dateOrders: unknown[] = []): Promise<unknown> {
    return this.ref.update({
      columns: header.map((h, i) => ({ header: h, target: targets[i] ?? '' })),
      ignoredColumns: ignored,
      dateOrders,
      warnings: [...(ignored.length ? [ignoredColumnsWarning(this.lang, ignored)] : []), ...notes],
    });
  }

  /** About every second: progress for the UI, the latest checkpoint whose rows are all written, a renewed lease. */
  async progress(ledger: Ledger, durableThrough: number, writes: number): Promise<void> {
    const now = Date.now();
    if (now - this.lastProgress < this.progressMs) return;
    this.lastProgress = now;
    const update: Record<string, unknown> = { writes, ...ledgerFields(ledger), ...leaseRenewal(now, this.leaseMs) };
    const checkpoint = ledger.checkpoint(durableThrough);
    if (checkpoint) update.checkpoint = checkpoint;
    await this.ref.update(update);
  }

  /**
   * The invocation hands the rest of the file over (handover.ts): the checkpoint after its last row
   * (every write of it landed), the next part, and the lease released without counting an attempt
   * (the next invocation takes attempt `attempt` again). Refused (LeaseLost) when another
   * invocation took the import meanwhile.
   */
  async handOver(ledger: Ledger, checkpoint: Checkpoint, next: PartState, attempt: number, writes: number): Promise<void> {
    await this.db.runTransaction(async (tx) => {
      const lease = (await tx.get(this.ref)).get('lease') as { attempt?: number } | undefined;
      if (lease?.attempt !== attempt) throw new LeaseLost(this.importId);
      tx.update(this.ref, {
        ...ledgerFields(ledger),
        writes,
        checkpoint,
        part: next,
        handovers: FieldValue.increment(1),
        lease: { until: Timestamp.fromMillis(0), attempt: attempt - 1 },
      });
    });
  }

  async done(
    meta: ImportMetadata,
    ledger: Ledger,
    errorFile: string | null,
    timings: Timings,
    totalRows: number,
    expiresAt: Date,
    parts: { count: number; writes: number },
  ): Promise<void> {
    const durationMs = Date.now() - this.started;
    const warnings = totalRows === 0 ? [noRowsWarning(this.lang)] : [];
    const batch = this.db.batch();
    batch.set(
      this.ref,
      {
        status: 'done',
        ...ledgerFields(ledger),
        errorFile,
        expiresAt: Timestamp.fromDate(expiresAt),
        finishedAt: FieldValue.serverTimestamp(),
        durationMs,
        timings: { ...timings, totalMs: durationMs },
        parts: parts.count,
        writes: parts.writes,
        ...leaseReleased(),
        checkpoint: FieldValue.delete(),
        ...(warnings.length ? { warnings: FieldValue.arrayUnion(...warnings) } : {}),
      },
      { merge: true },
    );
    batch.create(
      newAuditRef(this.db, this.chainId),
      auditData({
        action: meta.mode === 'dry-run' ? 'import.checked' : 'import.done',
        actorUid: meta.uploadedBy ?? 'storage',
        target: { kind: 'import', id: this.importId },
        details: { counts: ledger.counts, warningRows: ledger.warningRows, mode: meta.mode, emptyCells: meta.emptyCells },
      }),
    );
    await batch.commit();
    importFinished(this.chainId, this.importId, 'done', ledger.counts, durationMs);
  }

  /** A refused file: the report says why (in the uploader's language), and nothing more is done. */
  async failed(refusal: Refusal, lang: Lang, actorUid: string, ledger: Ledger | null): Promise<void> {
    const failure = { code: refusal.reason, params: refusal.params, message: refusalMessage(refusal.reason, refusal.params, lang) };
    const durationMs = Date.now() - this.started;
    const batch = this.db.batch();
    batch.update(this.ref, {
      status: 'failed',
      failure,
      finishedAt: FieldValue.serverTimestamp(),
      expiresAt: Timestamp.fromMillis(Date.now() + IMPORT_ARTIFACT_TTL_MS),
      durationMs,
      ...leaseReleased(),
    });
    batch.create(
      newAuditRef(this.db, this.chainId),
      auditData({
        action: 'import.failed',
        actorUid,
        target: { kind: 'import', id: this.importId },
        details: { reason: refusal.reason },
      }),
    );
    await batch.commit();
    importFinished(this.chainId, this.importId, 'failed', ledger?.counts ?? zeroCounts(), Date.now() - this.started);
  }
}
