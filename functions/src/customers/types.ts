// Customer types (Student, Employee, VIP…) and the chain's custom fields (shoe size…).
import { FieldValue, type Firestore } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../model/customer';
import type { DeleteCustomerTypeInput, SaveCustomerTypeInput } from '../model/customerType';
import { chainRef } from '../common/access';
import { audit } from '../common/audit';
import type { ChainCaller } from '../common/callable';
import { AppError, fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { customersOf, customerTypesOf } from './refs';
import { applyCustomerWrite, fieldsOf, planCustomerWrite } from './write';

export async function saveCustomerType({ db }: Deps, caller: ChainCaller, input: SaveCustomerTypeInput): Promise<{ typeId: string }> {
  const types = customerTypesOf(db, caller.chainId);
  const ref = input.typeId ? types.doc(input.typeId) : types.doc();
  await db.runTransaction(async (tx) => {
    const [snap, sameName] = await Promise.all([tx.get(ref), tx.get(types.where('nameKey', '==', input.name.toLowerCase()).limit(2))]);
    if (input.typeId && !snap.exists) throw new AppError('not-found', 'No such customer type.');
    if (sameName.docs.some((d) => d.id !== ref.id)) throw fieldError('already-exists', 'name', 'typeNameTaken', caller.lang);
    const data = {
      name: input.name,
      nameKey: input.name.toLowerCase(),
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
 * Deletes a type. A type in use is not deleted silently: without `reassignTo` it fails with
 * `failed-precondition` and the number of customers; with it, they move first (history records it).
 */
export async function deleteCustomerType(
  { db }: Deps,
  caller: ChainCaller,
  input: DeleteCustomerTypeInput,
): Promise<{ deleted: true; reassigned: number }> {
  const types = customerTypesOf(db, caller.chainId);
  const ref = types.doc(input.typeId);
  if (!(await ref.get()).exists) throw new AppError('not-found', 'No such customer type.');
  const inUse = await usage(db, caller.chainId, input.typeId);
  if (inUse > 0 && input.reassignTo === undefined) {
    throw new AppError('failed-precondition', `${inUse} customer(s) have this type: choose a type to give them instead, or none.`, {
      inUse,
      problems: [{ path: 'reassignTo', code: 'typeInUse', message: `${inUse} customer(s) have this type`, params: { count: inUse } }],
    });
  }
  if (input.reassignTo === input.typeId) throw fieldError('invalid-argument', 'reassignTo', 'sameType', caller.lang);
  if (input.reassignTo && !(await types.doc(input.reassignTo).get()).exists) {
    throw fieldError('invalid-argument', 'reassignTo', 'unknownType', caller.lang);
  }

  let reassigned = 0;
  if (inUse > 0) {
    const writer = db.bulkWriter();
    const customers = customersOf(db, caller.chainId).where('customerTypeId', '==', input.typeId);
    for await (const doc of customers.stream() as AsyncIterable<FirebaseFirestore.QueryDocumentSnapshot>) {
      const before = doc.data() as CustomerDoc;
      const plan = planCustomerWrite(doc.id, before, { ...fieldsOf(before), customerTypeId: input.reassignTo ?? '' }, {}, { by: caller.uid, source: 'backoffice' });
      applyCustomerWrite(writer, db, caller.chainId, doc.ref, plan, before);
      reassigned++;
    }
    await writer.close();
  }
  const batch = db.batch();
  batch.delete(ref);
  audit(batch, db, caller.chainId, {
    action: 'customerType.delete',
    actorUid: caller.uid,
    target: { kind: 'customerType', id: input.typeId },
    details: { reassigned, reassignTo: input.reassignTo ?? null },
  });
  await batch.commit();
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
