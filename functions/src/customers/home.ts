// getHomeCounts: Home's counts for any member of the chain, as count() aggregations (one read per
// 1,000 entries counted), never a list: customers and those created in the last 7 days from the
// search rows, bound cards and cards whose email failed from the card documents. Staff who may not
// read search rows (settings.staffSeeContact off) get the same numbers: they carry no personal data.
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import type { HomeCounts } from '../model/home';
import { COLLECTION } from '../model/paths';
import type { QueryShape } from '../model/queryShape';
import { dayOf } from '../model/visits';
import { customerIndexOf } from '../store/refs';

/** Checked by `npm run deploy:check` (single-field and collection-group filters already indexed). */
export const QUERIES: QueryShape[] = [
  { name: 'home: customers created since', collection: 'customerIndex', where: [{ field: 'cd', op: '>=' }] },
  {
    name: 'home: bound cards',
    collection: 'cards',
    group: true,
    where: [
      { field: 'chainId', op: '==' },
      { field: 'status', op: '==' },
    ],
  },
  {
    name: 'home: cards whose email failed',
    collection: 'cards',
    group: true,
    where: [
      { field: 'chainId', op: '==' },
      { field: 'email.status', op: '==' },
    ],
  },
];

const WEEK_DAYS = 7;

export async function getHomeCounts({ db }: Deps, caller: ChainCaller): Promise<HomeCounts> {
  const { chainId } = caller;
  const since = dayOf(Date.now() - (WEEK_DAYS - 1) * 86_400_000);
  const index = customerIndexOf(db, chainId);
  const cards = db.collectionGroup(COLLECTION.cards).where('chainId', '==', chainId);
  const [customers, newThisWeek, cardsBound, emailsFailed] = await Promise.all(
    [index, index.where('cd', '>=', since), cards.where('status', '==', 'bound'), cards.where('email.status', '==', 'failed')].map(
      async (q) => (await q.count().get()).data().count,
    ),
  );
  return { customers: customers!, newThisWeek: newThisWeek!, since, cardsBound: cardsBound!, emailsFailed: emailsFailed! };
}
