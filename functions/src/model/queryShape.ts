// The shape of a Firestore query: what `npm run deploy:check` needs to tell whether
// firestore.indexes.json serves it (scripts/lib/deploy/indexes.mjs). Each module that runs a
// query declares its shapes next to it (an exported `QUERIES`); functions/src/queryShapes.ts and
// web/src/queryShapes.ts list them, and test/unit/query-shapes.test.ts checks each file's query
// code against its declaration. Types only: shared with the web client as `@model/queryShape`.

export type FilterOp = '==' | 'in' | 'array-contains' | 'array-contains-any' | '<' | '<=' | '>' | '>=' | '!=' | 'not-in';

export interface QueryShape {
  /** What runs it, for messages (e.g. `erase: merged profiles`). */
  name: string;
  /** The collection id (the last segment of its path), e.g. `customers`. */
  collection: string;
  /** A collection group query rather than one collection. */
  group?: boolean;
  /**
   * Filters, all ANDed. An OR of conjunctions is declared by the fields of one branch when every
   * branch has the same shape. `k.*` stands for any subfield of the map `k` (a field path built at
   * run time); `__name__` is the document id.
   */
  where?: { field: string; op: FilterOp }[];
  orderBy?: { field: string; direction?: 'asc' | 'desc' }[];
}
