// Keeps the visit segments of the index rows exact as days pass and settings change, part of the
// write path (model/segments.ts says why the rows hold `~seg:` keys and the chain a stamp).
//
// A refresh of a chain, run hourly (and safe to run at any time, from several places at once):
// when the chain's stamp is today's with the current label, nothing. Otherwise it finds the rows
// whose segments may have changed, by equality: after days passed, rows whose last visit was
// lapsedDays ago and whose first visit was newDays ago on each of those days, and rows keyed for
// another label (an import that ran while the settings changed); after a change of thresholds or
// time zone, or on a chain never stamped, every row with a visit. Each is re-keyed in a transaction
// that reads the customer (its `segments` and row rebuilt from its visit summary; its version is
// unchanged: no field a person edits changes). Then the stamp is written, in a transaction that
// checks the settings did not change meanwhile. Until then searches use the block keys (exact).
import { FieldPath, type Firestore, type Query } from 'firebase-admin/firestore';
import { resolveSettings, type ChainSettings } from '../../model/chain';
import type { QueryShape } from '../../model/queryShape';
import { dayIndex, sameState, segmentState, stampFresh, stampOf, stateKey, transitionDays, type SegmentClock, type SegmentStamp } from '../../model/segments';
import { chainRef, customerIndexOf, customerRef } from '../refs';
import { indexDoc } from './indexDoc';
import { currentRowId } from './rowIds';
import { readCustomer } from './read';
import { visitSummaryOf } from './visits';

/** Checked by `npm run deploy:check`: single-field equalities and one inequality, no composite index. */
export const QUERIES: QueryShape[] = [
  { name: 'segments: rows with a visit day or a count block', collection: 'customerIndex', where: [{ field: 'k.*', op: '==' }] },
  { name: 'segments: rows keyed for another label', collection: 'customerIndex', where: [{ field: 'sl', op: '!=' }] },
];

/** A search's view of the chain: thresholds, time zone, now, and the rows' stamp. */
export interface SegmentContext {
  settings: SegmentClock['settings'];
  nowMs: number;
  timeZone?: string;
  stamp?: SegmentStamp | null;
}

/** Days of transitions a refresh applies one by one; a longer gap re-keys every row with a visit. */
const MAX_GAP_DAYS = 62;
/** Transactions in flight at once. */
const PARALLEL = 8;

/** The chain's segment context, read from the chain document (settings and stamp in one read). */
export async function readSegmentContext(db: Firestore, chainId: string, nowMs = Date.now()): Promise<Required<SegmentContext>> {
  const snap = await chainRef(db, chainId).get();
  const settings = resolveSettings(snap.get('settings') as ChainSettings | undefined);
  return { settings: settings.visits, timeZone: settings.timeZone, nowMs, stamp: (snap.get('segmentKeys') as SegmentStamp | undefined) ?? null };
}

/** Re-keys one customer's row at the clock (in a transaction); true when something changed. */
export async function rekeyCustomer(db: Firestore, chainId: string, customerId: string, clock: SegmentClock): Promise<boolean> {
  return db.runTransaction(async (tx) => {
    const customer = await readCustomer(db, chainId, customerId, tx);
    if (!customer || customer.doc.mergedInto) return false;
    const { doc } = customer;
    const summary = visitSummaryOf(doc);
    const state = segmentState(summary, clock);
    if (sameState(state, doc.segments ?? null)) return false;
    tx.update(customerRef(db, chainId, customerId), { segments: state });
    tx.set(customerIndexOf(db, chainId).doc(currentRowId(doc, customerId)), {
      ...indexDoc(customerId, doc, doc.cardCodes ?? [], doc.createdDay, summary, state),
      version: doc.version,
    });
    return true;
  });
}

async function idsOf(queries: Query[]): Promise<string[]> {
  const ids = new Set<string>();
  const snaps = await Promise.all(queries.map((q) => q.select('customerId').get()));
  for (const snap of snaps) for (const d of snap.docs) ids.add(String(d.get('customerId')));
  return [...ids];
}

/** Brings a chain's rows to the clock's day and label, then stamps the chain. */
export async function refreshSegments(db: Firestore, chainId: string, nowMs = Date.now()): Promise<{ rekeyed: number; checked: number; full: boolean }> {
  const ctx = await readSegmentContext(db, chainId, nowMs);
  const clock: SegmentClock = { settings: ctx.settings, timeZone: ctx.timeZone, nowMs };
  if (stampFresh(ctx.stamp, clock)) return { rekeyed: 0, checked: 0, full: false };
  const target = stampOf(clock);
  const index = customerIndexOf(db, chainId);
  const k = (key: string) => new FieldPath('k', key);
  const stamp = ctx.stamp;
  const full = !stamp || stamp.label !== target.label || stamp.day > target.day || dayIndex(target.day) - dayIndex(stamp.day) > MAX_GAP_DAYS;
  let queries: Query[];
  if (full) {
    // Every row with a visit holds the top block of its count (model/visits.ts: 14 levels).
    queries = [index.where(k('~vc13:0'), '==', true), index.where(k('~vc13:1'), '==', true)];
  } else {
    const { lastDays, firstDays } = transitionDays(stamp.day, target.day, ctx.settings);
    queries = [
      ...lastDays.map((d) => index.where(k(stateKey.lastDay(d)), '==', true)),
      ...firstDays.map((d) => index.where(k(stateKey.firstDay(d)), '==', true)),
      index.where('sl', '!=', target.label),
    ];
  }
  const ids = await idsOf(queries);
  let rekeyed = 0;
  for (let i = 0; i < ids.length; i += PARALLEL) {
    const done = await Promise.all(ids.slice(i, i + PARALLEL).map((id) => rekeyCustomer(db, chainId, id, clock)));
    rekeyed += done.filter(Boolean).length;
  }
  await db.runTransaction(async (tx) => {
    const chain = await tx.get(chainRef(db, chainId));
    const now = resolveSettings(chain.get('settings') as ChainSettings | undefined);
    // Settings changed during the refresh: the next refresh starts over with them.
    if (stampOf({ settings: now.visits, timeZone: now.timeZone, nowMs }).label !== target.label) return;
    tx.update(chainRef(db, chainId), { segmentKeys: target });
  });
  return { rekeyed, checked: ids.length, full };
}
