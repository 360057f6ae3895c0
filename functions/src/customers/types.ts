// Customer types (Student, Employee, VIP…) and the chain's custom fields (shoe size…).
import { FieldValue, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { DeleteCustomerTypeInput, SaveCustomerTypeInput } from '../model/customerType';
import { problemMessage } from '../model/issues';
import type { Lang } from '../model/lang';
import { tagKey } from '../model/text';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError, fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { applyCustomerWrite, fieldsOf, planCustomerWrite, retypeTombstone, type Stored } from '../store/customers';
import { chainRef, customersOf, customerTypesOf } from '../store/refs';
import type { QueryShape } from '../model/queryShape';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  { name: 'customer types: same name', collection: 'customerTypes', where: [{ field: 'nameKey', op: '==' }] },
  { name: 'customer types: customers of a type', collection: 'customers', where: [{ field: 'customerTypeId', op: '==' }] },
];

/** Type names are unique without case, accents or repeated spaces: `Étudiant` and `etudiant` are one name. */
export const typeNameKey = (name: string) => tagKey(name);

export async function saveCustomerType({ db }: Deps, caller: ChainCaller, input: SaveCustomerTypeInput): Promise<{ typeId: string }> {
  const types = customerTypesOf(db, caller.chainId);
  const ref = input.typeId ? types.doc(input.typeId) : types.doc();
  await db.runTransaction(async (tx) => {
    const [snap, sameName] = await Promise.all([tx.get(ref), tx.get(types.where('nameKey', '==', typeNameKey(input.name)).limit(2))]);
    if (input.typeId && !snap.exists) throw new AppError('not-found', 'error.noSuchCustomerType', caller.lang);
    if (sameName.docs.some((d) => d.id !== ref.id)) throw fieldError('already-exists', 'name', 'typeNameTaken', caller.lang);
    const data = {
      name: input.name,
      nameKey: typeNameKey(input.name),
      discount: input.discount,
      salesTax: input.salesTax,
      updatedAt: FieldValue.serverTimestamp(),
    };
    if (snap.exists) tx.update(ref, data);
    else tx.create(ref, { ...data, createdAt: FieldValue.serverTimestamp() });
    audit(tx, db, caller.chainId, {
      action: snap.exists ? 'customerType.update' : 'customerType.create',
      actorUid: caller.uid,
      target: { kind: 'customerType', id: ref.id },
      details: { discount: input.discount, salesTax: input.salesTax },
    });
  });
  return { typeId: ref.id };
}

async function usage(db: Firestore, chainId: string, typeId: string): Promise<number> {
  return (await customersOf(db, chainId).where('customerTypeId', '==', typeId).count().get()).data().count;
}

/**
 * Gives a customer another type (`''`: none), with a history entry. A merged profile (a tombstone,
 * out of search) only has its field changed, so it stays out of search.
 */
function moveCustomer(tx: Transaction, db: Firestore, caller: ChainCaller, customer: Stored, typeId: string): void {
  const before = customer.doc;
  if (before.mergedInto) return retypeTombstone(tx, db, caller.chainId, customer, typeId, caller.uid);
  const plan = planCustomerWrite(customer.id, before, { ...fieldsOf(before), customerTypeId: typeId }, {}, { by: caller.uid, source: 'backoffice' });
  applyCustomerWrite(tx, db, caller.chainId, plan, before);
}

/** Customers moved per transaction while a type is deleted. */
export const REASSIGN_BATCH = 100;

function inUseError(inUse: number, lang: Lang): AppError {
  return new AppError(
    'failed-precondition',
    'error.typeInUse',
    lang,
    { count: inUse },
    {
      inUse,
      problems: [{ path: 'reassignTo', code: 'typeInUse', message: problemMessage(lang, 'typeInUse', { count: inUse }), params: { count: inUse } }],
    },
  );
}

/**
 * Deletes a type. A type in use is not deleted silently: without `reassignTo` it fails with
 * `failed-precondition` and the number of customers; with it (`''`: no type), they move first, a
 * batch per transaction that reads them in it (an edit made meanwhile is kept, not overwritten), with
 * a history entry each. The transaction that finds the type unused (or, moving, fewer customers than
 * a batch) deletes it: a customer given the type after the count makes it fail (without
 * `reassignTo`) or is moved too. `saveCustomer` reads the type in its own transaction, so it cannot
 * give a customer a type that is being deleted.
 */
export async function deleteCustomerType({ db }: Deps, caller: ChainCaller, input: DeleteCustomerTypeInput): Promise<{ deleted: true; reassigned: number }> {
  const types = customerTypesOf(db, caller.chainId);
  const ref = types.doc(input.typeId);
  if (!(await ref.get()).exists) throw new AppError('not-found', 'error.noSuchCustomerType', caller.lang);
  const inUse = await usage(db, caller.chainId, input.typeId);
  if (inUse > 0 && input.reassignTo === undefined) throw inUseError(inUse, caller.lang);
  if (input.reassignTo === input.typeId) throw fieldError('invalid-argument', 'reassignTo', 'sameType', caller.lang);
  const target = input.reassignTo ? types.doc(input.reassignTo) : null;
  if (target && !(await target.get()).exists) throw fieldError('invalid-argument', 'reassignTo', 'unknownType', caller.lang);

  const ofType = customersOf(db, caller.chainId).where('customerTypeId', '==', input.typeId);
  let reassigned = 0;
  // Each transaction moves a batch; the one that finds fewer left than a batch (none, without
  // `reassignTo`) also deletes the type. The query is read in the transaction, so a customer given
  // the type meanwhile is either in the batch or makes the transaction retry.
  for (;;) {
    const outcome = await db.runTransaction(async (tx) => {
      const limit = input.reassignTo === undefined ? 1 : REASSIGN_BATCH;
      const [snap, batch, targetSnap] = await Promise.all([tx.get(ref), tx.get(ofType.limit(limit)), target ? tx.get(target) : Promise.resolve(null)]);
      if (!snap.exists) throw new AppError('not-found', 'error.noSuchCustomerType', caller.lang);
      if (input.reassignTo === undefined) {
        // Given to a customer since the count: refuse.
        if (!batch.empty) throw inUseError(await usage(db, caller.chainId, input.typeId), caller.lang);
      } else {
        if (targetSnap && !targetSnap.exists) throw fieldError('invalid-argument', 'reassignTo', 'unknownType', caller.lang);
        for (const doc of batch.docs) moveCustomer(tx, db, caller, { id: doc.id, doc: doc.data() }, input.reassignTo);
      }
      const done = batch.size < limit || input.reassignTo === undefined;
      if (done) {
        tx.delete(ref);
        audit(tx, db, caller.chainId, {
          action: 'customerType.delete',
          actorUid: caller.uid,
          target: { kind: 'customerType', id: input.typeId },
          details: { reassigned: reassigned + batch.size, reassignTo: input.reassignTo ?? null },
        });
      }
      return { moved: input.reassignTo === undefined ? 0 : batch.size, done };
    });
    reassigned += outcome.moved;
    if (outcome.done) break;
  }
  return { deleted: true, reassigned };
}

export async function setCustomFields({ db }: Deps, caller: ChainCaller, input: { fields: { key: string; label: string }[] }): Promise<{ count: number }> {
  const keys = input.fields.map((f) => f.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw fieldError('invalid-argument', `fields.${keys.lastIndexOf(dup)}.key`, 'duplicateKey', caller.lang);
  const batch = db.batch();
  batch.update(chainRef(db, caller.chainId), { customFields: input.fields });
  audit(batch, db, caller.chainId, { action: 'chain.customFields', actorUid: caller.uid, details: { keys } });
  await batch.commit();
  return { count: input.fields.length };
}
