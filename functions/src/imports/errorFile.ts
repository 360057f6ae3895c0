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

export class ErrorFile {
  private out: ReturnType<typeof stringify> | null = null;
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

  /** A failed row, or one with warnings, in the parser's flow: waits for the file to drain when its buffer is full. */
  async write(cells: string[], message: string, warning = ''): Promise<void> {
    const out = this.stream();
    if (!out.write(this.cells(cells, message, warning))) await new Promise((resolve) => out.once('drain', resolve));
  }

  /** A row whose write failed later, outside the parser's flow: written at once, without waiting for drain. */
  writeNow(cells: string[], message: string, warning = ''): void {
    this.stream().write(this.cells(cells, message, warning));
  }

  /** Ends the file; its path, or null when no row failed (no file). */
  async close(): Promise<string | null> {
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
