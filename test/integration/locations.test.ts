// removeLocation: owners remove an unused location (audit entry); a location in use is refused with
// every use named (visits, consent, customer records, pending sign-ups, sign-up posters); managers,
// staff, removed members and other chains may not; another chain's location id is not found.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { anonymousClient, callError, callErrorIn } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Remove locations');
});
afterAll(() => team.closeAll());

const add = async (name: string, t: Team = team) => (await t.owner.call<{ locationId: string }>('saveLocation', { chainId: t.chainId, name })).locationId;
const exists = async (locationId: string, chainId = team.chainId) => (await adminDb.doc(`${paths.locations(chainId)}/${locationId}`).get()).exists;
const uses = (err: { details: { problems: { path: string; code: string; params?: { uses?: string } }[] } }) =>
  err.details.problems.map((p) => [p.path, p.code, p.params?.uses]);

describe('removeLocation', () => {
  it('an owner removes an unused location, with an audit entry', async () => {
    const locationId = await add('Pop-up');
    const result = await team.owner.call('removeLocation', { chainId: team.chainId, locationId });
    expect(result).toEqual({ locationId, removed: true });
    expect(await exists(locationId)).toBe(false);
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', locationId).get();
    expect(audit.docs.map((d) => [d.get('action'), d.get('actorUid')]).sort()).toEqual(
      [
        ['location.create', team.owner.uid],
        ['location.remove', team.owner.uid],
      ].sort(),
    );
    // Gone: a second removal is not found.
    const again = await callError(team.owner.call('removeLocation', { chainId: team.chainId, locationId }));
    expect(again.code).toBe('not-found');
  });

  it('refuses a location with visits, naming the use, in the caller’s language; it stays', async () => {
    const locationId = await add('Terrasse');
    const { customerId } = await createCustomer(team.staff, team.chainId, someone());
    await team.staff.call('checkIn', { chainId: team.chainId, customerId, locationId, source: 'search' });
    const err = await callError(team.owner.call('removeLocation', { chainId: team.chainId, locationId }));
    expect(err.code).toBe('failed-precondition');
    expect(uses(err)).toEqual([['locationId', 'locationInUse', 'visits']]);
    expect(err.message).toContain('visits at the till');
    expect(await exists(locationId)).toBe(true);
  });

  it('refuses a location where a customer was created with consent (history and consent log)', async () => {
    const locationId = await add('Comptoir');
    await createCustomer(team.staff, team.chainId, someone(), {
      locationId,
      source: 'pos',
      consent: { email: true },
    });
    const err = await callError(team.owner.call('removeLocation', { chainId: team.chainId, locationId }));
    expect(err.code).toBe('failed-precondition');
    const named = String(uses(err)[0]![2]).split(',');
    expect(named).toContain('history');
    expect(named).not.toContain('visits');
    expect(await exists(locationId)).toBe(true);
  });

  it('refuses every location while self sign-up is on (its page and posters), in French for a French owner', async () => {
    const other = await createTeam('Remove locations, sign-up on');
    try {
      const locationId = await add('Kiosque', other);
      await other.owner.call('saveChainSettings', { chainId: other.chainId, settings: { signUp: { enabled: true } } });
      const err = await callErrorIn('fr', other.owner, 'removeLocation', { chainId: other.chainId, locationId });
      expect(err.code).toBe('failed-precondition');
      expect(uses(err)).toEqual([['locationId', 'locationInUse', 'posters']]);
      expect(err.message).toContain('affiches');
      expect(await exists(locationId, other.chainId)).toBe(true);
      await other.owner.call('saveChainSettings', { chainId: other.chainId, settings: { signUp: { enabled: false } } });
      await other.owner.call('removeLocation', { chainId: other.chainId, locationId });
      expect(await exists(locationId, other.chainId)).toBe(false);
    } finally {
      await other.closeAll();
    }
  });

  it('managers, staff, outsiders, removed members and signed-out callers may not', async () => {
    const locationId = await add('Annexe');
    for (const user of [team.manager, team.staff, team.outsider]) {
      const err = await callError(user.call('removeLocation', { chainId: team.chainId, locationId }));
      expect(err.code).toBe('permission-denied');
    }
    const removed = await createTeam('Remove locations, removed owner');
    try {
      // A second owner, then removed: their next call is refused.
      await removed.owner.call('setMember', { chainId: removed.chainId, email: removed.manager.email, role: 'owner' });
      const theirs = await add('Quai', removed);
      await removed.owner.call('setMember', { chainId: removed.chainId, uid: removed.manager.uid, role: null });
      const err = await callError(removed.manager.call('removeLocation', { chainId: removed.chainId, locationId: theirs }));
      expect(err.code).toBe('permission-denied');
      expect(await exists(theirs, removed.chainId)).toBe(true);
    } finally {
      await removed.closeAll();
    }
    const anon = anonymousClient();
    expect((await callError(anon.call('removeLocation', { chainId: team.chainId, locationId }))).code).toBe('unauthenticated');
    await anon.close();
    expect(await exists(locationId)).toBe(true);
  });

  it('another chain’s location id is not found and stays; bad input names the field', async () => {
    const other = await createTeam('Remove locations, elsewhere');
    try {
      const theirs = await add('Theirs', other);
      const err = await callError(team.owner.call('removeLocation', { chainId: team.chainId, locationId: theirs }));
      expect(err.code).toBe('not-found');
      expect(err.details.problems).toEqual([expect.objectContaining({ path: 'locationId', code: 'noSuchLocation' })]);
      expect(await exists(theirs, other.chainId)).toBe(true);
      const bad = await callError(team.owner.call('removeLocation', { chainId: team.chainId, locationId: 'a/b', extra: 1 }));
      expect(bad.code).toBe('invalid-argument');
      expect(bad.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['extra', 'locationId']);
    } finally {
      await other.closeAll();
    }
  });
});
