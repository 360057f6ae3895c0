// npm run bench:import:large — one large import (default 1,000,000 rows; BENCH_ROWS=n for another
// size) through the real path (upload to the Storage emulator -> onObjectFinalized -> report):
// rows/s, the import's invocations (its parts, when the report lists them), the peak resident memory
// of each functions worker process (each invocation runs in one; the Functions emulator does not
// enforce the function's 512 MiB, so this is what to compare with it), and the documents written per
// row, counted in Firestore. The file is generated and uploaded as a stream of chunks: the benchmark
// never holds a million people in memory.
import { account } from '../scripts/demo/clients.mjs';
import { bucket, db } from './lib/emulators.mjs';
import { importedDocs } from './lib/docs.mjs';
import { csvLine, functionPids, HEADER, rss } from './lib/imports.mjs';
import { person, rng } from './lib/people.mjs';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);

function* csvChunks(n) {
  const r = rng(n);
  yield `\ufeff${HEADER}\r\n`;
  for (let from = 0; from < n; from += 10_000) {
    const lines = [];
    for (let i = from; i < Math.min(n, from + 10_000); i++) lines.push(csvLine(person(i, r)));
    yield `${lines.join('\r\n')}\r\n`;
  }
}

const owner = await account(`bench-import-large-${Date.now()}@example.test`, 'bench-password', 'Bench');
const { chainId } = await owner.call('createChain', { name: `Bench import ${ROWS}` });
const path = `imports/${chainId}/bench-large-${ROWS}.csv`;
const file = bucket.file(path);

// Peak resident memory per worker process, sampled every 100 ms from the upload to the report's end.
const peaks = new Map();
const idle = new Map(functionPids().map((pid) => [pid, rss(pid)]));
const timer = setInterval(() => {
  for (const pid of functionPids()) peaks.set(pid, Math.max(peaks.get(pid) ?? 0, rss(pid)));
}, 100);

let bytes = 0;
const t0 = performance.now();
await new Promise((resolve, reject) => {
  // Resumable: the Storage emulator limits a one-request (multipart) upload to 130 MB; its resumable
  // upload takes the whole stream in one PUT, whatever its size.
  const out = file.createWriteStream({ resumable: true, contentType: 'text/csv', metadata: { metadata: { uploadedBy: owner.uid, lang: 'en' } } });
  out.on('error', reject).on('finish', resolve);
  (async () => {
    for (const chunk of csvChunks(ROWS)) {
      const buf = Buffer.from(chunk, 'utf8');
      bytes += buf.length;
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    }
    out.end();
  })().catch(reject);
});
const uploadSeconds = (performance.now() - t0) / 1000;
const [meta] = await file.getMetadata();
const { importIdFor } = await import('../functions/lib/model/import.js');
const importId = importIdFor(path, meta.generation);
const reportRef = db.doc(`chains/${chainId}/imports/${importId}`);
let report;
for (;;) {
  report = (await reportRef.get()).data();
  if (report?.status === 'done' || report?.status === 'failed') break;
  await new Promise((r) => setTimeout(r, 1000));
}
clearInterval(timer);
const wallSeconds = (performance.now() - t0) / 1000;
if (report.status !== 'done' || report.counts.created !== ROWS)
  throw new Error(`import of ${ROWS} rows: ${JSON.stringify({ status: report.status, counts: report.counts, failure: report.failure })}`);

const written = await importedDocs(chainId, importId);
const importSeconds = report.durationMs / 1000;
const workers = [...peaks.entries()].map(([pid, peak]) => ({
  pid,
  peakMiB: Math.round(peak / 1024 / 1024),
  beforeMiB: Math.round((idle.get(pid) ?? 0) / 1024 / 1024),
}));
const result = {
  bench: 'import-large',
  rows: ROWS,
  bytes,
  uploadSeconds: Math.round(uploadSeconds * 10) / 10,
  importSeconds: Math.round(importSeconds * 10) / 10,
  wallSeconds: Math.round(wallSeconds * 10) / 10,
  rowsPerSecond: Math.round(ROWS / importSeconds),
  rowsPerSecondFromUpload: Math.round(ROWS / wallSeconds),
  invocations: Array.isArray(report.parts) ? report.parts.length : (report.invocations ?? 1),
  peakMemoryMiB: Math.max(0, ...workers.map((w) => w.peakMiB)),
  workers,
  docsPerRow: Math.round((written.total / ROWS) * 100) / 100,
  docs: written.parts,
  timings: report.timings,
};
console.log(
  `${ROWS} rows (${(bytes / 1024 / 1024).toFixed(1)} MiB): import ${result.rowsPerSecond} rows/s (${result.importSeconds} s in the function, ${result.wallSeconds} s from the upload's start), ` +
    `${result.invocations} invocation(s), peak memory per worker ${workers.map((w) => `${w.peakMiB} MiB`).join(', ')}; ${result.docsPerRow} docs/row ${JSON.stringify(written.parts)}`,
);
await owner.close();
console.log(`BENCH ${JSON.stringify(result)}`);
process.exit(0);
