// saveCustomer: create or update one customer, from the back office or the point of sale.
import type { DocumentReference, DocumentSnapshot, Firestore, Transaction } from 'firebase-admin/firestore';
import type { CustomerFields, SaveCustomerInput } from '../model/customer';
import type { CustomFieldDef } from '../model/customerType';
import type { Lang } from '../model/lang';
import type { ChainCaller } from '../common/callable';
import { AppError, fieldError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { requireLocation } from '../common/locations';
import { callerSeesContact } from '../common/access';
import { keepStoredContact } from '../model/contact';
import { chainSettings } from '../common/settings';
import type { FieldProblem } from '../model/issues';
import { message } from '../model/messages';
import { parsePhones, type PhoneWarning } from '../model/phone';
import { customerSaved } from '../logs';
import { applyCustomerWrite, contactKeys, isNoop, planCustomerWrite, readCustomer, readLookups } from '../store/customers';
import { chainRef, customersOf, customerTypesOf, lookupRef } from '../store/refs';

/**
 * Custom fields must be defined by the chain; the type must exist. Errors name `customer.<field>`.
 * A field the chain removed since the customer was saved (`stored`: the customer's stored custom
 * fields) may be kept as it is or cleared (omitted or empty), never given a new value; cleared, it
 * leaves the profile. Returns the fields to write.
 */
export async function checkChainReferences(
  db: Firestore,
  chainId: string,
  fields: CustomerFields,
  lang: Lang,
  prefix = 'customer',
  stored: Record<string, string> = {},
): Promise<CustomerFields> {
  const defs = ((await chainRef(db, chainId).get()).get('customFields') ?? []) as CustomFieldDef[];
  const known = new Set(defs.map((d) => d.key));
  const customFields: Record<string, string> = {};
  for (const [key, value] of Object.entries(fields.customFields)) {
    if (!known.has(key) && value !== '' && value !== stored[key]) {
      throw fieldError('invalid-argument', `${prefix}.customFields.${key}`, 'unknownCustomField', lang);
    }
    if (known.has(key) || value !== '') customFields[key] = value;
  }
  if (fields.customerTypeId && !(await customerTypesOf(db, chainId).doc(fields.customerTypeId).get()).exists) {
    throw fieldError('invalid-argument', `${prefix}.customerTypeId`, 'unknownType', lang);
  }
  return { ...fields, customFields };
}

export interface DuplicateMatch {
  customerId: string;
  firstName: string;
  lastName: string;
  matched: ('email' | 'phone')[];
}

/**
 * Customers of the chain sharing an email (case-insensitive) or a normalized phone with `fields`.
 * Given a transaction, reads through it: the key documents read stay locked until it commits.
 */
export async function findContactDuplicates(
  db: Firestore,
  chainId: string,
  fields: CustomerFields,
  exceptId?: string,
  tx?: Transaction,
): Promise<DuplicateMatch[]> {
  const getAll = async (refs: DocumentReference[]): Promise<DocumentSnapshot[]> => (refs.length === 0 ? [] : tx ? tx.getAll(...refs) : db.getAll(...refs));
  const keys = [...new Set(contactKeys(fields))];
  const keySnaps = await getAll(keys.map((key) => lookupRef(db, chainId, key)));
  const matched = new Map<string, Set<'email' | 'phone'>>();
  for (const [i, key] of keys.entries()) {
    for (const id of (keySnaps[i]!.get('ids') as string[] | undefined) ?? []) {
      if (id === exceptId) continue;
      if (!matched.has(id)) matched.set(id, new Set());
      matched.get(id)!.add(key.startsWith('e:') ? 'email' : 'phone');
    }
  }
  const ids = [...matched.keys()].slice(0, 10);
  if (ids.length === 0) return [];
  const docs = await getAll(ids.map((id) => customersOf(db, chainId).doc(id)));
  return docs
    .filter((d) => d.exists)
    .map((d) => ({ customerId: d.id, firstName: String(d.get('firstName')), lastName: String(d.get('lastName')), matched: [...matched.get(d.id)!].sort() }));
}

/** A phone kept as typed, said as a field problem of `prefix.phones.<kind>` that does not stop the save. */
export function phoneWarnings(warnings: PhoneWarning[], lang: Lang, prefix = 'customer'): FieldProblem[] {
  return warnings.map((w) => ({
    path: `${prefix}.${w.field}`,
    code: w.key.slice('problem.'.length),
    message: message(lang, w.key, w.params),
    params: w.params,
  }));
}

export async function saveCustomer(
  { db }: Deps,
  caller: ChainCaller,
  input: SaveCustomerInput,
): Promise<{ customerId: string; version: number; changed: boolean; warnings: FieldProblem[] }> {
  const customerId = input.customerId ?? customersOf(db, caller.chainId).doc().id;
  const meta = { by: caller.uid, source: input.source, locationId: input.locationId ?? null };
  // Phones are read with the chain's country: stored in E.164, or kept as typed with a warning.
  const { country } = await chainSettings(db, caller.chainId);
  const { phones, warnings } = parsePhones(input.customer.phones, country);
  const typed: CustomerFields = { ...input.customer, phones };

  const result = await db.runTransaction(async (tx) => {
    const [stored, seesContact] = await Promise.all([
      readCustomer(db, caller.chainId, customerId, tx),
      callerSeesContact(db, caller.chainId, caller.member.role, tx),
    ]);
    const before = stored?.doc ?? null;
    // Staff who may not see contact details do not change them (their form does not show them), nor
    // does a save from a form that did not show them (the setting may have changed since it loaded).
    const keep = input.customerId !== undefined && (!seesContact || input.keepContact);
    const given = keep ? keepStoredContact(typed, before) : typed;
    // Kept contact details were not read from this input: nothing to warn about.
    const said = keep ? [] : phoneWarnings(warnings, caller.lang);
    // Checked against what is stored: a custom field the chain removed may keep its value or be cleared.
    const fields = await checkChainReferences(db, caller.chainId, given, caller.lang, 'customer', input.customerId ? before?.customFields : {});
    await requireLocation(tx, db, caller.chainId, input.locationId, caller.lang);
    // Read again in the transaction: a type deleted meanwhile (see deleteCustomerType) is refused.
    if (fields.customerTypeId && !(await tx.get(customerTypesOf(db, caller.chainId).doc(fields.customerTypeId))).exists) {
      throw fieldError('invalid-argument', 'customer.customerTypeId', 'unknownType', caller.lang);
    }
    if (!input.customerId && !input.confirmDuplicate) {
      // Checked in the transaction: two simultaneous creations with the same email both read its
      // key document, and only one can commit; the other is retried and finds the first one.
      const duplicates = await findContactDuplicates(db, caller.chainId, fields, undefined, tx);
      const first = duplicates[0];
      if (first) {
        throw new AppError(
          'already-exists',
          'error.duplicateCustomer',
          caller.lang,
          { matched: first.matched.join(','), firstName: first.firstName, lastName: first.lastName, customerId: first.customerId },
          { duplicates },
        );
      }
    }
    if (input.customerId) {
      if (!before) throw new AppError('not-found', 'error.noSuchCustomer', caller.lang);
      if (before.mergedInto) throw fieldError('failed-precondition', 'customerId', 'customerMerged', caller.lang);
      if (before.version !== input.expectedVersion) {
        throw new AppError(
          'aborted',
          'error.customerChanged',
          caller.lang,
          {},
          {
            currentVersion: before.version,
            expectedVersion: input.expectedVersion,
          },
        );
      }
    }
    const plan = planCustomerWrite(customerId, before, fields, input.consent, meta);
    if (isNoop(plan, before)) return { customerId, version: before!.version, changed: false, warnings: said };
    const lookups = await readLookups(
      tx,
      db,
      caller.chainId,
      plan.lookupBefore.filter((k) => !plan.lookupAfter.includes(k)),
    );
    applyCustomerWrite(tx, db, caller.chainId, plan, before, { lookups });
    return { customerId, version: plan.version, changed: true, warnings: said };
  });
  customerSaved(caller.chainId, result.customerId, caller.uid, input.customerId ? 'update' : 'create', input.source);
  return result;
}
