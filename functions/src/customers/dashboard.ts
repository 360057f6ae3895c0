// getDashboard: what Home shows owners and managers. Check-ins per day and location and new
// customers per week come from the counters each check-in writes (store/customers/visits.ts: one
// document per day and shard, STATS_SHARDS × DASHBOARD_DAYS reads at most), never from scanning
// visits; segment sizes from count() aggregations of the segment searches (1 read per 1,000 index
// entries counted); cards bound from the batches' counters; email failures from a count().
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import { addDays, localDay } from '../model/segments';
import { DASHBOARD_DAYS, SEGMENTS, sumStats, type Dashboard, type Segment } from '../model/visits';
import type { QueryShape } from '../model/queryShape';
import { CustomerQuery } from '../model/search';
import { countMatching, readSegmentContext } from '../store/customers';
import { batchesOf, cardEmailsOf, locationsOf, statsOf } from '../store/refs';

/** Checked by `npm run deploy:check`: single-field filters, no composite index. */
export const QUERIES: QueryShape[] = [
  { name: 'dashboard: counters of the last days', collection: 'stats', where: [{ field: 'day', op: '>=' }] },
  { name: 'dashboard: failed card emails', collection: 'cardEmails', where: [{ field: 'status', op: '==' }] },
];

export async function getDashboard({ db }: Deps, caller: ChainCaller): Promise<Dashboard> {
  const { chainId } = caller;
  const nowMs = Date.now();
  // Days of the chain's time zone, as the check-ins counted them.
  const ctx = await readSegmentContext(db, chainId, nowMs);
  const to = localDay(nowMs, ctx.timeZone);
  const from = addDays(to, -(DASHBOARD_DAYS - 1));
  const [stats, locations, batches, failures, sizes] = await Promise.all([
    statsOf(db, chainId).where('day', '>=', from).get(),
    locationsOf(db, chainId).get(),
    batchesOf(db, chainId).get(),
    cardEmailsOf(db, chainId).where('status', '==', 'failed').count().get(),
    Promise.all(SEGMENTS.map(async (segment) => [segment, (await countMatching(db, chainId, CustomerQuery.parse({ segment }), ctx)).count] as const)),
  ]);
  return {
    from,
    to,
    locations: locations.docs.map((d) => ({ id: d.id, name: String(d.get('name') ?? '') })).sort((a, b) => a.name.localeCompare(b.name)),
    ...sumStats(
      stats.docs.map((d) => d.data()),
      from,
      to,
    ),
    segments: Object.fromEntries(sizes) as Record<Segment, number>,
    cardsBound: batches.docs.reduce((n, d) => n + (d.data().bound ?? 0), 0),
    emailFailures: failures.data().count,
  };
}
