// Helpers for benchmarks running inside `firebase emulators:exec` (see scripts/harness.mjs).
import { createRequire } from 'node:module';
import { getApps, initializeApp } from 'firebase-admin/app';
import { getFirestore } from 'firebase-admin/firestore';
import { getStorage } from 'firebase-admin/storage';

export const PROJECT_ID = process.env.GCLOUD_PROJECT ?? 'demo-regulars';
export const BUCKET = `${PROJECT_ID}.appspot.com`;

/** The compiled functions code (built by the harness), to seed data exactly as the functions write it. */
export const functionsLib = createRequire(import.meta.url)('../../functions/lib/store/customers/index.js');
export const model = createRequire(import.meta.url)('../../functions/lib/model/customer.js');
const chainModel = createRequire(import.meta.url)('../../functions/lib/model/chain.js');

const app = getApps()[0] ?? initializeApp({ projectId: PROJECT_ID, storageBucket: BUCKET });
export const db = getFirestore(app);
export const bucket = getStorage(app).bucket(BUCKET);

export function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Peak resident memory of a process and its children, sampled from /proc while `fn` runs. */
export async function sampleMemory(pids, fn, everyMs = 100) {
  const { readFileSync } = await import('node:fs');
  let peak = 0;
  const rss = (pid) => {
    try {
      const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const timer = setInterval(() => {
    for (const pid of pids()) peak = Math.max(peak, rss(pid));
  }, everyMs);
  try {
    const result = await fn();
    return { result, peak };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Seeds customers with BulkWriter (unthrottled), written exactly like the functions write them;
 * `visits(i)`: the i-th customer's visit columns, as an import with them writes them (with the
 * chain's visit thresholds and time zone, which key the visit segments).
 */
export async function seedCustomers(chainId, people, { by = 'bench', now, visits } = {}) {
  const writer = db.bulkWriter({ throttling: false });
  const settings = chainModel.resolveSettings((await db.doc(`chains/${chainId}`).get()).get('settings'));
  const customers = db.collection(`chains/${chainId}/customers`);
  for (const [i, p] of people.entries()) {
    const ref = customers.doc();
    const fields = model.CustomerFields.parse(p);
    const imported = visits?.(i);
    const plan = functionsLib.planCustomerWrite(
      ref.id,
      null,
      fields,
      {},
      {
        by,
        source: 'import',
        ...(now ? { now: now() } : {}),
        ...(imported ? { importedVisits: imported, segmentClock: { settings: settings.visits, timeZone: settings.timeZone, nowMs: Date.now() } } : {}),
      },
    );
    functionsLib.applyCustomerWrite(writer, db, chainId, plan, null);
  }
  await writer.close();
}
