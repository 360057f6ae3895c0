// Visits at the till: checkIn and undoCheckIn through the real callables, the customer's summary and
// search row, the chain's sharded counters, idempotency under concurrent scans, the undo window,
// tenancy and roles, erasure, merge and unmerge.
import { Timestamp } from 'firebase-admin/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTeam, createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let other: Team;
let L1: string;
let L2: string;
let otherLocation: string;
beforeAll(async () => {
  [team, other] = await createTwoTeams('Visits');
  const locs = (await adminDb.collection(paths.locations(team.chainId)).get()).docs.sort((a, b) => String(a.get('name')).localeCompare(String(b.get('name'))));
  [L1, L2] = locs.map((d) => d.id) as [string, string];
  otherLocation = (await adminDb.collection(paths.locations(other.chainId)).get()).docs[0]!.id;
});
afterAll(async () => {
  await Promise.all([team.closeAll(), other.closeAll()]);
});

const customer = async (id: string, chainId = team.chainId) => (await adminDb.doc(paths.customer(chainId, id)).get()).data();
const indexRow = async (id: string) =>
  (await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', id).get()).docs.map((d) => d.data());
const visitDocs = async (id: string) => (await adminDb.collection(paths.visits(team.chainId, id)).get()).docs;
async function todayCounts(chainId = team.chainId) {
  const day = new Date().toISOString().slice(0, 10);
  const docs = (await adminDb.collection(paths.stats(chainId)).where('day', '==', day).get()).docs;
  const byLocation: Record<string, number> = {};
  let checkIns = 0;
  let firstVisits = 0;
  for (const d of docs) {
    checkIns += d.get('checkIns') ?? 0;
    firstVisits += d.get('firstVisits') ?? 0;
    for (const [loc, n] of Object.entries((d.get('byLocation') ?? {}) as Record<string, number>)) byLocation[loc] = (byLocation[loc] ?? 0) + n;
  }
  return { checkIns, firstVisits, byLocation };
}
const checkIn = (user: Team['staff'], customerId: string, locationId: string, source = 'scan', chainId = team.chainId) =>
  user.call('checkIn', { chainId, customerId, locationId, source });

describe('checkIn', () => {
  it('records location, member, time and source; the customer carries count, first and last visit and per-location counts', async () => {
    const before = await todayCounts();
    const { customerId, version } = await createCustomer(team.staff, team.chainId, someone());
    const res = await checkIn(team.staff, customerId, L1, 'code');
    expect(res).toMatchObject({ created: true, visits: 1, visitId: expect.any(String) });
    expect(res.undoUntil).toBeGreaterThan(Date.now());
    const [visit] = await visitDocs(customerId);
    expect(visit!.id).toBe(res.visitId);
    expect(visit!.data()).toMatchObject({ locationId: L1, by: team.staff.uid, source: 'code', first: true });
    const c = (await customer(customerId))!;
    expect(c).toMatchObject({ visits: 1, visitsByLocation: { [L1]: 1 }, version: version + 1 });
    expect((c.firstVisitAt as Timestamp).toMillis()).toBe((visit!.get('at') as Timestamp).toMillis());
    expect((c.lastVisitAt as Timestamp).toMillis()).toBe((visit!.get('at') as Timestamp).toMillis());
    const [row] = await indexRow(customerId);
    expect(row).toMatchObject({ visits: 1, version: version + 1, lastVisitDay: new Date().toISOString().slice(0, 10) });
    expect(row!.k[`~loc:${L1}`]).toBe(true);
    const after = await todayCounts();
    expect(after.checkIns - before.checkIns).toBe(1);
    expect(after.firstVisits - before.firstVisits).toBe(1);
    expect((after.byLocation[L1] ?? 0) - (before.byLocation[L1] ?? 0)).toBe(1);
  });

  it('two concurrent scans at the same location are one visit; another location is another visit', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    const before = await todayCounts();
    const [a, b] = await Promise.all([checkIn(team.staff, customerId, L1), checkIn(team.manager, customerId, L1)]);
    expect(a.visitId).toBe(b.visitId);
    expect([a.created, b.created].sort()).toEqual([false, true]);
    expect(await visitDocs(customerId)).toHaveLength(1);
    expect((await customer(customerId))!.visits).toBe(1);
    // A third scan later in the window: still the same visit.
    expect(await checkIn(team.staff, customerId, L1)).toMatchObject({ visitId: a.visitId, created: false, visits: 1 });
    const elsewhere = await checkIn(team.staff, customerId, L2);
    expect(elsewhere).toMatchObject({ created: true, visits: 2 });
    expect((await customer(customerId))!.visitsByLocation).toEqual({ [L1]: 1, [L2]: 1 });
    const after = await todayCounts();
    expect(after.checkIns - before.checkIns).toBe(2);
    expect(after.firstVisits - before.firstVisits).toBe(1);
  });

  it('a check-in after the same-visit window is a new visit', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    const first = await checkIn(team.staff, customerId, L1);
    // The open visit started 31 minutes ago (the default window is 30).
    await adminDb.doc(paths.customer(team.chainId, customerId)).update({ [`openVisits.${L1}.at`]: Timestamp.fromMillis(Date.now() - 31 * 60_000) });
    const second = await checkIn(team.staff, customerId, L1);
    expect(second).toMatchObject({ created: true, visits: 2 });
    expect(second.visitId).not.toBe(first.visitId);
  });

  it('refuses other chains, unknown locations, merged profiles, bad input and non-members', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    expect(await callError(checkIn(team.staff, customerId, otherLocation))).toMatchObject({
      code: 'not-found',
      details: { problems: [{ path: 'locationId' }] },
    });
    expect(await callError(checkIn(other.staff, customerId, otherLocation, 'scan', other.chainId))).toMatchObject({
      code: 'not-found',
      details: { problems: [{ path: 'customerId' }] },
    });
    expect(await callError(checkIn(other.owner, customerId, L1))).toMatchObject({ code: 'permission-denied' });
    expect(await callError(checkIn(team.outsider, customerId, L1))).toMatchObject({ code: 'permission-denied' });
    expect(await callError(checkIn(team.staff, customerId, L1, 'teleport'))).toMatchObject({
      code: 'invalid-argument',
      details: { problems: [{ path: 'source' }] },
    });
    expect(await callError(checkIn(team.staff, 'a/b', L1))).toMatchObject({ code: 'invalid-argument' });
    expect(await visitDocs(customerId)).toHaveLength(0);
  });

  it('a removed staff member cannot check in any more', async () => {
    const removed = await createTeam('Visits removed');
    const { customerId: theirs } = await createCustomer(removed.staff, removed.chainId, someone());
    const loc = (await adminDb.collection(paths.locations(removed.chainId)).get()).docs[0]!.id;
    await removed.owner.call('setMember', { chainId: removed.chainId, uid: removed.staff.uid, role: null });
    expect(await callError(checkIn(removed.staff, theirs, loc, 'scan', removed.chainId))).toMatchObject({ code: 'permission-denied' });
    expect((await customer(theirs, removed.chainId))!.visits).toBeUndefined();
    await removed.closeAll();
  });
});

describe('undoCheckIn', () => {
  it('takes a check-in back within 10 minutes: count, last visit, per-location count, search row and counters', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    const a = await checkIn(team.staff, customerId, L1);
    const lastA = (await customer(customerId))!.lastVisitAt as Timestamp;
    const b = await checkIn(team.staff, customerId, L2);
    const before = await todayCounts();
    expect(await team.staff.call('undoCheckIn', { chainId: team.chainId, customerId, visitId: b.visitId })).toEqual({ undone: true, visits: 1 });
    const c = (await customer(customerId))!;
    expect(c).toMatchObject({ visits: 1, visitsByLocation: { [L1]: 1 } });
    expect((c.lastVisitAt as Timestamp).toMillis()).toBe(lastA.toMillis());
    expect(c.openVisits[L2]).toBeUndefined();
    expect((await visitDocs(customerId)).map((d) => d.id)).toEqual([a.visitId]);
    const [row] = await indexRow(customerId);
    expect(row!.visits).toBe(1);
    expect(row!.k[`~loc:${L2}`]).toBeUndefined();
    const after = await todayCounts();
    expect(after.checkIns - before.checkIns).toBe(-1);
    expect((after.byLocation[L2] ?? 0) - (before.byLocation[L2] ?? 0)).toBe(-1);
    // Undone twice: the visit is gone.
    expect(await callError(team.staff.call('undoCheckIn', { chainId: team.chainId, customerId, visitId: b.visitId }))).toMatchObject({
      code: 'not-found',
      details: { problems: [{ path: 'visitId' }] },
    });
    // The customer's only visit undone: no visits, no first or last visit, out of the visit segments.
    await team.staff.call('undoCheckIn', { chainId: team.chainId, customerId, visitId: a.visitId });
    expect(await customer(customerId)).toMatchObject({ visits: 0, firstVisitAt: null, lastVisitAt: null, visitsByLocation: {} });
    expect(Object.keys((await indexRow(customerId))[0]!.k).filter((k) => k.startsWith('~lv') || k.startsWith('~vc'))).toEqual([]);
    // A new check-in at L2 right after the undo is a new visit (the undone one is no longer open).
    expect(await checkIn(team.staff, customerId, L2)).toMatchObject({ created: true, visits: 1 });
  });

  it('refuses after 10 minutes, and for another chain', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    const { visitId } = await checkIn(team.staff, customerId, L1);
    expect(await callError(other.owner.call('undoCheckIn', { chainId: other.chainId, customerId, visitId }))).toMatchObject({ code: 'not-found' });
    expect(await callError(other.owner.call('undoCheckIn', { chainId: team.chainId, customerId, visitId }))).toMatchObject({ code: 'permission-denied' });
    await adminDb.doc(`${paths.visits(team.chainId, customerId)}/${visitId}`).update({ at: Timestamp.fromMillis(Date.now() - 11 * 60_000) });
    expect(await callError(team.manager.call('undoCheckIn', { chainId: team.chainId, customerId, visitId }))).toMatchObject({
      code: 'failed-precondition',
      details: { problems: [{ path: 'visitId' }] },
    });
    expect((await customer(customerId))!.visits).toBe(1);
  });
});

describe('visits, erasure and merges', () => {
  it('erasure removes the visits; the anonymous day counters stay', async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    await checkIn(team.staff, customerId, L1);
    const before = await todayCounts();
    await team.manager.call('deleteCustomer', { chainId: team.chainId, customerId });
    expect(await visitDocs(customerId)).toHaveLength(0);
    expect(await customer(customerId)).toBeUndefined();
    expect(await indexRow(customerId)).toEqual([]);
    expect(await todayCounts()).toEqual(before);
  });

  it("a merge adds the merged profile's visits to the kept one; unmerge takes them away and keeps visits made since", async () => {
    const a = await createCustomer(team.staff, team.chainId, someone());
    const b = await createCustomer(team.staff, team.chainId, someone());
    await checkIn(team.staff, a.customerId, L1);
    await checkIn(team.staff, b.customerId, L2);
    const [ka, kb] = [(await customer(a.customerId))!, (await customer(b.customerId))!];
    const { mergeId } = await team.manager.call('mergeCustomers', {
      chainId: team.chainId,
      keepId: a.customerId,
      mergeId: b.customerId,
      keepVersion: ka.version,
      mergeVersion: kb.version,
    });
    const merged = (await customer(a.customerId))!;
    expect(merged).toMatchObject({ visits: 2, visitsByLocation: { [L1]: 1, [L2]: 1 } });
    expect((merged.firstVisitAt as Timestamp).toMillis()).toBe(Math.min((ka.firstVisitAt as Timestamp).toMillis(), (kb.firstVisitAt as Timestamp).toMillis()));
    const [row] = await indexRow(a.customerId);
    expect(row).toMatchObject({ visits: 2 });
    expect(row!.k[`~loc:${L2}`]).toBe(true);
    // The merged profile cannot be checked in; the kept one can (a visit since the merge).
    expect(await callError(checkIn(team.staff, b.customerId, L1))).toMatchObject({ code: 'failed-precondition' });
    await adminDb.doc(paths.customer(team.chainId, a.customerId)).update({ [`openVisits.${L1}.at`]: Timestamp.fromMillis(Date.now() - 31 * 60_000) });
    expect(await checkIn(team.staff, a.customerId, L1)).toMatchObject({ created: true, visits: 3 });

    await team.manager.call('unmergeCustomers', { chainId: team.chainId, mergeId });
    expect(await customer(a.customerId)).toMatchObject({ visits: 2, visitsByLocation: { [L1]: 2 } });
    expect(await customer(b.customerId)).toMatchObject({ visits: 1, visitsByLocation: { [L2]: 1 } });
    expect((await indexRow(a.customerId))[0]!.k[`~loc:${L2}`]).toBeUndefined();
    expect((await indexRow(b.customerId))[0]).toMatchObject({ visits: 1 });
  });

  it("a customer's data export lists their visits", async () => {
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    await checkIn(team.staff, customerId, L1, 'search');
    const result = await team.manager.call('exportCustomerData', { chainId: team.chainId, customerId });
    const { adminBucket } = await import('../helpers/admin');
    const [json] = await adminBucket.file(result.files[0].path).download();
    const data = JSON.parse(json.toString('utf8'));
    expect(data.customer.visits).toBe(1);
    expect(data.visits).toEqual([{ at: expect.stringMatching(/^\d{4}-/), locationId: L1, locationName: 'Centre', source: 'search' }]);
  });
});
