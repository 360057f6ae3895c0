// Which existing customer an import row names (imports/matching.ts), on prepared reads: the stated
// regulars id first, then the email, then the custom value; a merged-away profile is never matched
// by its keys and refused by its id; customers an earlier row of the file wrote come first.
import type { Firestore, Timestamp } from 'firebase-admin/firestore';
import { describe, expect, it } from 'vitest';
import { Matcher, type Prepared, type Row } from '../../functions/src/imports/matching';
import type { CustomerDoc } from '../../functions/src/model/customer';
import { lookupKey } from '../../functions/src/store/customers';

const at = {} as Timestamp;
const customer = (extra: Partial<CustomerDoc> = {}) => ({ doc: { version: 1, ...extra } as CustomerDoc, updateTime: at });
const row = (n: number, values: Record<string, string>): Row => ({
  row: n,
  cells: [],
  read: { values: new Map(Object.entries(values)), consent: {}, problems: [], warnings: [] },
});

function prepared(p: Partial<Prepared>): Prepared {
  return { found: new Map(), stated: new Map(), befores: new Map(), ...p };
}

// match() and wrote() read nothing: no database is needed.
const matcher = () => new Matcher(null as unknown as Firestore, 'chain');

describe('matching an import row', () => {
  it('takes the stated regulars id before the email, and the email before the custom value', () => {
    const m = matcher();
    const p = prepared({
      stated: new Map([[2, 'byId']]),
      found: new Map([
        [lookupKey.email('a@example.test'), ['byEmail']],
        [lookupKey.custom('FID-1'), ['byCustom']],
      ]),
      befores: new Map([
        ['byId', customer()],
        ['byEmail', customer()],
        ['byCustom', customer()],
      ]),
    });
    expect(m.match(row(2, { email: 'A@Example.test', custom: 'FID-1' }), p)).toEqual({ id: 'byId' });
    expect(m.match(row(3, { email: 'a@example.test', custom: 'FID-1' }), p)).toEqual({ id: 'byEmail' });
    expect(m.match(row(4, { email: 'other@example.test', custom: 'fid-1' }), p)).toEqual({ id: 'byCustom' });
    expect(m.match(row(5, { email: 'nobody@example.test' }), p)).toEqual({ id: null });
  });

  it('refuses a merged-away profile named by its id, naming the kept one; never matches it by a key', () => {
    const m = matcher();
    const p = prepared({
      stated: new Map([[2, 'gone']]),
      found: new Map([[lookupKey.email('twin@example.test'), ['gone', 'kept']]]),
      befores: new Map([
        ['gone', customer({ mergedInto: 'kept' })],
        ['kept', customer()],
      ]),
    });
    expect(m.match(row(2, { email: 'twin@example.test' }), p)).toEqual({ id: 'gone', mergedInto: 'kept' });
    expect(m.match(row(3, { email: 'twin@example.test' }), p)).toEqual({ id: 'kept' });
  });

  it('a stated id of no customer (erased, or of another chain) falls back to the email', () => {
    const m = matcher();
    const p = prepared({
      stated: new Map([[2, 'unknown']]),
      found: new Map([[lookupKey.email('x@example.test'), ['x']]]),
      befores: new Map([['x', customer()]]),
    });
    expect(m.match(row(2, { email: 'x@example.test' }), p)).toEqual({ id: 'x' });
  });

  it('a customer an earlier row of the file wrote is matched by the keys that row gave it, before any read', () => {
    const m = matcher();
    m.wrote('new1', 2, [lookupKey.email('new@example.test')]);
    // The chunk's read found another customer with that email: the file's own customer comes first.
    const p = prepared({ found: new Map([[lookupKey.email('new@example.test'), ['older']]]), befores: new Map([['older', customer()]]) });
    expect(m.match(row(9, { email: 'NEW@example.test' }), p)).toEqual({ id: 'new1' });
    expect(m.earlierRow('new1')).toBe(2);
    expect(m.earlierRow('older')).toBeUndefined();
  });
});

describe('matching across a handover (imports/handover.ts)', () => {
  it('a matcher restored from what an earlier invocation carried matches and dates rows as that one would', () => {
    const before = matcher();
    before.wrote('cust1', 5, [lookupKey.email('a@example.test'), lookupKey.custom('FID-9'), 'p:33612345678', 'n:ann|lee|75001']);
    before.wrote('cust1', 9, [lookupKey.email('a@example.test')]);
    const carried = before.carried(true);
    // Only the keys rows are matched by are kept (email, custom value), not phones or names.
    expect([...carried.keys.keys()].sort()).toEqual([lookupKey.custom('FID-9'), lookupKey.email('a@example.test')].sort());
    const after = matcher();
    after.restore(carried);
    expect(after.earlierRow('cust1')).toBe(9);
    // Firestore would also find another customer with that email: the one this import wrote comes first.
    const p = prepared({ found: new Map([[lookupKey.email('a@example.test'), ['other', 'cust1']]]), befores: new Map([['other', customer()]]) });
    expect(after.match(row(20, { email: 'A@example.test' }), p)).toEqual({ id: 'cust1' });
    expect(after.match(row(21, { custom: 'fid-9' }), prepared({}))).toEqual({ id: 'cust1' });
    expect(matcher().match(row(20, { email: 'A@example.test' }), p)).toEqual({ id: 'other' });
  });

  it('writing imports carry no match keys (they are in Firestore by the handover); the rows that wrote each customer travel', () => {
    const before = matcher();
    before.wrote('cust1', 5, [lookupKey.email('a@example.test')]);
    const carried = before.carried(false);
    expect(carried.keys.size).toBe(0);
    const after = matcher();
    after.restore(carried);
    expect(after.earlierRow('cust1')).toBe(5);
    // Found through Firestore's lookup, it is still the customer row 5 wrote.
    const p = prepared({ found: new Map([[lookupKey.email('a@example.test'), ['cust1']]]) });
    expect(after.match(row(20, { email: 'a@example.test' }), p)).toEqual({ id: 'cust1' });
  });
});
