// firestore.rules for ID cards: every member looks cards up (point of sale), only managers and
// owners see batches and email jobs, other chains see nothing, nobody writes.
import { describe, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, collectionGroup, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, MANAGERS, matrix, MEMBERS, OTHER_CHAIN, WHO } from './setup';
import { paths } from '../../functions/src/model/paths';

const suite = firestoreRulesSuite('firestore-cards', (db, batch) => {
  batch.set(doc(db, paths.cardBatch(CHAIN, 'b1')), { name: 'Spring', size: 1, bound: 0 });
  batch.set(doc(db, `${paths.cards(CHAIN, 'b1')}/CODEA`), { code: 'CODEA', chainId: CHAIN, batchId: 'b1', status: 'unbound' });
  batch.set(doc(db, `${paths.cards(OTHER_CHAIN, 'b2')}/CODEB`), { code: 'CODEB', chainId: OTHER_CHAIN, batchId: 'b2', status: 'unbound' });
  batch.set(doc(db, `${paths.cardEmails(CHAIN)}/j1`), { code: 'CODEA', to: 'ann@example.test', status: 'sent' });
});

const members = matrix(MEMBERS);
const managers = matrix(MANAGERS);

describe('cards', () => {
  it.each(members)('%s may look a card up by code across batches: %s', async (who, allowed) => {
    const q = getDocs(query(collectionGroup(as(suite(), who), 'cards'), where('chainId', '==', CHAIN), where('code', '==', 'CODEA')));
    await (allowed ? assertSucceeds(q) : assertFails(q));
  });

  it.each(members)('%s may read a card of the chain directly: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), `${paths.cards(CHAIN, 'b1')}/CODEA`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot run a collection group query without the chain filter', async (who) => {
    await assertFails(getDocs(query(collectionGroup(as(suite(), who), 'cards'), where('code', '==', 'CODEB'))));
  });

  it("a member of another chain finds their own cards, not this chain's", async () => {
    const db = as(suite(), 'otherChainMember');
    await assertSucceeds(getDocs(query(collectionGroup(db, 'cards'), where('chainId', '==', OTHER_CHAIN), where('code', '==', 'CODEB'))));
    await assertFails(getDocs(query(collectionGroup(db, 'cards'), where('chainId', '==', CHAIN))));
  });

  it.each(WHO)('%s cannot bind, revoke or create a card directly', async (who) => {
    const db = as(suite(), who);
    await assertFails(updateDoc(doc(db, `${paths.cards(CHAIN, 'b1')}/CODEA`), { status: 'bound', customerId: 'c1' }));
    await assertFails(setDoc(doc(db, `${paths.cards(CHAIN, 'b1')}/NEW`), { code: 'NEW', chainId: CHAIN, status: 'unbound' }));
    await assertFails(deleteDoc(doc(db, `${paths.cards(CHAIN, 'b1')}/CODEA`)));
  });
});

describe('cardBatches', () => {
  it.each(managers)('%s may read batches: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), paths.cardBatches(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
    const read = getDoc(doc(as(suite(), who), paths.cardBatch(CHAIN, 'b1')));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot create, change or delete a batch directly', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), paths.cardBatch(CHAIN, 'b9')), { name: 'Mine', size: 10 }));
    await assertFails(updateDoc(doc(as(suite(), who), paths.cardBatch(CHAIN, 'b1')), { bound: 1 }));
    await assertFails(deleteDoc(doc(as(suite(), who), paths.cardBatch(CHAIN, 'b1'))));
  });
});

describe('cardEmails', () => {
  it.each(managers)('%s may read email jobs: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), `${paths.cardEmails(CHAIN)}/j1`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(managers)('%s may list email jobs: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), paths.cardEmails(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
  });

  it.each(WHO)('%s cannot queue or change an email job from a client', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), `${paths.cardEmails(CHAIN)}/j2`), { code: 'CODEA', to: 'x@example.test', status: 'pending' }));
    await assertFails(updateDoc(doc(as(suite(), who), `${paths.cardEmails(CHAIN)}/j1`), { status: 'pending' }));
  });
});
