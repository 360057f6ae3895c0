// Search rows spread over key ranges (issue 19, no write hotspot): a name-sorted batch lands in every
// range; pages still come in list order, each customer once, with bounded reads; a chain half
// migrated (rows written before the change keep the sort key alone as id) reads the same; the
// `searchRows` migration (reindexCustomers) moves every row, resumably, and an old cursor still pages.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FieldValue } from 'firebase-admin/firestore';
import { CustomerFields } from '../../functions/src/model/customer';
import { CustomerQuery } from '../../functions/src/model/search';
import { paths } from '../../functions/src/model/paths';
import { applyCustomerWrite, matchingCustomers, planCustomerWrite, sortId } from '../../functions/src/store/customers';
import { ROW_BUCKETS, rowId } from '../../functions/src/store/customers/rowIds';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';

let team: Team;
const N = 40;
/** The customers in list order: last names Aa00…, first names a mix. */
const expected: { id: string; name: string }[] = [];

const index = () => adminDb.collection(paths.customerIndex(team.chainId));
const migration = () => adminDb.doc(paths.migration(team.chainId, 'searchRows'));

async function seedSorted() {
  const batch = adminDb.batch();
  for (let i = 0; i < N; i++) {
    const ref = adminDb.collection(paths.customers(team.chainId)).doc();
    const fields = CustomerFields.parse({ firstName: `F${i % 3}`, lastName: `Sorted${String(i).padStart(2, '0')}`, tags: i % 2 ? ['odd'] : [] });
    const plan = planCustomerWrite(ref.id, null, fields, {}, { by: 'seed', source: 'import' });
    applyCustomerWrite(batch, adminDb, team.chainId, plan, null);
    expected.push({ id: ref.id, name: `F${i % 3} Sorted${String(i).padStart(2, '0')}` });
  }
  await batch.commit();
}

/** Puts a customer back as it was before the change: its row under the sort key alone, no `indexId`. */
async function unmigrate(customerId: string) {
  const customer = (await adminDb.doc(`${paths.customers(team.chainId)}/${customerId}`).get()).data()!;
  const spread = index().doc(rowId(customer as { firstName: string; lastName: string }, customerId));
  const row = (await spread.get()).data()!;
  const batch = adminDb.batch();
  batch.delete(spread);
  batch.set(index().doc(sortId(customer as { firstName: string; lastName: string }, customerId)), row);
  batch.update(adminDb.doc(`${paths.customers(team.chainId)}/${customerId}`), { indexId: FieldValue.delete() });
  await batch.commit();
}

type Page = { rows: { customerId: string; firstName: string; lastName: string }[]; nextCursor: string | null; reads: number };
const page = (query: object, pageSize: number, cursor?: string) =>
  team.manager.call<Page>('searchCustomers', { chainId: team.chainId, query, pageSize, withTotal: false, ...(cursor ? { cursor } : {}) });

async function everyPage(query: object, pageSize: number) {
  const seen: string[] = [];
  const reads: number[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(query, pageSize, cursor);
    seen.push(...p.rows.map((r) => r.customerId));
    reads.push(p.reads);
    cursor = p.nextCursor ?? undefined;
  } while (cursor);
  return { seen, reads };
}

beforeAll(async () => {
  team = await createTeam('Spread rows');
  await seedSorted();
});
afterAll(() => team.closeAll());

describe('search rows spread over key ranges', () => {
  it('a chain created now starts migrated, and a name-sorted batch writes rows into every range', async () => {
    expect((await migration().get()).get('done')).toBe(true);
    const ids = (await index().select().get()).docs.map((d) => d.id);
    expect(ids).toHaveLength(N);
    for (const id of ids) expect(id).toMatch(/^![0-3]sorted\d\d f\d [A-Za-z0-9]+$/);
    expect(new Set(ids.map((id) => id[1])).size).toBe(ROW_BUCKETS);
  });

  it('pages come in list order, each customer once, reading about a page and one row per range', async () => {
    const { seen, reads } = await everyPage({}, 7);
    expect(seen).toEqual(expected.map((e) => e.id));
    // 8 rows wanted over 4 ranges: at most 3 per range first, then a few more (plus the cursor's row).
    for (const r of reads) expect(r).toBeLessThanOrEqual(7 + 1 + 3 * ROW_BUCKETS + 1);
    const odd = await everyPage({ tagsAll: ['odd'] }, 5);
    expect(odd.seen).toEqual(expected.filter((_, i) => i % 2).map((e) => e.id));
    const none = await everyPage({ tagsNone: ['odd'] }, 6);
    expect(none.seen).toEqual(expected.filter((_, i) => !(i % 2)).map((e) => e.id));
  });

  it('a chain half migrated reads the same: legacy rows are merged in order; a save moves its customer’s row', async () => {
    await migration().delete();
    await Promise.all(expected.filter((_, i) => i % 3 === 0).map((e) => unmigrate(e.id)));
    const legacy = (await index().select().get()).docs.map((d) => d.id).filter((id) => !id.startsWith('!'));
    expect(legacy.length).toBe(Math.ceil(N / 3));
    expect((await everyPage({}, 6)).seen).toEqual(expected.map((e) => e.id));
    expect((await everyPage({ tagsAll: ['odd'] }, 4)).seen).toEqual(expected.filter((_, i) => i % 2).map((e) => e.id));

    // The export's single pass too.
    const exported: string[] = [];
    for await (const batch of matchingCustomers(adminDb, team.chainId, CustomerQuery.parse({}), 7)) exported.push(...batch.map((c) => c.id));
    expect(exported).toEqual(expected.map((e) => e.id));

    // A save of a legacy customer (renamed, still first in the list) replaces its legacy row by a spread one.
    const first = expected[0]!;
    const { version } = (await adminDb.doc(`${paths.customers(team.chainId)}/${first.id}`).get()).data()!;
    await team.manager.call('saveCustomer', {
      chainId: team.chainId,
      customerId: first.id,
      expectedVersion: version,
      customer: { firstName: 'F0', lastName: 'Sorted00a' },
    });
    const rows = await index().where('customerId', '==', first.id).get();
    expect(rows.docs.map((d) => d.id)).toEqual([rowId({ firstName: 'F0', lastName: 'Sorted00a' }, first.id)]);
    expect((await adminDb.doc(`${paths.customers(team.chainId)}/${first.id}`).get()).get('indexId')).toBe(rows.docs[0]!.id);
    expect((await everyPage({}, 9)).seen).toEqual(expected.map((e) => e.id));
  });

  it('the searchRows migration moves every legacy row, resumably; a cursor naming a moved row still pages on', async () => {
    // A page ending on a legacy row: its id is the cursor.
    const firstPage = await page({}, 4);
    const cursor = firstPage.nextCursor!;
    expect(cursor).toBe(sortId({ firstName: 'F0', lastName: 'Sorted03' }, expected[3]!.id));

    // Staff may not run it; a member of another chain neither.
    expect((await callError(team.staff.call('reindexCustomers', { chainId: team.chainId, migration: 'searchRows' }))).code).toBe('permission-denied');
    expect((await callError(team.outsider.call('reindexCustomers', { chainId: team.chainId, migration: 'searchRows' }))).code).toBe('permission-denied');

    // In pages of 15: the state keeps the cursor between calls, the last call says done.
    const calls: { processed: number; done: boolean }[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await team.manager.call<{ processed: number; done: boolean }>('reindexCustomers', {
        chainId: team.chainId,
        migration: 'searchRows',
        limit: 15,
      });
      calls.push({ processed: r.processed, done: r.done });
      if (r.done) break;
    }
    expect(calls.map((c) => c.processed)).toEqual([15, 15, 10]);
    expect(calls.at(-1)!.done).toBe(true);
    expect((await migration().get()).get('done')).toBe(true);
    const ids = (await index().select().get()).docs.map((d) => d.id);
    expect(ids).toHaveLength(N);
    expect(ids.filter((id) => !id.startsWith('!'))).toEqual([]);

    // The old cursor named a legacy row, moved since: the next page is the one after it.
    const next = await page({}, 3, cursor);
    expect(next.rows.map((r) => r.customerId)).toEqual(expected.slice(4, 7).map((e) => e.id));
    expect((await everyPage({}, 8)).seen).toEqual(expected.map((e) => e.id));
  });

  it('a cursor of another chain, or of a row that never existed, is refused', async () => {
    const other = await createTeam('Spread rows other');
    try {
      const theirs = (await adminDb.collection(paths.customerIndex(other.chainId)).limit(1).get()).docs[0]?.id ?? '!0nobody x c1';
      for (const cursor of [theirs, '!0nobody x c1', 'nobody x c1']) expect((await callError(page({}, 3, cursor))).code).toBe('invalid-argument');
    } finally {
      await other.closeAll();
    }
  });
});
