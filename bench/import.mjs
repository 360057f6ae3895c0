// npm run bench:import — imports 10,000 and 100,000 realistic rows through the real path (upload to
// the Storage emulator -> onObjectFinalized -> report) and prints rows/s, the peak memory of the
// functions process, and the ratio against raw BulkWriter writes/s of the same documents, measured
// in the same run (unthrottled; the import allows 10,000 writes/s, more than the emulator takes).
import { readFileSync, readdirSync } from 'node:fs';
import { account } from '../scripts/demo/clients.mjs';
import { bucket, db, functionsLib, model, sampleMemory } from './lib/emulators.mjs';
import { person, rng } from './lib/people.mjs';

const SIZES = (process.env.BENCH_ROWS ?? '10000,100000').split(',').map(Number);
const HEADER = 'Prénom;Nom;Entreprise;Courriel;Numéro de téléphone principal;Domicile;Adresse principale;Code postal;Ville;Pays;Balises;Personnalisé;Remarques';

function csvOf(people) {
  const q = (v) => (/[;"\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [HEADER];
  for (const p of people) {
    lines.push([p.firstName, p.lastName, p.company, p.email, p.phones.mobile, p.phones.home, p.address.line1, p.address.postalCode, p.address.city, p.address.country, p.tags.join(', '), p.custom, p.notes].map(q).join(';'));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}

/** Node processes of the Functions emulator's workers (where the import runs). */
function functionPids() {
  const pids = [];
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('functionsEmulatorRuntime')) pids.push(Number(pid));
    } catch {}
  }
  return pids;
}

async function waitDone(chainId, importId) {
  const ref = db.doc(`chains/${chainId}/imports/${importId}`);
  for (;;) {
    const snap = await ref.get();
    if (snap.get('status') === 'done' || snap.get('status') === 'failed') return snap.data();
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * The documents the import writes for these rows, written raw with an unthrottled BulkWriter, with
 * the same flow control as the import (at most 4,000 writes queued; the emulator times out on more).
 */
async function baseline(chainId, people) {
  const writer = db.bulkWriter({ throttling: false });
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
  const counting = { create: (...a) => track(writer.create(...a)), set: (...a) => track(writer.set(...a)), update: (...a) => track(writer.update(...a)), delete: (...a) => track(writer.delete(...a)) };
  const plans = people.map((p, i) => {
    const ref = db.collection(`chains/${chainId}/customers`).doc();
    const plan = functionsLib.planCustomerWrite(ref.id, null, model.CustomerFields.parse(p), {}, { by: 'bench', source: 'import', importId: 'baseline', row: i + 2 });
    return { ref, plan };
  });
  const start = performance.now();
  for (const { ref, plan } of plans) {
    functionsLib.applyCustomerWrite(counting, db, chainId, ref, plan, null);
    while (pending > 4000) await new Promise((r) => (wake = r));
  }
  await writer.close();
  const seconds = (performance.now() - start) / 1000;
  return { docs, seconds, docsPerSecond: docs / seconds, rowsPerSecond: people.length / seconds };
}

const owner = await account(`bench-import-${Date.now()}@example.test`, 'bench-password', 'Bench');
const results = [];
for (const n of SIZES) {
  const r = rng(n);
  const people = Array.from({ length: n }, (_, i) => person(i, r));
  const body = Buffer.from(csvOf(people), 'utf8');
  const { chainId } = await owner.call('createChain', { name: `Bench import ${n}` });
  const path = `imports/${chainId}/bench-${n}.csv`;
  const t0 = performance.now();
  const { result: report, peak } = await sampleMemory(functionPids, async () => {
    const file = bucket.file(path);
    await file.save(body, { resumable: false, contentType: 'text/csv', metadata: { metadata: { uploadedBy: owner.uid, lang: 'en' } } });
    const [meta] = await file.getMetadata();
    const { importIdFor } = await import('../functions/lib/model/import.js');
    return waitDone(chainId, importIdFor(path, meta.generation));
  });
  const wall = (performance.now() - t0) / 1000;
  if (report.status !== 'done' || report.counts.created !== n) throw new Error(`import of ${n} rows: ${JSON.stringify({ status: report.status, counts: report.counts, failure: report.failure })}`);
  const importSeconds = report.durationMs / 1000;
  const { chainId: rawChain } = await owner.call('createChain', { name: `Bench raw ${n}` });
  const raw = await baseline(rawChain, people);
  const row = {
    rows: n,
    bytes: body.length,
    importSeconds: Math.round(importSeconds * 10) / 10,
    wallSeconds: Math.round(wall * 10) / 10,
    rowsPerSecond: Math.round(n / importSeconds),
    peakFunctionsMemoryMiB: Math.round(peak / 1024 / 1024),
    baselineDocsPerSecond: Math.round(raw.docsPerSecond),
    docsPerRow: Math.round((raw.docs / n) * 100) / 100,
    baselineRowsPerSecond: Math.round(raw.rowsPerSecond),
    ratio: Math.round((n / importSeconds / raw.rowsPerSecond) * 100) / 100,
  };
  console.log(
    `${String(n).padStart(7)} rows: import ${row.rowsPerSecond} rows/s (${row.importSeconds} s in the function, ${row.wallSeconds} s from upload), ` +
      `peak functions memory ${row.peakFunctionsMemoryMiB} MiB; raw BulkWriter ${row.baselineDocsPerSecond} docs/s = ${row.baselineRowsPerSecond} rows/s ` +
      `(${row.docsPerRow} docs/row); ratio ${row.ratio}`,
  );
  results.push(row);
}
await owner.close();
console.log(`BENCH ${JSON.stringify({ bench: 'import', results })}`);
process.exit(0);
