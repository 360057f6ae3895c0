// searchCustomers' orders (model/search.ts SORTS): the whole list by name A→Z and Z→A and by creation
// day oldest and newest first, paged with the previous page's cursor: every customer exactly once, in
// order, with the reads of each page counted (≤ 60 for a page of 25); a creation range narrows the
// creation orders; another order than by name with a search or a filter is refused at `sort`; rows
// written without their sort key (`sn`) are out of Z→A until reindexCustomers rewrites them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CustomerFields } from '../../functions/src/model/customer';
import { planCustomerWrite, applyCustomerWrite } from '../../functions/src/store/customers';
import type { SearchResult } from '../../functions/src/model/search';
import { FieldValue } from 'firebase-admin/firestore';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let other: Team;
const LAST = ['Adam', 'Bernard', 'Costa', 'Dubois', 'Étienne', 'Fabre', 'Garnier', 'Hoarau', 'Igor', 'Jolly', 'Klein', 'Lambert', 'Martin'];
const seeded: { first: string; last: string; day: string }[] = [];

async function seed(chainId: string, firstName: string, lastName: string, day: string) {
  const ref = adminDb.collection(paths.customers(chainId)).doc();
  const plan = planCustomerWrite(
    ref.id,
    null,
    CustomerFields.parse({ firstName, lastName }),
    {},
    { by: 'seed', source: 'import', now: new Date(`${day}T12:00:00Z`) },
  );
  await adminDb.runTransaction(async (tx) => applyCustomerWrite(tx, adminDb, chainId, plan, null));
}

beforeAll(async () => {
  [team, other] = await Promise.all([createTeam('Sorted list'), createTeam('Sorted list, elsewhere')]);
  // 57 customers over 19 days of 2025 (3 a day), names not in creation order.
  for (let i = 0; i < 57; i++) {
    const day = `2025-03-${String(1 + ((i * 7) % 19)).padStart(2, '0')}`;
    seeded.push({ first: `P${String(i).padStart(2, '0')}`, last: LAST[i % LAST.length]!, day });
  }
  await Promise.all(seeded.map((c) => seed(team.chainId, c.first, c.last, c.day)));
  await seed(other.chainId, 'Zed', 'Outsider', '2025-03-05');
});
afterAll(async () => {
  await Promise.all([team.closeAll(), other.closeAll()]);
});

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
const byName = (a: { first: string; last: string }, b: { first: string; last: string }) =>
  fold(a.last) < fold(b.last) ? -1 : fold(a.last) > fold(b.last) ? 1 : fold(a.first) < fold(b.first) ? -1 : fold(a.first) > fold(b.first) ? 1 : 0;

/** Every page of the list in `sort`, with what each page read. */
async function pages(sort: string, query: object = {}, pageSize = 25) {
  const out: SearchResult[] = [];
  let cursor: string | null = null;
  do {
    const page: SearchResult = await team.manager.call<SearchResult>('searchCustomers', {
      chainId: team.chainId,
      query,
      pageSize,
      cursor,
      withTotal: cursor === null,
      sort,
    });
    out.push(page);
    cursor = page.nextCursor;
  } while (cursor && out.length < 10);
  return out;
}
const rowsOf = (ps: SearchResult[]) => ps.flatMap((p) => p.rows.map((r) => ({ first: r.firstName, last: r.lastName, day: r.createdDay })));

describe('sorted customer list', () => {
  it.each([['name', (list: typeof seeded) => [...list].sort(byName)]])(
    '%s: every customer once, in order, over 3 pages of at most 60 reads each',
    async (sort, expected) => {
      const ps = await pages(sort);
      expect(ps.map((p) => p.rows.length)).toEqual([25, 25, 7]);
      expect(rowsOf(ps).map((r) => `${r.last} ${r.first}`)).toEqual(expected(seeded).map((r) => `${r.last} ${r.first}`));
      expect(ps[0]!.total).toBe(57);
      // Name order reads the rows' 4 key ranges lazily (store/customers/lanes.ts): about 35 reads a
      // page, depending on how the random ids fall into the ranges; never more than 60.
      for (const p of ps) expect(p.reads).toBeLessThanOrEqual(60);
      expect(ps[2]!.reads).toBeLessThan(ps[0]!.reads);
    },
  );

  it.each([
    ['created', 1],
    ['-created', -1],
  ])('%s: in creation-day order over 3 pages of at most 60 reads each', async (sort, dir) => {
    const ps = await pages(sort);
    const rows = rowsOf(ps);
    expect(rows).toHaveLength(57);
    expect(new Set(rows.map((r) => r.first)).size).toBe(57);
    const days = rows.map((r) => r.day);
    expect(days).toEqual([...days].sort((a, b) => (a < b ? -dir : a > b ? dir : 0)));
    expect(days[0]).toBe(dir > 0 ? '2025-03-01' : '2025-03-19');
    expect(ps.map((p) => p.reads)).toEqual([27, 27, 8]);
  });

  it('-name: every customer once, Z→A, over 3 pages of page size + 1 reads (and the count, the cursor)', async () => {
    const ps = await pages('-name');
    expect(ps.map((p) => p.rows.length)).toEqual([25, 25, 7]);
    expect(rowsOf(ps).map((r) => `${r.last} ${r.first}`)).toEqual(
      [...seeded]
        .sort(byName)
        .reverse()
        .map((r) => `${r.last} ${r.first}`),
    );
    expect(ps[0]!.rows[0]).not.toHaveProperty('sn');
    expect(ps[0]!.total).toBe(57);
    expect(ps.map((p) => p.reads)).toEqual([27, 27, 8]);
  });

  it('a creation range narrows the creation orders (total and rows)', async () => {
    const ps = await pages('-created', { createdFrom: '2025-03-05', createdTo: '2025-03-07' }, 4);
    const rows = rowsOf(ps);
    expect(rows.map((r) => r.day)).toEqual([
      '2025-03-07',
      '2025-03-07',
      '2025-03-07',
      '2025-03-06',
      '2025-03-06',
      '2025-03-06',
      '2025-03-05',
      '2025-03-05',
      '2025-03-05',
    ]);
    expect(ps[0]!.total).toBe(9);
    expect(ps.map((p) => p.reads)).toEqual([6, 6, 2]);
  });

  it('refuses another order than by name with a search or a filter, at `sort`; the name order takes them', async () => {
    for (const [sort, query] of [
      ['-name', { text: 'martin' }],
      ['-name', { createdFrom: '2025-03-05' }],
      ['-created', { text: 'martin' }],
      ['created', { tagsAll: ['VIP'] }],
      ['-created', { segment: 'lapsed' }],
    ] as const) {
      const err = await callError(team.staff.call('searchCustomers', { chainId: team.chainId, query, sort }));
      expect(err.code).toBe('invalid-argument');
      expect(err.details.problems).toEqual([expect.objectContaining({ path: 'sort', code: 'sortWholeList' })]);
    }
    const bad = await callError(team.staff.call('searchCustomers', { chainId: team.chainId, sort: 'email' }));
    expect(bad.details.problems).toEqual([expect.objectContaining({ path: 'sort' })]);
    const named = await team.staff.call<SearchResult>('searchCustomers', { chainId: team.chainId, query: { text: 'martin' }, sort: 'name' });
    expect(named.rows.map((r) => r.lastName)).toEqual(Array(named.rows.length).fill('Martin'));
  });

  it('a cursor of another chain is refused in every order; outsiders may not list', async () => {
    const theirs = (await adminDb.collection(paths.customerIndex(other.chainId)).get()).docs[0]!.id;
    for (const sort of ['-name', 'created', '-created']) {
      const err = await callError(team.manager.call('searchCustomers', { chainId: team.chainId, cursor: theirs, sort }));
      expect(err.code).toBe('invalid-argument');
      expect(err.details.problems).toEqual([expect.objectContaining({ path: 'cursor' })]);
    }
    for (const sort of ['-created', '-name']) {
      const denied = await callError(team.outsider.call('searchCustomers', { chainId: team.chainId, sort }));
      expect(denied.code).toBe('permission-denied');
    }
    const malformed = await callError(team.manager.call('searchCustomers', { chainId: team.chainId, cursor: 'a/b', sort: '-name' }));
    expect(malformed.code).toBe('invalid-argument');
    expect(malformed.details.problems).toEqual([expect.objectContaining({ path: 'cursor' })]);
  });

  // Last: it strips rows of this chain, then the migration restores them.
  it('rows without their sort key are out of Z→A (and not a cursor there) until the searchRows migration adds it', async () => {
    const rows = adminDb.collection(paths.customerIndex(team.chainId));
    const all = (await rows.get()).docs;
    expect(all.every((d) => typeof d.get('sn') === 'string')).toBe(true);
    const old = all.slice(0, 3);
    // Rows as written before the sort key existed.
    await Promise.all(old.map((d) => d.ref.update({ sn: FieldValue.delete() })));
    const before = await pages('-name', {}, 100);
    expect(before[0]!.total).toBe(54);
    expect(before[0]!.rows).toHaveLength(54);
    expect(before[0]!.rows.map((r) => r.customerId)).not.toContain(old[0]!.get('customerId'));
    const err = await callError(team.manager.call('searchCustomers', { chainId: team.chainId, cursor: old[0]!.id, sort: '-name' }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems).toEqual([expect.objectContaining({ path: 'cursor' })]);
    // Staff may not run the migration; the manager does, from the start (the chain's is done).
    expect((await callError(team.staff.call('reindexCustomers', { chainId: team.chainId, migration: 'searchRows', restart: true }))).code).toBe(
      'permission-denied',
    );
    const r = await team.manager.call<{ processed: number; updated: number; done: boolean }>('reindexCustomers', {
      chainId: team.chainId,
      migration: 'searchRows',
      restart: true,
      limit: 100,
    });
    expect(r).toMatchObject({ processed: 57, updated: 3, done: true });
    const again = await Promise.all(old.map((d) => d.ref.get()));
    expect(again.every((d) => typeof d.get('sn') === 'string' && d.get('sn').endsWith(` ${d.get('customerId')}`))).toBe(true);
    const after = await pages('-name');
    expect(after[0]!.total).toBe(57);
    expect(rowsOf(after).map((x) => `${x.last} ${x.first}`)).toEqual(
      [...seeded]
        .sort(byName)
        .reverse()
        .map((x) => `${x.last} ${x.first}`),
    );
  });
});
