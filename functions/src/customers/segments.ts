// The hourly upkeep of visit data: every chain's segment keys brought to today in the chain's time
// zone (store/customers/segments.ts; model/segments.ts says why), and the daily purge of day
// counters past retention (store/customers/stats.ts). Thin: the store does the writing.
import type { Firestore } from 'firebase-admin/firestore';
import { segmentsRefreshed, segmentsRefreshFailed, visitStatsPurged } from '../logs';
import { purgeOldStats, refreshSegments } from '../store/customers';
import { chainsCollection } from '../store/refs';

/** Refreshes every chain whose stamp is not today's; one chain's failure does not stop the others. */
export async function refreshAllSegments(db: Firestore, nowMs = Date.now()): Promise<{ chains: number; failed: number }> {
  const chains = await chainsCollection(db).select().get();
  const results = await Promise.allSettled(
    chains.docs.map(async (chain) => {
      const done = await refreshSegments(db, chain.id, nowMs);
      if (done.checked) segmentsRefreshed(chain.id, done.rekeyed, done.checked, done.full);
    }),
  );
  results.forEach((r, i) => {
    if (r.status === 'rejected') segmentsRefreshFailed(chains.docs[i]!.id, r.reason);
  });
  return { chains: chains.size, failed: results.filter((r) => r.status === 'rejected').length };
}

export async function purgeVisitStats(db: Firestore, nowMs = Date.now()): Promise<number> {
  const { deleted, before } = await purgeOldStats(db, nowMs);
  visitStatsPurged(deleted, before);
  return deleted;
}
