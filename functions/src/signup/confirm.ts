// confirmSignUp: the link of the confirmation email, followed. One transaction consumes the pending
// sign-up (deleted: a second use, or a use after 48 hours, finds nothing) and either creates the
// customer through the write path (source `self-signup`, the location, each granted consent logged
// with source `self-signup`) with a new card of the chain's digital batch, or, when the email is
// already a customer's, creates nothing and sends that customer's card again (binding a digital card
// first if they have none). Either way the answer is the same, and the card email goes to the
// address just confirmed (mail/deliver.ts sends it).
import { FieldValue, type DocumentReference, type Firestore, type Transaction } from 'firebase-admin/firestore';
import { DIGITAL_BATCH_ID } from '../model/signUp';
import { CustomerFields, type CustomerDoc } from '../model/customer';
import type { CardBatchDoc, CardDoc } from '../model/card';
import { audit } from '../common/audit';
import { generateCode } from '../common/cardCodes';
import { queueCardEmail } from '../common/cardEmailJobs';
import { AppError, fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { verifyLink } from '../common/links';
import { requireSignUpOpen, type PublicCaller } from '../common/publicCallable';
import { signUpConfirmed } from '../logs';
import { applyCustomerWrite, bindCardToCustomer, lookupKey, planCustomerWrite, readCustomer, type Stored } from '../store/customers';
import { batchesOf, cardQuery, cardsOfBatch, customersOf, locationsOf, lookupRef, signUpsOf } from '../store/refs';

/** Who writes, in history and consent entries, when the customer signs up alone. */
export const SELF = 'self-signup';

type CardRead = { ref: DocumentReference<CardDoc>; doc: CardDoc };

/** The customer's first card still bound to them, read in the transaction. */
async function boundCardOf(tx: Transaction, db: Firestore, chainId: string, customer: Stored): Promise<CardRead | null> {
  for (const code of customer.doc.cardCodes ?? []) {
    const found = (await tx.get(cardQuery(db, chainId, code))).docs[0];
    const doc = found?.data();
    if (found && doc?.status === 'bound' && doc.customerId === customer.id) return { ref: found.ref, doc };
  }
  return null;
}

/** A new card of the digital batch (created with its first card): never printed, made one at a time. */
function mintDigitalCard(tx: Transaction, db: Firestore, chainId: string, batchExists: boolean): CardRead {
  const batchRef = batchesOf(db, chainId).doc(DIGITAL_BATCH_ID);
  if (batchExists) tx.update(batchRef, { size: FieldValue.increment(1) });
  else {
    const batch: CardBatchDoc = {
      name: 'Digital cards',
      kind: 'digital',
      size: 1,
      bound: 0,
      revoked: 0,
      status: 'ready',
      createdAt: FieldValue.serverTimestamp(),
      createdBy: SELF,
    };
    tx.create(batchRef, batch);
  }
  const code = generateCode();
  const doc: CardDoc = {
    code,
    chainId,
    batchId: DIGITAL_BATCH_ID,
    status: 'unbound',
    customerId: null,
    boundAt: null,
    boundBy: null,
    email: { status: 'none' },
  };
  const ref = cardsOfBatch(db, chainId, DIGITAL_BATCH_ID).doc(code);
  tx.create(ref, doc);
  return { ref, doc };
}

/** An existing (not merged) customer holding this email, read in the transaction (its key document too). */
async function existingCustomer(tx: Transaction, db: Firestore, chainId: string, email: string): Promise<Stored | null> {
  const ids = ((await tx.get(lookupRef(db, chainId, lookupKey.email(email)))).get('ids') as string[] | undefined) ?? [];
  for (const id of [...ids].sort()) {
    const customer = await readCustomer(db, chainId, id, tx);
    if (customer && !customer.doc.mergedInto) return customer;
  }
  return null;
}

export async function confirmSignUp(
  { db }: Deps,
  caller: PublicCaller,
  input: { chainId: string; token: string },
  options: { secret: string; now?: number },
): Promise<{ status: 'confirmed' }> {
  const now = options.now ?? Date.now();
  const link = await verifyLink(options.secret, input.token, 'confirm', input.chainId, now);
  if (!link.ok) {
    if (link.reason === 'expired') throw new AppError('failed-precondition', 'signUp.linkExpired', caller.lang);
    throw fieldError('invalid-argument', 'token', 'linkInvalid', caller.lang);
  }
  await requireSignUpOpen(db, input.chainId, caller.lang);
  const { chainId } = input;
  const pendingRef = signUpsOf(db, chainId).doc(link.id);
  const outcome = await db.runTransaction(async (tx) => {
    // Reads first, as a transaction requires.
    const pending = (await tx.get(pendingRef)).data();
    const expiresAt = (pending?.expiresAt as { toMillis(): number } | undefined)?.toMillis() ?? 0;
    if (!pending || expiresAt <= now) throw new AppError('failed-precondition', 'signUp.linkExpired', caller.lang);
    const existing = await existingCustomer(tx, db, chainId, pending.email);
    const card = existing ? await boundCardOf(tx, db, chainId, existing) : null;
    const batchExists = card ? true : (await tx.get(batchesOf(db, chainId).doc(DIGITAL_BATCH_ID))).exists;
    // A location removed since the sign-up is not written into the customer's history.
    const locationId = pending.locationId && (await tx.get(locationsOf(db, chainId).doc(pending.locationId))).exists ? pending.locationId : null;

    let customer: Stored;
    if (existing) customer = existing;
    else {
      const id = customersOf(db, chainId).doc().id;
      const fields = CustomerFields.parse({
        firstName: pending.firstName,
        lastName: pending.lastName,
        email: pending.email,
        phones: { mobile: pending.phone },
        birthDate: pending.birthDate,
        language: pending.language,
      });
      const plan = planCustomerWrite(id, null, fields, pending.consent, { by: SELF, source: 'self-signup', locationId });
      applyCustomerWrite(tx, db, chainId, plan, null);
      customer = { id, doc: plan.doc as unknown as CustomerDoc };
    }
    // The card email goes to the address just confirmed, in the customer's language.
    const to = { email: pending.email, language: customer.doc.language || pending.language };
    const by = { uid: SELF, lang: pending.language };
    let code: string;
    if (card) {
      const email = queueCardEmail(tx, db, chainId, card.doc, customer.id, to, by);
      tx.update(card.ref, { email });
      code = card.doc.code;
    } else {
      const minted = mintDigitalCard(tx, db, chainId, batchExists);
      const email = queueCardEmail(tx, db, chainId, minted.doc, customer.id, to, by);
      bindCardToCustomer(tx, db, chainId, minted, customer, { email }, { by: SELF, source: 'self-signup', locationId });
      code = minted.doc.code;
    }
    tx.delete(pendingRef);
    audit(tx, db, chainId, {
      action: 'signUp.confirm',
      actorUid: SELF,
      target: { kind: 'customer', id: customer.id },
      details: { created: !existing, card: code.slice(0, 4), cardBound: !card, locationId },
    });
    return { customerId: customer.id, created: !existing, code };
  });
  signUpConfirmed(chainId, outcome.customerId, outcome.created, outcome.code);
  return { status: 'confirmed' };
}
