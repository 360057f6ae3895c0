// npm run bench:search — seeds 20,000 customers into the emulators, then measures searches through
// the real callable: p50/p95 latency and documents read per search, for a name, a phone fragment,
// a tag filter, and visit segments (regulars; lapsed, a range of days). Baseline in the same run: the same callable asked for one page of the whole
// directory without a total (the cheapest search possible). `lapsedParts` in the BENCH line: where the
// lapsed search's time goes (its page alone, its total's count alone, one document read).
import { account } from '../scripts/demo/clients.mjs';
import { createRequire } from 'node:module';
import { FieldPath } from 'firebase-admin/firestore';
import { db, functionsLib, percentile, seedCustomers } from './lib/emulators.mjs';
import { person, rng } from './lib/people.mjs';

const N = Number(process.env.BENCH_CUSTOMERS ?? 20_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 40);

const owner = await account(`bench-search-${Date.now()}@example.test`, 'bench-password', 'Bench');
const { chainId } = await owner.call('createChain', { name: 'Bench search' });
const { typeId } = await owner.call('saveCustomerType', { chainId, name: 'VIP' });

const r = rng(7);
const people = Array.from({ length: N }, (_, i) => person(i, r, [typeId]));
// Visits, from their own generator (the customers stay those of earlier runs): 70 % visited, counts
// with a long tail (mean about 8: some 15 % regulars, a few VIPs), last visits over the past 400 days.
const rv = rng(11);
const dayAgo = (n) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const visits = () => {
  if (rv() >= 0.7) return undefined;
  const count = 1 + Math.floor(-Math.log(1 - rv()) * 8);
  const last = Math.floor(rv() * 400);
  return { count, lastDay: dayAgo(last), firstDay: dayAgo(last + Math.floor(rv() * 700)) };
};
const t0 = performance.now();
await seedCustomers(chainId, people, { now: () => new Date(Date.UTC(2025, Math.floor(r() * 12), 1 + Math.floor(r() * 28))), visits });
console.log(`seeded ${N} customers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
// Segments are one key each while the chain's stamp is today's (model/segments.ts); else block keys.
const stamp = (await db.doc(`chains/${chainId}`).get()).get('segmentKeys');
const segmentsKeyed = stamp?.day === new Date().toISOString().slice(0, 10);
console.log(`segment keys stamped ${JSON.stringify(stamp)}: ${segmentsKeyed ? 'one key per segment' : 'block keys'}`);

async function measure(label, input) {
  const latencies = [];
  let reads = 0;
  let total = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    const res = await owner.call('searchCustomers', { chainId, pageSize: 25, ...input });
    const ms = performance.now() - start;
    if (i >= 3) latencies.push(ms); // the first calls warm the function up
    reads = res.reads;
    total = res.total ?? total;
  }
  const row = { p50: Math.round(percentile(latencies, 50)), p95: Math.round(percentile(latencies, 95)), reads, matches: total };
  console.log(
    `${label.padEnd(28)} p50 ${String(row.p50).padStart(5)} ms   p95 ${String(row.p95).padStart(5)} ms   reads ${row.reads}   matches ${row.matches}`,
  );
  return row;
}

const baseline = await measure('baseline: first page', { query: {}, withTotal: false });
const name = await measure('name "helene"', { query: { text: 'helene' } });
const phone = await measure('phone fragment "06 00 00 1"', { query: { text: '06 00 00 1' } });
const tag = await measure('tag filter VIP', { query: { tagsAll: ['VIP'] } });
const combined = await measure('"dupont" + VIP, not Moto', { query: { text: 'dupont', tagsAll: ['vip'], tagsNone: ['moto'] } });
const regular = await measure('segment: regulars', { query: { segment: 'regular' } });
const lapsed = await measure('segment: lapsed (90 days)', { query: { segment: 'lapsed' } });

// Where the lapsed search's time goes (same run): the page alone (the callable without the total),
// the total alone (the same count() aggregations the callable runs, `countMatching`, called from here
// without the callable) and one document read (a round trip to the emulator).
const searchModel = createRequire(import.meta.url)('../functions/lib/model/search.js');
async function p50Of(fn) {
  const latencies = [];
  let value;
  for (let i = 0; i < RUNS + 3; i++) {
    const start = performance.now();
    value = await fn();
    if (i >= 3) latencies.push(performance.now() - start);
  }
  return { p50: Math.round(percentile(latencies, 50)), value };
}
const lapsedPage = await measure('lapsed: page only', { query: { segment: 'lapsed' }, withTotal: false });
const lapsedQuery = searchModel.CustomerQuery.parse({ segment: 'lapsed' });
const lapsedCount = await p50Of(async () => functionsLib.countMatching(db, chainId, lapsedQuery, await functionsLib.readSegmentContext(db, chainId)));
const docRead = await p50Of(() => db.doc(`chains/${chainId}`).get());
// Not what the function does: the same count split over the 4 key ranges of the rows, read in
// parallel (faster? it costs up to a read more per range).
const lapsedKey = db.collection(`chains/${chainId}/customerIndex`).where(new FieldPath('k', '~seg:lapsed'), '==', true).orderBy(FieldPath.documentId());
const splitCount = await p50Of(async () =>
  (
    await Promise.all(
      [0, 1, 2, 3].map((b) =>
        lapsedKey
          .startAt(`!${b}`)
          .endBefore(`!${b + 1}`)
          .count()
          .get(),
      ),
    )
  ).reduce((n, c) => n + c.data().count, 0),
);
const lapsedParts = {
  pageP50: lapsedPage.p50,
  pageReads: lapsedPage.reads,
  countP50: lapsedCount.p50,
  countMatches: lapsedCount.value.count,
  countReads: lapsedCount.value.reads,
  docReadP50: docRead.p50,
  ...(segmentsKeyed ? { splitCountP50: splitCount.p50, splitCountMatches: splitCount.value } : {}),
};
console.log(`lapsed, parts: ${JSON.stringify(lapsedParts)} (count: the chain's context read, then count())`);

const ratio = (x) => Math.round((x.p50 / baseline.p50) * 100) / 100;
console.log(
  `p50 ratio to baseline: name ${ratio(name)}, phone ${ratio(phone)}, tag ${ratio(tag)}, combined ${ratio(combined)}, regular ${ratio(regular)}, lapsed ${ratio(lapsed)}`,
);
await owner.close();
console.log(
  `BENCH ${JSON.stringify({ bench: 'search', customers: N, runs: RUNS, segmentsKeyed, baseline, name, phone, tag, combined, regular, lapsed, lapsedParts, ratioP50: { name: ratio(name), phone: ratio(phone), tag: ratio(tag), combined: ratio(combined), regular: ratio(regular), lapsed: ratio(lapsed) } })}`,
);
process.exit(0);
