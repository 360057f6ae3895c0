// First pass over an uploaded file, before anything is written: encoding, delimiter, number of
// rows, how each column writes its dates (dates.ts), and every reason to refuse the whole file
// (binary, empty, too many rows, a record too large, a quote never closed). Streams; never holds
// the file in memory.
import type { File } from '@google-cloud/storage';
import { parse, type Options } from 'csv-parse';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import { detectDelimiter, isBlankRecord, MAX_IMPORT_ROWS, MAX_RECORD_BYTES } from '../model/import';
import { fromBom, looksBinary, type Detected } from '../model/encoding';
import { DateEvidence } from './dates';
import { decoder, Utf8Validator } from './decode';

export interface ScanResult {
  detected: Detected;
  delimiter: ',' | ';' | '\t';
  /** Data rows (records after the header; blank lines and lines of delimiters only are not rows). */
  rows: number;
  /** Cells of the widest record, counting up to its last non-empty cell (at least the header's). */
  width: number;
  /** Per column, the dates that say whether the day or the month comes first. */
  dates: DateEvidence;
}

export class Refusal extends Error {
  constructor(
    readonly reason: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(reason);
  }
}

export function parserOptions(delimiter: string): Options {
  return {
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    trim: false,
  };
}

const SAMPLE_BYTES = 64 * 1024;

async function readHead(file: File): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  await pipeline(
    file.createReadStream({ start: 0, end: SAMPLE_BYTES - 1 }),
    new Writable({
      write(chunk: Buffer, _e, done) {
        chunks.push(chunk);
        size += chunk.length;
        done();
      },
    }),
  );
  return Buffer.concat(chunks, size);
}

export async function scanFile(file: File): Promise<ScanResult> {
  const head = await readHead(file);
  const provisional = fromBom(head);
  if (head.length - provisional.bom === 0) throw new Refusal('empty');
  if (looksBinary(head, provisional)) throw new Refusal('binary');

  // Whole-file pass: UTF-8 validity (when no BOM decided), and the records, counted.
  const utf8 = provisional.encoding === 'utf-8' && provisional.bom === 0 ? new Utf8Validator() : null;
  const sampleText = new TextDecoder(provisional.encoding, { fatal: false }).decode(head.subarray(provisional.bom));
  const delimiter = detectDelimiter(sampleText);
  let records = 0;
  let width = 0;
  const dates = new DateEvidence();
  const counter = new Writable({
    objectMode: true,
    write({ record }: { record: string[] }, _e, done) {
      if (isBlankRecord(record)) return done();
      if (records === 0) width = record.length;
      else {
        let last = record.length;
        while (last > width && record[last - 1]!.trim() === '') last--;
        width = Math.max(width, last);
      }
      if (records > 0) dates.push(record);
      records++;
      if (records - 1 > MAX_IMPORT_ROWS) done(new Refusal('tooManyRows', { max: MAX_IMPORT_ROWS }));
      else done();
    },
  });
  try {
    await pipeline(
      file.createReadStream(),
      async function* (source: AsyncIterable<Buffer>) {
        for await (const chunk of source) {
          utf8?.push(chunk);
          yield chunk;
        }
      },
      decoder(provisional),
      parse(parserOptions(delimiter)),
      counter,
    );
  } catch (err) {
    if (err instanceof Refusal) throw err;
    const e = err as { code?: string; lines?: number; message?: string };
    if (e.code === 'CSV_MAX_RECORD_SIZE') throw new Refusal('recordTooLarge', { line: e.lines ?? 0, max: MAX_RECORD_BYTES });
    if (e.code === 'CSV_QUOTE_NOT_CLOSED') throw new Refusal('quoteNotClosed', { line: e.lines ?? 0 });
    if (e.code?.startsWith('CSV_')) throw new Refusal('malformed', { line: e.lines ?? 0, detail: e.message ?? '' });
    throw err;
  }
  const detected: Detected = utf8 && !utf8.end() ? { encoding: utf8.score.best(), bom: 0 } : provisional;
  if (records === 0) throw new Refusal('empty');
  return { detected, delimiter, rows: records - 1, width, dates };
}
