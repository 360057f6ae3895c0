// Hardening (issue 14, part A), through the real callables: malformed input answers `invalid-argument` (not `internal`): empty or foreign paging
// cursors, and strings with a lone UTF-16 surrogate.
// The other chain, customer or card is checked unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError, problemsOf } from '../helpers/clients';
import { createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let a: Team;
let b: Team;

beforeAll(async () => {
  [a, b] = await createTwoTeams('Hardening');
});
afterAll(() => Promise.all([a.closeAll(), b.closeAll()]));

describe('malformed input answers invalid-argument', () => {
  it('an empty cursor, or one naming no row of this chain, for searchCustomers and findDuplicates', async () => {
    await createCustomer(a.staff, a.chainId, someone());
    const first = await a.staff.call('searchCustomers', { chainId: a.chainId, query: {}, pageSize: 1 });
    const rowOfA = (await adminDb.collection(paths.customerIndex(a.chainId)).limit(1).get()).docs[0]!.id;
    for (const cursor of ['', rowOfA, 'zz nobody 123']) {
      const err = await callError(b.staff.call('searchCustomers', { chainId: b.chainId, query: {}, cursor }));
      expect([err.code, problemsOf(err)]).toEqual(['invalid-argument', ['cursor:invalid']]);
    }
    expect(first.rows).toHaveLength(1);
    const keyOfA = (await adminDb.collection(paths.customerKeys(a.chainId)).limit(1).get()).docs[0]!.id;
    for (const cursor of ['', 'x', '2:nothing', `2:${keyOfA}`]) {
      const err = await callError(b.manager.call('findDuplicates', { chainId: b.chainId, cursor }));
      expect([err.code, problemsOf(err)]).toEqual(['invalid-argument', ['cursor:invalid']]);
    }
    expect(await b.manager.call('findDuplicates', { chainId: b.chainId })).toMatchObject({ nextCursor: null });
  });

  it('a first name with a lone surrogate, at once, with its field path, and nothing is stored', async () => {
    const before = (await adminDb.collection(paths.customers(a.chainId)).count().get()).data().count;
    const started = Date.now();
    const err = await callError(a.staff.call('saveCustomer', { chainId: a.chainId, customer: someone({ firstName: 'Ana\uD83D' }) }));
    expect([err.code, problemsOf(err)]).toEqual(['invalid-argument', ['customer.firstName:loneSurrogate']]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await adminDb.collection(paths.customers(a.chainId)).count().get()).data().count).toBe(before);
    const tag = await callError(a.staff.call('searchCustomers', { chainId: a.chainId, query: { text: '\uDE00' } }));
    expect([tag.code, problemsOf(tag)]).toEqual(['invalid-argument', ['query.text:loneSurrogate']]);
    // A whole emoji is text.
    expect(await createCustomer(a.staff, a.chainId, someone({ firstName: 'Ana 😀' }))).toMatchObject({ version: 1 });
  });
});
