// The home page's counts: count() aggregations (one read per 1,000 entries), never a list.
import { collection, collectionGroup, getCountFromServer, query, where } from 'firebase/firestore';
import { COLLECTION, paths } from '@model/paths';
import { db } from '../firestore';

export interface HomeCounts {
  customers: number;
  newThisWeek: number;
  cardsBound: number;
  emailsFailed: number;
}

const count = async (q: Parameters<typeof getCountFromServer>[0]) => (await getCountFromServer(q)).data().count;

/** Counts of the chain; `since` is the first day (YYYY-MM-DD, UTC) of "new this week". */
export async function homeCounts(chainId: string, since: string): Promise<HomeCounts> {
  const index = collection(db, paths.customerIndex(chainId));
  const cards = collectionGroup(db, COLLECTION.cards);
  const [customers, newThisWeek, cardsBound, emailsFailed] = await Promise.all([
    count(index),
    count(query(index, where('cd', '>=', since))),
    count(query(cards, where('chainId', '==', chainId), where('status', '==', 'bound'))),
    count(query(cards, where('chainId', '==', chainId), where('email.status', '==', 'failed'))),
  ]);
  return { customers, newThisWeek, cardsBound, emailsFailed };
}
