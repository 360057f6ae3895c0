// assignCards: the next free cards of a batch to a selection of customers, each assignment atomic,
// refusals reported per customer; two assignments at the same time never bind a card twice; roles,
// removed members and other chains' ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AssignCardsResult } from '../../functions/src/model/card';
import { paths } from '../../functions/src/model/paths';
import { adminDb } from '../helpers/admin';
import { anonymousClient, callError } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Assign cards');
});
afterAll(() => team.closeAll());

const newBatch = async (size: number, t: Team = team) =>
  (await t.manager.call<{ batchId: string }>('createCardBatch', { chainId: t.chainId, name: `Batch ${size}`, size })).batchId;
const newCustomers = async (n: number, t: Team = team) =>
  Promise.all(Array.from({ length: n }, async () => (await createCustomer(t.staff, t.chainId, someone())).customerId));
const cardsOf = async (batchId: string, chainId = team.chainId) =>
  (await adminDb.collection(paths.cards(chainId, batchId)).orderBy('code').get()).docs.map((d) => d.data());
const assign = (batchId: string, customerIds: string[], t: Team = team, user = t.manager) =>
  user.call<AssignCardsResult>('assignCards', { chainId: t.chainId, batchId, customerIds });

describe('assignCards', () => {
  it('binds the lowest free codes in order, through the write path (customer, search row, history, batch count, audit)', async () => {
    const batchId = await newBatch(5);
    const ids = await newCustomers(3);
    const before = await cardsOf(batchId);
    const result = await assign(batchId, ids);
    expect(result.failed).toEqual([]);
    expect(result.assigned).toEqual(ids.map((customerId, i) => ({ customerId, code: before[i]!.code })));
    const after = await cardsOf(batchId);
    expect(after.map((c) => [c.status, c.customerId ?? null])).toEqual([...ids.map((id) => ['bound', id]), ['unbound', null], ['unbound', null]]);
    expect((await adminDb.doc(paths.cardBatch(team.chainId, batchId)).get()).get('bound')).toBe(3);
    for (const [i, id] of ids.entries()) {
      const customer = await adminDb.doc(paths.customer(team.chainId, id)).get();
      expect(customer.get('cardCodes')).toEqual([before[i]!.code]);
      // The point of sale finds the customer by the card (search row key).
      const found = await team.staff.call('lookupCard', { chainId: team.chainId, code: before[i]!.code });
      expect(found).toMatchObject({ kind: 'bound', customer: { customerId: id } });
      const history = await adminDb.collection(paths.history(team.chainId, id)).where('action', '==', 'card.bind').get();
      expect(history.docs.map((d) => d.get('card'))).toEqual([before[i]!.code]);
    }
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('action', '==', 'card.bind').get();
    expect(audit.docs.filter((d) => d.get('details.batchId') === batchId && d.get('details.by') === 'assign')).toHaveLength(3);
  });

  it('reports each refusal per customer and still assigns the others', async () => {
    const batchId = await newBatch(2);
    const [a, b, c, d] = await newCustomers(4);
    // b already holds a card; c is erased; d comes after the batch ran out.
    const other = await newBatch(1);
    await assign(other, [b!]);
    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId: c! });
    const e = (await newCustomers(1))[0]!;
    const result = await assign(batchId, [a!, b!, c!, e, d!]);
    expect(result.assigned.map((x) => x.customerId)).toEqual([a, e]);
    expect(result.failed.map((x) => [x.customerId, x.key])).toEqual([
      [b, 'customerHasCard'],
      [c, 'noSuchCustomer'],
      [d, 'noFreeCard'],
    ]);
    expect(result.failed[0]!.message).toBe('already has a card');
    expect((await cardsOf(batchId)).every((card) => card.status === 'bound')).toBe(true);
  });

  it('two assignments at the same time never bind a card twice', async () => {
    const batchId = await newBatch(14);
    const [left, right] = await Promise.all([newCustomers(6), newCustomers(6)]);
    const [r1, r2] = await Promise.all([assign(batchId, left), assign(batchId, right)]);
    const assigned = [...r1.assigned, ...r2.assigned];
    const failed = [...r1.failed, ...r2.failed];
    // Every customer is either assigned or told the cards were busy; no other failure.
    expect(assigned.length + failed.length).toBe(12);
    expect(failed.every((f) => f.key === 'cardsBusy')).toBe(true);
    expect(assigned.length).toBeGreaterThan(0);
    expect(new Set(assigned.map((a) => a.code)).size).toBe(assigned.length);
    const cards = await cardsOf(batchId);
    const bound = cards.filter((c) => c.status === 'bound');
    expect(bound).toHaveLength(assigned.length);
    expect(new Set(bound.map((c) => c.customerId)).size).toBe(bound.length);
    expect((await adminDb.doc(paths.cardBatch(team.chainId, batchId)).get()).get('bound')).toBe(assigned.length);
    for (const a of assigned) {
      expect(cards.find((c) => c.code === a.code)?.customerId).toBe(a.customerId);
      expect((await adminDb.doc(paths.customer(team.chainId, a.customerId)).get()).get('cardCodes')).toEqual([a.code]);
    }
  });

  it('staff, outsiders, removed members and signed-out callers may not; other chains’ ids are refused', async () => {
    const batchId = await newBatch(2);
    const [id] = await newCustomers(1);
    for (const user of [team.staff, team.outsider]) {
      expect((await callError(assign(batchId, [id!], team, user))).code).toBe('permission-denied');
    }
    const anon = anonymousClient();
    expect((await callError(anon.call('assignCards', { chainId: team.chainId, batchId, customerIds: [id] }))).code).toBe('unauthenticated');
    await anon.close();

    const other = await createTeam('Assign cards, elsewhere');
    try {
      const theirBatch = await newBatch(2, other);
      const [theirCustomer] = await newCustomers(1, other);
      // Another chain's batch: not found. Another chain's customer: refused for that customer only.
      const err = await callError(assign(theirBatch, [id!]));
      expect(err.code).toBe('not-found');
      expect(err.details.problems).toEqual([expect.objectContaining({ path: 'batchId', code: 'noSuchCardBatch' })]);
      const mixed = await assign(batchId, [theirCustomer!]);
      expect(mixed.failed.map((f) => f.key)).toEqual(['noSuchCustomer']);
      expect((await cardsOf(theirBatch, other.chainId)).every((c) => c.status === 'unbound')).toBe(true);
      // A removed manager.
      await other.owner.call('setMember', { chainId: other.chainId, uid: other.manager.uid, role: null });
      expect((await callError(assign(theirBatch, [theirCustomer!], other))).code).toBe('permission-denied');
    } finally {
      await other.closeAll();
    }
    expect((await cardsOf(batchId)).every((c) => c.status === 'unbound')).toBe(true);
  });

  it('validates the input with field paths', async () => {
    const bad = await callError(team.manager.call('assignCards', { chainId: team.chainId, batchId: 'a/b', customerIds: ['x', 'x'], extra: true }));
    expect(bad.code).toBe('invalid-argument');
    expect(bad.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['batchId', 'customerIds', 'extra']);
    expect(bad.details.problems).toContainEqual(expect.objectContaining({ path: 'customerIds', code: 'duplicateIds' }));
    const empty = await callError(team.manager.call('assignCards', { chainId: team.chainId, batchId: 'b', customerIds: [] }));
    expect(empty.details.problems).toEqual([expect.objectContaining({ path: 'customerIds' })]);
  });
});
