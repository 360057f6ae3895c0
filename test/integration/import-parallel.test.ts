// Parallel parts (functions/src/imports/ahead.ts): a large file split into ranges whose rows that
// only create a customer no other row names are written ahead by other tasks, while the import's
// main run reads the file in order and keeps the one report. The tasks are the test's (run at once,
// late, between the main run's handovers) and, in the last test, the real Cloud Tasks emulator's.
// Each import is compared with the same file imported without parts, in another chain: counts,
// first errors, repeated rows, error file, and every customer's fields.
import { beforeAll, describe, expect, it } from 'vitest';
import { continueImport, handleImport, type ImportDeps, type ImportOptions } from '../../functions/src/imports/delivery';
import { aheadTaskId, type AheadTask } from '../../functions/src/imports/ahead';
import type { Continuation } from '../../functions/src/imports/handover';
import type { StorageObject } from '../../functions/src/imports/guard';
import { derivedCustomerId } from '../../functions/src/imports/rowPlan';
import { enqueueOnce } from '../../functions/src/common/taskQueue';
import { paths } from '../../functions/src/model/paths';
import { adminBucket, adminDb } from '../helpers/admin';
import { createTeam } from '../helpers/chains';
import { errorFileText, stageImport, waitForReport, type Report } from '../helpers/imports';

const N = 2400;
const PARTS = 4; // ranges of 600 rows: 1-600 is the main run's own, 601-1200, 1201-1800, 1801-2400 are written ahead
const SLOW = 240_000;

/** Rows naming a customer another row (or the chain) names: never written ahead. */
const TWICE = [700, 1300, 1900]; // one customer named in parts 1, 2 and 3 (the last by its email in capitals)
const EARLY_LATE = [100, 2000]; // named in the main run's range and in part 3
const PRE = 1500; // names a customer the chain already has

function line(i: number): string {
  if (TWICE.includes(i)) return `Twice,Named,${i === 1900 ? 'TWICE' : 'twice'}@example.test,City ${i}`;
  if (EARLY_LATE.includes(i)) return `Early,Late,early-late@example.test,City ${i}`;
  if (i === PRE) return `Pre,Existing,pre@example.test,City ${i}`;
  if (i % 97 === 0) return `Bad${i},Par${i},not-an-email-${i},Ville`; // fails: never written ahead
  if (i % 211 === 0) return `P${i},Par${i}`; // no email: imported with a warning, found by its derived id
  return `P${i},Par${i},par${i}@example.test,Ville ${i % 7}`;
}

function file(): string {
  const lines = ['Prénom,Nom,Courriel,Ville'];
  for (let i = 1; i <= N; i++) lines.push(line(i));
  return `${lines.join('\n')}\n`;
}

const named = new Set([...TWICE, ...EARLY_LATE, PRE]);
/** The rows the parts may write ahead: in ranges 2..4, valid, naming no customer another row or the chain names. */
const AHEAD_ROWS = Array.from({ length: N - 600 }, (_, k) => k + 601).filter((i) => !named.has(i) && i % 97 !== 0).length;

class Tasks {
  readonly ahead: AheadTask[] = [];
  readonly parts: Continuation[] = [];
}

function depsFor(tasks: Tasks, runAhead: 'at once' | 'later'): ImportDeps {
  const deps: ImportDeps = {
    db: adminDb,
    bucket: adminBucket,
    writesPerSecond: 10_000,
    handOver: async (c) => void tasks.parts.push(structuredClone(c)),
    ahead: {
      parts: PARTS,
      minRows: 500,
      task: async (t) => {
        if (runAhead === 'later') tasks.ahead.push(structuredClone(t));
        else await continueImport(deps, structuredClone(t), OPTIONS);
      },
    },
  };
  return deps;
}

/** The main run hands over after 500 rows (within an invocation's time on any machine); so do the parts. */
const OPTIONS: ImportOptions = { handOverAfterRows: 500 };

async function drainParts(tasks: Tasks, deps: ImportDeps): Promise<void> {
  while (tasks.parts.length) await continueImport(deps, tasks.parts.shift()!, OPTIONS);
}

async function drainAhead(tasks: Tasks, deps: ImportDeps): Promise<number> {
  let n = 0;
  while (tasks.ahead.length) {
    await continueImport(deps, tasks.ahead.shift()!, OPTIONS);
    n++;
  }
  return n;
}

const reportOf = async (chainId: string, importId: string) => (await adminDb.doc(paths.importReport(chainId, importId)).get()).data() as Report;

/** Every customer of the chain by what it holds (ids differ between chains). */
async function customers(chainId: string): Promise<string[]> {
  const snap = await adminDb.collection(paths.customers(chainId)).get();
  return snap.docs
    .map((d) => JSON.stringify([d.get('firstName'), d.get('lastName'), d.get('email') ?? null, d.get('address.city') ?? null, d.get('version')]))
    .sort();
}

const errorRows = (text: string) => {
  const [header, ...rows] = text.split('\r\n');
  return { header, rows: rows.sort() };
};

/** A chain that already has pre@example.test (imported before), and the file staged. */
async function staged(name: string) {
  const chain = await createTeam(`Import parallel, ${name}`);
  const pre = await stageImport(chain.chainId, `${name}-pre.csv`, 'Prénom,Nom,Courriel,Ville\nPre,Existing,pre@example.test,Before\n');
  await handleImport({ db: adminDb, bucket: adminBucket, writesPerSecond: 10_000 }, pre.object);
  const { object, importId } = await stageImport(chain.chainId, `${name}.csv`, file());
  return { chain, object: object as StorageObject, importId };
}

let reference: { report: Report; errors: string; customers: string[] };
beforeAll(async () => {
  const { chain, object, importId } = await staged('reference');
  await handleImport({ db: adminDb, bucket: adminBucket, writesPerSecond: 10_000 }, object);
  const report = await reportOf(chain.chainId, importId);
  reference = { report, errors: await errorFileText(report.errorFile!), customers: await customers(chain.chainId) };
  await chain.closeAll();
}, SLOW);

/** The import is the reference's, whoever wrote which customer; nothing but the error file is left next to the upload. */
async function expectAsWithoutParts(chainId: string, importId: string): Promise<Report> {
  const report = await reportOf(chainId, importId);
  expect(report.status).toBe('done');
  for (const key of ['counts', 'errors', 'repeatedRows', 'rowWarnings', 'warningRows', 'processed', 'totalRows'] as const)
    expect(report[key]).toEqual(reference.report[key]);
  expect(errorRows(await errorFileText(report.errorFile!))).toEqual(errorRows(reference.errors));
  expect(await customers(chainId)).toEqual(reference.customers);
  const [files] = await adminBucket.getFiles({ prefix: `imports/${chainId}/` });
  expect(files.map((f) => f.name).filter((n) => !n.includes('-pre'))).toEqual([report.errorFile]);
  return report;
}

describe('the file and its split', () => {
  it('the reference counts what the file holds, in file order', async () => {
    const failed = Array.from({ length: N }, (_, k) => k + 1).filter((i) => i % 97 === 0 && !named.has(i)).length;
    // twice@ created once, updated twice; early-late created, updated; pre@ updated.
    expect(reference.report.counts).toMatchObject({ rows: N, failed, updated: 4, repeated: 3, created: N - failed - 4 });
    // Records: the header is record 1, so file line i is row i + 1.
    expect(reference.report.repeatedRows).toEqual([
      { row: 1301, earlierRow: 701 },
      { row: 1901, earlierRow: 1301 },
      { row: 2001, earlierRow: 101 },
    ]);
    expect(reference.customers.filter((c) => c.includes('Twice'))).toEqual([JSON.stringify(['Twice', 'Named', 'TWICE@example.test', 'City 1900', 3])]);
  });
});

describe('parallel parts', () => {
  it(
    'parts written ahead first: the new customers of ranges 2-4 are theirs, the main run counts them; a customer named in two parts is applied in file order',
    async () => {
      const { chain, object, importId } = await staged('at-once');
      const tasks = new Tasks();
      const deps = depsFor(tasks, 'at once');
      await handleImport(deps, object, OPTIONS);
      await drainParts(tasks, deps);
      const report = await expectAsWithoutParts(chain.chainId, importId);
      expect(report.ahead).toEqual({ parts: 4, rows: AHEAD_ROWS, writes: expect.any(Number) });
      // The main run wrote only what the parts left it; the documents in all are those of the reference.
      expect(report.writes! + report.ahead!.writes!).toBe(reference.report.writes);
      expect(report.writes!).toBeLessThan(reference.report.writes! / 3);
      // A row without email (row 211*4 = 844 is in range 2) was created ahead under its derived id, once.
      const keyless = await adminDb.doc(paths.customer(chain.chainId, derivedCustomerId(importId, 845))).get();
      expect(keyless.get('firstName')).toBe('P844');
      const twice = await adminDb.collection(paths.customers(chain.chainId)).where('email', '==', 'TWICE@example.test').get();
      expect(twice.docs.map((d) => [d.get('address.city'), d.get('version')])).toEqual([['City 1900', 3]]);
      const history = await adminDb.collection(paths.history(chain.chainId, twice.docs[0]!.id)).get();
      expect(history.docs.map((d) => d.id).sort()).toEqual([701, 1301, 1901].map((row) => `import-${importId}-${row}`).sort());
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'parts delivered after the import ended write nothing and leave nothing',
    async () => {
      const { chain, object, importId } = await staged('late');
      const tasks = new Tasks();
      const deps = depsFor(tasks, 'later');
      await handleImport(deps, object, OPTIONS);
      expect(tasks.ahead.map(aheadTaskId)).toEqual([`${importId}-ahead-0-1`]);
      await drainParts(tasks, deps);
      expect(await drainAhead(tasks, deps)).toBe(1); // the plan finds the import done: no range task
      const report = await expectAsWithoutParts(chain.chainId, importId);
      expect(report.ahead).toBeUndefined();
      expect(report.writes).toBe(reference.report.writes);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'parts run between the main run handovers, and hand over themselves: counts and error file exact',
    async () => {
      const { chain, object, importId } = await staged('between');
      const tasks = new Tasks();
      const deps = depsFor(tasks, 'later');
      await handleImport(deps, object, OPTIONS); // rows 1-500, then hands over
      expect(await drainAhead(tasks, deps)).toBe(1 + 3 + 3); // the plan, three ranges, each handing over once (600 rows, 500 per invocation)
      // The main run reads on: it finds the parts' customers, and applies the rows naming a customer twice.
      await drainParts(tasks, deps);
      const report = await expectAsWithoutParts(chain.chainId, importId);
      expect(report.ahead).toEqual({ parts: 4, rows: AHEAD_ROWS, writes: expect.any(Number) });
      expect(report.parts).toBe(5);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'a part racing the main run over the same rows: whichever creates a customer first, it is created once and counted once',
    async () => {
      const { chain, object, importId } = await staged('race');
      const tasks = new Tasks();
      const deps = depsFor(tasks, 'later');
      await handleImport(deps, object, OPTIONS);
      const plan = tasks.ahead.shift()!;
      await continueImport(deps, plan, OPTIONS); // enqueues the three ranges
      // The main run goes on to the end while the three ranges run at the same time.
      await Promise.all([drainParts(tasks, deps), ...tasks.ahead.splice(0).map((t) => continueImport(deps, t, {}))]);
      const report = await expectAsWithoutParts(chain.chainId, importId);
      expect(report.ahead?.rows ?? 0).toBeLessThanOrEqual(AHEAD_ROWS);
      await chain.closeAll();
    },
    SLOW,
  );

  it(
    'a dry run is never split',
    async () => {
      const { chain, object, importId } = await staged('dry');
      const tasks = new Tasks();
      await handleImport(depsFor(tasks, 'later'), { ...object, metadata: { ...object.metadata, mode: 'dry-run' } }, OPTIONS);
      expect(tasks.ahead).toEqual([]);
      await drainParts(tasks, depsFor(tasks, 'later'));
      expect((await reportOf(chain.chainId, importId)).counts).toEqual(reference.report.counts);
      await chain.closeAll();
    },
    SLOW,
  );

  it('a task payload that names no range is ignored', async () => {
    const deps = depsFor(new Tasks(), 'later');
    await continueImport(deps, { object: { bucket: 'b', name: 'imports/x/y.csv', generation: '1', size: 3 }, ahead: { range: -1 } });
    await continueImport(deps, {
      object: { bucket: 'b', name: 'imports/x/y.csv', generation: '1', size: 3 },
      ahead: { layout: { parts: 99, size: 1 }, range: 0, ordinal: 1, row: 1, byte: 0 },
    });
    await continueImport(deps, {
      object: { bucket: 'b', name: 'imports/no-such-chain/y.csv', generation: '1', size: 3 },
      ahead: { layout: { parts: 2, size: 1 }, range: 1, ordinal: 2, row: 3, byte: 10 },
    });
  });
});

describe('the task queue', () => {
  it(
    'parts enqueued on the Cloud Tasks emulator are run by the continueImport function',
    async () => {
      const { chain, object, importId } = await staged('queue');
      const tasks = new Tasks();
      const deps: ImportDeps = {
        ...depsFor(tasks, 'later'),
        ahead: { parts: PARTS, minRows: 500, task: (t) => enqueueOnce('continueImport', 'europe-west1', { ...t }, aheadTaskId(t)) },
      };
      await handleImport(deps, object, OPTIONS); // rows 1-500; the plan goes to the real queue
      // The function plans, and runs the three ranges (each in one invocation: the emulators' full time).
      const deadline = Date.now() + 180_000;
      while ((await reportOf(chain.chainId, importId)).ahead?.rows !== AHEAD_ROWS && Date.now() < deadline) await new Promise((r) => setTimeout(r, 500));
      await drainParts(tasks, deps);
      const report = await expectAsWithoutParts(chain.chainId, importId);
      expect(report.ahead).toEqual({ parts: 4, rows: AHEAD_ROWS, writes: expect.any(Number) });
      await waitForReport(chain.chainId, importId);
      await chain.closeAll();
    },
    SLOW,
  );
});
