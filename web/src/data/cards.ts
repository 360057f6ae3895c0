// Card batches and cards: live lists for the back office (the point of sale looks codes up through lookupCard).
import { collection, limit, orderBy, query, where, type QueryConstraint } from 'firebase/firestore';
import { paths } from '@model/paths';
import type { CardBatchDoc, CardDoc, CardStatus } from '@model/card';
import { db } from '../firestore';
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
