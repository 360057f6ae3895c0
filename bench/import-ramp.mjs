// npm run bench:import (second half; alone: npm run bench:import:ramp) — an import as it runs in
// production: Firestore's 500/50/5 ramp on (IMPORT_WRITES_PER_SECOND=500) and invocations shortened
// to IMPORT_INVOCATION_SECONDS (60 s by default here, set by the npm script through the harness's
// REGULARS_FUNCTIONS_PARAMS), so that the file must be handed over from invocation to invocation
// through the task queue (continueImport on the Cloud Tasks emulator). Uploads BENCH_RAMP_ROWS
// (default 100,000) realistic rows through the real trigger and reports the invocations, the
// handovers, the total time, the documents written, and the ratio of the ramp's theoretical minimum
// time for those documents (500/s, +50 % every 5 minutes, without a pause) to the time taken:
// 1.0 would be an import that never stops writing at the ramp's rate, handovers included.
import { account } from '../scripts/demo/clients.mjs';
import { bucket, db, sampleMemory } from './lib/emulators.mjs';
import { person, rng } from './lib/people.mjs';
import { csvOf, functionPids, recentResults, saveResults } from './lib/imports.mjs';

const { rampMinimumSeconds } = await import('../functions/lib/imports/ramp.js');
const { importIdFor } = await import('../functions/lib/model/import.js');

const params = new Map(
  (process.env.REGULARS_FUNCTIONS_PARAMS ?? '')
    .split(',')
    .filter(Boolean)
    .map((pair) => [pair.split('=')[0], Number(pair.split('=')[1])]),
);
const startRate = params.get('IMPORT_WRITES_PER_SECOND') ?? 10_000;
const invocationSeconds = params.get('IMPORT_INVOCATION_SECONDS') ?? 540;
if (startRate >= 10_000) throw new Error('the ramp is off: run through `npm run bench:import:ramp` (REGULARS_FUNCTIONS_PARAMS)');
const n = Number(process.env.BENCH_RAMP_ROWS ?? 100_000);

const owner = await account(`bench-ramp-${Date.now()}@example.test`, 'bench-password', 'Bench');

async function waitDone(chainId, importId) {
  const ref = db.doc(`chains/${chainId}/imports/${importId}`);
  for (;;) {
    const snap = await ref.get();
    if (snap.get('status') === 'done' || snap.get('status') === 'failed') return snap.data();
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const r = rng(n + 7);
const people = Array.from({ length: n }, (_, i) => person(i, r));
const body = Buffer.from(csvOf(people), 'utf8');
const { chainId } = await owner.call('createChain', { name: `Bench ramp ${n}` });
const path = `imports/${chainId}/bench-ramp-${n}.csv`;
const t0 = performance.now();
const { result: report, peak } = await sampleMemory(functionPids, async () => {
  const file = bucket.file(path);
  await file.save(body, { resumable: false, contentType: 'text/csv', metadata: { metadata: { uploadedBy: owner.uid, lang: 'en' } } });
  const [meta] = await file.getMetadata();
  return waitDone(chainId, importIdFor(path, meta.generation));
});
const wall = (performance.now() - t0) / 1000;
if (report.status !== 'done' || report.counts.created !== n || report.counts.rows !== n || report.counts.failed !== 0)
  throw new Error(`ramp import of ${n} rows: ${JSON.stringify({ status: report.status, counts: report.counts, failure: report.failure })}`);
const customers = (await db.collection(`chains/${chainId}/customers`).count().get()).data().count;
const searchRows = (await db.collection(`chains/${chainId}/customerIndex`).count().get()).data().count;
if (customers !== n || searchRows !== n) throw new Error(`ramp import of ${n} rows: ${customers} customers, ${searchRows} search rows`);

const seconds = report.durationMs / 1000;
const minimum = rampMinimumSeconds(report.writes, startRate);
const ramp = {
  rows: n,
  bytes: body.length,
  startRate,
  invocationSeconds,
  invocations: report.invocations,
  parts: report.parts,
  handovers: report.handovers,
  writes: report.writes,
  docsPerRow: Math.round((report.writes / n) * 100) / 100,
  totalSeconds: Math.round(seconds * 10) / 10,
  wallSeconds: Math.round(wall * 10) / 10,
  rampMinimumSeconds: Math.round(minimum * 10) / 10,
  ratio: Math.round((minimum / seconds) * 100) / 100,
  rowsPerSecond: Math.round(n / seconds),
  peakFunctionsMemoryMiB: Math.round(peak / 1024 / 1024),
  counts: report.counts,
  timings: report.timings,
};
console.log(
  `${String(n).padStart(7)} rows with the ramp from ${startRate}/s and ${invocationSeconds} s invocations: ${ramp.invocations} invocations ` +
    `(${ramp.handovers} handovers), ${ramp.totalSeconds} s in all, ${ramp.writes} documents (${ramp.docsPerRow}/row); the ramp's minimum ` +
    `for them ${ramp.rampMinimumSeconds} s: ratio ${ramp.ratio}; peak functions memory ${ramp.peakFunctionsMemoryMiB} MiB`,
);
await owner.close();
// One result line for `npm run bench:import`: the unthrottled runs of bench/import.mjs (same npm run), plus this one.
const earlier = recentResults('import', 3 * 3600_000);
const bench = earlier ? { ...earlier, ramp } : { bench: 'import', results: [], ramp };
saveResults('import', bench);
console.log(`BENCH ${JSON.stringify(bench)}`);
process.exit(0);
