// reindexCustomers: the phone and search-row migrations. Customers stored before phones were parsed
// hold them as digits (`0611223344`, `+4402079460000`), with search keys and duplicate keys
// (`p:<digits>`) of that time; customers stored before search rows were spread (issue 19) have their
// row under the sort key alone. Each call re-plans one page of the chain's customers on the write path
// (store/customers/reindex.ts: one transaction per customer, fixing both), in document-id order, from
// a cursor kept in `chains/{chainId}/migrations/{phones|searchRows}` (input `migration`), so the
// migration resumes where the last call (or an interrupted one) stopped. Re-running it is harmless: a
// customer already right is not written. Once `searchRows` is done, searches read no legacy key range.
// Either migration also gives rows written before the Z→A sort key existed their `sn` (indexDoc.ts).
import { FieldPath, FieldValue } from 'firebase-admin/firestore';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import type { Deps } from '../common/firebase';
import { chainSettings } from '../common/settings';
import type { ReindexCustomersInput, ReindexResult } from '../model/customer';
import type { QueryShape } from '../model/queryShape';
import { customersReindexed } from '../logs';
import { reindexCustomer, type ReindexOutcome } from '../store/customers';
import { customersOf, migrationRef } from '../store/refs';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [{ name: 'reindex: customers in id order', collection: 'customers', orderBy: [{ field: '__name__' }] }];

/** `chains/{chainId}/migrations/{phones|searchRows}` */
export interface MigrationState {
  /** The last customer id handled; the next call starts after it. */
  cursor: string | null;
  done: boolean;
  /** Totals since the migration (re)started. */
  processed: number;
  updated: number;
  /** The country the phones were read with, last. */
  country: string | null;
  updatedAt?: unknown;
  updatedBy?: string;
}

/** Customers re-planned at once (separate transactions). */
const CONCURRENCY = 10;

export async function reindexCustomers({ db }: Deps, caller: ChainCaller, input: ReindexCustomersInput): Promise<ReindexResult> {
  const { chainId } = caller;
  const ref = migrationRef(db, chainId, input.migration);
  const saved = (await ref.get()).data() as MigrationState | undefined;
  const state: MigrationState = saved && !input.restart ? saved : { cursor: null, done: false, processed: 0, updated: 0, country: null };
  const result: ReindexResult = {
    processed: 0,
    updated: 0,
    unchanged: 0,
    skipped: 0,
    done: state.done,
    cursor: state.cursor,
    total: { processed: state.processed, updated: state.updated },
  };
  if (state.done) return result;

  const { country } = await chainSettings(db, chainId);
  let query = customersOf(db, chainId).orderBy(FieldPath.documentId()).select();
  if (state.cursor) query = query.startAfter(state.cursor);
  const ids = (await query.limit(input.limit).get()).docs.map((d) => d.id);

  for (let i = 0; i < ids.length; i += CONCURRENCY) {
    const chunk = ids.slice(i, i + CONCURRENCY);
    const outcomes: ReindexOutcome[] = await Promise.all(chunk.map((id) => reindexCustomer(db, chainId, id, country, caller.uid)));
    for (const o of outcomes) result[o]++;
    result.processed += chunk.length;
    // The cursor moves after each chunk: an interrupted call loses at most one chunk, done again next time.
    state.cursor = chunk[chunk.length - 1]!;
    state.processed += chunk.length;
    state.updated += outcomes.filter((o) => o === 'updated').length;
    await ref.set({ ...state, country, updatedAt: FieldValue.serverTimestamp(), updatedBy: caller.uid });
  }
  state.done = ids.length < input.limit;
  const batch = db.batch();
  batch.set(ref, { ...state, country, updatedAt: FieldValue.serverTimestamp(), updatedBy: caller.uid });
  audit(batch, db, chainId, {
    action: 'customers.reindex',
    actorUid: caller.uid,
    target: { kind: 'chain', id: chainId },
    details: { migration: input.migration, processed: result.processed, updated: result.updated, done: state.done, restart: input.restart },
  });
  await batch.commit();
  customersReindexed(chainId, caller.uid, result.processed, result.updated, state.done);
  return { ...result, done: state.done, cursor: state.cursor, total: { processed: state.processed, updated: state.updated } };
}
