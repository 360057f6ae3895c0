// The second pass over the file: streamed through the decoder and the CSV parser, blank lines and
// lines of delimiters only dropped, the header handed over first, then the rows gathered in chunks.
// Each chunk's reads start one chunk ahead (while the chunk before it is processed), and chunks
// are processed in order; the parser waits while a chunk is processed (backpressure included).
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';
import type { File } from '@google-cloud/storage';
import { parse } from 'csv-parse';
import { isBlankRecord } from '../model/import';
import { decoder } from './decode';
import { parserOptions, Refusal, type ScanResult } from './scan';

const CHUNK = 500;

export interface ChunkSteps<C, R extends { row: number }, P> {
  /** The header row; its result is passed with every row. */
  header(cells: string[]): Promise<C>;
  /** A data row (`row`: its record number, the header being 1; `end`: the file's byte offset after it, UTF-8 only). */
  row(row: number, cells: string[], ctx: C, end: number): R;
  /** The reads a chunk needs, started one chunk ahead; must not reject before it is awaited. */
  prepare(rows: R[]): Promise<P>;
  /** A chunk, once the chunk before it is done; `last`: no row of the file comes after it. */
  process(rows: R[], prepared: P, ctx: C, last: boolean): Promise<void>;
  /** Rows up to this record number were done by an earlier invocation: parsed, not handed over. */
  skipThrough?: number | undefined;
  /** Fault injection for tests: throw after this many rows, as a crash would. */
  stopAfterRows?: number | undefined;
  /**
   * Only the bytes [byte, end) of a UTF-8 file, starting at a record boundary: record `row`, the
   * header already read (`ctx`). A part writing ahead reads its range this way (ahead.ts).
   */
  range?: { byte: number; end: number; row: number; ctx: C } | undefined;
}

export async function streamChunks<C, R extends { row: number }, P>(file: File, scan: ScanResult, steps: ChunkSteps<C, R, P>): Promise<void> {
  const { range } = steps;
  let ctx: C | null = range?.ctx ?? null;
  let chunk: R[] = [];
  const queue: { rows: R[]; prepared: Promise<P> }[] = [];
  let ending = false;
  const processNext = async () => {
    const { rows, prepared } = queue.shift()!;
    await steps.process(rows, await prepared, ctx!, ending && queue.length === 0);
  };
  const rowsIn = new Writable({
    objectMode: true,
    write: (item: { record: string[]; info: { records: number; bytes: number } }, _e, done) => {
      const row = range ? range.row - 1 + item.info.records : item.info.records;
      const end = (range ? range.byte : scan.detected.bom) + item.info.bytes;
      const go = async () => {
        if (isBlankRecord(item.record)) return; // an empty line, or `;;;`: not a row
        if (ctx === null) {
          ctx = await steps.header(item.record);
          return;
        }
        if (steps.stopAfterRows !== undefined && row - 1 > steps.stopAfterRows) {
          throw new Error(`fault injection: stopped after ${steps.stopAfterRows} rows`);
        }
        if (steps.skipThrough !== undefined && row <= steps.skipThrough) return;
        chunk.push(steps.row(row, item.record, ctx, end));
        if (chunk.length >= CHUNK) {
          const rows = chunk;
          chunk = [];
          // One chunk read ahead: its lookups run while the chunk before it is written.
          queue.push({ rows, prepared: steps.prepare(rows) });
          if (queue.length > 1) await processNext();
        }
      };
      go().then(() => done(), done);
    },
    final: (done) => {
      const go = async () => {
        if (ctx === null) throw new Refusal('empty');
        ending = true;
        if (chunk.length) queue.push({ rows: chunk, prepared: steps.prepare(chunk) });
        while (queue.length) await processNext();
      };
      go().then(() => done(), done);
    },
  });
  if (range) {
    if (range.end <= range.byte) return;
    const source = file.createReadStream({ start: range.byte, end: range.end - 1 });
    await pipeline(source, decoder({ ...scan.detected, bom: 0 }), parse(parserOptions(scan.delimiter)), rowsIn);
    return;
  }
  await pipeline(file.createReadStream(), decoder(scan.detected), parse(parserOptions(scan.delimiter)), rowsIn);
}
