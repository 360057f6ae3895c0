// Continuation, not crash: an import whose invocation runs out of time hands the rest of the file
// over to the next invocation (imports/handover.ts). The deliveries are the test's: the handler is
// called as the trigger and the task function would call it, with a budget in rows (no timing; one
// test with the invocation's time, short enough to hand over after every chunk), and
// the continuation tasks it enqueues are kept here and delivered when the test says (twice, late,
// concurrently); the last test enqueues on the real Cloud Tasks emulator, whose task runs the real
// `continueImport` function. Every import's report and error file are compared with those of the
// same file imported in one invocation, in another chain (the error file's rows as a set: a written
// row's warning goes in when its write lands, so its place depends on when that happens).
import { beforeAll, describe, expect, it } from 'vitest';
import { continueImport, handleImport, LeaseHeld, type ImportDeps, type ImportOptions } from '../../functions/src/imports/delivery';
import type { Continuation } from '../../functions/src/imports/handover';
import type { StorageObject } from '../../functions/src/imports/guard';
import { enqueueOnce } from '../../functions/src/common/taskQueue';
import { importIdFor } from '../../functions/src/model/import';
import { paths } from '../../functions/src/model/paths';
import { adminBucket, adminDb } from '../helpers/admin';
import { createTeam } from '../helpers/chains';
import { errorFileText, stageImport, waitForReport, type Report } from '../helpers/imports';

const N = 1300;
const REPEATS = 40;

/**
 * N rows: every 97th fails (a bad email), every 211th is short (imported with a warning), and the
 * last REPEATS rows name again, by email, the customers of the first rows (another part wrote them).
 */
function file(): string {
  const lines = ['Prénom,Nom,Courriel,Ville'];
  for (let i = 1; i <= N; i++) {
    const j = i - (N - REPEATS);
    if (j > 0) lines.push(`P${j},Hand${j},hand${j}@example.test,Moved ${i}`);
    else if (i % 97 === 0) lines.push(`Bad${i},Hand${i},not-an-email-${i},Ville`);
    else if (i % 211 === 0) lines.push(`P${i},Hand${i}`);
    else lines.push(`P${i},Hand${i},hand${i}@example.test,Ville ${i % 7}`);
  }
  return `${lines.join('\n')}\n`;
}

const failedRows = Array.from({ length: N - REPEATS }, (_, k) => k + 1).filter((i) => i % 97 === 0).length;
const EXPECTED = { rows: N, created: N - REPEATS - failedRows, updated: REPEATS, unchanged: 0, skipped: 0, failed: failedRows, repeated: REPEATS };

/** Continuation tasks enqueued by the handler, delivered when the test says. */
class Queue {
  readonly tasks: Continuation[] = [];
  handOver = async (c: Continuation) => {
    this.tasks.push(structuredClone(c));
  };
}

const depsFor = (queue?: Queue): ImportDeps => ({ db: adminDb, bucket: adminBucket, writesPerSecond: 10_000, ...(queue ? { handOver: queue.handOver } : {}) });
const BUDGET: ImportOptions = { handOverAfterRows: 500 };
const SLOW = 240_000; // several imports per test, on a machine shared by many
const later = (minutes: number): ImportOptions => ({ ...BUDGET, now: () => Date.now() + minutes * 60_000 });

async function drain(queue: Queue, options: ImportOptions = BUDGET): Promise<number> {
  let delivered = 0;
  while (queue.tasks.length) {
    await continueImport(depsFor(queue), queue.tasks.shift()!, options);
    delivered++;
  }
  return delivered;
}

let reference: { report: Report; errors: string; customers: number };
beforeAll(async () => {
  const refTeam = await createTeam('Import handover, one invocation');
  const staged = await stageImport(refTeam.chainId, 'reference.csv', file());
  await handleImport(depsFor(), staged.object);
  const report = (await adminDb.doc(paths.importReport(refTeam.chainId, staged.importId)).get()).data() as Report;
  reference = { report, errors: await errorFileText(report.errorFile!), customers: await customerCount(refTeam.chainId) };
  await refTeam.closeAll();
}, SLOW);

/** The header, then the rows in any order. */
const errorRows = (text: string) => {
  const [header, ...rows] = text.split('\r\n');
  return { header, rows: rows.sort() };
};

async function customerCount(chainId: string): Promise<number> {
  return (await adminDb.collection(paths.customers(chainId)).count().get()).data().count;
}

const reportOf = async (chainId: string, importId: string) => (await adminDb.doc(paths.importReport(chainId, importId)).get()).data() as Report;

/** A chain of its own per test, with the file staged (the real trigger skips it). */
async function staged(name: string, metadata: Record<string, string> = {}) {
  const chain = await createTeam(`Import handover, ${name}`);
  const { object, importId } = await stageImport(chain.chainId, `${name}.csv`, file());
  return { chain, importId, object: { ...object, metadata: { ...object.metadata, ...metadata } } as StorageObject };
}

/** The report and error file are those of the same file imported in one invocation; nothing else is left. */
async function expectAsInOneInvocation(chainId: string, importId: string, parts: number) {
  const report = await reportOf(chainId, importId);
  expect(report).toMatchObject({ status: 'done', counts: EXPECTED, parts, handovers: parts - 1 });
  for (const key of ['counts', 'errors', 'repeatedRows', 'rowWarnings', 'warningRows', 'processed', 'totalRows'] as const)
    expect(report[key]).toEqual(reference.report[key]);
  expect(report.checkpoint).toBeUndefined();
  expect(report.lease).toBeUndefined();
  expect(errorRows(await errorFileText(report.errorFile!))).toEqual(errorRows(reference.errors));
  expect(await customerCount(chainId)).toBe(reference.customers);
  const [files] = await adminBucket.getFiles({ prefix: `imports/${chainId}/` });
  expect(files.map((f) => f.name)).toEqual([report.errorFile]);
  return report;
}

describe('the reference (one invocation)', () => {
  it('counts what the file holds', () => {
    expect(reference.report.counts).toEqual(EXPECTED);
    expect(reference.report.warningRows).toBe(Array.from({ length: N - REPEATS }, (_, k) => k + 1).filter((i) => i % 211 === 0 && i % 97 !== 0).length);
    expect(reference.report.repeatedRows.slice(0, 2)).toEqual([
      { row: N - REPEATS + 2, earlierRow: 2 },
      { row: N - REPEATS + 3, earlierRow: 3 },
    ]);
    expect(reference.customers).toBe(EXPECTED.created);
    const { header, rows } = errorRows(reference.errors);
    expect(header).toBe('\ufeffPrénom,Nom,Courriel,Ville,Warning,Error');
    expect(rows.filter((r) => r.endsWith('is not a valid email address'))).toHaveLength(failedRows);
    expect(rows.filter(Boolean)).toHaveLength(failedRows + reference.report.warningRows);
  });
});

describe('handover', () => {
  it(
    'a file handed over twice imports exactly as in one invocation; the report shows the parts',
    async () => {
      const { chain, object, importId } = await staged('twice');
      const queue = new Queue();
      await handleImport(depsFor(queue), object, BUDGET);
      const between = await reportOf(chain.chainId, importId);
      expect(between).toMatchObject({ status: 'running', handovers: 1, part: { index: 1, startRow: 501 }, checkpoint: { row: 501 } });
      expect(queue.tasks).toEqual([{ object, part: 1 }]);
      expect(await drain(queue)).toBe(2);
      const report = await expectAsInOneInvocation(chain.chainId, importId, 3);
      expect(report.invocations).toBe(3);
      // The customers of the first rows were updated by the last rows, in another part.
      const moved = await adminDb.collection(paths.customers(chain.chainId)).where('email', '==', 'hand7@example.test').get();
      expect(moved.docs.map((d) => d.get('address.city'))).toEqual([`Moved ${N - REPEATS + 7}`]);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'on the clock, as deployed: a short invocation time hands over after the first chunk of each part',
    async () => {
      const { chain, object, importId } = await staged('clock');
      const queue = new Queue();
      // No row budget: the deadline is the invocation's time (deadline.ts), here used up before the
      // first chunk of a part ends, so each part takes one chunk (500 rows) and hands over.
      const deps: ImportDeps = { ...depsFor(queue), invocationSeconds: 0.001 };
      await handleImport(deps, object);
      expect(queue.tasks).toEqual([{ object, part: 1 }]);
      let delivered = 0;
      for (; queue.tasks.length; delivered++) await continueImport(deps, queue.tasks.shift()!);
      expect(delivered).toBe(2);
      await expectAsInOneInvocation(chain.chainId, importId, 3);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'a dry run handed over counts as the import would, and writes nothing',
    async () => {
      const { chain, object, importId } = await staged('dry', { mode: 'dry-run' });
      const queue = new Queue();
      await handleImport(depsFor(queue), object, BUDGET);
      expect(await drain(queue)).toBe(2);
      const report = await reportOf(chain.chainId, importId);
      expect(report).toMatchObject({ status: 'done', mode: 'dry-run', parts: 3, counts: EXPECTED });
      expect(report.repeatedRows).toEqual(reference.report.repeatedRows);
      expect(errorRows(await errorFileText(report.errorFile!))).toEqual(errorRows(reference.errors));
      expect(await customerCount(chain.chainId)).toBe(0);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'handovers are not attempts: a part that crashes twice still finishes, after two handovers',
    async () => {
      const { chain, object, importId } = await staged('attempts');
      const queue = new Queue();
      await handleImport(depsFor(queue), object, BUDGET); // attempt 1, hands part 1 over
      const task = queue.tasks.shift()!;
      expect(task.part).toBe(1);
      // Part 1 crashes twice (attempts 2 and 3 if the handover had counted one: it would be given up).
      await expect(continueImport(depsFor(queue), task, { ...BUDGET, stopAfterRows: 700 })).rejects.toThrow('fault injection');
      await expect(continueImport(depsFor(queue), task, BUDGET)).rejects.toBeInstanceOf(LeaseHeld);
      await expect(continueImport(depsFor(queue), task, { ...later(5), stopAfterRows: 700 })).rejects.toThrow('fault injection');
      expect(await reportOf(chain.chainId, importId)).toMatchObject({ status: 'running', lease: { attempt: 2 }, part: { index: 1, firstAttempt: 1 } });
      await continueImport(depsFor(queue), task, later(10)); // attempt 3 of 3: runs, hands part 2 over
      expect(await drain(queue, later(10))).toBe(1);
      const report = await expectAsInOneInvocation(chain.chainId, importId, 3);
      expect(report.invocations).toBe(5);
      await chain.closeAll();
    },
    SLOW,
  );
});

describe('a handover that crashes', () => {
  it(
    'before its report: the retry resumes from the checkpoint, as after any crash',
    async () => {
      const { chain, object, importId } = await staged('crash-report');
      const queue = new Queue();
      await expect(handleImport(depsFor(queue), object, { ...BUDGET, failHandover: 'beforeReport' })).rejects.toThrow('fault injection');
      expect(queue.tasks).toEqual([]);
      expect(await reportOf(chain.chainId, importId)).toMatchObject({ status: 'running', part: { index: 0 }, lease: { attempt: 1 } });
      await expect(handleImport(depsFor(queue), object, BUDGET)).rejects.toBeInstanceOf(LeaseHeld);
      await handleImport(depsFor(queue), object, later(5)); // the platform's retry, once the lease expired
      expect(await drain(queue, later(5))).toBe(2);
      const report = await expectAsInOneInvocation(chain.chainId, importId, 3);
      expect(report.invocations).toBe(4);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'before its enqueue: the event delivered again goes on at once with the next part, not as an attempt',
    async () => {
      const { chain, object, importId } = await staged('crash-enqueue');
      const queue = new Queue();
      await expect(handleImport(depsFor(queue), object, { ...BUDGET, failHandover: 'beforeEnqueue' })).rejects.toThrow('fault injection');
      expect(queue.tasks).toEqual([]);
      expect(await reportOf(chain.chainId, importId)).toMatchObject({ status: 'running', part: { index: 1, firstAttempt: 1 }, lease: { attempt: 0 } });
      await handleImport(depsFor(queue), object, BUDGET); // redelivered: no lease to wait for
      expect(await reportOf(chain.chainId, importId)).toMatchObject({ part: { index: 2, firstAttempt: 1 }, lease: { attempt: 0 } });
      expect(await drain(queue)).toBe(1);
      await expectAsInOneInvocation(chain.chainId, importId, 3);
      await chain.closeAll();
    },
    SLOW,
  );
});

describe('deliveries during a handover', () => {
  it(
    'the storage event delivered again while the next part is queued: one of them runs it, the other does nothing',
    async () => {
      const { chain, object, importId } = await staged('event-twice');
      const queue = new Queue();
      await handleImport(depsFor(queue), object, BUDGET);
      const task = queue.tasks.shift()!;
      const results = await Promise.allSettled([handleImport(depsFor(queue), object, BUDGET), continueImport(depsFor(queue), task, BUDGET)]);
      for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(LeaseHeld);
      // Whichever ran part 1 enqueued part 2 (a stale or refused delivery enqueued nothing).
      await drain(queue);
      const report = await expectAsInOneInvocation(chain.chainId, importId, 3);
      // Delivered again once finished (a task retried, the event again): nothing changes.
      await continueImport(depsFor(queue), { object, part: 2 }, BUDGET);
      await continueImport(depsFor(queue), task, BUDGET);
      await handleImport(depsFor(queue), object, BUDGET);
      expect(await reportOf(chain.chainId, importId)).toEqual(report);
      expect(queue.tasks).toEqual([]);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'a task for a part a later delivery already ran is stale: it does nothing',
    async () => {
      const { chain, object, importId } = await staged('stale');
      const queue = new Queue();
      await handleImport(depsFor(queue), object, BUDGET);
      const first = queue.tasks.shift()!;
      await handleImport(depsFor(queue), object, BUDGET); // the event again: runs part 1, hands part 2 over
      const before = await reportOf(chain.chainId, importId);
      expect(before.part).toMatchObject({ index: 2 });
      await continueImport(depsFor(queue), first, BUDGET);
      expect(await reportOf(chain.chainId, importId)).toEqual(before);
      expect(await drain(queue)).toBe(1);
      await expectAsInOneInvocation(chain.chainId, importId, 3);
      await chain.closeAll();
    },
    SLOW,
  );

  it('a task payload that is not a continuation is ignored', async () => {
    await continueImport(depsFor(), { object: { name: 'imports/x/y.csv' }, part: 'one' });
    await continueImport(depsFor(), { object: { bucket: 'b', name: 'exports/x/y.csv', generation: '1', size: 3 }, part: 1 });
  });
});

describe('the task queue', () => {
  it(
    'a part enqueued on the Cloud Tasks emulator is run by the continueImport function',
    async () => {
      const { chain, object, importId } = await staged('queue');
      const enqueued: string[] = [];
      const deps: ImportDeps = {
        ...depsFor(),
        handOver: async (c) => {
          const id = `${importIdFor(c.object.name, c.object.generation)}-part-${c.part}`;
          enqueued.push(id);
          await enqueueOnce('continueImport', 'europe-west1', { ...c }, id);
          await enqueueOnce('continueImport', 'europe-west1', { ...c }, id); // a retried handover adds nothing
        },
      };
      await handleImport(deps, object, BUDGET);
      expect(enqueued).toEqual([`${importId}-part-1`]);
      await waitForReport(chain.chainId, importId, 180_000);
      // The function's invocation has the emulators' full time: the rest in one part.
      await expectAsInOneInvocation(chain.chainId, importId, 2);
      await chain.closeAll();
    },
    SLOW,
  );
});
