// The ids of the search rows (`customerIndex`), spread over a few key ranges so that writes never
// crowd one narrow range (issue 19): an import of a file sorted by name used to write ids
// `dupont jean …`, `dupont jules …`, … one after the other, the pattern Firestore documents as limited
// to about 500 writes/s per narrow key range (a moving hotspot that splits cannot follow).
//
// A row id is `!` + the customer's bucket (`0`–`3`, from a hash of the customer id, fixed for the
// customer's life) + the sort key (last name, first name, folded, then the customer id, as before):
// `!2dupont jean 8f3a…`. Consecutive rows of a sorted file land in ROW_BUCKETS ranges at random,
// each taking a quarter of the writes; within a bucket, ids stay in list order, so a page is the
// merge of ROW_BUCKETS ordered reads (search.ts `scanLanes`), compared on the sort key.
//
// Rows written before this change have the sort key alone as id (`dupont jean 8f3a…`; it starts with
// a letter, a digit or a space, never `!`): "legacy" rows. The customer document records the id of
// its row (`indexId`) once a full write (a save, an import, the `reindexCustomers` migration) has
// placed it; a customer without `indexId` still has its legacy row, which the next full write
// deletes. While a chain may hold legacy rows (its migration `searchRows` not done), searches also
// read the two ranges legacy ids can fall in, and merge them in the same order.
import { createHash } from 'node:crypto';
import type { CustomerFields } from '../../model/customer';
import { sortId } from './indexDoc';

/**
 * Key ranges the rows are spread over. A page reads about ROW_BUCKETS more documents than rows (one
 * read ahead per range): 4 keeps a page of 25 at about 35 reads (≤ 60 with the total's count), and
 * divides the write rate of a sorted file per range by 4 (1M rows under the 500/50/5 ramp peak at
 * about 2,000 row writes/s: about 500/s per range).
 */
export const ROW_BUCKETS = 4;
const MARK = '!';

/** The customer's bucket, `0`…`3`: fixed for its life (the id never changes). */
export function rowBucket(customerId: string): string {
  const byte = createHash('sha1').update(customerId).digest()[0]!;
  return String(byte % ROW_BUCKETS);
}

/** The id of the customer's search row for these names. */
export function rowId(c: Pick<CustomerFields, 'firstName' | 'lastName'>, customerId: string): string {
  return `${MARK}${rowBucket(customerId)}${sortId(c, customerId)}`;
}

/** The row a stored customer has now: the one it records, or its legacy row. */
export function currentRowId(doc: Pick<CustomerFields, 'firstName' | 'lastName'> & { indexId?: string | null }, customerId: string): string {
  return doc.indexId || sortId(doc, customerId);
}

/** A legacy id (`dupont jean c1`) or a spread one (`!2dupont jean c1`). */
export function isSpreadRowId(id: string): boolean {
  return id.startsWith(MARK);
}

/** What rows are ordered by: the sort key, without the bucket. */
export function sortKeyOf(id: string): string {
  return isSpreadRowId(id) ? id.slice(2) : id;
}

/** The customer id a row id ends with. */
export function customerIdOfRow(id: string): string {
  return id.slice(id.lastIndexOf(' ') + 1);
}

/** Where a row named by an old cursor is now: a legacy id moved by the migration has its spread form. */
export function movedRowId(id: string): string | null {
  if (isSpreadRowId(id)) return null;
  return `${MARK}${rowBucket(customerIdOfRow(id))}${id}`;
}

/**
 * A range of row ids read in order: `[lo, hi)`, its ids being `prefix` + sort key. The bucket
 * ranges, plus, while legacy rows may exist, the two ranges legacy ids fall in (before `!`, and from
 * `"` on: a legacy id starts with a folded letter or digit, or a space when the last name has none).
 */
export interface RowRange {
  prefix: string;
  lo: string | null;
  hi: string | null;
}

export function rowRanges(withLegacy: boolean): RowRange[] {
  const buckets: RowRange[] = Array.from({ length: ROW_BUCKETS }, (_, b) => ({
    prefix: `${MARK}${b}`,
    lo: `${MARK}${b}`,
    hi: `${MARK}${String.fromCharCode(48 + b + 1)}`,
  }));
  if (!withLegacy) return buckets;
  return [{ prefix: '', lo: null, hi: MARK }, ...buckets, { prefix: '', lo: String.fromCharCode(MARK.charCodeAt(0) + 1), hi: null }];
}

/**
 * Where a read of `range` starts to come after `cursor` (a row id): `{ after }` (exclusive), `{ at }`
 * (inclusive, the range's start), or null when the whole range comes before the cursor.
 */
export function rangeStart(range: RowRange, cursor: string | undefined): { after?: string; at?: string } | null {
  if (cursor === undefined) return range.lo === null ? {} : { at: range.lo };
  const from = range.prefix + sortKeyOf(cursor);
  if (range.hi !== null && from >= range.hi) return null;
  if (range.lo !== null && from < range.lo) return { at: range.lo };
  return { after: from };
}
