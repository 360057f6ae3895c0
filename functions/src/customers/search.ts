// searchCustomers: the customer list's search and filters, one page at a time (store/customers/search.ts
// says how a page is read without scans).
import type { CustomerQuery, SearchResult } from '../model/search';
import { DEFAULT_VISIT_SETTINGS } from '../model/visits';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { movedRowId, runSearch } from '../store/customers';
import { callerSeesContact } from '../common/access';
import { rowWithoutContact } from '../model/contact';
import { customerIndexOf } from '../store/refs';
import { chainSettings } from '../common/settings';

async function cursorRowExists(db: Deps['db'], chainId: string, cursor: string): Promise<boolean> {
  const rows = customerIndexOf(db, chainId);
  if ((await rows.doc(cursor).get()).exists) return true;
  const moved = movedRowId(cursor);
  return !!moved && (await rows.doc(moved).get()).exists;
}

export async function searchCustomers(
  { db }: Deps,
  caller: ChainCaller,
  input: { query: CustomerQuery; pageSize: number; cursor?: string | null | undefined; withTotal: boolean },
): Promise<SearchResult> {
  // The schema checked its format; a cursor must also name a row of this chain's index (a row written
  // before the rows were spread may have been moved by the migration since: its new id is known).
  if (input.cursor && !(await cursorRowExists(db, caller.chainId, input.cursor))) {
    throw fieldError('invalid-argument', 'cursor', 'invalid', caller.lang);
  }
  // A visit segment is relative to the chain's thresholds and to today.
  const ctx = { settings: input.query.segment ? (await chainSettings(db, caller.chainId)).visits : DEFAULT_VISIT_SETTINGS, nowMs: Date.now() };
  const [found, seesContact] = await Promise.all([
    runSearch(db, caller.chainId, input.query, input.pageSize, input.cursor ?? undefined, input.withTotal, ctx),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  // Staff of a chain that keeps contact details from them get rows without email and phone.
  const result = seesContact ? found : { ...found, rows: found.rows.map(rowWithoutContact) };
  return input.cursor ? { ...result, reads: result.reads + 1 } : result;
}
