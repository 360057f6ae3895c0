// firestore.rules for search rows with spread ids (issue 19: `!<range><sort key>`, store/customers/rowIds.ts):
// the same readers as any search row (owners and managers; staff only when the chain lets them see
// contact details), a page read one key range at a time in id order, nobody outside the chain, no
// client writes; the migration's state is server only.
import { describe, it } from 'vitest';
import { assertFails, assertSucceeds } from '@firebase/rules-unit-testing';
import { collection, deleteDoc, doc, documentId, endBefore, getDoc, getDocs, orderBy, query, setDoc, startAt, where } from 'firebase/firestore';
import { as, CHAIN, firestoreRulesSuite, MANAGERS, matrix, OTHER_CHAIN, uidOf, WHO } from './setup';
import { paths } from '../../functions/src/model/paths';

const ROW = `${paths.customerIndex(CHAIN)}/!1lee ann c1`;
const suite = firestoreRulesSuite('firestore-spread-rows', (db, batch) => {
  batch.set(doc(db, ROW), { customerId: 'c1', lastName: 'Lee', k: { ann: true } });
  batch.set(doc(db, `${paths.customerIndex(OTHER_CHAIN)}/!2roe bob c2`), { customerId: 'c2', k: { bob: true } });
  batch.set(doc(db, paths.migration(CHAIN, 'searchRows')), { done: true, cursor: null });
});

const managers = matrix(MANAGERS);

/** A page's read of one key range, as the search reads it (with the Admin SDK; here as a client). */
const rangeRead = (who: (typeof WHO)[number], chainId = CHAIN) =>
  getDocs(query(collection(as(suite(), who), paths.customerIndex(chainId)), where('k.ann', '==', true), orderBy(documentId()), startAt('!1'), endBefore('!2')));

describe('search rows with spread ids', () => {
  it.each(managers)('%s may read a spread row by id (staff see contact details off): %s', async (who, allowed) => {
    const read = getDoc(doc(as(suite(), who), ROW));
    await (allowed ? assertSucceeds(read) : assertFails(read));
  });

  it.each(managers)('%s may read a key range of rows in id order: %s', async (who, allowed) => {
    await (allowed ? assertSucceeds(rangeRead(who)) : assertFails(rangeRead(who)));
  });

  it('a member of another chain cannot read this chain’s ranges, a removed manager no longer can', async () => {
    await assertFails(rangeRead('otherChainMember'));
    await assertSucceeds(getDoc(doc(as(suite(), 'otherChainMember'), `${paths.customerIndex(OTHER_CHAIN)}/!2roe bob c2`)));
    const manager = as(suite(), 'manager');
    await assertSucceeds(getDoc(doc(manager, ROW)));
    await suite().withSecurityRulesDisabled(async (ctx) => {
      await deleteDoc(doc(ctx.firestore() as never, paths.member(CHAIN, uidOf('manager'))));
    });
    await assertFails(getDoc(doc(manager, ROW)));
  });

  it.each(WHO)('%s cannot write a spread row, nor read or write the searchRows migration state', async (who) => {
    const db = as(suite(), who);
    await assertFails(setDoc(doc(db, `${paths.customerIndex(CHAIN)}/!0forged x c9`), { customerId: 'c9', k: {} }));
    await assertFails(deleteDoc(doc(db, ROW)));
    await assertFails(getDoc(doc(db, paths.migration(CHAIN, 'searchRows'))));
    await assertFails(setDoc(doc(db, paths.migration(CHAIN, 'searchRows')), { done: false }));
  });
});
