// assignCards: the next free cards of a batch (lowest codes first), one to each customer of a
// selection. Each assignment is its own transaction that reads the first unbound card of the batch
// and the customer, and binds them through the customer write path (store/customers
// bindCardToCustomer: card, batch count, customer, search row, history) with the card email job and
// an audit entry; so a card is never bound twice, even by two assignments at the same time (the
// second one's transaction reads the card again and takes the next). A customer that cannot get a
// card (erased, merged, already holding a card, no free card left, cards busy) is reported in
// `failed` with the reason, and the others are still assigned.
import type { Firestore } from 'firebase-admin/firestore';
import type { AssignCardsInput, AssignCardsResult, CardDoc } from '../model/card';
import type { QueryShape } from '../model/queryShape';
import { problemMessage } from '../model/issues';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { queueCardEmail } from '../common/cardEmailJobs';
import { chainSettings } from '../common/settings';
import type { Lang } from '../model/lang';
import { cardsAssigned } from '../logs';
import { bindCardToCustomer, readCustomer } from '../store/customers';
import { batchesOf, cardsOfBatch } from '../store/refs';

/** Checked by `npm run deploy:check` (served by the composite index cards: status, code). */
export const QUERIES: QueryShape[] = [
  { name: 'cards: next free card of a batch', collection: 'cards', where: [{ field: 'status', op: '==' }], orderBy: [{ field: 'code' }] },
];

/** Firestore's code for a transaction that lost to another one too many times. */
const ABORTED = 10;

class Refused extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

async function assignOne(db: Firestore, caller: ChainCaller, batchId: string, customerId: string, language: Lang): Promise<string> {
  return db.runTransaction(
    async (tx) => {
      const [free, customer] = await Promise.all([
        tx.get(cardsOfBatch(db, caller.chainId, batchId).where('status', '==', 'unbound').orderBy('code').limit(1)),
        readCustomer(db, caller.chainId, customerId, tx),
      ]);
      if (!customer) throw new Refused('noSuchCustomer');
      if (customer.doc.mergedInto) throw new Refused('customerMerged');
      if ((customer.doc.cardCodes ?? []).length > 0) throw new Refused('customerHasCard');
      const snap = free.docs[0];
      if (!snap) throw new Refused('noFreeCard');
      const card = { ref: snap.ref, doc: snap.data() as CardDoc };
      // A customer without a language gets the email in the chain's (as bindCard).
      const email = queueCardEmail(tx, db, caller.chainId, card.doc, customerId, customer.doc, { uid: caller.uid, lang: language });
      bindCardToCustomer(tx, db, caller.chainId, card, customer, { email }, { by: caller.uid, source: 'backoffice', locationId: null });
      audit(tx, db, caller.chainId, {
        action: 'card.bind',
        actorUid: caller.uid,
        target: { kind: 'card', id: card.doc.code.slice(0, 4) },
        details: { batchId, customerId, by: 'assign', email: email.status, emailJobId: email.jobId },
      });
      return card.doc.code;
    },
    { maxAttempts: 10 },
  );
}

export async function assignCards({ db }: Deps, caller: ChainCaller, input: AssignCardsInput): Promise<AssignCardsResult> {
  if (!(await batchesOf(db, caller.chainId).doc(input.batchId).get()).exists) {
    throw fieldError('not-found', 'batchId', 'noSuchCardBatch', caller.lang);
  }
  const { language } = await chainSettings(db, caller.chainId);
  const result: AssignCardsResult = { assigned: [], failed: [] };
  // One after the other, in the order given: the first customers get the lowest codes.
  for (const customerId of input.customerIds) {
    const fail = (key: string) => result.failed.push({ customerId, key, message: problemMessage(caller.lang, key) });
    try {
      result.assigned.push({ customerId, code: await assignOne(db, caller, input.batchId, customerId, language) });
    } catch (err) {
      if (err instanceof Refused) fail(err.key);
      else if ((err as { code?: unknown }).code === ABORTED) fail('cardsBusy');
      else throw err;
    }
  }
  cardsAssigned(caller.chainId, input.batchId, caller.uid, result.assigned.length, result.failed.length);
  return result;
}
