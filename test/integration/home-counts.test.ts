// getHomeCounts: Home's counts (customers, new in the last 7 days, cards bound, card emails failed)
// for every member of the chain, staff included when the chain keeps contact details from them
// (the rules refuse them the search rows the counts are made from: shown below); refused to removed
// members, outsiders, other chains' members and signed-out callers; one chain's counts never
// include another's.
import { getCountFromServer, collection } from 'firebase/firestore';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { anonymousClient, callError } from '../helpers/clients';
import { createTwoTeams, createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let other: Team;
let codes: string[];
const today = () => new Date().toISOString().slice(0, 10);
const sixDaysAgo = () => new Date(Date.now() - 6 * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [team, other] = await createTwoTeams('Home counts');
  const made = await Promise.all([
    createCustomer(team.owner, team.chainId, someone()),
    createCustomer(team.manager, team.chainId, someone()),
    createCustomer(team.staff, team.chainId, someone()),
    createCustomer(team.staff, team.chainId, someone()),
  ]);
  // Two customers created earlier: one 6 days ago (still this week), one in 2020 (not).
  const rowOf = async (customerId: string) =>
    (await adminDb.collection(paths.customerIndex(team.chainId)).where('customerId', '==', customerId).get()).docs[0]!.ref;
  await (await rowOf(made[0]!.customerId)).update({ cd: sixDaysAgo() });
  await (await rowOf(made[1]!.customerId)).update({ cd: '2020-01-15', cm: '2020-01', cy: '2020' });
  const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'Home', size: 4 });
  codes = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs.map((d) => d.id);
  await team.staff.call('bindCard', { chainId: team.chainId, code: codes[0], customerId: made[2]!.customerId });
  await team.staff.call('bindCard', { chainId: team.chainId, code: codes[1], customerId: made[3]!.customerId });
  // The other chain: one customer, no card.
  await createCustomer(other.owner, other.chainId, someone());
  // Several functions start cold here (the first run on a fresh emulator takes a while on 2 cores).
}, 180_000);
afterAll(async () => {
  await team?.closeAll();
  await other?.closeAll();
});

const counts = (user: Team['owner'], chainId = team.chainId) => user.call('getHomeCounts', { chainId });
const EXPECTED = { customers: 4, newThisWeek: 3, cardsBound: 2, emailsFailed: 0 };

describe('getHomeCounts', () => {
  it('owners, managers and staff get the same counts (staff contact details off, the default)', async () => {
    for (const user of [team.owner, team.manager, team.staff]) {
      const result = await counts(user);
      expect(result).toEqual({ ...EXPECTED, since: sixDaysAgo() });
    }
    expect(sixDaysAgo() < today()).toBe(true);
  });

  it('staff whose chain hides contact details cannot count the search rows themselves: the callable is their way', async () => {
    const refused = await getCountFromServer(collection(team.staff.db, paths.customerIndex(team.chainId))).then(
      () => 'allowed',
      (err: { code: string }) => err.code,
    );
    expect(refused).toBe('permission-denied');
    expect(await counts(team.staff)).toMatchObject({ customers: 4 });
  });

  it('with the setting on, staff get the same counts', async () => {
    await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { staffSeeContact: true } });
    try {
      expect(await counts(team.staff)).toEqual({ ...EXPECTED, since: sixDaysAgo() });
    } finally {
      await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { staffSeeContact: false } });
    }
  });

  it('counts a card whose email failed, and follows a revocation and an erasure', async () => {
    const card = (await adminDb.collectionGroup('cards').where('chainId', '==', team.chainId).where('status', '==', 'bound').get()).docs;
    expect(card).toHaveLength(2);
    // A failed delivery, as the mail function records it on the card (on a card no job is writing to).
    const unbound = (await adminDb.collectionGroup('cards').where('chainId', '==', team.chainId).where('status', '==', 'unbound').get()).docs;
    await unbound[0]!.ref.update({ 'email.status': 'failed' });
    expect(await counts(team.manager)).toMatchObject({ cardsBound: 2, emailsFailed: 1 });
    await team.manager.call('revokeCard', { chainId: team.chainId, code: card[1]!.id });
    expect(await counts(team.staff)).toMatchObject({ cardsBound: 1 });
  });

  it('one chain’s counts never include another’s', async () => {
    expect(await counts(other.staff, other.chainId)).toMatchObject({ customers: 1, newThisWeek: 1, cardsBound: 0, emailsFailed: 0 });
  });

  it('is refused to other chains’ members, outsiders, removed members and signed-out callers', async () => {
    for (const user of [other.owner, other.staff, team.outsider]) {
      expect(await callError(counts(user))).toMatchObject({ code: 'permission-denied' });
    }
    const removed = await createTeam('Home counts removed');
    await removed.owner.call('setMember', { chainId: removed.chainId, uid: removed.staff.uid, role: null });
    expect(await callError(counts(removed.staff, removed.chainId))).toMatchObject({ code: 'permission-denied' });
    await removed.closeAll();
    const anonymous = anonymousClient();
    expect(await callError(anonymous.call('getHomeCounts', { chainId: team.chainId }))).toMatchObject({ code: 'unauthenticated' });
    await anonymous.close();
  });

  it('refuses bad input with the field path', async () => {
    expect(await callError(team.owner.call('getHomeCounts', { chainId: 'a/b' }))).toMatchObject({ code: 'invalid-argument' });
    expect(await callError(team.owner.call('getHomeCounts', {}))).toMatchObject({ code: 'invalid-argument' });
    const extra = await callError(team.owner.call('getHomeCounts', { chainId: team.chainId, since: '2000-01-01' }));
    expect(extra.code).toBe('invalid-argument');
  });
});
