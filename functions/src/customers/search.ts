// searchCustomers: the customer list's search and filters, one page at a time (store/customers/search.ts
// says how a page is read without scans).
import type { CustomerQuery, SearchResult } from '../model/search';
import { DEFAULT_VISIT_SETTINGS } from '../model/visits';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { readSegmentContext, runSearch } from '../store/customers';
import { callerSeesContact } from '../common/access';
import { rowWithoutContact } from '../model/contact';
import { customerIndexOf } from '../store/refs';

export async function searchCustomers(
  { db }: Deps,
  caller: ChainCaller,
  input: { query: CustomerQuery; pageSize: number; cursor?: string | null | undefined; withTotal: boolean },
): Promise<SearchResult> {
  // The schema checked its format; a cursor must also name a row of this chain's index.
  if (input.cursor && !(await customerIndexOf(db, caller.chainId).doc(input.cursor).get()).exists) {
    throw fieldError('invalid-argument', 'cursor', 'invalid', caller.lang);
  }
  // A visit segment is relative to the chain's thresholds, time zone and stamp, and to today.
  const ctx = input.query.segment ? await readSegmentContext(db, caller.chainId) : { settings: DEFAULT_VISIT_SETTINGS, nowMs: Date.now() };
  const [found, seesContact] = await Promise.all([
    runSearch(db, caller.chainId, input.query, input.pageSize, input.cursor ?? undefined, input.withTotal, ctx),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  // Staff of a chain that keeps contact details from them get rows without email and phone.
  const result = seesContact ? found : { ...found, rows: found.rows.map(rowWithoutContact) };
  return input.cursor ? { ...result, reads: result.reads + 1 } : result;
}
