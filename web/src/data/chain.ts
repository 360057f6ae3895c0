// The chain's members and locations, live.
import { collection, orderBy, query } from 'firebase/firestore';
import { paths } from '@model/paths';
import type { MemberDoc } from '@model/chain';
import { db } from '../firestore';
import { useQuery, type WithId } from './docs';

export function useMembers(chainId: string): WithId<MemberDoc>[] | undefined {
  return useQuery<MemberDoc>(() => query(collection(db, paths.members(chainId)), orderBy('displayName')), [chainId]);
}

export interface LocationDoc {
  name: string;
  address?: string;
}

export function useLocations(chainId: string): WithId<LocationDoc>[] | undefined {
  return useQuery<LocationDoc>(() => query(collection(db, paths.locations(chainId)), orderBy('name')), [chainId]);
}
