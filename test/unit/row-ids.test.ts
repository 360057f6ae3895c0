// Search-row ids spread over key ranges (issue 19, no write hotspot): the bucket, the order within
// and across buckets, the ranges a page reads, and the legacy ids (sort key only) kept apart.
import { describe, expect, it } from 'vitest';
import { sortId } from '../../functions/src/store/customers/indexDoc';
import { compareKeys } from '../../functions/src/store/customers/lanes';
import {
  currentRowId,
  customerIdOfRow,
  isSpreadRowId,
  movedRowId,
  rangeStart,
  ROW_BUCKETS,
  rowBucket,
  rowId,
  rowRanges,
  sortKeyOf,
} from '../../functions/src/store/customers/rowIds';

const inRange = (id: string, r: { lo: string | null; hi: string | null }) =>
  (r.lo === null || compareKeys(id, r.lo) >= 0) && (r.hi === null || compareKeys(id, r.hi) < 0);
const NAMES = ['Dupont', 'dupont', 'Éluard', 'van Dam', 'Zola', 'Ōsaka', 'Мартин', '李', '-', '42', 'Müller-Straße', ''];

describe('row ids', () => {
  it('a sorted run of names lands in every bucket, about evenly', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 4000; i++) {
      const id = rowId({ lastName: 'Dupont', firstName: `Jean${String(i).padStart(4, '0')}` }, `c${i}`);
      counts.set(id[1]!, (counts.get(id[1]!) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual(['0', '1', '2', '3']);
    for (const n of counts.values()) expect(n).toBeGreaterThan(800);
  });

  it('the bucket is the customer’s for life: renaming moves the row within its bucket', () => {
    const a = rowId({ lastName: 'Dupont', firstName: 'Jean' }, 'cust1');
    const b = rowId({ lastName: 'Zola', firstName: 'Émile' }, 'cust1');
    expect(a[1]).toBe(rowBucket('cust1'));
    expect(b[1]).toBe(a[1]);
    expect(a).toBe(`!${rowBucket('cust1')}dupont jean cust1`);
  });

  it('the sort key is the legacy id, and names the customer', () => {
    const fields = { lastName: 'van Dam', firstName: 'Anne' };
    const id = rowId(fields, 'x9');
    expect(isSpreadRowId(id)).toBe(true);
    expect(sortKeyOf(id)).toBe(sortId(fields, 'x9'));
    expect(sortKeyOf(sortId(fields, 'x9'))).toBe(sortId(fields, 'x9'));
    expect(customerIdOfRow(id)).toBe('x9');
    expect(movedRowId(sortId(fields, 'x9'))).toBe(id);
    expect(movedRowId(id)).toBeNull();
  });

  it('a customer records its row once written; before, its row is the legacy one', () => {
    const fields = { lastName: 'Lee', firstName: 'Ann' };
    expect(currentRowId(fields, 'c1')).toBe('lee ann c1');
    expect(currentRowId({ ...fields, indexId: rowId(fields, 'c1') }, 'c1')).toBe(rowId(fields, 'c1'));
  });

  it('every id is in exactly one range: bucket ids in their bucket, legacy ids in a legacy range', () => {
    const ranges = rowRanges(true);
    expect(ranges).toHaveLength(ROW_BUCKETS + 2);
    expect(rowRanges(false)).toHaveLength(ROW_BUCKETS);
    for (const last of NAMES)
      for (const first of NAMES) {
        const legacy = sortId({ lastName: last, firstName: first }, 'id1');
        const spread = rowId({ lastName: last, firstName: first }, 'id1');
        const holding = (id: string) => ranges.filter((r) => inRange(id, r));
        expect(holding(legacy)).toHaveLength(1);
        expect(holding(legacy)[0]!.prefix).toBe('');
        expect(holding(spread)).toHaveLength(1);
        expect(holding(spread)[0]!.prefix).toBe(`!${rowBucket('id1')}`);
        expect(rowRanges(false).filter((r) => inRange(legacy, r))).toHaveLength(0);
      }
  });

  it('a page after a cursor starts after its sort key in every range, or skips a range wholly before it', () => {
    const [legacyLow, b0, b1, , , legacyHigh] = rowRanges(true);
    const cursor = rowId({ lastName: 'Martin', firstName: 'Luc' }, 'c7');
    expect(rangeStart(b0!, cursor)).toEqual({ after: '!0martin luc c7' });
    expect(rangeStart(b1!, cursor)).toEqual({ after: '!1martin luc c7' });
    expect(rangeStart(legacyHigh!, cursor)).toEqual({ after: 'martin luc c7' });
    expect(rangeStart(legacyLow!, cursor)).toBeNull();
    expect(rangeStart(legacyLow!, '  c3')).toEqual({ after: '  c3' });
    expect(rangeStart(legacyHigh!, '  c3')).toEqual({ at: '"' });
    expect(rangeStart(b0!, undefined)).toEqual({ at: '!0' });
    expect(rangeStart(legacyLow!, undefined)).toEqual({});
  });

  it('ids compare as Firestore orders them (UTF-8 bytes), not as UTF-16 code units', () => {
    // U+FF21 (fullwidth A) is one UTF-16 unit above a surrogate pair, but below it in UTF-8.
    const bmp = '\uff21';
    const astral = '\u{20000}';
    expect(bmp > astral).toBe(true);
    expect(compareKeys(bmp, astral)).toBeLessThan(0);
  });
});
