// Does firestore.indexes.json serve every query the code makes? The Firestore emulator never asks
// for an index, so a query that production refuses ("The query requires an index") passes every
// test; this applies Firestore's documented index rules to the declared query shapes instead
// (https://firebase.google.com/docs/firestore/query-data/index-overview and
// https://firebase.google.com/docs/firestore/query-data/indexing):
//   - single-field indexes exist automatically, ascending, descending and array-contains, for every
//     field in collection scope, unless a field override (fieldOverrides, matched on the field or
//     on the map field that contains it) lists the indexes that exist instead; in collection-group
//     scope only those an override lists exist;
//   - equality filters (==, in, array-contains[-any]) alone are served by single-field indexes
//     (merged); so is a range or order on one field with nothing else, and `__name__` ascending at
//     the end of the order, which every index implies;
//   - anything else (equality plus an order or range, two ordered fields) needs a composite index:
//     the equality fields first (in any order), then the order by fields with their directions,
//     then the range fields (which Firestore orders implicitly when not ordered already).
// Stricter than Firestore, never looser: it does not model index merging of several composite
// indexes, so it may ask for an index Firestore could do without.

const EQUALITY = new Set(['==', 'in', 'array-contains', 'array-contains-any']);
const ARRAY = new Set(['array-contains', 'array-contains-any']);

const scopeOf = (shape) => (shape.group ? 'COLLECTION_GROUP' : 'COLLECTION');
const describe = (shape) =>
  `${shape.group ? 'collectionGroup' : 'collection'} ${shape.collection}` +
  (shape.where?.length ? ` where ${shape.where.map((w) => `${w.field} ${w.op}`).join(', ')}` : '') +
  (shape.orderBy?.length ? ` orderBy ${shape.orderBy.map((o) => `${o.field} ${o.direction ?? 'asc'}`).join(', ')}` : '');

/** The override that decides a field's single-field indexes: on the field itself, else on a parent map. */
function overrideFor(indexes, collection, field) {
  const overrides = (indexes.fieldOverrides ?? []).filter((o) => o.collectionGroup === collection);
  const parts = field.replace(/\.\*$/, '').split('.');
  if (field.endsWith('.*')) parts.push('*');
  for (let n = parts.length; n > 0; n--) {
    const path = parts.slice(0, n).join('.');
    const found = overrides.find((o) => o.fieldPath === path);
    if (found) return found;
  }
  return null;
}

/** Is there a single-field index on `field` for this scope? kind: 'ASCENDING' | 'DESCENDING' | 'CONTAINS' | 'ANY_ORDER'. */
export function singleFieldIndex(indexes, collection, scope, field, kind) {
  if (field === '__name__') return true;
  const override = overrideFor(indexes, collection, field);
  if (!override) return scope === 'COLLECTION';
  return (override.indexes ?? []).some((i) => {
    if ((i.queryScope ?? 'COLLECTION') !== scope) return false;
    if (kind === 'CONTAINS') return i.arrayConfig === 'CONTAINS';
    if (kind === 'ANY_ORDER') return Boolean(i.order);
    return i.order === kind;
  });
}

/** The query in Firestore's terms: equality fields, and the order it scans (explicit, then ranges). */
function normalize(shape) {
  const where = shape.where ?? [];
  const equality = where.filter((w) => EQUALITY.has(w.op));
  const ranges = [...new Set(where.filter((w) => !EQUALITY.has(w.op)).map((w) => w.field))];
  const order = (shape.orderBy ?? []).map((o) => ({ field: o.field, direction: o.direction ?? 'asc' }));
  for (const field of ranges) if (!order.some((o) => o.field === field)) order.push({ field, direction: 'asc' });
  // Every index ends with the document id ascending: an explicit trailing `__name__ asc` is free.
  while (order.length && order.at(-1).field === '__name__' && order.at(-1).direction === 'asc') order.pop();
  return { equality, order };
}

function compositeServes(index, shape, { equality, order }) {
  if (index.collectionGroup !== shape.collection || (index.queryScope ?? 'COLLECTION') !== scopeOf(shape)) return false;
  const fields = index.fields.filter((f) => f.fieldPath !== '__name__');
  const eqFields = [...new Set(equality.map((w) => w.field))];
  if (fields.length !== eqFields.length + order.length) return false;
  const head = fields.slice(0, eqFields.length);
  const eqOk = eqFields.every((field) => {
    const f = head.find((h) => h.fieldPath === field);
    if (!f) return false;
    const array = equality.some((w) => w.field === field && ARRAY.has(w.op));
    return array ? f.arrayConfig === 'CONTAINS' : Boolean(f.order);
  });
  const orderOk = order.every((o, i) => {
    const f = fields[eqFields.length + i];
    return f.fieldPath === o.field && f.order === (o.direction === 'desc' ? 'DESCENDING' : 'ASCENDING');
  });
  return eqOk && orderOk;
}

/**
 * @param {{ name: string, collection: string, group?: boolean, where?: {field:string,op:string}[], orderBy?: {field:string,direction?:'asc'|'desc'}[] }[]} shapes
 * @param {{ indexes?: any[], fieldOverrides?: any[] }} indexes the content of firestore.indexes.json
 * @returns {{ errors: string[], unused: any[] }} errors name the query and the index it needs;
 *   `unused`: composite indexes no declared query needs
 */
export function checkIndexes(shapes, indexes) {
  const errors = [];
  const used = new Set();
  for (const shape of shapes) {
    const scope = scopeOf(shape);
    const q = normalize(shape);
    const label = `query "${shape.name}" (${describe(shape)})`;
    if (q.order.length === 0 || (q.equality.length === 0 && q.order.length === 1)) {
      // Single-field indexes only.
      const missing = [
        ...q.equality.filter((w) => !singleFieldIndex(indexes, shape.collection, scope, w.field, ARRAY.has(w.op) ? 'CONTAINS' : 'ANY_ORDER')),
        ...q.order.filter((o) => !singleFieldIndex(indexes, shape.collection, scope, o.field, o.direction === 'desc' ? 'DESCENDING' : 'ASCENDING')),
      ].map((f) => f.field);
      const composite = (indexes.indexes ?? []).find((index) => compositeServes(index, shape, q));
      if (composite) used.add(composite);
      else if (missing.length) {
        errors.push(
          `${label} needs a ${scope === 'COLLECTION_GROUP' ? 'collection-group ' : ''}single-field index on ${missing.join(', ')} (a fieldOverride in firestore.indexes.json)`,
        );
      }
      continue;
    }
    if ([...q.equality, ...q.order].some((f) => f.field.includes('*'))) {
      errors.push(`${label} needs a composite index on a field named at run time: no index can be declared for it`);
      continue;
    }
    const composite = (indexes.indexes ?? []).find((index) => compositeServes(index, shape, q));
    if (composite) {
      used.add(composite);
      continue;
    }
    const wanted = [
      ...[...new Set(q.equality.map((w) => w.field))].map(
        (field) => `${field} ${q.equality.some((w) => w.field === field && ARRAY.has(w.op)) ? 'CONTAINS' : 'ASCENDING'}`,
      ),
      ...q.order.map((o) => `${o.field} ${o.direction === 'desc' ? 'DESCENDING' : 'ASCENDING'}`),
    ];
    errors.push(`${label} needs a composite index in firestore.indexes.json: ${shape.collection} (${scope}): ${wanted.join(', ')}`);
  }
  const unused = (indexes.indexes ?? []).filter((index) => !used.has(index));
  return { errors, unused };
}
