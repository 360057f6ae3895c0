// npm run bench:import — imports 10,000 and 100,000 realistic rows through the real path (upload to
// the Storage emulator -> onObjectFinalized -> report) and prints rows/s, the peak memory of the
// functions process, and the ratio against raw BulkWriter writes/s of the same documents, measured
// in the same run. Both writers have the same settings: 10,000 writes/s (IMPORT_WRITES_PER_SECOND),
// above what the emulator absorbs (about 4,000-8,000/s here), so neither measures a throttle; and
// the same flow control (at most 4,000 writes queued; an unthrottled flood makes the emulator time out)
// and the same retries of transient errors (contended lookup keys can time out at 100,000 rows).
// (The harness lifts the import's ramp for this run: IMPORT_WRITES_PER_SECOND=10000. The run with
// the ramp on and short invocations is bench/import-ramp.mjs, the second half of `npm run bench:import`.)
import { account } from '../scripts/demo/clients.mjs';
import { bucket, db, functionsLib, model, sampleMemory } from './lib/emulators.mjs';
import { person, rng } from './lib/people.mjs';
import { csvOf, functionPids, rss, saveResults } from './lib/imports.mjs';
import { importedDocs, updateTimes, writtenBetween } from './lib/docs.mjs';

/** Retries of transient errors, as the import's commits do (DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, INTERNAL, UNAVAILABLE). */
const TRANSIENT = new Set([4, 8, 10, 13, 14]);
const retryTransientErrors = (writer) => {
  writer.onWriteError((err) => TRANSIENT.has(err.code) && err.failedAttempts < 5);
  return writer;
};
const SIZES = (process.env.BENCH_ROWS ?? '10000,100000').split(',').map(Number);
async function waitDone(chainId, importId) {
  const ref = db.doc(`chains/${chainId}/imports/${importId}`);
  for (;;) {
    const snap = await ref.get();
    if (snap.get('status') === 'done' || snap.get('status') === 'failed') return snap.data();
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** The documents the import writes for these rows, written raw with a BulkWriter set like the import's. */
async function baseline(chainId, people) {
  const writer = retryTransientErrors(db.bulkWriter({ throttling: { initialOpsPerSecond: 10_000, maxOpsPerSecond: 10_000 } }));
  let docs = 0;
  let pending = 0;
  let wake = null;
  const track = (op) => {
    docs++;
    pending++;
    op.finally(() => {
      pending--;
      if (pending <= 1000 && wake) (wake(), (wake = null));
    });
  };
  const counting = {
    create: (...a) => track(writer.create(...a)),
    set: (...a) => track(writer.set(...a)),
    update: (...a) => track(writer.update(...a)),
    delete: (...a) => track(writer.delete(...a)),
  };
  // Documents are built ahead, in slices, so that building them is not timed but memory stays small.
  const plan = (p, i) => {
    const ref = db.collection(`chains/${chainId}/customers`).doc();
    return {
      ref,
      plan: functionsLib.planCustomerWrite(
        ref.id,
        null,
        model.CustomerFields.parse(p),
        {},
        { by: 'bench', source: 'import', importId: 'baseline', row: i + 2 },
      ),
    };
  };
  let seconds = 0;
  for (let from = 0; from < people.length; from += 10_000) {
    const plans = people.slice(from, from + 10_000).map((p, i) => plan(p, from + i));
    const start = performance.now();
    for (const { ref, plan } of plans) {
      functionsLib.applyCustomerWrite(counting, db, chainId, plan, null);
      while (pending > 4000) await new Promise((r) => (wake = r));
    }
    await writer.flush(); // sends the last partial batch and waits for every write
    seconds += (performance.now() - start) / 1000;
  }
  await writer.close();
  return { docs, seconds, docsPerSecond: docs / seconds, rowsPerSecond: people.length / seconds };
}

const owner = await account(`bench-import-${Date.now()}@example.test`, 'bench-password', 'Bench');

async function importThrough(chainId, name, body) {
  const path = `imports/${chainId}/${name}`;
  const file = bucket.file(path);
  await file.save(body, { resumable: false, contentType: 'text/csv', metadata: { metadata: { uploadedBy: owner.uid, lang: 'en' } } });
  const [meta] = await file.getMetadata();
  const { importIdFor } = await import('../functions/lib/model/import.js');
  const importId = importIdFor(path, meta.generation);
  return Object.assign(await waitDone(chainId, importId), { importId });
}

// Warm-up, not measured: the first import starts the function's worker, and both the import and
// the raw writes warm up the emulator's JIT; otherwise whichever runs first is penalized.
{
  const r = rng(1);
  const warm = Array.from({ length: 5000 }, (_, i) => person(1_000_000 + i, r));
  const { chainId } = await owner.call('createChain', { name: 'Bench warm-up' });
  await importThrough(chainId, 'warm-up.csv', Buffer.from(csvOf(warm), 'utf8'));
  await baseline(chainId, warm);
}

const results = [];
for (const n of SIZES) {
  const r = rng(n);
  const people = Array.from({ length: n }, (_, i) => person(i, r));
  const body = Buffer.from(csvOf(people), 'utf8');
  const { chainId } = await owner.call('createChain', { name: `Bench import ${n}` });
  const idle = Math.max(0, ...functionPids().map(rss));
  const t0 = performance.now();
  const { result: report, peak } = await sampleMemory(functionPids, () => importThrough(chainId, `bench-${n}.csv`, body));
  const wall = (performance.now() - t0) / 1000;
  if (report.status !== 'done' || report.counts.created !== n)
    throw new Error(`import of ${n} rows: ${JSON.stringify({ status: report.status, counts: report.counts, failure: report.failure })}`);
  const importSeconds = report.durationMs / 1000;
  // Documents the import wrote per row, counted in Firestore (the fresh chain holds only them).
  const written = await importedDocs(chainId, report.importId);
  const { chainId: rawChain } = await owner.call('createChain', { name: `Bench raw ${n}` });
  const raw = await baseline(rawChain, people);
  const row = {
    rows: n,
    bytes: body.length,
    importSeconds: Math.round(importSeconds * 10) / 10,
    wallSeconds: Math.round(wall * 10) / 10,
    rowsPerSecond: Math.round(n / importSeconds),
    peakFunctionsMemoryMiB: Math.round(peak / 1024 / 1024),
    functionsMemoryBeforeMiB: Math.round(idle / 1024 / 1024),
    baselineDocsPerSecond: Math.round(raw.docsPerSecond),
    docsPerRow: Math.round((written.total / n) * 100) / 100,
    docs: written.parts,
    baselineDocsPerRow: Math.round((raw.docs / n) * 100) / 100,
    baselineRowsPerSecond: Math.round(raw.rowsPerSecond),
    ratio: Math.round((n / importSeconds / raw.rowsPerSecond) * 100) / 100,
    timings: report.timings,
  };
  console.log(
    `${String(n).padStart(7)} rows: import ${row.rowsPerSecond} rows/s (${row.importSeconds} s in the function, ${row.wallSeconds} s from upload), ` +
      `peak functions memory ${row.peakFunctionsMemoryMiB} MiB (${row.functionsMemoryBeforeMiB} MiB before the upload); raw BulkWriter ${row.baselineDocsPerSecond} docs/s = ${row.baselineRowsPerSecond} rows/s ` +
      `(${row.baselineDocsPerRow} docs/row); import wrote ${row.docsPerRow} docs/row ${JSON.stringify(written.parts)}; ratio ${row.ratio}; import timings ${JSON.stringify(report.timings)}`,
  );
  if (n === SIZES[0]) {
    // The same file again with every note changed (an edited export imported back): what an update writes.
    const edited = people.map((p) => ({ ...p, notes: `${p.notes} (edited)` }));
    const before = await updateTimes(chainId);
    const again = await importThrough(chainId, `bench-${n}-edited.csv`, Buffer.from(csvOf(edited), 'utf8'));
    if (again.status !== 'done' || again.counts.updated !== n)
      throw new Error(`re-import of ${n} rows: ${JSON.stringify({ status: again.status, counts: again.counts })}`);
    const touched = await writtenBetween(chainId, again.importId, before, await updateTimes(chainId));
    row.updateDocsPerRow = Math.round((touched.total / n) * 100) / 100;
    row.updateDocs = touched.parts;
    console.log(`${String(n).padStart(7)} rows imported again with notes edited: ${row.updateDocsPerRow} docs/row ${JSON.stringify(touched.parts)}`);
  }
  results.push(row);
}
await owner.close();
const bench = { bench: 'import', results };
saveResults('import', bench); // bench/import-ramp.mjs adds its run to it (npm run bench:import runs both)
console.log(`BENCH ${JSON.stringify(bench)}`);
process.exit(0);
