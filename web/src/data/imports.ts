// Import reports, live.
import { collection, limit, orderBy, query } from 'firebase/firestore';
import { paths } from '@model/paths';
import type { ImportReport } from '@model/import';
import { db } from '../firestore';
import { useQuery, type WithId } from './docs';

/** The chain's 10 latest imports, newest first (null: none asked, for a role that cannot read them). */
export function useLatestImports(chainId: string | null): WithId<ImportReport>[] | undefined {
  return useQuery<ImportReport>(() => (chainId ? query(collection(db, paths.imports(chainId)), orderBy('queuedAt', 'desc'), limit(10)) : null), [chainId]);
}
