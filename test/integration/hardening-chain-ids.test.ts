// Hardening (issue 14, part A), through the real callables: ids of another chain are refused: a location of chain A is never stored in chain B.
// The other chain, customer or card is checked unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError, problemsOf } from '../helpers/clients';
import { createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let a: Team;
let b: Team;
const locationsOf = async (t: Team) => (await adminDb.collection(paths.locations(t.chainId)).get()).docs.map((d) => d.id);

beforeAll(async () => {
  [a, b] = await createTwoTeams('Hardening');
});
afterAll(() => Promise.all([a.closeAll(), b.closeAll()]));

describe('ids of another chain', () => {
  it('saveCustomer refuses a location of another chain, and stores its own in the consent log', async () => {
    const [locationOfA] = await locationsOf(a);
    const [locationOfB] = await locationsOf(b);
    const err = await callError(
      b.staff.call('saveCustomer', { chainId: b.chainId, customer: someone(), consent: { email: true }, source: 'pos', locationId: locationOfA }),
    );
    expect([err.code, problemsOf(err)]).toEqual(['not-found', ['locationId:noSuchLocation']]);
    expect((await adminDb.collectionGroup('consentLog').where('locationId', '==', locationOfA!).get()).size).toBe(0);
    const { customerId } = await createCustomer(b.staff, b.chainId, someone(), { consent: { email: true }, source: 'pos', locationId: locationOfB });
    const log = await adminDb.collection(paths.consentLog(b.chainId, customerId)).get();
    expect(log.docs.map((d) => d.get('locationId'))).toEqual([locationOfB]);
  });

  it('bindCard refuses a location of another chain: the card stays unbound, the customer unchanged', async () => {
    const [locationOfA] = await locationsOf(a);
    const { batchId } = await b.manager.call('createCardBatch', { chainId: b.chainId, name: 'B', size: 2 });
    const [code] = (await adminDb.collection(paths.cards(b.chainId, batchId)).get()).docs.map((d) => d.id);
    const { customerId, version } = await createCustomer(b.staff, b.chainId, someone());
    const err = await callError(b.staff.call('bindCard', { chainId: b.chainId, code, customerId, locationId: locationOfA }));
    expect([err.code, problemsOf(err)]).toEqual(['not-found', ['locationId:noSuchLocation']]);
    expect((await adminDb.doc(`${paths.cards(b.chainId, batchId)}/${code}`).get()).get('status')).toBe('unbound');
    expect((await adminDb.doc(paths.customer(b.chainId, customerId)).get()).get('version')).toBe(version);
  });
});
