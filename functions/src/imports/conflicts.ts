// A row whose customer changed between the import's read and its write (the commit's precondition
// failed: an edit, a card bound or revoked, a merge, an erasure). The customer is read again and the
// row planned on its current state, so the import's own changes land on top of the other write and
// never roll it back:
// - erased meanwhile: the row is not imported, the erasure stands; the error file lists the row
//   with its cells blanked (they are the erased customer's data);
// - merged meanwhile into another profile: the row goes to the kept profile, unless the row named
//   the merged one by its regulars id (then it is refused naming the kept one, as before the merge);
// - changed again at every attempt: after MAX_REPLANS re-reads, the row goes to the error file.
import type { Firestore } from 'firebase-admin/firestore';
import type { Lang } from '../model/lang';
import type { CustomerWritePlan } from '../store/customers';
import { readCustomers } from '../store/customers';
import type { Before, Row } from './matching';
import { changedMeanwhileMessage, erasedMeanwhileMessage, mergedMessage } from './messages';

export const MAX_REPLANS = 3;

/** A row whose write is in flight, as needed to plan it again. */
export interface Pending {
  r: Row;
  customerId: string;
  /** The row names the customer by its regulars id (not by its email or custom value). */
  byStatedId: boolean;
  /** The customer is the one this very row creates (its id is derived from import and row). */
  createdByThisRow: boolean;
  replans: number;
  /** Its write failed for good, or its re-plan was refused: it is in the error file with the reason. */
  failed?: boolean;
}

export type Replan =
  | { kind: 'write'; customerId: string; plan: CustomerWritePlan; before: Before; outcome: 'created' | 'updated' }
  | { kind: 'unchanged'; customerId: string; outcome: 'created' | 'unchanged' }
  /** `erased`: the customer was erased meanwhile; the row's cells are theirs and stay out of the error file. */
  | { kind: 'failed'; message: string; erased?: true };

/** How a row is planned on a customer's state: its write, or the problems that refuse it. */
export type PlanRow = (customerId: string, before: Before) => { plan: CustomerWritePlan; noop: boolean } | { problems: string };

export async function replan(
  db: Firestore,
  chainId: string,
  lang: Lang,
  pending: Pending,
  planRow: PlanRow,
  afterRead?: (customerIds: string[]) => Promise<void>,
): Promise<Replan> {
  if (++pending.replans > MAX_REPLANS) return { kind: 'failed', message: changedMeanwhileMessage(lang) };
  let id = pending.customerId;
  let read = (await readCustomers(db, chainId, [id])).get(id);
  for (let hops = 0; read?.doc.mergedInto && hops < 10; hops++) {
    const kept = read.doc.mergedInto;
    if (pending.byStatedId) return { kind: 'failed', message: mergedMessage(lang, kept) };
    id = kept;
    read = (await readCustomers(db, chainId, [id])).get(id);
  }
  await afterRead?.([id]);
  if (!read || read.doc.mergedInto) return { kind: 'failed', message: erasedMeanwhileMessage(lang), erased: true };
  pending.customerId = id;
  const planned = planRow(id, read);
  if ('problems' in planned) return { kind: 'failed', message: planned.problems };
  // A customer this very row created (a replay after a crash) still counts as created.
  const created = pending.createdByThisRow ? 'created' : null;
  if (planned.noop) return { kind: 'unchanged', customerId: id, outcome: created ?? 'unchanged' };
  return { kind: 'write', customerId: id, plan: planned.plan, before: read, outcome: created ?? 'updated' };
}
