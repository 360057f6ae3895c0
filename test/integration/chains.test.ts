import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, doc, getDoc, getDocs } from 'firebase/firestore';
import { adminDb } from '../helpers/admin';
import { getAuth } from 'firebase/auth';
import { anonymousClient, callError, callErrorIn, signUp, uniqueEmail, verifyEmail } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { paths } from '../../functions/src/model/paths';

describe('createChain', () => {
  it('makes the caller owner, creates the locations and an audit entry', async () => {
    const user = await signUp(uniqueEmail('founder'), 'Fanny Founder');
    const { chainId } = await user.call<{ chainId: string }>('createChain', { name: '  Chez Fanny  ', locations: ['Lyon', 'Paris'] });
    const chain = await adminDb.doc(paths.chain(chainId)).get();
    expect(chain.get('name')).toBe('Chez Fanny');
    const member = await adminDb.doc(paths.member(chainId, user.uid)).get();
    expect(member.data()).toMatchObject({ uid: user.uid, role: 'owner', email: user.email, displayName: 'Fanny Founder' });
    const locations = await adminDb.collection(paths.locations(chainId)).get();
    expect(locations.docs.map((d) => d.get('name')).sort()).toEqual(['Lyon', 'Paris']);
    const audit = await adminDb.collection(paths.audit(chainId)).get();
    expect(audit.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({ action: 'chain.create', actorUid: user.uid, target: { kind: 'chain', id: chainId } }),
    ]);
    await user.close();
  });

  it('refuses an unauthenticated caller', async () => {
    const anon = anonymousClient();
    const err = await callError(anon.call('createChain', { name: 'X' }));
    expect(err.code).toBe('unauthenticated');
    await anon.close();
  });

  it('rejects an empty name with the field path', async () => {
    const user = await signUp();
    const err = await callError(user.call('createChain', { name: '   ' }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems).toEqual([expect.objectContaining({ path: 'name', code: 'required' })]);
    const tooMany = await callError(user.call('createChain', { name: 'ok', locations: [''], extra: 1 }));
    expect(tooMany.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['extra', 'locations.0']);
    await user.close();
  });
});

describe('setMember and listMyChains', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Les Habitués');
  });
  afterAll(() => team.closeAll());

  it('lists the chains of each member with their role', async () => {
    expect((await team.owner.call('listMyChains')).chains).toEqual([{ chainId: team.chainId, name: 'Les Habitués', role: 'owner' }]);
    expect((await team.staff.call('listMyChains')).chains).toEqual([{ chainId: team.chainId, name: 'Les Habitués', role: 'staff' }]);
    expect((await team.outsider.call('listMyChains')).chains).toEqual([]);
  });

  it('only owners may set members', async () => {
    for (const user of [team.manager, team.staff, team.outsider]) {
      const err = await callError(user.call('setMember', { chainId: team.chainId, email: uniqueEmail(), role: 'staff' }));
      expect(err.code).toBe('permission-denied');
    }
  });

  it('adds by email case-insensitively, changes the role, then removes with immediate effect', async () => {
    const newcomer = await signUp(uniqueEmail('newcomer'));
    await team.owner.call('setMember', { chainId: team.chainId, email: newcomer.email.toUpperCase(), role: 'staff' });
    const memberDoc = doc(newcomer.db, paths.member(team.chainId, newcomer.uid));
    expect((await getDoc(memberDoc)).get('role')).toBe('staff');
    const members = collection(newcomer.db, paths.members(team.chainId));
    // Staff may not read the team (rules enforced: the newcomer's own client SDK)...
    await expect(getDocs(members)).rejects.toMatchObject({ code: 'permission-denied' });

    await team.owner.call('setMember', { chainId: team.chainId, uid: newcomer.uid, role: 'manager' });
    expect((await getDoc(memberDoc)).get('role')).toBe('manager');
    // ...a manager may, at once, with the same token (no refresh, no new sign-in).
    const teamList = await getDocs(members);
    expect(teamList.docs.map((d) => d.id).sort()).toEqual([team.owner.uid, team.manager.uid, team.staff.uid, newcomer.uid].sort());

    await team.owner.call('setMember', { chainId: team.chainId, email: newcomer.email, role: null });
    await expect(getDoc(doc(newcomer.db, paths.chain(team.chainId)))).rejects.toMatchObject({ code: 'permission-denied' });
    const actions = (await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', newcomer.uid).get()).docs.map((d) => d.get('action')).sort();
    expect(actions).toEqual(['member.add', 'member.remove', 'member.role']);
    await newcomer.close();
  });

  it('adds by email only a verified account: whoever registered an address first cannot take the role', async () => {
    const squatter = await signUp(uniqueEmail('squatter'), undefined, { verified: false });
    const membersBefore = (await adminDb.collection(paths.members(team.chainId)).get()).docs.map((d) => d.id).sort();
    const refused = await callError(team.owner.call('setMember', { chainId: team.chainId, email: squatter.email, role: 'manager' }));
    expect(refused.code).toBe('failed-precondition');
    expect(refused.details.problems).toEqual([expect.objectContaining({ path: 'email', code: 'emailNotVerified' })]);
    expect(refused.message).toContain('has not verified their email yet');
    const inFrench = await callErrorIn('fr', team.owner, 'setMember', { chainId: team.chainId, email: squatter.email, role: 'manager' });
    expect(inFrench.details.problems[0].message).toContain('n’a pas encore vérifié son adresse e-mail');
    // Nothing changed: no member document, no audit entry, and the squatter reads nothing.
    expect((await adminDb.collection(paths.members(team.chainId)).get()).docs.map((d) => d.id).sort()).toEqual(membersBefore);
    expect((await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', squatter.uid).get()).size).toBe(0);
    await expect(getDoc(doc(squatter.db, paths.chain(team.chainId)))).rejects.toMatchObject({ code: 'permission-denied' });

    // The owner of the address verifies it through the emulator's verification link: now it works.
    await verifyEmail(getAuth(squatter.app).currentUser!);
    await team.owner.call('setMember', { chainId: team.chainId, email: squatter.email, role: 'staff' });
    expect((await adminDb.doc(paths.member(team.chainId, squatter.uid)).get()).get('role')).toBe('staff');
    await team.owner.call('setMember', { chainId: team.chainId, uid: squatter.uid, role: null });
    await squatter.close();
  });

  it('keeps at least one owner', async () => {
    const err = await callError(team.owner.call('setMember', { chainId: team.chainId, uid: team.owner.uid, role: 'manager' }));
    expect(err.code).toBe('failed-precondition');
    expect(err.details.problems[0].path).toBe('role');
    const removal = await callError(team.owner.call('setMember', { chainId: team.chainId, uid: team.owner.uid, role: null }));
    expect(removal.code).toBe('failed-precondition');
    expect((await adminDb.doc(paths.member(team.chainId, team.owner.uid)).get()).get('role')).toBe('owner');
  });

  it('hands ownership over: a second owner lets the first step down', async () => {
    const other = await createTeam('Handover');
    await other.owner.call('setMember', { chainId: other.chainId, uid: other.manager.uid, role: 'owner' });
    await other.owner.call('setMember', { chainId: other.chainId, uid: other.owner.uid, role: 'staff' });
    expect((await adminDb.doc(paths.member(other.chainId, other.owner.uid)).get()).get('role')).toBe('staff');
    await other.closeAll();
  });

  it('says clearly when the email has no account or the member does not exist', async () => {
    const noAccount = await callError(team.owner.call('setMember', { chainId: team.chainId, email: uniqueEmail('ghost'), role: 'staff' }));
    expect(noAccount.code).toBe('not-found');
    expect(noAccount.details.problems[0].path).toBe('email');
    const notMember = await callError(team.owner.call('setMember', { chainId: team.chainId, uid: team.outsider.uid, role: 'staff' }));
    expect(notMember.code).toBe('not-found');
  });

  it('validates the input with field paths', async () => {
    const both = await callError(team.owner.call('setMember', { chainId: team.chainId, role: 'boss' }));
    expect(both.code).toBe('invalid-argument');
    expect(both.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['email', 'role']);
    const badChain = await callError(team.owner.call('setMember', { chainId: '../x', email: 'a@b.co', role: 'staff' }));
    expect(badChain.code).toBe('invalid-argument');
    expect(badChain.details.problems[0].path).toBe('chainId');
  });
});

describe('saveLocation', () => {
  let team: Team;
  beforeAll(async () => {
    team = await createTeam('Locations');
  });
  afterAll(() => team.closeAll());

  const auditOf = async (locationId: string) =>
    (await adminDb.collection(paths.audit(team.chainId)).where('target.id', '==', locationId).get()).docs.map((d) => d.data());

  it('owners and managers create and rename a location, each with an audit entry; every member reads it', async () => {
    const { locationId } = await team.manager.call<{ locationId: string }>('saveLocation', {
      chainId: team.chainId,
      name: '  Rive gauche ',
      address: '1 quai Voltaire, Paris',
    });
    const location = doc(team.staff.db, `${paths.locations(team.chainId)}/${locationId}`);
    expect((await getDoc(location)).data()).toMatchObject({ name: 'Rive gauche', address: '1 quai Voltaire, Paris' });
    expect(await auditOf(locationId)).toEqual([
      expect.objectContaining({ action: 'location.create', actorUid: team.manager.uid, target: { kind: 'location', id: locationId } }),
    ]);
    const createdAt = (await adminDb.doc(`${paths.locations(team.chainId)}/${locationId}`).get()).get('createdAt');
    expect(createdAt).toBeDefined();

    const again = await team.owner.call<{ locationId: string }>('saveLocation', { chainId: team.chainId, locationId, name: 'Rive droite' });
    expect(again.locationId).toBe(locationId);
    const saved = await adminDb.doc(`${paths.locations(team.chainId)}/${locationId}`).get();
    expect(saved.data()).toMatchObject({ name: 'Rive droite', address: '' });
    expect(saved.get('createdAt')).toEqual(createdAt);
    expect((await auditOf(locationId)).map((a) => [a.action, a.actorUid]).sort()).toEqual(
      [
        ['location.create', team.manager.uid],
        ['location.update', team.owner.uid],
      ].sort(),
    );
    const names = (await getDocs(collection(team.staff.db, paths.locations(team.chainId)))).docs.map((d) => d.get('name')).sort();
    expect(names).toEqual(['Centre', 'Gare', 'Rive droite']);
  });

  it('staff, members of other chains and signed-out callers may not', async () => {
    for (const user of [team.staff, team.outsider]) {
      const err = await callError(user.call('saveLocation', { chainId: team.chainId, name: 'Mine' }));
      expect(err.code).toBe('permission-denied');
    }
    const anon = anonymousClient();
    expect((await callError(anon.call('saveLocation', { chainId: team.chainId, name: 'Mine' }))).code).toBe('unauthenticated');
    await anon.close();
    const names = (await adminDb.collection(paths.locations(team.chainId)).where('name', '==', 'Mine').get()).size;
    expect(names).toBe(0);
  });

  it('validates the input with field paths, and a location of another chain is not found', async () => {
    const bad = await callError(team.owner.call('saveLocation', { chainId: team.chainId, name: ' ', address: 'x'.repeat(255), extra: 1 }));
    expect(bad.code).toBe('invalid-argument');
    expect(bad.details.problems.map((p: { path: string; code: string }) => [p.path, p.code]).sort()).toEqual(
      [
        ['address', 'tooLong'],
        ['extra', 'unknownKeys'],
        ['name', 'required'],
      ].sort(),
    );
    const long = await callError(team.owner.call('saveLocation', { chainId: team.chainId, name: 'x'.repeat(100) }));
    expect(long.details.problems).toEqual([expect.objectContaining({ path: 'name', code: 'tooLong' })]);

    const other = await createTeam('Elsewhere');
    const { locationId } = await other.owner.call<{ locationId: string }>('saveLocation', { chainId: other.chainId, name: 'Theirs' });
    const missing = await callError(team.owner.call('saveLocation', { chainId: team.chainId, locationId, name: 'Taken over' }));
    expect(missing.code).toBe('not-found');
    expect(missing.details.problems).toEqual([expect.objectContaining({ path: 'locationId', code: 'noSuchLocation' })]);
    expect((await adminDb.doc(`${paths.locations(team.chainId)}/${locationId}`).get()).exists).toBe(false);
    expect((await adminDb.doc(`${paths.locations(other.chainId)}/${locationId}`).get()).get('name')).toBe('Theirs');
    await other.closeAll();
  });
});
