// Re-indexing one customer on the write path (the phone migration, customers/reindex.ts): its phones
// parsed again with the chain's country (model/phone.ts: E.164, or kept as stored), then planned
// like any write, in a transaction that read the customer, its search row and every key document
// it may be listed under, so the keys it holds are exactly the plan's afterwards. Nothing changes
// (no write, no new version) when the customer, its row and its keys are already right.
import type { Firestore } from 'firebase-admin/firestore';
import { parsePhones, type Country } from '../../model/phone';
import { customerIndexOf } from '../refs';
import { readLookups } from './keys';
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
    const candidates = [...new Set([...plan.lookupBefore, ...plan.lookupAfter])];
    const lookups = await readLookups(tx, db, chainId, candidates);
    const row = (await tx.get(customerIndexOf(db, chainId).doc(plan.indexId))).data();
    const listed = candidates.filter((k) => lookups.holds(k, customerId));
    const keysRight = sameSet(listed, plan.lookupAfter);
    const wanted = plan.indexData as { k: Record<string, true>; phone: string };
    const rowRight = !!row && !plan.staleIndexId && row.phone === wanted.phone && sameSet(Object.keys(row.k ?? {}), Object.keys(wanted.k));
    if (plan.changes.length === 0 && keysRight && rowRight) return 'unchanged';
    // Moves the customer from the keys it is actually listed under to the plan's.
    plan.lookupBefore = listed;
    applyCustomerWrite(tx, db, chainId, plan, before, { lookups });
    return 'updated';
  });
}
