// A customer's history: what changed, when, by whom and from where (`customers/{id}/history`),
// and the consent log (`customers/{id}/consentLog`). Both go with the customer on erasure.
import type { ConsentItem, HistoryItem, HistoryResult } from '../model/callables';
import type { DocumentSnapshot, Firestore, Timestamp } from 'firebase-admin/firestore';
import type { Lang } from '../model/lang';
import type { ChainCaller } from '../common/callable';
import { AppError } from '../common/errors';
import type { Deps } from '../common/firebase';
import { consentLogOf, customerRef, historyOf, locationsOf, membersOf, mergesOf } from '../store/refs';
import type { QueryShape } from '../model/queryShape';
import { callerSeesContact } from '../common/access';
import { changesWithoutContact } from '../model/contact';
import type { FieldChange } from '../model/customerDiff';

/** Latest history and consent entries first (checked by `npm run deploy:check`). */
export const QUERIES: QueryShape[] = [
  { name: 'history: latest entries', collection: 'history', orderBy: [{ field: 'at', direction: 'desc' }] },
  { name: 'history: latest consent entries', collection: 'consentLog', orderBy: [{ field: 'at', direction: 'desc' }] },
];

function iso(t: unknown): string | null {
  return t && typeof (t as Timestamp).toDate === 'function' ? (t as Timestamp).toDate().toISOString() : null;
}

/**
 * The history and consent log, with `people` (uid -> the member's name, for the entries' `by` and
 * the customer's `createdBy`/`updatedBy`) and `places` (location id -> name): staff may not read
 * the member list, yet the detail page says who did what, and where.
 */
export async function getCustomerHistory({ db }: Deps, caller: ChainCaller, input: { customerId: string; limit: number }): Promise<HistoryResult> {
  const [read, customer, seesContact] = await Promise.all([
    readHistory(db, caller.chainId, input.customerId, input.limit, caller.lang),
    customerRef(db, caller.chainId, input.customerId).get(),
    callerSeesContact(db, caller.chainId, caller.member.role),
  ]);
  // Staff of a chain that keeps contact details from them see which contact field changed, not its values.
  const result = seesContact
    ? read
    : { ...read, history: read.history.map((e) => ({ ...e, changes: changesWithoutContact((e as { changes?: FieldChange[] }).changes ?? []) })) };
  const entries = [...result.history, ...result.consentLog] as { by?: unknown; locationId?: unknown }[];
  const ids = (values: unknown[]) => [...new Set(values.filter((v): v is string => typeof v === 'string' && v !== '' && !v.includes('/')))];
  const uids = ids([...entries.map((e) => e.by), customer.get('createdBy'), customer.get('updatedBy')]);
  const locationIds = ids(entries.map((e) => e.locationId));
  const [members, locations] = await Promise.all([
    uids.length ? db.getAll(...uids.map((uid) => membersOf(db, caller.chainId).doc(uid))) : [],
    locationIds.length ? db.getAll(...locationIds.map((id) => locationsOf(db, caller.chainId).doc(id))) : [],
  ]);
  const named = (snaps: DocumentSnapshot[], field: string) =>
    Object.fromEntries(snaps.filter((d) => d.exists && d.get(field)).map((d) => [d.id, String(d.get(field))]));
  // The stored entries (store/refs.ts), their dates as ISO strings: the shape HistoryItem describes.
  const history = result.history as unknown as HistoryItem[];
  const consentLog = result.consentLog as unknown as ConsentItem[];
  return { history, consentLog, people: named(members, 'displayName'), places: named(locations, 'name') };
}

export async function readHistory(db: Firestore, chainId: string, customerId: string, limit: number, lang: Lang = 'en') {
  const [customer, history, consent] = await Promise.all([
    customerRef(db, chainId, customerId).get(),
    historyOf(db, chainId, customerId).orderBy('at', 'desc').limit(limit).get(),
    consentLogOf(db, chainId, customerId).orderBy('at', 'desc').limit(limit).get(),
  ]);
  if (!customer.exists) throw new AppError('not-found', 'error.noSuchCustomer', lang);
  // A merge entry says whether it can still be undone (not undone yet, within 30 days), so the
  // client offers undo only then. Whether a profile changed since is checked by the undo itself.
  const mergeIds = [...new Set(history.docs.filter((d) => d.get('action') === 'merge' && d.get('mergeId')).map((d) => String(d.get('mergeId'))))];
  const records = mergeIds.length ? await db.getAll(...mergeIds.map((id) => mergesOf(db, chainId).doc(id))) : [];
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
