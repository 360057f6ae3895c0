// Retention of the chains' day counters (`stats/{day}-{shard}`: check-ins per day and location, first
// visits; no customer id). They are kept STATS_KEEP_DAYS days (the dashboard shows 90; a year to
// compare with), then deleted by the daily `purgeVisitStats`, in pages, across every chain. Part
// of the write path because counters are written only here (visits.ts).
import type { Firestore } from 'firebase-admin/firestore';
import { COLLECTION } from '../../model/paths';
import type { QueryShape } from '../../model/queryShape';
import { addDays } from '../../model/segments';
import { dayOf, STATS_KEEP_DAYS } from '../../model/visits';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'stats: days past retention of every chain', collection: 'stats', group: true, where: [{ field: 'day', op: '<' }] },
];

const PAGE = 500;

/** The first day kept at `nowMs`: counters of earlier days are purged. */
export const statsKeptFrom = (nowMs: number): string => addDays(dayOf(nowMs), -STATS_KEEP_DAYS);

/** Deletes the counters of days before `statsKeptFrom(nowMs)` in every chain; returns how many. */
export async function purgeOldStats(db: Firestore, nowMs = Date.now(), budgetMs = 240_000): Promise<{ deleted: number; before: string }> {
  const before = statsKeptFrom(nowMs);
  const end = Date.now() + budgetMs;
  let deleted = 0;
  for (;;) {
    const page = await db.collectionGroup(COLLECTION.stats).where('day', '<', before).limit(PAGE).get();
    if (page.empty) break;
    const batch = db.batch();
    for (const doc of page.docs) batch.delete(doc.ref);
    await batch.commit();
    deleted += page.size;
    if (page.size < PAGE || Date.now() > end) break;
  }
  return { deleted, before };
}
