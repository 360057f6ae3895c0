// The pure parts of imports that span invocations: Firestore's 500/50/5 ramp (imports/ramp.ts) and
// its theoretical minimum time, the deadline an invocation hands over at (imports/deadline.ts), the
// checkpoint a handover saves (imports/ledger.ts), and the task payload's check (imports/handover.ts).
import { describe, expect, it } from 'vitest';
import { NO_DEADLINE, rowDeadline, timeDeadline, workBudgetMs } from '../../functions/src/imports/deadline';
import { ContinuationInput, firstPart, HandoverPoint, nextPart, statePath } from '../../functions/src/imports/handover';
import { carriedLines, readCarried, scanOf, type Carried } from '../../functions/src/imports/carried';
import { DateEvidence } from '../../functions/src/imports/dates';
import { Ledger } from '../../functions/src/imports/ledger';
import { RAMP_MAX, rampFrom, rampMinimumSeconds, rampRate } from '../../functions/src/imports/ramp';
import { errorFilePath, errorPartPath } from '../../functions/src/imports/errorFile';
import { AheadInput, aheadLayout, aheadTaskId, planTask } from '../../functions/src/imports/ahead';

const MIN = 60_000;

describe('the ramp (500/50/5)', () => {
  it('starts at the given rate and adds 50 % every 5 minutes, up to 10,000/s', () => {
    expect(rampRate(500, 0)).toBe(500);
    expect(rampRate(500, 5 * MIN - 1)).toBe(500);
    expect(rampRate(500, 5 * MIN)).toBe(750);
    expect(rampRate(500, 10 * MIN)).toBe(1125);
    expect(rampRate(500, 15 * MIN + 1)).toBe(1687.5);
    expect(rampRate(500, 10 * 60 * MIN)).toBe(RAMP_MAX);
    // A clock that went back (another instance's start) never goes below the start.
    expect(rampRate(500, -MIN)).toBe(500);
  });

  it('a starting rate at or above 10,000/s is no ramp: that rate from the start', () => {
    expect(rampRate(10_000, 0)).toBe(10_000);
    expect(rampRate(20_000, 30 * MIN)).toBe(20_000);
  });

  it('runs on the clock of the import, not of the invocation', () => {
    const startedAt = Date.UTC(2026, 11, 2, 12, 0, 0);
    const rate = rampFrom(500, startedAt);
    expect(rate.at(startedAt + 4 * MIN)).toBe(500);
    expect(rate.at(startedAt + 12 * MIN)).toBe(1125);
  });

  it('the writers of a file split into parallel parts share the ramp; with the ramp off, each writes at the rate', () => {
    const startedAt = Date.UTC(2026, 11, 2, 12, 0, 0);
    expect(rampFrom(500, startedAt, 4).at(startedAt)).toBe(125);
    expect(rampFrom(500, startedAt, 4).at(startedAt + 5 * MIN)).toBe(187.5);
    expect(rampFrom(500, startedAt, 0).at(startedAt)).toBe(500);
    expect(rampFrom(10_000, startedAt, 4).at(startedAt)).toBe(10_000);
  });

  it('the theoretical minimum time for a number of documents', () => {
    expect(rampMinimumSeconds(0, 500)).toBe(0);
    expect(rampMinimumSeconds(50_000, 500)).toBe(100);
    // 5 minutes at 500 (150,000), then 750/s.
    expect(rampMinimumSeconds(150_000, 500)).toBe(300);
    expect(rampMinimumSeconds(225_000, 500)).toBe(400);
    // 680,000 documents (a 100,000-row import): 150,000 + 225,000 + 337,500 fit in 15 minutes.
    expect(rampMinimumSeconds(680_000, 500)).toBeCloseTo(900 - 32_500 / 1125, 6);
    expect(rampMinimumSeconds(20_000, 10_000)).toBe(2);
  });
});

describe('parallel parts (ahead.ts)', () => {
  const utf8 = { encoding: 'utf-8', bom: 0 } as const;
  it('split only a UTF-8 file of enough rows per part, into at most the parts asked for (16 at most)', () => {
    expect(aheadLayout(20_000, 4, utf8)).toEqual({ parts: 4, size: 5_000 });
    expect(aheadLayout(19_999, 4, utf8)).toEqual({ parts: 3, size: 6_667 });
    expect(aheadLayout(9_999, 4, utf8)).toBeNull();
    expect(aheadLayout(1_000_000, 1, utf8)).toBeNull();
    expect(aheadLayout(1_000_000, 100, utf8)).toEqual({ parts: 16, size: 62_500 });
    expect(aheadLayout(1_000_000, 4.9, utf8)).toEqual({ parts: 4, size: 250_000 });
    expect(aheadLayout(1_000_000, 4, { encoding: 'windows-1252', bom: 0 })).toBeNull();
    expect(aheadLayout(1_000_000, 4, { encoding: 'utf-16le', bom: 2 })).toBeNull();
  });

  it('a task payload is checked: an upload, a layout within bounds, a range and where it starts', () => {
    const object = { bucket: 'b', name: 'imports/c/f.csv', generation: '12', size: 10 };
    const task = { object, ahead: { layout: { parts: 4, size: 5000 }, range: 2, ordinal: 10_001, row: 10_002, byte: 1_234_567 } };
    expect(AheadInput.safeParse(task).success).toBe(true);
    expect(aheadTaskId(task)).toBe('12-f_csv-ahead-2-10001');
    expect(aheadTaskId(planTask(object, { parts: 4, size: 5000 }))).toBe('12-f_csv-ahead-0-1');
    for (const bad of [
      { ...task.ahead, range: 16 },
      { ...task.ahead, range: -1 },
      { ...task.ahead, layout: { parts: 17, size: 1 } },
      { ...task.ahead, layout: { parts: 1, size: 1 } },
      { ...task.ahead, byte: -1 },
      { ...task.ahead, ordinal: 0 },
      { ...task.ahead, row: 1.5 },
    ])
      expect(AheadInput.safeParse({ object, ahead: bad }).success).toBe(false);
    expect(AheadInput.safeParse({ object: { ...object, generation: 'x' }, ahead: task.ahead }).success).toBe(false);
    // A continuation is not a part's task, and the other way round.
    expect(AheadInput.safeParse({ object, part: 1 }).success).toBe(false);
    expect(ContinuationInput.safeParse(task).success).toBe(false);
  });
});

describe('the deadline of an invocation', () => {
  it('keeps 20 % of the invocation (at most 60 s) to settle writes and hand over', () => {
    expect(workBudgetMs(540)).toBe(480_000);
    expect(workBudgetMs(60)).toBe(48_000);
    expect(workBudgetMs(5)).toBe(4_000);
  });

  it('passes once the work budget is used, on the given clock', () => {
    let now = 1_000_000;
    const deadline = timeDeadline(60, now, () => now);
    expect(deadline.passed(0)).toBe(false);
    now += 47_999;
    expect(deadline.passed(10_000)).toBe(false);
    now += 1;
    expect(deadline.passed(0)).toBe(true);
  });

  it('a row budget (tests) passes once that many rows were taken; no deadline never passes', () => {
    expect(rowDeadline(1000).passed(999)).toBe(false);
    expect(rowDeadline(1000).passed(1000)).toBe(true);
    expect(NO_DEADLINE.passed(Number.MAX_SAFE_INTEGER)).toBe(false);
  });
});

describe('the checkpoint of a handover', () => {
  it('is the ledger as it is once every write has settled, including failures after the last snapshot', () => {
    const ledger = new Ledger();
    for (let row = 2; row <= 5; row++) {
      ledger.read(false);
      ledger.outcome('created', false);
      ledger.writing(row, 'created', [`r${row}`]);
    }
    ledger.snapshot(5);
    ledger.checkpoint(5); // the progress update already took the snapshot as a checkpoint
    expect(ledger.writeFailed(4, 'refused')).toEqual(['r4']);
    for (const row of [2, 3, 5]) ledger.settled(row);
    const at = ledger.current(5);
    expect(at).toEqual({
      row: 5,
      counts: { rows: 4, created: 3, updated: 0, unchanged: 0, skipped: 0, failed: 1, repeated: 0 },
      errorCount: 1,
      errorsKept: 1,
      repeatedKept: 0,
      warningRows: 0,
      warningsKept: 0,
    });
    // The next part resumes from it: nothing before row 5 is counted again.
    const next = new Ledger(at, { errors: ledger.errors, repeatedRows: [], rowWarnings: [] });
    expect(next.replays(5)).toBe(true);
    expect(next.replays(6)).toBe(false);
    expect(next.counts).toEqual(at.counts);
    expect(next.errors).toEqual([{ row: 4, column: '', value: '', message: 'refused' }]);
  });

  it('the first part starts after the header, with nothing carried', () => {
    expect(firstPart(42)).toEqual({ index: 0, startRow: 1, processed: 0, writes: 0, stateFile: null, errorParts: [], firstAttempt: 1, startedAt: 42 });
  });

  it('the next part starts after the row the part stopped at, on the same clock, listing the parts with failed rows', () => {
    const object = { bucket: 'b', name: 'imports/chain1/clients.csv', generation: '17', size: 10 };
    const timings = { scanMs: 5, lookupMs: 6, writeWaitMs: 7 };
    const end = (row: number, errorRows: boolean, attempt: number) => ({
      point: new HandoverPoint(row, errorRows),
      processed: row - 1,
      writes: row * 6,
      timings,
      attempt,
    });
    const second = nextPart(object, firstPart(42), end(1_000, true, 1));
    expect(second).toEqual({
      index: 1,
      startRow: 1_000,
      processed: 999,
      writes: 6_000,
      stateFile: 'imports/chain1/clients.handover-17.part-1.jsonl.gz',
      errorParts: [0],
      firstAttempt: 1,
      startedAt: 42,
      timings,
    });
    // A part without failed rows adds none; one taken after a crash starts its attempts where its handover left them.
    const third = nextPart(object, second, end(2_000, false, 3));
    expect(third).toMatchObject({ index: 2, startRow: 2_000, errorParts: [0], firstAttempt: 3, startedAt: 42 });
    expect(nextPart(object, third, end(3_000, true, 3)).errorParts).toEqual([0, 2]);
    expect(second.errorParts).toEqual([0]); // the part before is left as it was
  });

  it('part files sit next to the upload, per upload version and part', () => {
    const object = { bucket: 'b', name: 'imports/chain1/clients.csv', generation: '17', size: 10 };
    expect(errorFilePath(object.name, object.generation)).toBe('imports/chain1/clients.errors-17.csv');
    expect(errorPartPath(object.name, object.generation, 2)).toBe('imports/chain1/clients.errors-17.part-2.csv');
    expect(statePath(object, 3)).toBe('imports/chain1/clients.handover-17.part-3.jsonl.gz');
  });
});

describe('the state file', () => {
  /** Through the lines the state file holds, cut into chunks of `size` bytes (a line, a character split anywhere). */
  async function roundTrip(carried: Carried, size: number): Promise<Carried> {
    const bytes = Buffer.from([...carriedLines(carried)].join(''), 'utf8');
    async function* chunks() {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    }
    return readCarried(chunks());
  }

  it("carries the first pass's result, date evidence included", async () => {
    const dates = new DateEvidence();
    dates.push(['x', '', '25/12/2020']);
    dates.push(['x', '', '03/04/2021']);
    const scan = { detected: { encoding: 'windows-1252' as const, bom: 0 }, delimiter: ';' as const, rows: 2, width: 3, dates };
    const carried: Carried = { matcher: { written: new Map([['id1', 2]]), keys: new Map([['e:a@b.test', 'id1']]) }, states: new Map(), scan };
    const back = scanOf(await roundTrip(carried, 7))!;
    expect(back).toMatchObject({ detected: scan.detected, delimiter: ';', rows: 2, width: 3 });
    expect(back.dates).toBeInstanceOf(DateEvidence);
    expect(back.dates.numeric[2]).toBe(2);
    expect(back.dates.dayFirst[2]).toBe(1);
    expect(back.dates.monthFirst[2] ?? 0).toBe(0);
    expect(back.dates.numeric[0] ?? 0).toBe(0);
    expect(scanOf({ scan: undefined })).toBeNull();
    expect(scanOf(await roundTrip({ ...carried, scan: undefined }, 64))).toBeNull();
  });

  it('carries every entry exactly, whatever the values hold (tabs, newlines, quotes, accents, emoji), in lines cut anywhere', async () => {
    const odd = ['c:a\tb', 'c:line\nbreak', 'c:"quoted",', 'c:Zoë Ærø', 'c:🎉 party', 'c:\\back'];
    const carried: Carried = {
      matcher: {
        written: new Map(Array.from({ length: 5_000 }, (_, i) => [`cust${i}`, i + 2] as [string, number])),
        keys: new Map([...odd.map((k, i) => [k, `cust${i}`] as [string, string]), ['e:a@b.test', 'cust9']]),
      },
      states: new Map([['cust1', '{"firstName":"Zoë\n"}']]),
    };
    for (const size of [1, 3, 4096]) {
      const back = await roundTrip(carried, size);
      expect(back.matcher.written).toEqual(carried.matcher.written);
      expect(back.matcher.keys).toEqual(carried.matcher.keys);
      expect(back.states).toEqual(carried.states);
    }
    // Streamed in chunks of lines, never as one document.
    expect([...carriedLines(carried)].length).toBeGreaterThan(2);
  });
});

describe('the continuation task payload', () => {
  const object = { bucket: 'demo.appspot.com', name: 'imports/c1/f.csv', generation: '123', size: 5, contentType: 'text/csv', metadata: { lang: 'fr' } };

  it('accepts an upload and a later part', () => {
    expect(ContinuationInput.parse({ object, part: 2 })).toEqual({ object, part: 2 });
  });

  it('refuses part 0, a generation that is not a number, a missing object', () => {
    expect(ContinuationInput.safeParse({ object, part: 0 }).success).toBe(false);
    expect(ContinuationInput.safeParse({ object: { ...object, generation: '1e9' }, part: 1 }).success).toBe(false);
    expect(ContinuationInput.safeParse({ part: 1 }).success).toBe(false);
    expect(ContinuationInput.safeParse({ object: { ...object, metadata: { lang: 3 } }, part: 1 }).success).toBe(false);
  });
});
