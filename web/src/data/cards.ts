// Card batches and cards: live lists for the back office, one-off look-ups for the point of sale.
import { collection, collectionGroup, FieldPath, getDocs, limit, orderBy, query, where, type QueryConstraint } from 'firebase/firestore';
import { COLLECTION, paths } from '@model/paths';
import type { CardBatchDoc, CardDoc, CardStatus } from '@model/card';
import { filterKey, type CustomerRow } from '@model/search';
import { db } from '../firebase';
import { useQuery, type WithId } from './docs';

export function useCardBatches(chainId: string): WithId<CardBatchDoc>[] | undefined {
  return useQuery<CardBatchDoc>(() => query(collection(db, paths.cardBatches(chainId)), orderBy('createdAt', 'desc')), [chainId]);
}

/** A batch's cards by code, optionally of one status and starting with a code prefix, `count` at most. */
export function useBatchCards(chainId: string, batchId: string, status: CardStatus | '', prefix: string, count: number): WithId<CardDoc>[] | undefined {
  return useQuery<CardDoc>(() => {
    const constraints: QueryConstraint[] = [];
    if (status) constraints.push(where('status', '==', status));
    if (prefix) constraints.push(where('code', '>=', prefix), where('code', '<', `${prefix}\uf8ff`));
    constraints.push(orderBy('code'), limit(count));
    return query(collection(db, paths.cards(chainId, batchId)), ...constraints);
  }, [chainId, batchId, status, prefix, count]);
}

/** The customer row a card is bound to (one read of the search index), or null. */
export async function customerByCard(chainId: string, code: string): Promise<CustomerRow | null> {
  const rows = await getDocs(query(collection(db, paths.customerIndex(chainId)), where(new FieldPath('k', filterKey.card(code)), '==', true), limit(1)));
  return (rows.docs[0]?.data() as CustomerRow | undefined) ?? null;
}

/** A card of the chain by its code, in whichever batch, or null. */
export async function cardByCode(chainId: string, code: string): Promise<CardDoc | null> {
  const cards = await getDocs(query(collectionGroup(db, COLLECTION.cards), where('chainId', '==', chainId), where('code', '==', code), limit(1)));
  return (cards.docs[0]?.data() as CardDoc | undefined) ?? null;
}
