// Visits at the till, part of the customer's write path: a check-in writes, in the transaction that
// read the customer, the visit document, the customer's visit summary (count, first and last visit,
// per-location counts, the visit still open at each location) with a new version, its index row
// (whose keys make the visit segments, model/visits.ts) and the chain's counters of the day (one of
// STATS_SHARDS shards, incremented without being read, so concurrent tills do not contend on them).
// An undo takes all of it back. Merges add a profile's visit summary to the kept one and an undo of
// the merge takes it away again (mergeVisits, unmergedVisits).
import { FieldValue, Timestamp, type Firestore, type Transaction } from 'firebase-admin/firestore';
import type { CustomerDoc } from '../../model/customer';
import { statsId, STATS_SHARDS, type VisitSource, type VisitSummary } from '../../model/visits';
import { localDay, segmentState, type SegmentClock } from '../../model/segments';
import { customerIndexOf, customerRef, statsOf, visitsOf, type VisitDoc } from '../refs';
import { indexDoc } from './indexDoc';
import { currentRowId } from './rowIds';
import type { Stored } from './write';
import type { CustomerWritePlan } from './plan';
import type { CustomerFields } from '../../model/customer';
import type { QueryShape } from '../../model/queryShape';

/** Checked by `npm run deploy:check`: a customer's latest and earliest visits (single-field order, no composite index). */
export const QUERIES: QueryShape[] = [
  { name: 'visits: latest of a customer', collection: 'visits', orderBy: [{ field: 'at', direction: 'desc' }] },
  { name: 'visits: earliest of a customer', collection: 'visits', orderBy: [{ field: 'at' }] },
];

/** The customer's earliest and latest visits other than `exceptId` (ms), read in the transaction. */
export async function otherVisits(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customerId: string,
  exceptId: string | null,
): Promise<{ earliestMs: number | null; latestMs: number | null }> {
  const visits = visitsOf(db, chainId, customerId);
  const [latest, earliest] = await Promise.all([tx.get(visits.orderBy('at', 'desc').limit(2)), tx.get(visits.orderBy('at').limit(2))]);
  const pick = (docs: typeof latest.docs) => millisOf(docs.find((d) => d.id !== exceptId)?.data().at);
  return { earliestMs: pick(earliest.docs), latestMs: pick(latest.docs) };
}

/** A planned write of the kept profile of a merge, with the merged visit summary (customer and index row). */
export function withVisits(
  plan: CustomerWritePlan,
  fields: CustomerFields,
  cardCodes: string[],
  createdDay: string,
  summary: VisitSummary,
  clock: SegmentClock,
): void {
  const segments = segmentState(summary, clock);
  Object.assign(plan.doc, visitFields(summary), { segments });
  plan.indexData = { ...indexDoc(plan.customerId, fields, cardCodes, createdDay, summary, segments), version: plan.version };
  // The row is rebuilt here (visits and cards of both profiles): always written.
  plan.rowUnchanged = false;
}

export function millisOf(t: unknown): number | null {
  return t && typeof (t as Timestamp).toMillis === 'function' ? (t as Timestamp).toMillis() : null;
}

/** The visit summary of a stored customer (none recorded: zero visits). */
export function visitSummaryOf(doc: Partial<CustomerDoc>): VisitSummary {
  return {
    visits: doc.visits ?? 0,
    firstVisitMs: millisOf(doc.firstVisitAt),
    lastVisitMs: millisOf(doc.lastVisitAt),
    byLocation: { ...(doc.visitsByLocation ?? {}) },
  };
}

/** The customer's fields holding a visit summary. */
export function visitFields(v: VisitSummary): Record<string, unknown> {
  return {
    visits: v.visits,
    firstVisitAt: v.firstVisitMs === null ? null : Timestamp.fromMillis(v.firstVisitMs),
    lastVisitAt: v.lastVisitMs === null ? null : Timestamp.fromMillis(v.lastVisitMs),
    visitsByLocation: v.byLocation,
  };
}

/** The open visit of the customer at the location, if it started less than `windowMs` ago. */
export function openVisit(doc: CustomerDoc, locationId: string, nowMs: number, windowMs: number): { id: string; atMs: number } | null {
  const open = doc.openVisits?.[locationId];
  const atMs = millisOf(open?.at);
  if (!open || atMs === null || nowMs - atMs >= windowMs || atMs > nowMs + 60_000) return null;
  return { id: open.id, atMs };
}

function writeSummary(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customer: Stored,
  summary: VisitSummary,
  openVisits: CustomerDoc['openVisits'],
  by: string,
  clock: SegmentClock,
): number {
  const version = customer.doc.version + 1;
  const segments = segmentState(summary, clock);
  tx.update(customerRef(db, chainId, customer.id), {
    ...visitFields(summary),
    segments,
    openVisits: openVisits ?? {},
    visitVersions: (customer.doc.visitVersions ?? 0) + 1,
    version,
    updatedAt: FieldValue.serverTimestamp(),
    updatedBy: by,
  });
  tx.set(customerIndexOf(db, chainId).doc(currentRowId(customer.doc, customer.id)), {
    ...indexDoc(customer.id, customer.doc, customer.doc.cardCodes ?? [], customer.doc.createdDay, summary, segments),
    version,
  });
  return version;
}

function countStats(tx: Transaction, db: Firestore, chainId: string, day: string, shard: number, locationId: string, delta: 1 | -1, first: boolean): void {
  tx.set(
    statsOf(db, chainId).doc(statsId(day, shard)),
    {
      day,
      checkIns: FieldValue.increment(delta),
      byLocation: { [locationId]: FieldValue.increment(delta) },
      firstVisits: FieldValue.increment(first ? delta : 0),
    },
    { merge: true },
  );
}

export interface NewVisit {
  locationId: string;
  source: VisitSource;
  by: string;
  atMs: number;
}

/**
 * A new visit of a customer read in this transaction (not merged away), counted on the day of the
 * chain's time zone (`clock`). Returns its id and the customer's version.
 */
export function applyCheckIn(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customer: Stored,
  visit: NewVisit,
  clock: SegmentClock,
): { visitId: string; visits: number } {
  const before = visitSummaryOf(customer.doc);
  const ref = visitsOf(db, chainId, customer.id).doc();
  const shard = Math.floor(Math.random() * STATS_SHARDS);
  const day = localDay(visit.atMs, clock.timeZone);
  const first = before.visits === 0 && before.firstVisitMs === null;
  const doc: VisitDoc = {
    locationId: visit.locationId,
    source: visit.source,
    by: visit.by,
    at: Timestamp.fromMillis(visit.atMs),
    day,
    shard,
    first,
    prevLastVisitMs: before.lastVisitMs,
  };
  tx.create(ref, doc);
  const summary: VisitSummary = {
    visits: before.visits + 1,
    firstVisitMs: before.firstVisitMs === null || visit.atMs < before.firstVisitMs ? visit.atMs : before.firstVisitMs,
    lastVisitMs: before.lastVisitMs === null || visit.atMs > before.lastVisitMs ? visit.atMs : before.lastVisitMs,
    byLocation: { ...before.byLocation, [visit.locationId]: (before.byLocation[visit.locationId] ?? 0) + 1 },
  };
  writeSummary(tx, db, chainId, customer, summary, { ...customer.doc.openVisits, [visit.locationId]: { id: ref.id, at: doc.at } }, visit.by, clock);
  countStats(tx, db, chainId, day, shard, visit.locationId, 1, first);
  return { visitId: ref.id, visits: summary.visits };
}

/**
 * Takes a visit back (read in this transaction, with the customer, and `latest`: the customer's
 * most recent other visit, if any). Counts, first and last visit, the open visit and the day's
 * counters go back to what they were without it.
 */
export function applyUndoCheckIn(
  tx: Transaction,
  db: Firestore,
  chainId: string,
  customer: Stored,
  visit: { id: string; doc: VisitDoc },
  others: { earliestMs: number | null; latestMs: number | null },
  by: string,
  clock: SegmentClock,
): number {
  const before = visitSummaryOf(customer.doc);
  const atMs = millisOf(visit.doc.at) ?? 0;
  const loc = visit.doc.locationId;
  const visits = Math.max(0, before.visits - 1);
  const byLocation = { ...before.byLocation, [loc]: Math.max(0, (before.byLocation[loc] ?? 0) - 1) };
  if (!byLocation[loc]) delete byLocation[loc];
  const lastVisitMs = before.lastVisitMs === atMs ? (others.latestMs ?? visit.doc.prevLastVisitMs) : before.lastVisitMs;
  const summary: VisitSummary = {
    visits,
    firstVisitMs: visits === 0 ? null : visit.doc.first ? (others.earliestMs ?? before.firstVisitMs) : before.firstVisitMs,
    lastVisitMs: visits === 0 ? null : lastVisitMs,
    byLocation,
  };
  const openVisits = { ...customer.doc.openVisits };
  if (openVisits[loc]?.id === visit.id) delete openVisits[loc];
  tx.delete(visitsOf(db, chainId, customer.id).doc(visit.id));
  const version = writeSummary(tx, db, chainId, customer, summary, openVisits, by, clock);
  countStats(tx, db, chainId, visit.doc.day, visit.doc.shard, loc, -1, visit.doc.first);
  return version;
}

/** The kept profile's visit summary after a merge: counts added, the earlier first and the later last visit. */
export function mergeVisits(keep: CustomerDoc, other: CustomerDoc): VisitSummary {
  const a = visitSummaryOf(keep);
  const b = visitSummaryOf(other);
  const byLocation = { ...a.byLocation };
  for (const [loc, n] of Object.entries(b.byLocation)) byLocation[loc] = (byLocation[loc] ?? 0) + n;
  const pick = (x: number | null, y: number | null, f: (p: number, q: number) => number) => (x === null ? y : y === null ? x : f(x, y));
  return {
    visits: a.visits + b.visits,
    firstVisitMs: pick(a.firstVisitMs, b.firstVisitMs, Math.min),
    lastVisitMs: pick(a.lastVisitMs, b.lastVisitMs, Math.max),
    byLocation,
  };
}

/**
 * The kept profile's visit summary when a merge is undone: as before the merge, plus the visits
 * made since (`current` minus both profiles' summaries at the merge). `firstSinceMs`: the kept
 * profile's earliest own visit, for a profile that had none before the merge.
 */
export function unmergedVisits(current: CustomerDoc, keepBefore: CustomerDoc, mergedBefore: CustomerDoc, firstSinceMs: number | null): VisitSummary {
  const now = visitSummaryOf(current);
  const was = visitSummaryOf(keepBefore);
  const atMerge = mergeVisits(keepBefore, mergedBefore);
  const since = Math.max(0, now.visits - atMerge.visits);
  const byLocation = { ...was.byLocation };
  for (const [loc, n] of Object.entries(now.byLocation)) {
    const added = n - (atMerge.byLocation[loc] ?? 0);
    if (added > 0) byLocation[loc] = (byLocation[loc] ?? 0) + added;
  }
  return {
    visits: was.visits + since,
    firstVisitMs: was.firstVisitMs ?? (since > 0 ? firstSinceMs : null),
    lastVisitMs: since > 0 ? now.lastVisitMs : was.lastVisitMs,
    byLocation,
  };
}
