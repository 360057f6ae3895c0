// getCustomer: one customer as the caller may see it. Staff of a chain that keeps contact details
// from them (settings.staffSeeContact off) cannot read customer documents (firestore.rules); they get
// the customer here without emails, phones, addresses and birth date (`contactHidden: true`).
import { Timestamp } from 'firebase-admin/firestore';
import type { ChainCaller } from '../common/callable';
import { callerSeesContact } from '../common/access';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { withoutContact } from '../model/contact';
import { readCustomer } from '../store/customers';
import type { CustomerView } from '../model/callables';

/** Timestamps as ISO strings (a callable's answer is JSON). */
function plain(value: unknown): unknown {
  if (value instanceof Timestamp) return value.toDate().toISOString();
  if (Array.isArray(value)) return value.map(plain);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

export async function getCustomer({ db }: Deps, caller: ChainCaller, input: { customerId: string }): Promise<{ customerId: string; customer: CustomerView }> {
  const [read, seesContact] = await Promise.all([
    readCustomer(db, caller.chainId, input.customerId),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  if (!read) throw new AppError('not-found', 'error.noSuchCustomer', caller.lang);
  return { customerId: read.id, customer: plain(seesContact ? read.doc : withoutContact(read.doc)) as CustomerView };
}
