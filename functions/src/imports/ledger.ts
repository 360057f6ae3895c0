// The import's bookkeeping, without Firestore: the counts, the first errors, warnings and repeated
// rows the report shows, and the checkpoints a retry may resume from. After each chunk the state is
// snapshotted; a snapshot becomes the checkpoint once every write of its rows has landed. A write
// that fails for good after its row was snapshotted turns that row from created or updated into
// failed, in the counts and in every snapshot taken since. Rows up to the checkpoint are replayed
// on a later attempt: already counted, they only feed the error file again.
import { REPORT_ERRORS, type ImportCounts, type ImportRowError } from '../model/import';

export interface Checkpoint {
  row: number;
  counts: ImportCounts;
  errorCount: number;
  /** How many entries of `errors` and `repeatedRows` belong to rows up to `row`. */
  errorsKept: number;
  repeatedKept: number;
  /**
   * Rows with warnings so far, and how many entries of `rowWarnings` belong to rows up to `row`
   * (absent from a checkpoint saved before warnings were counted: none).
   */
  warningRows?: number;
  warningsKept?: number;
}

export interface RepeatedRow {
  row: number;
  earlierRow: number;
}

export interface Problem {
  column: string;
  value: string;
  message: string;
}

/** Problems as one cell of the error file: `column: message | …`. */
export function problemText(problems: Problem[]): string {
  return problems.map((p) => (p.column ? `${p.column}: ${p.message}` : p.message)).join(' | ');
}

export type Outcome = 'created' | 'updated' | 'unchanged' | 'skipped';

export const zeroCounts = (): ImportCounts => ({ rows: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0, repeated: 0 });

export class Ledger {
  counts = zeroCounts();
  errors: ImportRowError[] = [];
  /** Failed rows, all of them (`errors` keeps the first REPORT_ERRORS problems). */
  errorCount = 0;
  repeatedRows: RepeatedRow[] = [];
  /** The first REPORT_ERRORS warnings, and the number of rows with warnings. */
  rowWarnings: ImportRowError[] = [];
  warningRows = 0;
  /** Rows read, replayed ones included. */
  processed = 0;
  /** Rows up to this one were counted by an earlier attempt (1: the header, nothing to replay). */
  readonly resumeAfter: number;
  /** The state after each chunk not yet known to be durable (checkpoint candidates). */
  private snapshots: Checkpoint[] = [];
  /** Rows with writes in flight: created or updated (to undo if a write fails), and their cells. */
  private readonly inFlight = new Map<number, { kind: 'created' | 'updated'; cells: string[] }>();

  /**
   * A fresh ledger, or one resumed from a checkpoint: its counts, and the errors and repeated rows
   * the report held, cut to those of rows up to the checkpoint.
   */
  constructor(
    checkpoint: Checkpoint | null = null,
    reported: { errors: ImportRowError[]; repeatedRows: RepeatedRow[]; rowWarnings?: ImportRowError[] } = { errors: [], repeatedRows: [] },
  ) {
    this.resumeAfter = checkpoint?.row ?? 1;
    if (!checkpoint) return;
    this.counts = { ...checkpoint.counts };
    this.errorCount = checkpoint.errorCount;
    this.errors = reported.errors.slice(0, checkpoint.errorsKept);
    this.repeatedRows = reported.repeatedRows.slice(0, checkpoint.repeatedKept);
    this.warningRows = checkpoint.warningRows ?? 0;
    this.rowWarnings = (reported.rowWarnings ?? []).slice(0, checkpoint.warningsKept ?? 0);
  }

  /** True for a chunk ending at `lastRow` that an earlier attempt already wrote and counted. */
  replays(lastRow: number): boolean {
    return lastRow <= this.resumeAfter;
  }

  /** A row read (counted unless replayed). */
  read(replay: boolean): void {
    if (!replay) this.counts.rows++;
    this.processed++;
  }

  /** A row refused with its problems. */
  failed(row: number, problems: Problem[], replay: boolean): void {
    if (replay) return;
    this.counts.failed++;
    this.errorCount++;
    for (const p of problems) this.keepError({ row, column: p.column, value: p.value.slice(0, 200), message: p.message });
  }

  /** A row read with warnings (imported or not); each is kept among the first REPORT_ERRORS. */
  warned(row: number, warnings: Problem[], replay: boolean): void {
    if (replay || !warnings.length) return;
    this.warningRows++;
    for (const w of warnings) {
      if (this.rowWarnings.length < REPORT_ERRORS) this.rowWarnings.push({ row, column: w.column, value: w.value.slice(0, 200), message: w.message });
    }
  }

  /** A row whose customer was erased while the import ran: the values its warnings quoted are blanked. */
  erased(row: number): void {
    for (const w of this.rowWarnings) if (w.row === row) w.value = '';
  }

  outcome(kind: Outcome, replay: boolean): void {
    if (!replay) this.counts[kind]++;
  }

  /** A row naming a customer an earlier row of the file wrote. */
  repeated(row: number, earlierRow: number, replay: boolean): void {
    if (replay) return;
    this.counts.repeated++;
    if (this.repeatedRows.length < REPORT_ERRORS) this.repeatedRows.push({ row, earlierRow });
  }

  /** A row counted unchanged whose update had in fact landed before a crash: it counts as updated. */
  landed(): void {
    this.counts.unchanged--;
    this.counts.updated++;
  }

  /** The row's writes are in flight. */
  writing(row: number, kind: 'created' | 'updated', cells: string[]): void {
    this.inFlight.set(row, { kind, cells });
  }

  /** Every write of the row has settled. */
  settled(row: number): void {
    this.inFlight.delete(row);
  }

  /**
   * A write of `row` failed for good: the row counts as failed (in the counts and the snapshots
   * taken since), once. Returns its cells, for the error file, or null when already counted.
   */
  writeFailed(row: number, message: string): string[] | null {
    const written = this.inFlight.get(row);
    if (!written) return null;
    this.inFlight.delete(row);
    for (const counts of this.countsSince(row)) {
      counts[written.kind]--;
      counts.failed++;
    }
    this.errorCount++;
    this.keepError({ row, column: '', value: '', message });
    return written.cells;
  }

  /**
   * A row in flight whose customer changed since it was read, planned again: it now counts as
   * `kind` instead of what it counted as, in the counts and in the snapshots taken since.
   */
  recount(row: number, kind: 'created' | 'updated' | 'unchanged'): void {
    const written = this.inFlight.get(row);
    if (!written || written.kind === kind) return;
    for (const counts of this.countsSince(row)) {
      counts[written.kind]--;
      counts[kind]++;
    }
    if (kind === 'unchanged') this.inFlight.delete(row);
    else written.kind = kind;
  }

  /** The state after the chunk ending at `row`, a checkpoint candidate. */
  snapshot(row: number): void {
    this.snapshots.push(this.current(row));
  }

  /** The state now, as a checkpoint after `row` (a handover: every write up to it has settled). */
  current(row: number): Checkpoint {
    return {
      row,
      counts: { ...this.counts },
      errorCount: this.errorCount,
      errorsKept: this.errors.length,
      repeatedKept: this.repeatedRows.length,
      warningRows: this.warningRows,
      warningsKept: this.rowWarnings.length,
    };
  }

  /** The latest snapshot whose rows all landed (every row up to `durableThrough`), if any new one. */
  checkpoint(durableThrough: number): Checkpoint | undefined {
    let checkpoint: Checkpoint | undefined;
    while (this.snapshots[0] && this.snapshots[0].row <= durableThrough) checkpoint = this.snapshots.shift();
    return checkpoint;
  }

  /** The counts now, and those of the snapshots that include `row`. */
  private countsSince(row: number): ImportCounts[] {
    return [this.counts, ...this.snapshots.filter((s) => s.row >= row).map((s) => s.counts)];
  }

  private keepError(error: ImportRowError): void {
    if (this.errors.length < REPORT_ERRORS) this.errors.push(error);
  }
}
