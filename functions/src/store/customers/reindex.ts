// Re-indexing one customer on the write path (the phone and search-row migrations,
// customers/reindex.ts): its phones parsed again with the chain's country (model/phone.ts: E.164, or
// kept as stored), then planned like any write, in a transaction that read the customer, its search
// row and every key document it may be listed under, so the keys it holds are exactly the plan's
// afterwards, and its search row is at its spread id (rowIds.ts; a legacy row is deleted) with its
// sort key `sn` (indexDoc.ts; rows written before it existed lack it). Nothing
// changes (no write, no new version) when the customer, its row and its keys are already right.
import type { Firestore } from 'firebase-admin/firestore';
import { parsePhones, type Country } from '../../model/phone';
import { customerIndexOf } from '../refs';
import { readLookups } from './keys';
import { storedLookupKeysOf } from './lookup';
import { fieldsOf, planCustomerWrite } from './plan';
import { readCustomer } from './read';
import { applyCustomerWrite } from './write';

export type ReindexOutcome = 'updated' | 'unchanged' | 'skipped';

const sameSet = (a: string[], b: string[]) => a.length === b.length && new Set([...a, ...b]).size === a.length;

export async function reindexCustomer(db: Firestore, chainId: string, customerId: string, country: Country, by: string): Promise<ReindexOutcome> {
  return db.runTransaction(async (tx) => {
    const stored = await readCustomer(db, chainId, customerId, tx);
    // Erased since the page was read, or merged into another (out of search and lookups since the merge).
    if (!stored || stored.doc.mergedInto) return 'skipped';
    const before = stored.doc;
    const fields = { ...fieldsOf(before), phones: parsePhones(before.phones, country).phones };
    const plan = planCustomerWrite(customerId, before, fields, {}, { by, source: 'migration' });
    // Every key the customer may be listed under: its keys of before (with those of before phones
    // were parsed) and its keys after.
    // (those of before phones were parsed whatever the customer records: a migration checks them all).
    const { indexId: _placed, ...asStored } = before;
    const candidates = [...new Set([...storedLookupKeysOf(asStored), ...plan.lookupAfter])];
    const lookups = await readLookups(tx, db, chainId, candidates);
    const row = (await tx.get(customerIndexOf(db, chainId).doc(plan.indexId))).data();
    const listed = candidates.filter((k) => lookups.holds(k, customerId));
    const keysRight = sameSet(listed, plan.lookupAfter);
    const wanted = plan.indexData as { k: Record<string, true>; phone: string; sn: string };
    // A row written before rows had their sort key `sn` (the Z→A list) is rewritten too.
    const rowRight =
      !!row && !plan.staleIndexId && row.phone === wanted.phone && row.sn === wanted.sn && sameSet(Object.keys(row.k ?? {}), Object.keys(wanted.k));
    if (plan.changes.length === 0 && keysRight && rowRight) return 'unchanged';
    // Moves the customer from the keys it is actually listed under to the plan's.
    plan.lookupBefore = listed;
    // The row as the plan makes it, whatever the customer records (a row found wrong is rewritten).
    plan.rowUnchanged = false;
    applyCustomerWrite(tx, db, chainId, plan, before, { lookups });
    return 'updated';
  });
}
