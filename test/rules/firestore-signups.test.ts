// firestore.rules for self sign-up: pending sign-ups (personal data before the email is confirmed)
// and sign-up counters are for the functions only. No one reads or writes them from a client, not
// even the chain's owner.
import { describe, it } from 'vitest';
import { assertFails } from '@firebase/rules-unit-testing';
import { collection, collectionGroup, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, WHO } from './setup';
import { paths } from '../../functions/src/model/paths';

const suite = firestoreRulesSuite('firestore-signups', (db, batch) => {
  batch.set(doc(db, `${paths.signUps(CHAIN)}/s1`), { firstName: 'Ann', email: 'ann@example.test', emailKey: 'ann@example.test', expiresAt: new Date() });
  batch.set(doc(db, `${paths.signUpLimits(CHAIN)}/w1`), { count: 3, expiresAt: new Date() });
  batch.set(doc(db, `${paths.ipSignUpLimits()}/abc-w1`), { count: 3, expiresAt: new Date() });
});

describe('signUps', () => {
  it.each(WHO)('%s cannot read or list pending sign-ups', async (who) => {
    const db = as(suite(), who);
    await assertFails(getDoc(doc(db, `${paths.signUps(CHAIN)}/s1`)));
    await assertFails(getDocs(collection(db, paths.signUps(CHAIN))));
    await assertFails(getDocs(query(collectionGroup(db, 'signUps'), where('emailKey', '==', 'ann@example.test'))));
  });

  it.each(WHO)('%s cannot create, change or delete a pending sign-up', async (who) => {
    const db = as(suite(), who);
    await assertFails(setDoc(doc(db, `${paths.signUps(CHAIN)}/s2`), { firstName: 'Bob', email: 'bob@example.test' }));
    await assertFails(updateDoc(doc(db, `${paths.signUps(CHAIN)}/s1`), { expiresAt: new Date(Date.now() + 1e9) }));
    await assertFails(deleteDoc(doc(db, `${paths.signUps(CHAIN)}/s1`)));
  });
});

describe('signUpLimits', () => {
  it.each(WHO)("%s cannot read or reset the chain's or an address's sign-up counters", async (who) => {
    const db = as(suite(), who);
    await assertFails(getDoc(doc(db, `${paths.signUpLimits(CHAIN)}/w1`)));
    await assertFails(getDocs(collection(db, paths.ipSignUpLimits())));
    await assertFails(setDoc(doc(db, `${paths.signUpLimits(CHAIN)}/w1`), { count: 0 }));
    await assertFails(deleteDoc(doc(db, `${paths.ipSignUpLimits()}/abc-w1`)));
    await assertFails(updateDoc(doc(db, `${paths.ipSignUpLimits()}/abc-w1`), { count: 0 }));
  });
});
