// firestore.rules for wallet passes and device registrations: nobody reads or writes them from a
// client (owners included); the functions do, with the Admin SDK. The seeded documents exist (checked
// with rules disabled), so a denial is the rules' doing, not a missing document.
import { describe, expect, it } from 'vitest';
import { assertFails } from '@firebase/rules-unit-testing';
import { collection, collectionGroup, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, WHO } from './setup';
import { paths } from '../../functions/src/model/paths';

const PASS = 'a'.repeat(32);
const suite = firestoreRulesSuite('firestore-wallet', (db, batch) => {
  batch.set(doc(db, `${paths.walletPasses(CHAIN)}/${PASS}`), {
    chainId: CHAIN,
    code: 'CODEA',
    batchId: 'b1',
    boundAtMs: 1,
    status: 'active',
    updatedAtMs: 1,
  });
  batch.set(doc(db, `${paths.walletRegistrations(CHAIN, PASS)}/device1`), { deviceId: 'device1', pushToken: 'tok', chainId: CHAIN, passId: PASS });
});

describe('walletPasses and walletRegistrations', () => {
  it('the seeded pass and registration exist (read with rules disabled)', async () => {
    await suite().withSecurityRulesDisabled(async (ctx) => {
      const db = ctx.firestore();
      expect((await getDoc(doc(db, `${paths.walletPasses(CHAIN)}/${PASS}`))).exists()).toBe(true);
      expect((await getDoc(doc(db, `${paths.walletRegistrations(CHAIN, PASS)}/device1`))).exists()).toBe(true);
    });
  });

  it.each(WHO)('%s cannot read or list passes, nor query them across chains', async (who) => {
    const db = as(suite(), who);
    await assertFails(getDoc(doc(db, `${paths.walletPasses(CHAIN)}/${PASS}`)));
    await assertFails(getDocs(collection(db, paths.walletPasses(CHAIN))));
    await assertFails(getDocs(query(collectionGroup(db, 'walletPasses'), where('chainId', '==', CHAIN))));
  });

  it.each(WHO)('%s cannot read, list or query device registrations', async (who) => {
    const db = as(suite(), who);
    await assertFails(getDoc(doc(db, `${paths.walletRegistrations(CHAIN, PASS)}/device1`)));
    await assertFails(getDocs(collection(db, paths.walletRegistrations(CHAIN, PASS))));
    await assertFails(getDocs(query(collectionGroup(db, 'walletRegistrations'), where('deviceId', '==', 'device1'))));
  });

  it.each(WHO)('%s cannot create, change or delete a pass or a registration', async (who) => {
    const db = as(suite(), who);
    await assertFails(setDoc(doc(db, `${paths.walletPasses(CHAIN)}/${'b'.repeat(32)}`), { chainId: CHAIN, status: 'active' }));
    await assertFails(updateDoc(doc(db, `${paths.walletPasses(CHAIN)}/${PASS}`), { status: 'voided' }));
    await assertFails(deleteDoc(doc(db, `${paths.walletPasses(CHAIN)}/${PASS}`)));
    await assertFails(setDoc(doc(db, `${paths.walletRegistrations(CHAIN, PASS)}/device2`), { deviceId: 'device2', pushToken: 'x' }));
    await assertFails(deleteDoc(doc(db, `${paths.walletRegistrations(CHAIN, PASS)}/device1`)));
  });
});
