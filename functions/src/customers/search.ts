// searchCustomers: the customer list's search and filters, one page at a time (store/customers/search.ts
// says how a page is read without scans).
import type { CustomerQuery, SearchResult } from '../model/search';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { runSearch } from '../store/customers';

export async function searchCustomers(
  { db }: Deps,
  caller: ChainCaller,
  input: { query: CustomerQuery; pageSize: number; cursor?: string | null | undefined; withTotal: boolean },
): Promise<SearchResult> {
  if (input.cursor?.includes('/')) throw fieldError('invalid-argument', 'cursor', 'invalid', caller.lang);
  return runSearch(db, caller.chainId, input.query, input.pageSize, input.cursor ?? undefined, input.withTotal);
}
