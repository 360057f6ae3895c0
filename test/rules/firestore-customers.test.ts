// firestore.rules for the customer directory: owners and managers read customers, their search rows
// and history; staff only when the chain lets staff see contact details (settings.staffSeeContact,
// off by default; otherwise they go through callables that leave those out); every member reads the
// consent log and types; nobody outside the chain reads, and no client writes (callables do).
import { beforeEach, describe, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { addDoc, collection, deleteDoc, doc, getDoc, getDocs, query, setDoc, updateDoc, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, MANAGERS, matrix, MEMBERS, OTHER_CHAIN, uidOf, WHO } from './setup';
import { paths as docPaths } from '../../functions/src/model/paths';

const suite = firestoreRulesSuite('firestore-customers', (db, batch) => {
  batch.set(doc(db, docPaths.customer(CHAIN, 'c1')), { firstName: 'Ann', lastName: 'Lee', version: 1 });
  batch.set(doc(db, `${docPaths.history(CHAIN, 'c1')}/h1`), { action: 'create' });
  batch.set(doc(db, `${docPaths.consentLog(CHAIN, 'c1')}/l1`), { channel: 'email', granted: true });
  batch.set(doc(db, `${docPaths.customerIndex(CHAIN)}/lee ann c1`), { customerId: 'c1', k: { ann: true } });
  batch.set(doc(db, `${docPaths.customerTypes(CHAIN)}/t1`), { name: 'VIP' });
  batch.set(doc(db, docPaths.customer(OTHER_CHAIN, 'c2')), { firstName: 'Bob', lastName: 'Other' });
  batch.set(doc(db, `${docPaths.customerKeys(CHAIN)}/k1`), { key: 'e:ann@example.test', ids: ['c1'] });
  batch.set(doc(db, docPaths.importReport(CHAIN, 'i1')), { status: 'done', counts: { rows: 1 } });
  batch.set(doc(db, `${docPaths.exports(CHAIN)}/x1`), { path: `exports/${CHAIN}/x1.csv`, rows: 1, fields: ['firstName'] });
  batch.set(doc(db, `${docPaths.exports(OTHER_CHAIN)}/x2`), { path: `exports/${OTHER_CHAIN}/x2.csv`, rows: 1 });
});

const members = matrix(MEMBERS);
const managers = matrix(MANAGERS);

/** Sets the chain's "staff see contact details" setting (as saveChainSettings writes it). */
const staffSeeContact = (on: boolean, chainId = CHAIN) =>
  suite().withSecurityRulesDisabled(async (ctx) => {
    await updateDoc(doc(ctx.firestore() as never, docPaths.chain(chainId)), { settings: { staffSeeContact: on, country: 'FR' } });
  });

/**
 * Who reads documents that hold contact details, for each setting: with it off (and by default),
 * owners and managers only; with it on, every member.
 */
const SETTINGS = [
  { setting: 'unset (default)', set: async () => {}, readers: managers },
  { setting: 'off', set: () => staffSeeContact(false), readers: managers },
  { setting: 'on', set: () => staffSeeContact(true), readers: members },
] as const;

const paths = {
  customer: docPaths.customer(CHAIN, 'c1'),
  history: `${docPaths.history(CHAIN, 'c1')}/h1`,
  consentLog: `${docPaths.consentLog(CHAIN, 'c1')}/l1`,
  index: `${docPaths.customerIndex(CHAIN)}/lee ann c1`,
  type: `${docPaths.customerTypes(CHAIN)}/t1`,
};

describe.each(SETTINGS)('customers, their history and search rows, staff contact setting $setting', ({ set, readers }) => {
  beforeEach(async () => {
    await set();
  });

  it.each(readers)('%s may read a customer: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), paths.customer));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(readers)('%s may list customers: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), docPaths.customers(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
  });

  it.each(readers)('%s may read the history: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), paths.history));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(members)('%s may read the consent log (no contact value), whatever the setting: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), paths.consentLog));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(readers)('%s may query the search index: %s', async (who, allowed) => {
    const q = getDocs(query(collection(as(suite(), who), docPaths.customerIndex(CHAIN)), where('k.ann', '==', true)));
    await (allowed ? assertSucceeds(q) : assertFails(q));
  });

  it.each(readers)('%s may read an index row by id: %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), paths.index));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });
});

describe('the staff contact setting', () => {
  it('takes effect on the next read, both ways', async () => {
    const db = as(suite(), 'staff');
    await assertFails(getDoc(doc(db, paths.customer)));
    await staffSeeContact(true);
    await assertSucceeds(getDoc(doc(db, paths.customer)));
    await assertSucceeds(getDoc(doc(db, paths.index)));
    await staffSeeContact(false);
    await assertFails(getDoc(doc(db, paths.customer)));
    await assertFails(getDoc(doc(db, paths.index)));
  });

  it("another chain's setting does not open this chain, and a member cannot change it", async () => {
    await staffSeeContact(true, OTHER_CHAIN);
    await assertFails(getDoc(doc(as(suite(), 'staff'), paths.customer)));
    await assertFails(getDoc(doc(as(suite(), 'otherChainMember'), paths.customer)));
    for (const who of WHO) {
      await assertFails(updateDoc(doc(as(suite(), who), docPaths.chain(CHAIN)), { settings: { staffSeeContact: true } }));
    }
  });

  it('a setting that is not `true` (a string, a number) keeps staff out', async () => {
    await suite().withSecurityRulesDisabled(async (ctx) => {
      await updateDoc(doc(ctx.firestore() as never, docPaths.chain(CHAIN)), { settings: { staffSeeContact: 'true' } });
    });
    await assertFails(getDoc(doc(as(suite(), 'staff'), paths.customer)));
  });
});

describe('chains/{chainId}/customers: writes and other chains', () => {
  it.each(WHO)('%s cannot create, update or delete a customer directly', async (who) => {
    const db = as(suite(), who);
    await assertFails(addDoc(collection(db, docPaths.customers(CHAIN)), { firstName: 'X', lastName: 'Y' }));
    await assertFails(updateDoc(doc(db, paths.customer), { version: 99 }));
    await assertFails(deleteDoc(doc(db, paths.customer)));
  });

  it("a member of another chain cannot read this chain's customers, but reads their own", async () => {
    await staffSeeContact(true);
    await assertFails(getDoc(doc(as(suite(), 'otherChainMember'), paths.customer)));
    await assertSucceeds(getDoc(doc(as(suite(), 'otherChainMember'), docPaths.customer(OTHER_CHAIN, 'c2'))));
  });

  it('a removed staff member cannot read customers any more, even when staff see contact details', async () => {
    await staffSeeContact(true);
    const db = as(suite(), 'staff');
    await assertSucceeds(getDoc(doc(db, paths.customer)));
    await suite().withSecurityRulesDisabled(async (ctx) => {
      await deleteDoc(doc(ctx.firestore() as never, docPaths.member(CHAIN, uidOf('staff'))));
    });
    await assertFails(getDoc(doc(db, paths.customer)));
    await assertFails(getDoc(doc(db, paths.consentLog)));
  });

  it.each(WHO)('%s cannot forge or erase history or consent entries', async (who) => {
    const db = as(suite(), who);
    await assertFails(addDoc(collection(db, `${paths.customer}/history`), { action: 'update' }));
    await assertFails(addDoc(collection(db, `${paths.customer}/consentLog`), { channel: 'email', granted: true }));
    await assertFails(deleteDoc(doc(db, paths.consentLog)));
  });

  it.each(WHO)('%s cannot write index rows from a client', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), paths.index), { customerId: 'c1', k: {} }));
    await assertFails(deleteDoc(doc(as(suite(), who), paths.index)));
  });
});

describe('chains/{chainId}/customerTypes', () => {
  it.each(members)('%s may read customer types: %s', async (who, allowed) => {
    const read = getDocs(collection(as(suite(), who), docPaths.customerTypes(CHAIN)));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot write a customer type directly', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), paths.type), { name: 'Renamed' }));
    await assertFails(deleteDoc(doc(as(suite(), who), paths.type)));
  });
});

describe('chains/{chainId}/customerKeys (exact-match lookup, used by functions only)', () => {
  it.each(WHO)('%s cannot read or write lookup keys', async (who) => {
    await assertFails(getDoc(doc(as(suite(), who), `${docPaths.customerKeys(CHAIN)}/k1`)));
    await assertFails(getDocs(collection(as(suite(), who), docPaths.customerKeys(CHAIN))));
    await assertFails(setDoc(doc(as(suite(), who), `${docPaths.customerKeys(CHAIN)}/k2`), { ids: ['c1'] }));
  });
});

describe('chains/{chainId}/imports', () => {
  it.each(managers)('%s may read import reports: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), docPaths.imports(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
    const read = getDoc(doc(as(suite(), who), docPaths.importReport(CHAIN, 'i1')));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(WHO)('%s cannot write an import report', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), docPaths.importReport(CHAIN, 'i1')), { status: 'done' }));
    await assertFails(deleteDoc(doc(as(suite(), who), docPaths.importReport(CHAIN, 'i1'))));
  });
});

describe('chains/{chainId}/exports', () => {
  it.each(managers)('%s may read export records: %s', async (who, allowed) => {
    const list = getDocs(collection(as(suite(), who), docPaths.exports(CHAIN)));
    await (allowed ? assertSucceeds(list) : assertFails(list));
    const read = getDoc(doc(as(suite(), who), `${docPaths.exports(CHAIN)}/x1`));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it("a manager of this chain cannot read another chain's export records", async () => {
    await assertFails(getDoc(doc(as(suite(), 'manager'), `${docPaths.exports(OTHER_CHAIN)}/x2`)));
    await assertSucceeds(getDoc(doc(as(suite(), 'otherChainMember'), `${docPaths.exports(OTHER_CHAIN)}/x2`)));
  });

  it.each(WHO)('%s cannot write or delete an export record', async (who) => {
    await assertFails(setDoc(doc(as(suite(), who), `${docPaths.exports(CHAIN)}/x9`), { path: `exports/${CHAIN}/x9.csv` }));
    await assertFails(updateDoc(doc(as(suite(), who), `${docPaths.exports(CHAIN)}/x1`), { rows: 2 }));
    await assertFails(deleteDoc(doc(as(suite(), who), `${docPaths.exports(CHAIN)}/x1`)));
  });
});
