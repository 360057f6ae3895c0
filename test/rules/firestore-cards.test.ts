// firestore.rules for ID cards: every member looks cards up (point of sale), only managers and
// owners see batches and email jobs, other chains see nothing, nobody writes.
import { describe, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, collectionGroup, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, OTHER_CHAIN, type Who } from './setup';

const suite = firestoreRulesSuite('firestore-cards', async (db) => {
  await setDoc(doc(db, `chains/${CHAIN}/cardBatches/b1`), { name: 'Spring', size: 1, bound: 0 });
  await setDoc(doc(db, `chains/${CHAIN}/cardBatches/b1/cards/CODEA`), { code: 'CODEA', chainId: CHAIN, batchId: 'b1', status: 'unbound' });
  await setDoc(doc(db, `chains/${OTHER_CHAIN}/cardBatches/b2/cards/CODEB`), { code: 'CODEB', chainId: OTHER_CHAIN, batchId: 'b2', status: 'unbound' });
  await setDoc(doc(db, `chains/${CHAIN}/cardEmails/j1`), { code: 'CODEA', to: 'ann@example.test', status: 'sent' });
});

const everyone: Who[] = ['unauthenticated', 'otherChainMember', 'staff', 'manager', 'owner'];
const members = everyone.map((who) => [who, ['staff', 'manager', 'owner'].includes(who)] as const);
const managers = everyone.map((who) => [who, ['manager', 'owner'].includes(who)] as const);

describe('cards', () => {
  it.each(members)('%s may look a card up by code across batches: %s', async (who, allowed) => {
    const q = getDocs(query(collectionGroup(as(suite(), who), 'cards'), where('chainId', '==', CHAIN), where('code', '==', 'CODEA')));
    await (allowed ? assertSucceeds(q) : assertFails(q));
  });

  it.each(members)('%s may read a card of the chain directly: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), `chains/${CHAIN}/cardBatches/b1/cards/CODEA`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it('a collection group query without the chain filter is refused', async () => {
    await assertFails(getDocs(query(collectionGroup(as(suite(), 'owner'), 'cards'), where('code', '==', 'CODEB'))));
  });

  it.each(['staff', 'manager', 'owner'] as const)('%s cannot bind, revoke or create a card directly', async (who) => {
    const db = as(suite(), who);
    await assertFails(updateDoc(doc(db, `chains/${CHAIN}/cardBatches/b1/cards/CODEA`), { status: 'bound', customerId: 'c1' }));
    await assertFails(setDoc(doc(db, `chains/${CHAIN}/cardBatches/b1/cards/NEW`), { code: 'NEW', chainId: CHAIN, status: 'unbound' }));
    await assertFails(deleteDoc(doc(db, `chains/${CHAIN}/cardBatches/b1/cards/CODEA`)));
  });
});

describe('cardBatches', () => {
  it.each(managers)('%s may read batches: %s', async (who, allowed) => {
    const read = getDocs(collection(as(suite(), who), `chains/${CHAIN}/cardBatches`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(['manager', 'owner'] as const)('%s cannot create a batch directly', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), `chains/${CHAIN}/cardBatches/b9`), { name: 'Mine', size: 10 }));
  });
});

describe('cardEmails', () => {
  it.each(managers)('%s may read email jobs: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), `chains/${CHAIN}/cardEmails/j1`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it('nobody queues an email from a client', async () => {
    await assertFails(setDoc(doc(as(suite(), 'owner'), `chains/${CHAIN}/cardEmails/j2`), { code: 'CODEA', to: 'x@example.test', status: 'pending' }));
  });
});
