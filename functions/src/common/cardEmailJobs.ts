// The card email job (`cardEmails/{jobId}`), queued in the transaction that binds a card or asks
// for its email again; mail/deliver.ts sends it. Shared by the back office (cards/) and self
// sign-up (signup/).
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { CardEmailState } from '../model/card';
import type { CustomerDoc } from '../model/customer';
import type { Lang } from '../model/lang';
import { cardEmailsOf } from '../store/refs';

/**
 * Queues the card email for a customer with an email address; returns the card's email state.
 * `by.lang` is the language of a customer who has none: the chain's (settings), not the language of
 * whoever bound the card.
 */
export function queueCardEmail(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  card: { code: string; batchId: string },
  customerId: string,
  customer: Pick<CustomerDoc, 'email' | 'language'>,
  by: { uid: string; lang: Lang },
): CardEmailState & { jobId: string | null } {
  // The card keeps the job's state, not the address: staff read cards (the point of sale), and may
  // not be allowed to see customers' contact details; the job (managers only) has the address.
  if (!customer.email) return { status: 'none', jobId: null, error: null };
  const job = cardEmailsOf(db, chainId).doc();
  tx.create(job, {
    code: card.code,
    batchId: card.batchId,
    customerId,
    to: customer.email,
    lang: customer.language || by.lang,
    status: 'pending',
    attempts: 0,
    createdAt: FieldValue.serverTimestamp(),
    createdBy: by.uid,
  });
  return { status: 'pending', jobId: job.id, error: null };
}
