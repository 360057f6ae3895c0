// Retention of self sign-up data: a pending sign-up (a copy of what the person typed) lives 48
// hours unless confirmed (then it is deleted at once), and a rate-limit counter until its window
// ends. The hourly `purgeSignUps` deletes what expired, in pages, across every chain.
import { Timestamp, type Firestore, type Query } from 'firebase-admin/firestore';
import { COLLECTION } from '../model/paths';
import type { QueryShape } from '../model/queryShape';
import { signUpsPurged } from '../logs';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'purge: expired sign-ups of every chain', collection: 'signUps', group: true, where: [{ field: 'expiresAt', op: '<=' }] },
  { name: 'purge: expired sign-up counters', collection: 'signUpLimits', group: true, where: [{ field: 'expiresAt', op: '<=' }] },
];

export const PURGE_PAGE = 500;

/** Deletes what `expired` finds, page after page, until a page is short, deletes nothing, or the budget is spent. */
async function purgeAll(expired: () => Query, budgetEnd: number): Promise<number> {
  let total = 0;
  for (;;) {
    const page = await expired().limit(PURGE_PAGE).get();
    const writer = page.query.firestore.bulkWriter();
    const [results] = await Promise.all([
      Promise.all(
        page.docs.map((doc) =>
          writer.delete(doc.ref).then(
            () => 1,
            () => 0,
          ),
        ),
      ),
      writer.close(),
    ]);
    const deleted = results.reduce<number>((a, b) => a + b, 0);
    total += deleted;
    if (page.size < PURGE_PAGE || deleted === 0 || Date.now() > budgetEnd) return total;
  }
}

/** Deletes expired pending sign-ups and counters; returns how many of each. */
export async function purgeExpiredSignUps(db: Firestore, options: { now?: Date; budgetMs?: number } = {}): Promise<{ signUps: number; counters: number }> {
  const now = options.now ?? new Date();
  const end = Date.now() + (options.budgetMs ?? 240_000);
  const until = Timestamp.fromDate(now);
  const signUps = await purgeAll(() => db.collectionGroup(COLLECTION.signUps).where('expiresAt', '<=', until), end);
  const counters = await purgeAll(() => db.collectionGroup(COLLECTION.signUpLimits).where('expiresAt', '<=', until), end);
  signUpsPurged(signUps, counters);
  return { signUps, counters };
}
