// The whole customer list in another order than by name A→Z (model/search.ts SORTS): by name Z→A (the
// row's folded sort key `sn`, descending; document ids cannot be scanned backwards), and by creation
// day (the row's `cd`, ascending or descending, within a creation-date range if one is given). Each
// is one query on a single-field index, read a page at a
// time after the cursor's row: a page reads page size + 1 rows, and its total is one count() (1 read
// per started 1,000 rows). Searches and filters stay in name order (search.ts): their keys are named
// at run time, and another order would need a composite index per key.
import { FieldPath, type DocumentSnapshot, type Firestore, type Query } from 'firebase-admin/firestore';
import type { CustomerQuery, CustomerRow, SearchResult, Sort } from '../../model/search';
import type { QueryShape } from '../../model/queryShape';
import { customerIndexOf } from '../refs';

/** Checked by `npm run deploy:check`. */
export const QUERIES: QueryShape[] = [
  {
    name: 'list: creation day, oldest first',
    collection: 'customerIndex',
    where: [
      { field: 'cd', op: '>=' },
      { field: 'cd', op: '<=' },
    ],
    orderBy: [{ field: 'cd' }, { field: '__name__' }],
  },
  {
    name: 'list: creation day, newest first',
    collection: 'customerIndex',
    where: [
      { field: 'cd', op: '>=' },
      { field: 'cd', op: '<=' },
    ],
    orderBy: [{ field: 'cd', direction: 'desc' }],
  },
  {
    // Z→A and its total: `sn >= ''` holds every row that has the key (all rows once reindexCustomers has run).
    name: 'list: name Z→A (and count)',
    collection: 'customerIndex',
    where: [{ field: 'sn', op: '>=' }],
    orderBy: [{ field: 'sn', direction: 'desc' }],
  },
  {
    name: 'list: count in a creation range',
    collection: 'customerIndex',
    where: [
      { field: 'cd', op: '>=' },
      { field: 'cd', op: '<=' },
    ],
  },
];

/** The rows of the whole list (or of a creation-date range), without the order. */
function ranged(db: Firestore, chainId: string, q: Pick<CustomerQuery, 'createdFrom' | 'createdTo'>, sort: Exclude<Sort, 'name'>): Query {
  let query: Query = customerIndexOf(db, chainId);
  // Z→A takes no creation range (model/search.ts sortServes): the rows that have their sort key.
  if (sort === '-name') return query.where('sn', '>=', '');
  if (q.createdFrom) query = query.where('cd', '>=', q.createdFrom);
  if (q.createdTo) query = query.where('cd', '<=', q.createdTo);
  return query;
}

function ordered(query: Query, sort: Exclude<Sort, 'name'>): Query {
  // Within a day, by id (its hashed range, then the name) in the same direction: the order Firestore's
  // single-field index gives.
  if (sort === '-name') return query.orderBy('sn', 'desc');
  if (sort === 'created') return query.orderBy('cd').orderBy(FieldPath.documentId());
  return query.orderBy('cd', 'desc');
}

function toRow(doc: DocumentSnapshot): CustomerRow {
  const { k: _keys, cy: _cy, cm: _cm, cd: _cd, version: _v, sl: _sl, sn: _sn, ...row } = doc.data()!;
  return row as CustomerRow;
}

/**
 * One page of the whole list in `sort`'s order, after `cursor` (the row named by the previous page's
 * `nextCursor`, read by the caller; for Z→A a row holding its `sn`). The caller checked that the
 * query has no text and no filter (model/search.ts `sortServes`).
 */
export async function runSortedList(
  db: Firestore,
  chainId: string,
  query: Pick<CustomerQuery, 'createdFrom' | 'createdTo'>,
  sort: Exclude<Sort, 'name'>,
  pageSize: number,
  cursor: DocumentSnapshot | undefined,
  withTotal: boolean,
): Promise<SearchResult> {
  const base = ranged(db, chainId, query, sort);
  let page = ordered(base, sort);
  if (cursor) page = page.startAfter(cursor);
  const [snap, counted] = await Promise.all([
    page.limit(pageSize + 1).get(),
    withTotal
      ? base
          .count()
          .get()
          .then((c) => c.data().count)
      : Promise.resolve(null),
  ]);
  const docs = snap.docs.slice(0, pageSize);
  const more = snap.size > pageSize;
  return {
    rows: docs.map(toRow),
    total: counted,
    nextCursor: more ? docs[docs.length - 1]!.id : null,
    reads: Math.max(1, snap.size) + (counted === null ? 0 : Math.max(1, Math.ceil(counted / 1000))),
    ignoredWords: [],
  };
}
