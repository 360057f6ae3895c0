// Rows into a stream pipeline (csv-stringify -> … -> a Storage write stream) with backpressure, and
// without hanging when a later stage fails: waiting for 'drain' races the pipeline's failure, and
// the failure is handled from the start (never an unhandled rejection while rows are still read).
import { once } from 'node:events';
import type { Readable, Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

export interface RowSink<Row> {
  /** Writes one row; waits while the pipeline is full; rejects as soon as the pipeline failed. */
  write(row: Row): Promise<void>;
  /** Ends the input and waits until the last stage has everything (the upload is complete). */
  end(): Promise<void>;
  /** Stops everything after a failure of the producer; resolves once every stage is torn down. */
  abort(err: Error): Promise<void>;
}

export function rowSink<Row>(source: Transform, ...stages: (Transform | Writable)[]): RowSink<Row> {
  let failure: Error | null = null;
  const written = pipeline(source as Readable, ...(stages as [Writable]));
  // Handled at once: the rejection is kept and surfaces through write() / end().
  const failed = written.then(
    () => new Promise<never>(() => undefined),
    (err: Error) => {
      failure = err;
      throw err;
    },
  );
  failed.catch(() => undefined);
  return {
    async write(row) {
      if (failure) throw failure;
      if (source.write(row)) return;
      const drained = once(source, 'drain');
      drained.catch(() => undefined);
      await Promise.race([drained, failed]);
    },
    async end() {
      if (failure) throw failure;
      source.end();
      await written;
    },
    async abort(err) {
      source.destroy(err);
      await written.catch(() => undefined);
    },
  };
}
