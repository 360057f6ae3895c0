// The import's bookkeeping (imports/ledger.ts), without Firestore: counting, the cap on reported
// errors, checkpoints chosen only once durable, a write failure fixing counts in later snapshots,
// and a ledger resumed from a checkpoint.
import { describe, expect, it } from 'vitest';
import { Ledger, zeroCounts, type Checkpoint } from '../../functions/src/imports/ledger';
import { REPORT_ERRORS } from '../../functions/src/model/import';

const problem = (message: string) => ({ column: 'Email', value: 'x'.repeat(300), message });

describe('counting', () => {
  it('counts rows read, outcomes and repeated rows; replayed rows count nothing but progress', () => {
    const ledger = new Ledger();
    for (const kind of ['created', 'created', 'updated', 'unchanged', 'skipped'] as const) {
      ledger.read(false);
      ledger.outcome(kind, false);
    }
    ledger.read(false);
    ledger.repeated(7, 2, false);
    ledger.outcome('updated', false);
    ledger.read(false);
    ledger.failed(8, [problem('bad email')], false);
    ledger.read(true);
    ledger.outcome('created', true);
    ledger.repeated(9, 3, true);
    ledger.failed(9, [problem('again')], true);
    expect(ledger.counts).toEqual({ rows: 7, created: 2, updated: 2, unchanged: 1, skipped: 1, failed: 1, repeated: 1 });
    expect(ledger.processed).toBe(8);
    expect(ledger.errorCount).toBe(1);
    expect(ledger.errors).toEqual([{ row: 8, column: 'Email', value: 'x'.repeat(200), message: 'bad email' }]);
    expect(ledger.repeatedRows).toEqual([{ row: 7, earlierRow: 2 }]);
  });

  it('a row counted unchanged whose update had landed before a crash counts as updated', () => {
    const ledger = new Ledger();
    ledger.outcome('unchanged', false);
    ledger.landed();
    expect(ledger.counts).toMatchObject({ unchanged: 0, updated: 1 });
  });

  it(`keeps the first ${REPORT_ERRORS} errors and repeated rows, and counts them all`, () => {
    const ledger = new Ledger();
    for (let row = 2; row < 2 + 150; row++) {
      ledger.failed(row, [problem('a'), problem('b')], false);
      ledger.repeated(row, 1, false);
    }
    expect(ledger.errors).toHaveLength(REPORT_ERRORS);
    expect(ledger.errors[REPORT_ERRORS - 1]).toMatchObject({ row: 51, message: 'b' });
    expect(ledger.repeatedRows).toHaveLength(REPORT_ERRORS);
    expect(ledger.errorCount).toBe(150);
    expect(ledger.counts).toMatchObject({ failed: 150, repeated: 150 });
    // A write failure past the cap is counted, not listed.
    ledger.writing(200, 'created', ['A']);
    ledger.outcome('created', false);
    expect(ledger.writeFailed(200, 'could not be saved')).toEqual(['A']);
    expect(ledger.errors).toHaveLength(REPORT_ERRORS);
    expect(ledger.errorCount).toBe(151);
  });
});

describe('checkpoints', () => {
  it('a snapshot becomes the checkpoint only once all its rows are durable, the latest one first', () => {
    const ledger = new Ledger();
    ledger.outcome('created', false);
    ledger.snapshot(501);
    ledger.outcome('created', false);
    ledger.snapshot(1001);
    expect(ledger.checkpoint(500)).toBeUndefined();
    ledger.outcome('created', false);
    ledger.snapshot(1501);
    expect(ledger.checkpoint(1200)).toMatchObject({ row: 1001, counts: { created: 2 } });
    // Taken once: the next checkpoint is a later snapshot.
    expect(ledger.checkpoint(1200)).toBeUndefined();
    expect(ledger.checkpoint(1501)).toMatchObject({ row: 1501, counts: { created: 3 } });
  });

  it('a snapshot keeps its own copy of the counts and how many errors belong to its rows', () => {
    const ledger = new Ledger();
    ledger.failed(2, [problem('a')], false);
    ledger.snapshot(2);
    ledger.failed(3, [problem('b')], false);
    ledger.repeated(4, 3, false);
    expect(ledger.checkpoint(2)).toEqual({
      row: 2,
      counts: { ...zeroCounts(), failed: 1 },
      errorCount: 1,
      errorsKept: 1,
      repeatedKept: 0,
      warningRows: 0,
      warningsKept: 0,
    });
  });

  it('a write failure after a snapshot fixes the counts of that snapshot and later ones, not earlier ones', () => {
    const ledger = new Ledger();
    ledger.writing(2, 'created', ['A', 'B']);
    ledger.outcome('created', false);
    ledger.snapshot(2);
    ledger.writing(3, 'updated', ['C', 'D']);
    ledger.outcome('updated', false);
    ledger.snapshot(3);
    ledger.outcome('created', false);
    ledger.snapshot(4);
    expect(ledger.writeFailed(3, 'could not be saved: boom')).toEqual(['C', 'D']);
    // A second failed write of the same row is not counted again.
    expect(ledger.writeFailed(3, 'could not be saved: boom')).toBeNull();
    expect(ledger.counts).toMatchObject({ created: 2, updated: 0, failed: 1 });
    expect(ledger.errorCount).toBe(1);
    expect(ledger.errors).toEqual([{ row: 3, column: '', value: '', message: 'could not be saved: boom' }]);
    expect(ledger.checkpoint(2)?.counts).toMatchObject({ created: 1, updated: 0, failed: 0 });
    expect(ledger.checkpoint(3)?.counts).toMatchObject({ created: 1, updated: 0, failed: 1 });
    expect(ledger.checkpoint(4)?.counts).toMatchObject({ created: 2, updated: 0, failed: 1 });
  });

  it('a row whose writes all settled is no longer undone by a late failure report', () => {
    const ledger = new Ledger();
    ledger.writing(2, 'created', ['A']);
    ledger.outcome('created', false);
    ledger.settled(2);
    expect(ledger.writeFailed(2, 'x')).toBeNull();
    expect(ledger.counts).toMatchObject({ created: 1, failed: 0 });
  });
});

describe('a row planned again after a conflict', () => {
  it('moves from updated to unchanged or back, in the counts and the snapshots taken since, not earlier ones', () => {
    const ledger = new Ledger();
    ledger.writing(2, 'updated', ['A']);
    ledger.outcome('updated', false);
    ledger.snapshot(2);
    ledger.writing(3, 'updated', ['B']);
    ledger.outcome('updated', false);
    ledger.snapshot(3);
    ledger.recount(3, 'unchanged');
    expect(ledger.counts).toMatchObject({ updated: 1, unchanged: 1 });
    // Nothing left to write: a later failure report of the row changes nothing.
    expect(ledger.writeFailed(3, 'x')).toBeNull();
    ledger.recount(2, 'updated');
    expect(ledger.counts).toMatchObject({ updated: 1, unchanged: 1, failed: 0 });
    expect(ledger.checkpoint(2)?.counts).toMatchObject({ updated: 1, unchanged: 0 });
    expect(ledger.checkpoint(3)?.counts).toMatchObject({ updated: 1, unchanged: 1 });
  });

  it('an erased or ever-changing customer turns the row into a failure, once, with its message', () => {
    const ledger = new Ledger();
    ledger.writing(5, 'updated', ['Erin', 'Erased']);
    ledger.outcome('updated', false);
    expect(ledger.writeFailed(5, 'this customer was erased while the import ran')).toEqual(['Erin', 'Erased']);
    ledger.recount(5, 'updated');
    expect(ledger.counts).toMatchObject({ updated: 0, failed: 1 });
    expect(ledger.errors).toEqual([{ row: 5, column: '', value: '', message: 'this customer was erased while the import ran' }]);
  });
});

describe('resume', () => {
  const checkpoint: Checkpoint = {
    row: 1001,
    counts: { rows: 1000, created: 990, updated: 0, unchanged: 0, skipped: 0, failed: 10, repeated: 2 },
    errorCount: 10,
    errorsKept: 3,
    repeatedKept: 1,
  };
  const reported = {
    errors: [1, 2, 3, 4, 5].map((i) => ({ row: i * 100, column: '', value: '', message: `e${i}` })),
    repeatedRows: [
      { row: 50, earlierRow: 10 },
      { row: 1200, earlierRow: 20 },
    ],
  };

  it('restores the counts, and the errors and repeated rows reported up to the checkpoint', () => {
    const ledger = new Ledger(checkpoint, reported);
    expect(ledger.counts).toEqual(checkpoint.counts);
    expect(ledger.errorCount).toBe(10);
    expect(ledger.errors.map((e) => e.message)).toEqual(['e1', 'e2', 'e3']);
    expect(ledger.repeatedRows).toEqual([{ row: 50, earlierRow: 10 }]);
    // The checkpoint itself is not changed by counting on.
    ledger.outcome('created', false);
    expect(checkpoint.counts.created).toBe(990);
  });

  it('replays the chunks up to the checkpoint, and only those', () => {
    const ledger = new Ledger(checkpoint, reported);
    expect(ledger.replays(501)).toBe(true);
    expect(ledger.replays(1001)).toBe(true);
    expect(ledger.replays(1501)).toBe(false);
    expect(new Ledger().replays(2)).toBe(false);
  });
});
