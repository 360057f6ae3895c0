// A customer's history: what changed, when, by whom and from where (`customers/{id}/history`),
// and the consent log (`customers/{id}/consentLog`). Both go with the customer on erasure.
import type { DocumentReference, Firestore, Timestamp } from 'firebase-admin/firestore';
import { FIELD_ORDER, type CustomerFields } from '../model/customer';
import { chainRef } from '../common/access';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { customersOf } from './refs';
import type { QueryShape } from '../model/queryShape';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

type Flat = Record<string, unknown>;

function flatten(c: Partial<CustomerFields>): Flat {
  const out: Flat = {};
  for (const field of FIELD_ORDER) {
    const value = c[field];
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) out[`${field}.${k}`] = v;
    } else {
      out[field] = value;
    }
  }
  return out;
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** Field-by-field differences, with dotted paths for nested fields (`phones.mobile`, `address.city`). */
export function diffCustomer(before: Partial<CustomerFields> | null, after: Partial<CustomerFields>): FieldChange[] {
  const a = before ? flatten(before) : {};
  const b = flatten(after);
  const changes: FieldChange[] = [];
  for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[field];
    const y = b[field];
    if (empty(x) && empty(y)) continue;
    if (JSON.stringify(x) !== JSON.stringify(y)) changes.push({ field, before: x ?? null, after: y ?? null });
  }
  return changes;
}

export function historyRef(customer: DocumentReference): DocumentReference {
  return customer.collection('history').doc();
}

export function consentLogRef(customer: DocumentReference): DocumentReference {
  return customer.collection('consentLog').doc();
}

function iso(t: unknown): string | null {
  return t && typeof (t as Timestamp).toDate === 'function' ? (t as Timestamp).toDate().toISOString() : null;
}

/**
 * The history and consent log, with `people` (uid -> the member's name, for the entries' `by` and
 * the customer's `createdBy`/`updatedBy`) and `places` (location id -> name): staff may not read
 * the member list, yet the detail page says who did what, and where.
 */
export async function getCustomerHistory(
  { db }: Deps,
  caller: ChainCaller,
  input: { customerId: string; limit: number },
): Promise<{ history: unknown[]; consentLog: unknown[]; people: Record<string, string>; places: Record<string, string> }> {
  const [result, customer] = await Promise.all([
    readHistory(db, caller.chainId, input.customerId, input.limit),
    customersOf(db, caller.chainId).doc(input.customerId).get(),
  ]);
  const entries = [...result.history, ...result.consentLog] as { by?: unknown; locationId?: unknown }[];
  const ids = (values: unknown[]) => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '' && !v.includes('/')))];
  const uids = ids([...entries.map((e) => e.by), customer.get('createdBy'), customer.get('updatedBy')]);
  const locationIds = ids(entries.map((e) => e.locationId));
  const chain = chainRef(db, caller.chainId);
  const [members, locations] = await Promise.all([
    uids.length ? db.getAll(...uids.map((uid) => chain.collection('members').doc(uid))) : [],
    locationIds.length ? db.getAll(...locationIds.map((id) => chain.collection('locations').doc(id))) : [],
  ]);
  const named = (snaps: FirebaseFirestore.DocumentSnapshot[], field: string) =>
    Object.fromEntries(snaps.filter((d) => d.exists && d.get(field)).map((d) => [d.id, String(d.get(field))]));
  return { ...result, people: named(members, 'displayName'), places: named(locations, 'name') };
}

/** Latest history and consent entries first (checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: 'history: latest entries', collection: 'history', orderBy: [{ field: 'at', direction: 'desc' }] },
  { name: 'history: latest consent entries', collection: 'consentLog', orderBy: [{ field: 'at', direction: 'desc' }] },
];

export async function readHistory(db: Firestore, chainId: string, customerId: string, limit: number) {
  const ref = customersOf(db, chainId).doc(customerId);
  const [customer, history, consent] = await Promise.all([
    ref.get(),
    ref.collection('history').orderBy('at', 'desc').limit(limit).get(),
    ref.collection('consentLog').orderBy('at', 'desc').limit(limit).get(),
  ]);
  if (!customer.exists) throw new AppError('not-found', 'No such customer.');
  // A merge entry says whether it can still be undone (not undone yet, within 30 days), so the
  // client offers undo only then. Whether a profile changed since is checked by the undo itself.
  const mergeIds = [...new Set(history.docs.filter((d) => d.get('action') === 'merge' && d.get('mergeId')).map((d) => String(d.get('mergeId'))))];
  const records = mergeIds.length ? await db.getAll(...mergeIds.map((id) => chainRef(db, chainId).collection('merges').doc(id))) : [];
  const undoable = new Set(
    records.filter((r) => r.exists && !r.get('undoneAt') && ((r.get('undoUntil') as Timestamp | undefined)?.toMillis() ?? 0) > Date.now()).map((r) => r.id),
  );
  return {
    history: history.docs.map((d) => ({
      id: d.id,
      ...d.data(),
      at: iso(d.get('at')),
      ...(d.get('action') === 'merge' ? { canUndo: undoable.has(String(d.get('mergeId'))) } : {}),
    })),
    consentLog: consent.docs.map((d) => ({ id: d.id, ...d.data(), at: iso(d.get('at')) })),
  };
}
