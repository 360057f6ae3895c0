// Delivery of one card email job (chains/{chainId}/cardEmails/{jobId}), at most once:
// pending -> sending (under a lease, in a transaction) -> sent | failed. A redelivered event finds
// the job sending (and is retried later) or finished (and stops). A job found "sending" with an
// expired lease was interrupted mid-send: whether SendGrid got it is unknown, so it is marked failed
// ("use resend") rather than sent again: a function retry never sends the same email twice.
import { FieldValue, type DocumentReference, type Firestore } from 'firebase-admin/firestore';
import type { CardDoc } from '../model/card';
import type { Lang } from '../model/lang';
import { leaseReleased, leaseRenewal, LeaseHeldError, takeLease, type Lease } from '../common/lease';
import { cardEmailOutcome } from '../logs';
import { cardEmailsOf, cardQuery, chainRef, customersOf } from '../store/refs';
import { composeCardEmail } from './cardEmail';
import { withPreferences, type LinkDeps } from './footer';
import type { WalletConfig } from '../common/walletConfig';
import { walletLinksOf } from '../common/walletLinks';
import { brandOf } from '../model/wallet';
import { DeliveryError, sendWithRetry, type Mailer } from './sendgrid';

const LEASE_MS = 120_000;
const ATTEMPTS = 4;

export class MailLeaseHeld extends LeaseHeldError {}

interface Job {
  code: string;
  customerId: string;
  to: string;
  lang: Lang;
  status: 'pending' | 'sending' | 'sent' | 'failed';
  attempts: number;
  lease?: Lease;
}

export interface MailDeps {
  db: Firestore;
  /** The wallets configured (their buttons are in the email); none when absent. */
  wallet?: WalletConfig;
  mailer: Mailer;
  from: string;
  retryBaseMs: number;
  /** For the preferences link and List-Unsubscribe header every customer email carries. */
  links: LinkDeps;
  now?: () => number;
}

async function cardRefOf(db: Firestore, chainId: string, code: string): Promise<DocumentReference | null> {
  return (await cardQuery(db, chainId, code).get()).docs[0]?.ref ?? null;
}

/** Job and card updated together; the card only if this job is still its latest email. */
async function settle(
  db: Firestore,
  job: DocumentReference,
  card: DocumentReference | null,
  jobUpdate: Record<string, unknown>,
  email: Record<string, unknown>,
) {
  await db.runTransaction(async (tx) => {
    const current = card ? ((await tx.get(card)).data() as CardDoc | undefined) : undefined;
    if (Object.keys(jobUpdate).length) tx.update(job, jobUpdate);
    if (card && current?.email?.jobId === job.id) tx.update(card, { email: { ...current.email, ...email, at: FieldValue.serverTimestamp() } });
  });
}

export async function deliverCardEmail(deps: MailDeps, chainId: string, jobId: string): Promise<void> {
  const { db } = deps;
  const now = deps.now?.() ?? Date.now();
  const jobRef = cardEmailsOf(db, chainId).doc(jobId);
  // Sending is the one attempt: a job found sending with an expired lease was interrupted, and is
  // given up (marked failed) rather than sent again.
  const interrupted = 'interrupted while sending: delivery unknown, use resend';
  const lease = await takeLease<Job>(db, jobRef, {
    ms: LEASE_MS,
    maxAttempts: 1,
    now,
    held: () => new MailLeaseHeld(`email ${jobId} is being sent`),
    finished: (job) => job.status === 'sent' || job.status === 'failed',
    attemptsOf: (job) => (job.status === 'sending' ? 1 : 0),
    taken: () => ({ status: 'sending', startedAt: FieldValue.serverTimestamp() }),
    gaveUp: () => ({ status: 'failed', error: interrupted, finishedAt: FieldValue.serverTimestamp() }),
  });
  const claimed = lease.kind === 'finished' || !lease.data ? null : { job: lease.data, interrupted: lease.kind === 'gaveUp' };
  if (!claimed) return;
  const { job } = claimed;
  const cardRef = await cardRefOf(db, chainId, job.code);
  if (claimed.interrupted) {
    await settle(db, jobRef, cardRef, {}, { status: 'failed', error: interrupted });
    cardEmailOutcome(chainId, jobId, 'failed', job.attempts, undefined, 'interrupted');
    return;
  }

  const [chain, customer, card] = await Promise.all([chainRef(db, chainId).get(), customersOf(db, chainId).doc(job.customerId).get(), cardRef?.get()]);
  const cardData = card?.data() as CardDoc | undefined;
  if (!customer.exists || cardData?.status !== 'bound' || cardData.customerId !== job.customerId) {
    // Erased, revoked or rebound meanwhile: nothing to send any more.
    await settle(
      db,
      jobRef,
      cardRef,
      { status: 'failed', error: 'card no longer bound to this customer', finishedAt: FieldValue.serverTimestamp() },
      { status: 'failed', error: 'card no longer bound to this customer' },
    );
    return;
  }
  const chainName = String(chain.get('name'));
  const cardMail = await composeCardEmail({
    code: job.code,
    to: job.to,
    firstName: String(customer.data()?.firstName ?? ''),
    lang: job.lang,
    chainName,
    from: deps.from,
    jobId,
    wallet: deps.wallet ? await walletLinksOf(deps.wallet, chainId, cardData) : {},
    accentColor: brandOf(chain.data()).accentColor,
  });
  const message = await withPreferences(cardMail, deps.links, { chainId, customerId: job.customerId, chainName, lang: job.lang });
  try {
    const sent = await sendWithRetry(deps.mailer, message, {
      attempts: ATTEMPTS,
      baseDelayMs: deps.retryBaseMs,
      onAttempt: (n) => jobRef.update({ attempts: n, ...leaseRenewal(Date.now(), LEASE_MS) }).then(() => undefined),
    });
    await settle(
      db,
      jobRef,
      cardRef,
      { status: 'sent', messageId: sent.messageId, attempts: sent.attempts, finishedAt: FieldValue.serverTimestamp(), ...leaseReleased() },
      { status: 'sent', error: null },
    );
    cardEmailOutcome(chainId, jobId, 'sent', sent.attempts);
  } catch (err) {
    if (!(err instanceof DeliveryError)) throw err;
    await settle(
      db,
      jobRef,
      cardRef,
      {
        status: 'failed',
        error: err.message,
        httpStatus: err.httpStatus,
        attempts: err.attempts,
        finishedAt: FieldValue.serverTimestamp(),
        ...leaseReleased(),
      },
      { status: 'failed', error: err.message },
    );
    cardEmailOutcome(chainId, jobId, 'failed', err.attempts, err.httpStatus ?? undefined, err.message);
  }
}
