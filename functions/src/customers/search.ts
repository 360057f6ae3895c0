// searchCustomers: the customer list's search and filters, one page at a time (store/customers/search.ts
// says how a page is read without scans).
import type { DocumentSnapshot } from 'firebase-admin/firestore';
import type { CustomerQuery, SearchResult, Sort } from '../model/search';
import { DEFAULT_VISIT_SETTINGS } from '../model/visits';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { movedRowId, readSegmentContext, runSearch, runSortedList } from '../store/customers';
import { callerSeesContact } from '../common/access';
import { rowWithoutContact } from '../model/contact';
import { customerIndexOf } from '../store/refs';

/**
 * The row a cursor names, or the row the migration moved it to (a row written before the rows were
 * spread: its new id is known); null when neither exists.
 */
async function rowOfCursor(db: Deps['db'], chainId: string, cursor: string): Promise<DocumentSnapshot | null> {
  const rows = customerIndexOf(db, chainId);
  const row = await rows.doc(cursor).get();
  if (row.exists) return row;
  const moved = movedRowId(cursor);
  const again = moved ? await rows.doc(moved).get() : null;
  return again?.exists ? again : null;
}

export async function searchCustomers(
  { db }: Deps,
  caller: ChainCaller,
  input: { query: CustomerQuery; pageSize: number; cursor?: string | null | undefined; withTotal: boolean; sort?: Sort },
): Promise<SearchResult> {
  // The schema checked its format; a cursor must also name a row of this chain's index.
  const cursorRow = input.cursor ? await rowOfCursor(db, caller.chainId, input.cursor) : null;
  if (input.cursor && !cursorRow) {
    throw fieldError('invalid-argument', 'cursor', 'invalid', caller.lang);
  }
  const sort = input.sort ?? 'name';
  // Z→A pages after the cursor row's sort key: a row written before rows had one cannot be a cursor
  // there (the previous page of that order never names one).
  if (sort === '-name' && cursorRow && typeof cursorRow.get('sn') !== 'string') {
    throw fieldError('invalid-argument', 'cursor', 'invalid', caller.lang);
  }
  // A visit segment is relative to the chain's thresholds, time zone and stamp, and to today: that
  // read is handed over under way, runSearch reads the chain's key ranges meanwhile.
  const ctx = () => (input.query.segment ? readSegmentContext(db, caller.chainId) : { settings: DEFAULT_VISIT_SETTINGS, nowMs: Date.now() });
  const [found, seesContact] = await Promise.all([
    sort === 'name'
      ? runSearch(db, caller.chainId, input.query, input.pageSize, input.cursor ?? undefined, input.withTotal, ctx())
      : // The whole list in another order (the schema refused any other query with it: model/search.ts sortServes).
        runSortedList(db, caller.chainId, input.query, sort, input.pageSize, cursorRow ?? undefined, input.withTotal),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  // Staff of a chain that keeps contact details from them get rows without email and phone.
  const result = seesContact ? found : { ...found, rows: found.rows.map(rowWithoutContact) };
  return input.cursor ? { ...result, reads: result.reads + 1 } : result;
}
