// Binding ID cards to customers, revoking lost cards, and asking for the card email again.
// A transaction guarantees a card belongs to at most one customer. The email is decoupled: the
// binding commits with an email job (cardEmails/{jobId}) that a trigger delivers (mail/).
import type { DocumentReference, Firestore, Transaction } from 'firebase-admin/firestore';
import type { BindCardInput, CardDoc } from '../model/card';
import type { Lang } from '../model/lang';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError, fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { requireLocation } from '../common/locations';
import { queueCardEmail } from '../common/cardEmailJobs';
import { chainSettings } from '../common/settings';
import { cardBound, cardRevoked, redactEmail } from '../logs';
import { bindCardToCustomer, lookupKey, lookupMany, readCustomer, revokeCardOfCustomer, walletPassesOfCards } from '../store/customers';
import { cardQuery } from '../store/refs';

async function findCard(db: Firestore, chainId: string, code: string, lang: Lang): Promise<DocumentReference<CardDoc>> {
  const snap = await cardQuery(db, chainId, code).get();
  const card = snap.docs[0];
  if (!card) throw fieldError('not-found', 'code', 'unknownCard', lang);
  return card.ref;
}

/** The card, read in the transaction (it exists: findCard found it, and cards are never deleted). */
async function readCard(tx: Transaction, ref: DocumentReference<CardDoc>): Promise<{ ref: DocumentReference<CardDoc>; doc: CardDoc }> {
  return { ref, doc: (await tx.get(ref)).data()! };
}

async function customerIdFor(db: Firestore, chainId: string, input: BindCardInput, lang: Lang): Promise<string> {
  if (input.customerId) return input.customerId;
  const ids = (await lookupMany(db, chainId, [lookupKey.email(input.email!)])).get(lookupKey.email(input.email!)) ?? [];
  if (ids.length === 0) throw fieldError('not-found', 'email', 'noCustomerWithEmail', lang);
  if (ids.length > 1) throw fieldError('failed-precondition', 'email', 'severalCustomersWithEmail', lang, { count: ids.length });
  return ids[0]!;
}

export async function bindCard(
  { db }: Deps,
  caller: ChainCaller,
  input: BindCardInput,
): Promise<{ code: string; customerId: string; changed: boolean; email: string }> {
  const cardRef = await findCard(db, caller.chainId, input.code, caller.lang);
  const customerId = await customerIdFor(db, caller.chainId, input, caller.lang);
  const { language } = await chainSettings(db, caller.chainId);
  const result = await db.runTransaction(async (tx) => {
    const [read, customer] = await Promise.all([
      readCard(tx, cardRef),
      readCustomer(db, caller.chainId, customerId, tx),
      requireLocation(tx, db, caller.chainId, input.locationId, caller.lang),
    ]);
    const card = read.doc;
    if (!customer) throw fieldError('not-found', input.customerId ? 'customerId' : 'email', 'noCustomerWithEmail', caller.lang);
    if (customer.doc.mergedInto) throw fieldError('failed-precondition', 'customerId', 'customerMerged', caller.lang);
    if (card.status === 'revoked') throw fieldError('failed-precondition', 'code', 'cardRevoked', caller.lang);
    if (card.status === 'bound') {
      if (card.customerId === customerId) return { changed: false, email: card.email.status };
      throw fieldError('failed-precondition', 'code', 'cardTaken', caller.lang);
    }
    const email = queueCardEmail(tx, db, caller.chainId, card, customerId, customer.doc, { uid: caller.uid, lang: language });
    bindCardToCustomer(tx, db, caller.chainId, read, customer, { email }, { by: caller.uid, source: 'pos', locationId: input.locationId });
    // Ids and states only (no address); the card by its first four characters, as in the logs.
    audit(tx, db, caller.chainId, {
      action: 'card.bind',
      actorUid: caller.uid,
      target: { kind: 'card', id: card.code.slice(0, 4) },
      details: { batchId: card.batchId, customerId, by: input.customerId ? 'id' : 'email', email: email.status, emailJobId: email.jobId },
    });
    return { changed: true, email: email.status };
  });
  cardBound(caller.chainId, input.code, customerId, caller.uid, redactEmail(input.email));
  return { code: input.code, customerId, ...result };
}

/** A lost or stolen card: revoked for good (never bound again), taken off its customer at once. */
export async function revokeCard({ db }: Deps, caller: ChainCaller, input: { code: string }): Promise<{ code: string; revoked: true }> {
  const cardRef = await findCard(db, caller.chainId, input.code, caller.lang);
  await db.runTransaction(async (tx) => {
    const read = await readCard(tx, cardRef);
    const card = read.doc;
    if (card.status === 'revoked') return;
    // Only the customer it is bound to loses it (a revoked card keeps its former customer's id).
    const customer = card.status === 'bound' && card.customerId ? await readCustomer(db, caller.chainId, card.customerId, tx) : null;
    const passes = await walletPassesOfCards(tx, db, caller.chainId, [card.code]);
    revokeCardOfCustomer(tx, db, caller.chainId, read, customer, { by: caller.uid, source: 'pos' }, passes);
    audit(tx, db, caller.chainId, {
      action: 'card.revoke',
      actorUid: caller.uid,
      target: { kind: 'card', id: card.code.slice(0, 4) },
      details: { batchId: card.batchId, customerId: card.customerId },
    });
  });
  cardRevoked(caller.chainId, input.code, caller.uid);
  return { code: input.code, revoked: true };
}

/** Resends of a card's email allowed per RESEND_WINDOW_MS; more answer `resource-exhausted`. */
export const MAX_RESENDS = 3;
export const RESEND_WINDOW_MS = 24 * 60 * 60 * 1000;

/**
 * Sends the card email again (to the customer's current address), as a new job: at most MAX_RESENDS
 * times a card in 24 hours, counted on the card (`emailResends`, the times of the resends of the last
 * 24 hours) in the transaction that queues the job, so concurrent resends cannot pass the limit.
 */
export async function resendCardEmail({ db }: Deps, caller: ChainCaller, input: { code: string }): Promise<{ code: string; email: string }> {
  const cardRef = await findCard(db, caller.chainId, input.code, caller.lang);
  const { language } = await chainSettings(db, caller.chainId);
  const status = await db.runTransaction(async (tx) => {
    const card = (await readCard(tx, cardRef)).doc;
    if (card.status !== 'bound' || !card.customerId)
      throw fieldError('failed-precondition', 'code', card.status === 'revoked' ? 'cardRevoked' : 'cardNotBound', caller.lang);
    const customer = await readCustomer(db, caller.chainId, card.customerId, tx);
    if (!customer) throw fieldError('failed-precondition', 'code', 'cardNotBound', caller.lang);
    const now = Date.now();
    const recent = (card.emailResends ?? []).filter((at) => at > now - RESEND_WINDOW_MS);
    if (recent.length >= MAX_RESENDS) throw new AppError('resource-exhausted', 'error.cardEmailLimit', caller.lang, { max: MAX_RESENDS });
    const email = queueCardEmail(tx, db, caller.chainId, card, card.customerId, customer.doc, { uid: caller.uid, lang: language });
    tx.update(cardRef, { email, emailResends: [...recent, now] });
    audit(tx, db, caller.chainId, {
      action: 'card.resendEmail',
      actorUid: caller.uid,
      target: { kind: 'card', id: card.code.slice(0, 4) },
      details: { batchId: card.batchId, customerId: card.customerId, email: email.status, emailJobId: email.jobId },
    });
    return email.status;
  });
  return { code: input.code, email: status };
}
