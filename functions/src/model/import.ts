// CSV imports: the options an upload carries, the report the function writes, and the detection
// rules the web client's preview shares with the function.
import { z } from 'zod';

/**
 * Refused up front above these, with a report (also enforced for client uploads by storage.rules and
 * before any upload by the web client). A million rows of up to 268 bytes on average: Lightspeed's
 * template filled in (about 30 columns, most empty) writes 150 to 250 bytes a row, the benchmark's
 * people 138. The file is streamed (never held in memory), so the size does not bound the memory.
 */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 1_000_000;
/** A single record (row) above this refuses the whole file (reason `recordTooLarge`, with its line). */
export const MAX_RECORD_BYTES = 256 * 1024;
/** Errors kept in the report document; all of them go to the error file. */
export const REPORT_ERRORS = 100;
/**
 * How long an import's personal data is kept after it: the error file (its rows as uploaded) and
 * the values quoted in the report's errors. The uploaded file itself is deleted when the import ends.
 */
export const IMPORT_ARTIFACT_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const IMPORT_MODES = ['upsert', 'create-only', 'dry-run'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/**
 * The custom metadata of an upload (all strings, as Storage keeps them).
 * - `mapping`: JSON array, one target per column (`firstName`, `phones.mobile`, `customFields.x`, '' to ignore).
 * - `mode`: `upsert` (default: create or update), `create-only`, `dry-run` (report only, change nothing).
 * - `emptyCells`: `keep` (default: an empty cell leaves the stored value) or `clear`.
 * - `uploadedBy`: the uploader's uid (storage.rules require it to be the caller's).
 * - `fileName`: the file's own name on the uploader's computer, exactly (accents, spaces), which the
 *   stored object's name (made safe for a path) is not; the report keeps it as `file.originalName`.
 */
export const ImportMetadata = z.object({
  mapping: z
    .string()
    .max(6000)
    .transform((s, ctx) => {
      try {
        return z.array(z.string().max(80)).max(500).parse(JSON.parse(s));
      } catch {
        ctx.addIssue({ code: 'custom', params: { i18n: 'mapping' } });
        return z.NEVER;
      }
    })
    .optional(),
  mode: z.enum(IMPORT_MODES).default('upsert'),
  emptyCells: z.enum(['keep', 'clear']).default('keep'),
  uploadedBy: z.string().max(128).optional(),
  fileName: z.string().max(1024).optional(),
  /** The uploader's UI language, for the report's messages. */
  lang: z.enum(['fr', 'de', 'en']).default('en'),
});
export type ImportMetadata = z.output<typeof ImportMetadata>;

export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportRowError {
  /** Spreadsheet row number: the header is row 1. */
  row: number;
  /** The column header, or '' for the whole row. */
  column: string;
  value: string;
  message: string;
}

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Rows matching an existing customer in create-only mode (left as they are). */
  skipped: number;
  /** Rows for a customer that an earlier row of the same file also had (the later row wins). */
  repeated: number;
}

/** `chains/{chainId}/imports/{importId}` */
export interface ImportReport {
  status: ImportStatus;
  /** `name`: the stored object's; `originalName`: the file's own, as uploaded (metadata `fileName`; null when not given). */
  file: { path: string; name: string; originalName?: string | null; size: number; generation: string; contentType: string };
  mode: ImportMode;
  emptyCells: 'keep' | 'clear';
  uploadedBy: string;
  encoding: string | null;
  delimiter: string | null;
  /** Per column: header and target ('' when ignored). */
  columns: { header: string; target: string }[];
  ignoredColumns: string[];
  counts: ImportCounts;
  /** Rows read so far (for the progress bar), and the total found by the first pass. */
  processed: number;
  totalRows: number | null;
  errors: ImportRowError[];
  /** What rows were imported without, or looked wrong in them (first 100), and how many rows had any. */
  rowWarnings: ImportRowError[];
  warningRows: number;
  /** Per column holding dates: the order of day and month used, and why (see imports/dates.ts). */
  dateOrders: { column: string; order: 'dmy' | 'mdy'; reason: 'column' | 'country' | 'default' | 'mixed'; country: string | null }[];
  /** Later rows that updated a customer an earlier row of the file had (first 100). */
  repeatedRows: { row: number; earlierRow: number }[];
  warnings: string[];
  /** Why the whole import failed, when it did (code and params let a client say it in its language). */
  failure: { code: string; params?: Record<string, string | number>; message: string } | null;
  errorFile: string | null;
  /** When the error file and the values quoted in `errors` are deleted (7 days after the import). */
  expiresAt?: unknown;
  /** When the uploaded file was deleted (the import ended); the report keeps its name. */
  uploadDeletedAt?: unknown;
  /** When the error file was deleted and the values in `errors` blanked (expiry); `errorFile` is then null. */
  purgedAt?: unknown;
  queuedAt: unknown;
  startedAt: unknown;
  finishedAt: unknown;
  durationMs: number | null;
  /**
   * Invocations that worked on the import (parts and retries), handovers from one invocation to the
   * next (imports/handover.ts), parts it took in the end, and the documents it wrote.
   */
  invocations?: number;
  handovers?: number;
  parts?: number;
  writes?: number;
  /**
   * Parallel parts of a large file (imports/ahead.ts): the ranges, the rows whose new customers they
   * wrote ahead of the import's own reading (counted in `counts` as created, like any other), and
   * the documents they wrote (not in `writes`).
   */
  ahead?: { parts: number; rows?: number; writes?: number };
  /** Where the time went: first pass, matching lookups, waiting for writes, in all. */
  timings?: { scanMs: number; lookupMs: number; writeWaitMs: number; totalMs: number };
}

/** A report's first errors without the values they quote (row, column and message stay). */
export function withoutValues(errors: ImportRowError[]): ImportRowError[] {
  return errors.map((e) => ({ ...e, value: '' }));
}

/** The import id of an uploaded object version: a new version of the same path is a new import. */
export function importIdFor(objectName: string, generation: string | number): string {
  const base = objectName.split('/').pop() ?? objectName;
  return `${generation}-${base.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80)}`;
}

export const DELIMITERS = [',', ';', '\t'] as const;

/** The delimiter of a CSV text, from its first lines: the one that splits them most consistently. */
export function detectDelimiter(sample: string): (typeof DELIMITERS)[number] {
  const lines = splitLogicalLines(sample)
    .slice(0, 20)
    .filter((l) => l.trim());
  let best: (typeof DELIMITERS)[number] = ',';
  let bestScore = -1;
  for (const d of DELIMITERS) {
    const counts = lines.map((l) => countOutsideQuotes(l, d));
    const first = counts[0] ?? 0;
    if (first === 0) continue;
    const consistent = counts.filter((c) => c === first).length;
    const score = first * 10 + consistent;
    if (score > bestScore) {
      best = d;
      bestScore = score;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, ch: string): number {
  let quoted = false;
  let n = 0;
  for (const c of line) {
    if (c === '"') quoted = !quoted;
    else if (c === ch && !quoted) n++;
  }
  return n;
}

/** Lines, but a line break inside quotes does not end a line. */
function splitLogicalLines(text: string): string[] {
  const out: string[] = [];
  let quoted = false;
  let current = '';
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if ((c === '\n' || c === '\r') && !quoted) {
      if (current) out.push(current);
      current = '';
    } else current += c;
  }
  if (current) out.push(current);
  return out;
}

/** A blank line, or a line of delimiters only (`;;;`, as spreadsheets write empty rows): not a row. */
export function isBlankRecord(cells: string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/** A cell a spreadsheet would run as a formula. `+33 6…` and `-` alone are data, `=1+1` is not. */
export function looksLikeFormula(cell: string): boolean {
  if (cell.startsWith('=')) return true;
  return /^[+\-@]\s*[A-Za-z_][A-Za-z0-9_.]*\s*\(/.test(cell) || (/^@/.test(cell) && !/^@\w+$/.test(cell)) || /^[+\-]\s*=/.test(cell);
}
