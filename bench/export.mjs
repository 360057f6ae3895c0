// npm run bench:export — seeds 100,000 customers, exports them all through the real callable
// (pages of the query -> csv-stringify -> Storage), and prints rows/s, the peak memory of the
// functions process, and the ratio against streaming the same query without writing CSV
// (the same code, customers/search.ts matchingCustomers), measured in the same run.
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { account } from '../scripts/demo/clients.mjs';
import { db, sampleMemory, seedCustomers } from './lib/emulators.mjs';
import { person, rng } from './lib/people.mjs';

const N = Number(process.env.BENCH_CUSTOMERS ?? 100_000);
const require = createRequire(import.meta.url);
const { matchingCustomers } = require('../functions/lib/customers/search.js');
const { CustomerQuery } = require('../functions/lib/model/search.js');

function functionPids() {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('functionsEmulatorRuntime');
      } catch {
        return false;
      }
    })
    .map(Number);
}

const owner = await account(`bench-export-${Date.now()}@example.test`, 'bench-password', 'Bench');
const { chainId } = await owner.call('createChain', { name: 'Bench export' });
const r = rng(11);
const t0 = performance.now();
const people = Array.from({ length: N }, (_, i) => person(i, r));
for (let i = 0; i < N; i += 20_000) await seedCustomers(chainId, people.slice(i, i + 20_000));
console.log(`seeded ${N} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

// Baseline: the same query streamed, without CSV or Storage.
const b0 = performance.now();
let streamed = 0;
for await (const batch of matchingCustomers(db, chainId, CustomerQuery.parse({}))) streamed += batch.length;
const baselineSeconds = (performance.now() - b0) / 1000;

const e0 = performance.now();
const { result, peak } = await sampleMemory(functionPids, () => owner.call('exportCustomers', { chainId, format: 'pc', lang: 'fr' }));
const exportSeconds = (performance.now() - e0) / 1000;
if (result.rows !== N || streamed !== N) throw new Error(`rows: export ${result.rows}, streamed ${streamed}, expected ${N}`);

const row = {
  rows: N,
  exportSeconds: Math.round(exportSeconds * 10) / 10,
  rowsPerSecond: Math.round(N / exportSeconds),
  peakFunctionsMemoryMiB: Math.round(peak / 1024 / 1024),
  baselineSeconds: Math.round(baselineSeconds * 10) / 10,
  baselineRowsPerSecond: Math.round(N / baselineSeconds),
  ratio: Math.round((baselineSeconds / exportSeconds) * 100) / 100,
};
console.log(
  `export: ${row.rowsPerSecond} rows/s (${row.exportSeconds} s through the callable), peak functions memory ${row.peakFunctionsMemoryMiB} MiB; ` +
    `streaming the same query without CSV: ${row.baselineRowsPerSecond} rows/s; ratio ${row.ratio}`,
);
await owner.close();
console.log(`BENCH ${JSON.stringify({ bench: 'export', ...row })}`);
process.exit(0);
