// firestore.rules for visits and the dashboard's counters: every member reads a customer's visits
// (the customer page at the till), only owners and managers read the counters, nobody outside the
// chain reads either, and no client writes them (checkIn and undoCheckIn do).
import { describe, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { addDoc, collection, deleteDoc, doc, getDoc, getDocs, orderBy, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, MANAGERS, matrix, MEMBERS, OTHER_CHAIN, uidOf, WHO } from './setup';
import { paths } from '../../functions/src/model/paths';

const visit = `${paths.visits(CHAIN, 'c1')}/v1`;
const stats = `${paths.stats(CHAIN)}/2026-12-01-0`;
const otherStats = `${paths.stats(OTHER_CHAIN)}/2026-12-01-0`;
const otherVisit = `${paths.visits(OTHER_CHAIN, 'c2')}/v2`;

const suite = firestoreRulesSuite('firestore-visits', (db, batch) => {
  batch.set(doc(db, paths.customer(CHAIN, 'c1')), { firstName: 'Ann', lastName: 'Lee', version: 2, visits: 1 });
  batch.set(doc(db, visit), { locationId: 'l1', by: 'staff-uid', source: 'scan', day: '2026-12-01', shard: 0, first: true });
  batch.set(doc(db, stats), { day: '2026-12-01', checkIns: 1, byLocation: { l1: 1 }, firstVisits: 1 });
  batch.set(doc(db, otherStats), { day: '2026-12-01', checkIns: 5, byLocation: {}, firstVisits: 0 });
  batch.set(doc(db, otherVisit), { locationId: 'l9', source: 'scan' });
});

describe('chains/{chainId}/customers/{id}/visits', () => {
  it.each(matrix(MEMBERS))('%s may read and list a customer’s visits: %s', async (who, allowed) => {
    const db = as(suite(), who);
    const read = getDoc(doc(db, visit));
    await (allowed ? assertSucceeds(read) : assertFails(read));
    const list = getDocs(query(collection(db, paths.visits(CHAIN, 'c1')), orderBy('at', 'desc')));
    await (allowed ? assertSucceeds(list) : assertFails(list));
  });

  it.each(WHO)('%s cannot add, change or delete a visit directly', async (who) => {
    const db = as(suite(), who);
    await assertFails(addDoc(collection(db, paths.visits(CHAIN, 'c1')), { locationId: 'l1', source: 'scan' }));
    await assertFails(updateDoc(doc(db, visit), { locationId: 'l2' }));
    await assertFails(deleteDoc(doc(db, visit)));
  });

  it("members of another chain do not read this chain's visits", async () => {
    await assertFails(getDoc(doc(as(suite(), 'otherChainMember'), visit)));
    await assertSucceeds(getDoc(doc(as(suite(), 'otherChainMember'), otherVisit)));
    await assertFails(getDoc(doc(as(suite(), 'owner'), otherVisit)));
  });
});

describe('chains/{chainId}/stats (the dashboard’s counters)', () => {
  it.each(matrix(MANAGERS))('%s may read the counters: %s', async (who, allowed) => {
    const db = as(suite(), who);
    const read = getDoc(doc(db, stats));
    await (allowed ? assertSucceeds(read) : assertFails(read));
    const list = getDocs(query(collection(db, paths.stats(CHAIN)), where('day', '>=', '2026-09-01')));
    await (allowed ? assertSucceeds(list) : assertFails(list));
  });

  it('staff do not read the counters; a removed manager no longer does', async () => {
    await assertFails(getDoc(doc(as(suite(), 'staff'), stats)));
    await assertSucceeds(getDoc(doc(as(suite(), 'manager'), stats)));
    await suite().withSecurityRulesDisabled(async (ctx) => {
      await deleteDoc(doc(ctx.firestore() as never, paths.member(CHAIN, uidOf('manager'))));
    });
    await assertFails(getDoc(doc(as(suite(), 'manager'), stats)));
  });

  it("an owner of this chain does not read another chain's counters", async () => {
    await assertFails(getDoc(doc(as(suite(), 'owner'), otherStats)));
    await assertSucceeds(getDoc(doc(as(suite(), 'otherChainMember'), otherStats)));
  });

  it.each(WHO)('%s cannot write the counters', async (who) => {
    const db = as(suite(), who);
    await assertFails(setDoc(doc(db, stats), { day: '2026-12-01', checkIns: 999 }));
    await assertFails(updateDoc(doc(db, stats), { checkIns: 0 }));
    await assertFails(deleteDoc(doc(db, stats)));
  });
});
