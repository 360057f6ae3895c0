// The error file: the failed rows as they were, plus a warning and an error column, next to the
// upload (`….errors-<generation>.csv`), so the file can be fixed and uploaded again. Rows imported
// with warnings are in it too, their error cell empty (so the whole list of what was dropped can
// be read; uploaded again, such a row updates the customer it created when it has an email or a
// custom value, and creates it again otherwise: remove those rows first). UTF-8 with a BOM, the
// upload's delimiter, CRLF; the header, `Extra cell n` columns for cells beyond it, and every row
// padded to the widest row of the file, so the warning and the error are always the last two
// columns. Created on the first row with an error or a warning; stamped so it never triggers an
// import itself, and with its expiry (7 days: storage.rules refuse a download after it, the
// scheduled purge deletes it).
import { pipeline } from 'node:stream/promises';
import type { Bucket } from '@google-cloud/storage';
import { stringify } from 'csv-stringify';
import type { Lang } from '../model/lang';
import { IMPORT_ARTIFACT_TTL_MS } from '../model/import';
import { OUTPUT_MARK } from './guard';
import { errorColumn, extraCellColumn, warningColumn } from './messages';

/** Where the error file of an upload version goes. */
export function errorFilePath(objectName: string, generation: string): string {
  const dot = objectName.lastIndexOf('.');
  const stem = dot > objectName.lastIndexOf('/') ? objectName.slice(0, dot) : objectName;
  return `${stem}.errors-${generation}.csv`;
}

/** A row's line in the file, or `null` for a row that has none (imported without warnings). */
type Line = string[] | null;

export class ErrorFile {
  private out: ReturnType<typeof stringify> | null = null;
  /**
   * Rows being written (`hold`) whose line is not known until their write settles, in file order,
   * with the lines of later rows waiting behind them: the file keeps the upload's order (so a fixed
   * file uploaded again names the same rows), and a row whose customer is erased meanwhile is
   * written blanked, never first as it was. Bounded by the rows in flight (the sink's backpressure)
   * and the rows read while the oldest of them settles.
   */
  private readonly queue: { line: Line | undefined }[] = [];
  private readonly held = new Map<number, { line: Line | undefined }>();
  private done: Promise<unknown> | null = null;
  private readonly path: string;
  /** Stamped on the file and on the report. */
  readonly expiresAt = new Date(Date.now() + IMPORT_ARTIFACT_TTL_MS);

  constructor(
    private readonly bucket: Bucket,
    object: { name: string; generation: string },
    private readonly importId: string,
    private readonly lang: Lang,
    private readonly delimiter: string,
    /** Columns before the error column: the header's, or more for rows with extra cells. */
    private readonly width: number,
    private readonly header: string[],
  ) {
    this.path = errorFilePath(object.name, object.generation);
  }

  /**
   * A failed row, or one with warnings, in the parser's flow: waits for the file to drain when its
   * buffer is full, or behind the rows held before it.
   */
  async write(cells: string[], message: string, warning = ''): Promise<void> {
    if (this.queue.length) return void this.queue.push({ line: this.cells(cells, message, warning) });
    const out = this.stream();
    if (!out.write(this.cells(cells, message, warning))) await new Promise((resolve) => out.once('drain', resolve));
  }

  /** A row handed to the writes: its place in the file is kept until `settle` says what goes there. */
  hold(row: number): void {
    const slot: { line: Line | undefined } = { line: undefined };
    this.queue.push(slot);
    this.held.set(row, slot);
  }

  /**
   * What a held row's place holds (`null`: nothing), outside the parser's flow (written at once,
   * without waiting for drain). The first call wins: a failure is said before the row settles.
   */
  settle(row: number, line: { cells: string[]; message: string; warning?: string } | null): void {
    const slot = this.held.get(row);
    if (!slot) return;
    this.held.delete(row);
    slot.line = line && this.cells(line.cells, line.message, line.warning);
    this.flush();
  }

  private flush(): void {
    while (this.queue.length && this.queue[0]!.line !== undefined) {
      const line = this.queue.shift()!.line;
      if (line) this.stream().write(line);
    }
  }

  /** Ends the file; its path, or null when no row failed (no file). */
  async close(): Promise<string | null> {
    // Every write has settled by now (the sink is closed); a place still held has nothing to say.
    for (const [row] of this.held) this.settle(row, null);
    if (!this.out) return null;
    this.out.end();
    await this.done;
    return this.path;
  }

  /**
   * A row as it was, padded to the file's width, with the warning and the message in the last
   * two columns: a short row never puts them under a data column, and extra cells stay before them.
   */
  private cells(cells: string[], message: string, warning = ''): string[] {
    const row = cells.slice(0, this.width);
    while (row.length < this.width) row.push('');
    return [...row, warning, message];
  }

  private stream(): ReturnType<typeof stringify> {
    if (!this.out) {
      const file = this.bucket.file(this.path).createWriteStream({
        resumable: false,
        metadata: {
          contentType: 'text/csv; charset=utf-8',
          metadata: { [OUTPUT_MARK]: 'import-errors', importId: this.importId, expiresAt: this.expiresAt.toISOString() },
        },
      });
      this.out = stringify({ delimiter: this.delimiter, bom: true, record_delimiter: 'windows' });
      this.done = pipeline(this.out, file);
      const extra = Array.from({ length: this.width - this.header.length }, (_, i) => extraCellColumn(this.lang, i + 1));
      this.out.write([...this.header, ...extra, warningColumn(this.lang), errorColumn(this.lang)]);
    }
    return this.out;
  }
}
