// firestore.rules for chains, members, locations and audit: who may read what, and that no client
// writes anything (writes go through callables).
import { describe, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { addDoc, collection, deleteDoc, doc, getDoc, getDocs, setDoc, updateDoc } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, MANAGERS, matrix, MEMBERS, OTHER_CHAIN, uidOf, WHO } from './setup';
import { paths } from '../../functions/src/model/paths';

const suite = firestoreRulesSuite('firestore-chains', (db, batch) => {
  batch.set(doc(db, `${paths.locations(CHAIN)}/l1`), { name: 'Centre' });
  batch.set(doc(db, `${paths.audit(CHAIN)}/a1`), { action: 'chain.create', actorUid: uidOf('owner') });
  batch.set(doc(db, `${paths.locations(OTHER_CHAIN)}/l2`), { name: 'Elsewhere' });
  batch.set(doc(db, paths.migration(CHAIN, 'phones')), { cursor: 'c1', done: false, processed: 1, updated: 1, country: 'FR' });
});

describe('chains/{chainId}', () => {
  it.each(matrix(MEMBERS))('%s may read the chain document: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), paths.chain(CHAIN)));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot list all chains (not even an owner)', async (who) => {
    await assertFails(getDocs(collection(as(suite(), who), 'chains')));
  });

  it.each(WHO)('%s cannot create, update or delete a chain', async (who) => {
    const db = as(suite(), who);
    await assertFails(setDoc(doc(db, 'chains/new-chain'), { name: 'Mine' }));
    await assertFails(updateDoc(doc(db, paths.chain(CHAIN)), { name: 'Renamed' }));
    await assertFails(deleteDoc(doc(db, paths.chain(CHAIN))));
  });

  it("a member of another chain cannot read this chain's documents", async () => {
    const db = as(suite(), 'otherChainMember');
    await assertFails(getDoc(doc(db, `${paths.locations(CHAIN)}/l1`)));
    await assertSucceeds(getDoc(doc(db, `${paths.locations(OTHER_CHAIN)}/l2`)));
  });
});

describe('chains/{chainId}/members', () => {
  it.each(matrix(MANAGERS))('%s may list the team: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), paths.members(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
  });

  it.each(matrix(['staff', ...MANAGERS]))('%s may read the staff member’s document: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), paths.member(CHAIN, uidOf('staff'))));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it('a removed member cannot read their former membership, even by its exact path', async () => {
    await assertFails(getDoc(doc(as(suite(), 'removedMember'), paths.member(CHAIN, uidOf('removedMember')))));
  });

  it('staff may read their own membership but not a colleague’s', async () => {
    const db = as(suite(), 'staff');
    await assertSucceeds(getDoc(doc(db, paths.member(CHAIN, uidOf('staff')))));
    await assertFails(getDoc(doc(db, paths.member(CHAIN, uidOf('manager')))));
  });

  it('nobody may write a member document from a client, not even an owner promoting themselves', async () => {
    await assertFails(setDoc(doc(as(suite(), 'removedMember'), paths.member(CHAIN, uidOf('removedMember'))), { uid: uidOf('removedMember'), role: 'manager' }));
    await assertFails(updateDoc(doc(as(suite(), 'staff'), paths.member(CHAIN, uidOf('staff'))), { role: 'owner' }));
    await assertFails(setDoc(doc(as(suite(), 'owner'), paths.member(CHAIN, 'someone')), { uid: 'someone', role: 'staff' }));
    await assertFails(deleteDoc(doc(as(suite(), 'owner'), paths.member(CHAIN, uidOf('staff')))));
    await assertFails(setDoc(doc(as(suite(), 'otherChainMember'), paths.member(CHAIN, uidOf('otherChainMember'))), { role: 'owner' }));
  });

  it('a removed member is denied on the very next read', async () => {
    const db = as(suite(), 'manager');
    await assertSucceeds(getDoc(doc(db, `${paths.locations(CHAIN)}/l1`)));
    await suite().withSecurityRulesDisabled(async (ctx) => {
      await deleteDoc(doc(ctx.firestore() as never, paths.member(CHAIN, uidOf('manager'))));
    });
    await assertFails(getDoc(doc(db, `${paths.locations(CHAIN)}/l1`)));
    await assertFails(getDoc(doc(db, paths.chain(CHAIN))));
  });

  it('a demoted manager loses manager reads at once', async () => {
    const db = as(suite(), 'manager');
    await assertSucceeds(getDocs(collection(db, paths.members(CHAIN))));
    await suite().withSecurityRulesDisabled(async (ctx) => {
      await updateDoc(doc(ctx.firestore() as never, paths.member(CHAIN, uidOf('manager'))), { role: 'staff' });
    });
    await assertFails(getDocs(collection(db, paths.members(CHAIN))));
  });
});

describe('chains/{chainId}/locations', () => {
  it.each(matrix(MEMBERS))('%s may read locations: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), paths.locations(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
    const read = getDoc(doc(as(suite(), who), `${paths.locations(CHAIN)}/l1`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot write a location directly', async (who) => {
    await assertFails(addDoc(collection(as(suite(), who), paths.locations(CHAIN)), { name: 'New' }));
    await assertFails(updateDoc(doc(as(suite(), who), `${paths.locations(CHAIN)}/l1`), { name: 'Renamed' }));
  });
});

describe('chains/{chainId}/audit', () => {
  it.each(matrix(MANAGERS))('%s may read the audit log: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), paths.audit(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
    const read = getDoc(doc(as(suite(), who), `${paths.audit(CHAIN)}/a1`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot write or erase audit entries', async (who) => {
    await assertFails(addDoc(collection(as(suite(), who), paths.audit(CHAIN)), { action: 'forged' }));
    await assertFails(deleteDoc(doc(as(suite(), who), `${paths.audit(CHAIN)}/a1`)));
  });
});

describe('chains/{chainId}/migrations (server only)', () => {
  it.each(WHO)('%s can neither read, list nor write the migration state', async (who) => {
    await assertFails(getDoc(doc(as(suite(), who), paths.migration(CHAIN, 'phones'))));
    await assertFails(getDocs(collection(as(suite(), who), `${paths.chain(CHAIN)}/migrations`)));
    await assertFails(setDoc(doc(as(suite(), who), paths.migration(CHAIN, 'phones')), { cursor: null, done: true }));
  });
});

describe('everything else', () => {
  it.each(WHO)('%s can neither read nor write an unknown collection', async (who) => {
    await assertFails(getDoc(doc(as(suite(), who), 'users/u-owner')));
    await assertFails(setDoc(doc(as(suite(), who), 'anything/x'), { a: 1 }));
  });
});
