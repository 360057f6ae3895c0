// Reading search rows in list order from several ordered reads at once ("lanes"): each disjoint
// query of a search (search.ts) times each key range the rows are spread over (rowIds.ts). A page
// merges the lanes on the sort key. Lanes are read lazily, a few rows at a time: a lane is read
// again only when its buffer is empty and the page still needs rows, for about its share of what is
// left, so a page of 25 over 4 ranges reads about 35 rows, not 4 × 26.
import { FieldPath, type Query, type QueryDocumentSnapshot } from 'firebase-admin/firestore';
import type { QueryShape } from '../../model/queryShape';
import { rangeStart, sortKeyOf, type RowRange } from './rowIds';

/** Checked by `npm run deploy:check`: a query of search.ts (its filters), in document-id order. */
export const QUERIES: QueryShape[] = [
  { name: 'search lane: in document-id order within a key range', collection: 'customerIndex', orderBy: [{ field: '__name__' }] },
];

/** Firestore's order of ids: by their UTF-8 bytes (JavaScript's `<` compares UTF-16 code units). */
export function compareKeys(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** One ordered read: a query restricted to a range of row ids, after the cursor. */
export function laneQuery(query: Query, range: RowRange, cursor: string | undefined): Query | null {
  const start = rangeStart(range, cursor);
  if (!start) return null;
  let q = query.orderBy(FieldPath.documentId());
  if (start.after !== undefined) q = q.startAfter(start.after);
  else if (start.at !== undefined) q = q.startAt(start.at);
  if (range.hi !== null) q = q.endBefore(range.hi);
  return q;
}

interface Lane {
  query: Query;
  buffer: QueryDocumentSnapshot[];
  last: string | undefined;
  done: boolean;
}

/**
 * Rows of every lane after `cursor`, merged in sort-key order. `wanted()` says how many rows the
 * caller still expects to take (it may stop early): each read asks a lane for its share of that,
 * plus one. Every read counts in `stats.reads` (a read returning nothing still costs one).
 */
export async function* scanLanes(
  queries: Query[],
  ranges: RowRange[],
  cursor: string | undefined,
  wanted: () => number,
  stats: { reads: number },
): AsyncGenerator<QueryDocumentSnapshot> {
  const lanes: Lane[] = [];
  for (const query of queries)
    for (const range of ranges) {
      const q = laneQuery(query, range, cursor);
      if (q) lanes.push({ query: q, buffer: [], last: undefined, done: false });
    }
  for (;;) {
    const empty = lanes.filter((l) => !l.done && !l.buffer.length);
    if (empty.length) {
      const active = lanes.filter((l) => !l.done).length;
      const limit = Math.min(100, Math.max(2, Math.ceil(Math.max(1, wanted()) / active) + 1));
      await Promise.all(
        empty.map(async (lane) => {
          const q = lane.last === undefined ? lane.query : lane.query.startAfter(lane.last);
          const snap = await q.limit(limit).get();
          stats.reads += Math.max(1, snap.size);
          lane.buffer = snap.docs;
          if (snap.size) lane.last = snap.docs[snap.size - 1]!.id;
          if (snap.size < limit) lane.done = true;
        }),
      );
    }
    // Every unfinished lane has rows buffered: the smallest head comes next in list order.
    let next: Lane | null = null;
    for (const lane of lanes) {
      const head = lane.buffer[0];
      if (head && (!next || compareKeys(sortKeyOf(head.id), sortKeyOf(next.buffer[0]!.id)) < 0)) next = lane;
    }
    if (!next) return;
    yield next.buffer.shift()!;
  }
}

/**
 * Every row of the lanes in sort-key order, each lane read as one stream (an export reads each row
 * once, in one pass, with only the fields it needs).
 */
export async function* streamLanes(queries: Query[], ranges: RowRange[], fields: string[]): AsyncGenerator<QueryDocumentSnapshot> {
  const iterators: AsyncIterator<QueryDocumentSnapshot>[] = [];
  for (const query of queries)
    for (const range of ranges) {
      const q = laneQuery(query, range, undefined);
      if (q) iterators.push((q.select(...fields).stream() as AsyncIterable<QueryDocumentSnapshot>)[Symbol.asyncIterator]());
    }
  const heads = await Promise.all(iterators.map((it) => it.next()));
  for (;;) {
    let min = -1;
    heads.forEach((h, i) => {
      if (!h.done && (min < 0 || compareKeys(sortKeyOf(h.value.id), sortKeyOf(heads[min]!.value!.id)) < 0)) min = i;
    });
    if (min < 0) return;
    yield heads[min]!.value as QueryDocumentSnapshot;
    heads[min] = await iterators[min]!.next();
  }
}
