// The customer search over the index rows (the list's search and filters, one page at a time, and
// the export's single pass); customers/search.ts is the callable. A little over 300 lines: the page
// reader, the export's stream and the counts share one query builder (dates and visit segments).
//
// Every condition but "has none of these tags" is an equality on the index document (see
// model/search.ts), so Firestore answers from single-field indexes and returns rows already sorted
// within each key range the rows are spread over (rowIds.ts: the id is the range, then last name,
// first name); a page merges the ranges on the sort key (lanes.ts). A creation-date range becomes up
// to a few `in` queries on year, month and day buckets that exactly cover it; their pages are merged
// the same way. "None of these tags" is checked on the rows read, within a fixed read budget per page.
// The total comes from count() aggregations. So the reads of a page do not grow with the chain.
import { FieldPath, Filter, type Firestore, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import { filterKey, searchTerms, type CustomerQuery, type CustomerRow, type SearchResult } from '../../model/search';
import { customerIndexOf, customersOf, migrationRef } from '../refs';
import { scanLanes, streamLanes } from './lanes';
import { rowRanges, type RowRange } from './rowIds';
import type { QueryShape } from '../../model/queryShape';
import { DEFAULT_VISIT_SETTINGS, segmentFilter, segmentKey } from '../../model/visits';
import { stampFresh, stateKey } from '../../model/segments';
import type { SegmentContext } from './segments';

export type { SegmentContext };
const DEFAULT_CONTEXT = (): SegmentContext => ({ settings: DEFAULT_VISIT_SETTINGS, nowMs: Date.now() });

/**
 * The search's filters (checked by `npm run deploy:check`): equality on keys of the map `k` (ANDed,
 * or an OR of such conjunctions), optionally a creation bucket `in`; lanes.ts reads each in
 * document-id order within a key range (equalities and `in` with the id order need no composite
 * index); the same without order for the `count()` totals.
 */
export const QUERIES: QueryShape[] = [
  ...(['cy', 'cm', 'cd'] as const).map((bucket) => ({
    name: `search: keys and creation ${bucket}`,
    collection: 'customerIndex',
    where: [
      { field: 'k.*', op: '==' as const },
      { field: bucket, op: 'in' as const },
    ],
  })),
  { name: 'search: keys (and count)', collection: 'customerIndex', where: [{ field: 'k.*', op: '==' }] },
];

/** Rows read at most for one page when rows are dropped by "none of these tags". */
export const SCAN_BUDGET = 500;
/**
 * count() aggregations a page's total may take (each at least one read): the disjoint queries times
 * the subsets of the excluded tags (inclusion-exclusion). A search past it (several spellings, a
 * creation-date range and excluded tags together) answers its page without the total.
 */
export const MAX_COUNT_QUERIES = 16;
const EARLIEST_DAY = '2000-01-01';

const k = (key: string) => new FieldPath('k', key);

function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function chunks<T>(items: T[], size = 30): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Whole years, whole months and single days that exactly cover [from, to]. */
export function dateCover(from: string, to: string): { years: string[]; months: string[]; days: string[] } {
  const years: string[] = [];
  const months: string[] = [];
  const days: string[] = [];
  let d = from;
  while (d <= to) {
    const y = d.slice(0, 4);
    const m = d.slice(0, 7);
    const yearEnd = `${y}-12-31`;
    const monthEnd = addDays(`${addDays(`${m}-28`, 4).slice(0, 7)}-01`, -1);
    if (d.endsWith('-01-01') && yearEnd <= to) {
      years.push(y);
      d = `${Number(y) + 1}-01-01`;
    } else if (d.endsWith('-01') && monthEnd <= to) {
      months.push(m);
      d = addDays(monthEnd, 1);
    } else {
      days.push(d);
      d = addDays(d, 1);
    }
  }
  return { years, months, days };
}

const anyOf = (query: Query, keys: string[]): Query =>
  keys.length === 1 ? query.where(k(keys[0]!), '==', true) : query.where(Filter.or(...keys.map((key) => Filter.where(k(key), '==', true))));

/**
 * The disjoint Firestore queries whose union is the search: one, or a few for a date range or a
 * visit segment whose blocks (model/visits.ts) do not fit one query next to the text's spellings.
 */
export function searchQueries(db: Firestore, chainId: string, q: CustomerQuery, ctx: SegmentContext = DEFAULT_CONTEXT()): Query[] {
  const today = new Date(ctx.nowMs).toISOString().slice(0, 10);
  let base: Query = customerIndexOf(db, chainId);
  const keySets = searchTerms(q.text).keySets;
  if (keySets.length === 1) {
    for (const key of keySets[0]!) base = base.where(k(key), '==', true);
  } else if (keySets.length > 1) {
    // A few spellings (`H2X 1Y4` as two words or as `h2x1y4`): one OR query, still in id order.
    const and = (set: string[]) =>
      set.length === 1 ? Filter.where(k(set[0]!), '==', true) : Filter.and(...set.map((key) => Filter.where(k(key), '==', true)));
    base = base.where(Filter.or(...keySets.map(and)));
  }
  for (const tag of q.tagsAll) base = base.where(k(filterKey.tag(tag)), '==', true);
  if (q.customerTypeId !== undefined) base = base.where(k(filterKey.type(q.customerTypeId)), '==', true);
  if (q.salesTax !== undefined) base = base.where(k(filterKey.tax(q.salesTax)), '==', true);
  if (q.discount !== undefined) base = base.where(k(filterKey.discount(q.discount)), '==', true);
  if (q.visitedLocationId !== undefined) base = base.where(k(segmentKey.location(q.visitedLocationId)), '==', true);
  // A visit segment: its one key when the chain's rows are keyed for today (model/segments.ts), else its blocks.
  const timeZone = ctx.timeZone ?? 'UTC';
  const keyed = q.segment !== undefined && q.segment !== 'birthday' && stampFresh(ctx.stamp, { settings: ctx.settings, timeZone, nowMs: ctx.nowMs });
  const segment = !q.segment
    ? { all: [], any: [] }
    : keyed
      ? { all: [stateKey.segment(q.segment)], any: [] }
      : segmentFilter(q.segment, ctx.settings, ctx.nowMs, timeZone);
  for (const key of segment.all) base = base.where(k(key), '==', true);
  // A segment that is a range of visit counts or days: an OR of its blocks.
  if (q.segment && !segment.all.length && !segment.any.length) return [base.where(k('~segment:empty'), '==', true)];
  // Firestore allows 30 disjunctions per query: the spellings times the segment's blocks times the values of an `in`.
  const budget = Math.max(1, Math.floor(30 / Math.max(1, keySets.length)));
  const groups = segment.any.length ? chunks(segment.any, budget).map((keys) => anyOf(base, keys)) : [base];
  if (!q.createdFrom && !q.createdTo) return groups;

  const from = q.createdFrom && q.createdFrom > EARLIEST_DAY ? q.createdFrom : EARLIEST_DAY;
  const to = q.createdTo && q.createdTo < today ? q.createdTo : today;
  const cover = dateCover(from, to);
  const size = Math.max(1, Math.floor(budget / (segment.any.length ? Math.min(segment.any.length, budget) : 1)));
  return groups.flatMap((group) => [
    ...chunks(cover.years, size).map((v) => group.where('cy', 'in', v)),
    ...chunks(cover.months, size).map((v) => group.where('cm', 'in', v)),
    ...chunks(cover.days, size).map((v) => group.where('cd', 'in', v)),
  ]);
}

function toRow(doc: QueryDocumentSnapshot): CustomerRow {
  const { k: _keys, cy: _cy, cm: _cm, cd: _cd, version: _v, sl: _sl, sn: _sn, ...row } = doc.data();
  return row as CustomerRow;
}

async function countOf(query: Query): Promise<{ count: number; reads: number }> {
  const count = (await query.count().get()).data().count;
  return { count, reads: Math.max(1, Math.ceil(count / 1000)) };
}

/** The count() aggregations `total` runs for these queries and excluded tags. */
export const countQueries = (queries: number, excluded: number) => queries * 2 ** excluded;

/** Exact total: sum over the disjoint queries, with inclusion-exclusion for the excluded tags. */
async function total(queries: Query[], excluded: string[]): Promise<{ count: number; reads: number }> {
  const subsets: string[][] = [[]];
  for (const key of excluded) for (const s of [...subsets]) subsets.push([...s, key]);
  const parts = await Promise.all(
    queries.flatMap((query) =>
      subsets.map(async (subset) => {
        const c = await countOf(subset.reduce((qq, key) => qq.where(k(key), '==', true), query));
        return { count: subset.length % 2 ? -c.count : c.count, reads: c.reads };
      }),
    ),
  );
  return parts.reduce((a, b) => ({ count: a.count + b.count, reads: a.reads + b.reads }), { count: 0, reads: 0 });
}

/**
 * Starts `work` now and handles its rejection at once; the returned function gives its value, or
 * throws its error, when awaited later. A promise left without a handler while the caller awaits
 * something else rejects unhandled, and an unhandled rejection ends the function instance.
 */
function startedNow<T>(work: Promise<T>): () => Promise<T> {
  const settled = work.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  return async () => {
    const s = await settled;
    if (!s.ok) throw s.error;
    return s.value;
  };
}

/**
 * The key ranges a chain's rows are in: the spread ranges, and the legacy ones until the chain's
 * `searchRows` migration is done (rowIds.ts). One read.
 */
export async function rowRangesOf(db: Firestore, chainId: string): Promise<RowRange[]> {
  const migrated = (await migrationRef(db, chainId, 'searchRows').get()).get('done') === true;
  return rowRanges(!migrated);
}

/**
 * One page of a search. `ctx` may be a read still under way (the chain's segment context): the
 * migration state is read at the same time, and the total's count starts as soon as the queries are
 * known, without waiting for the key ranges, which only the page's reads need. So a segment search
 * waits for one round trip before its count and its page, not three in a row.
 */
export async function runSearch(
  db: Firestore,
  chainId: string,
  query: CustomerQuery,
  pageSize: number,
  cursor: string | undefined,
  withTotal: boolean,
  ctx: SegmentContext | Promise<SegmentContext> = DEFAULT_CONTEXT(),
): Promise<SearchResult> {
  const ranging = startedNow(rowRangesOf(db, chainId));
  const queries = searchQueries(db, chainId, query, await ctx);
  const excluded = query.tagsNone.map(filterKey.tag);
  // The migration state's read.
  const stats = { reads: 1 };
  const rows: CustomerRow[] = [];
  let scanned = 0;
  let last: string | null = null;
  let more = false;
  const counted = withTotal && countQueries(queries.length, excluded.length) <= MAX_COUNT_QUERIES;
  const counting = counted ? startedNow(total(queries, excluded)) : null;
  const ranges = await ranging();
  // Rows still wanted: one more than a page tells whether there is a next page; rows dropped by
  // "none of these tags" so far say how many more must be read per row kept (2 before any is read).
  const wanted = () => {
    const missing = pageSize + 1 - rows.length;
    if (!excluded.length) return missing;
    return Math.ceil(missing * (scanned ? (scanned + 1) / (rows.length + 1) : 2));
  };
  for await (const doc of scanLanes(queries, ranges, cursor, wanted, stats)) {
    if (rows.length === pageSize || scanned >= SCAN_BUDGET) {
      more = true;
      break;
    }
    scanned++;
    last = doc.id;
    const keys = (doc.get('k') ?? {}) as Record<string, true>;
    if (!excluded.some((key) => keys[key])) rows.push(toRow(doc));
  }
  const sum = counting ? await counting() : null;
  return {
    rows,
    total: sum?.count ?? null,
    nextCursor: more ? last : null,
    reads: stats.reads + (sum?.reads ?? 0),
    ignoredWords: searchTerms(query.text).ignoredWords,
  };
}

/** How many customers match a search (count() aggregations only, no rows read): a segment's size. */
export async function countMatching(
  db: Firestore,
  chainId: string,
  query: CustomerQuery,
  ctx: SegmentContext = DEFAULT_CONTEXT(),
): Promise<{ count: number; reads: number }> {
  return total(searchQueries(db, chainId, query, ctx), query.tagsNone.map(filterKey.tag));
}

/**
 * Every customer matching a search, in list order, as full documents, a batch at a time: what an
 * export streams. Reads the index rows as streams and the customers with batched gets.
 */
export async function* matchingCustomers(db: Firestore, chainId: string, query: CustomerQuery, batchSize = 300, ctx: SegmentContext = DEFAULT_CONTEXT()) {
  const queries = searchQueries(db, chainId, query, ctx);
  const excluded = query.tagsNone.map(filterKey.tag);
  const ranges = await rowRangesOf(db, chainId);
  const customers = customersOf(db, chainId);
  let ids: string[] = [];
  const load = async (batch: string[]) => {
    const snaps = await db.getAll(...batch.map((id) => customers.doc(id)));
    return snaps.filter((s) => s.exists).map((s) => ({ id: s.id, data: s.data()! }));
  };
  for await (const row of streamLanes(queries, ranges, excluded.length ? ['customerId', 'k'] : ['customerId'])) {
    if (excluded.length) {
      const keys = (row.get('k') ?? {}) as Record<string, true>;
      if (excluded.some((key) => keys[key])) continue;
    }
    ids.push(String(row.get('customerId')));
    if (ids.length === batchSize) {
      yield await load(ids);
      ids = [];
    }
  }
  if (ids.length) yield await load(ids);
}
