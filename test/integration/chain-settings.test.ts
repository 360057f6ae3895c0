import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTwoTeams, type Team } from '../helpers/chains';
import { paths } from '../../functions/src/model/paths';

describe('saveChainSettings', () => {
  let team: Team;
  let other: Team;
  beforeAll(async () => {
    [team, other] = await createTwoTeams('Réglages');
  });
  afterAll(async () => {
    await team.closeAll();
    await other.closeAll();
  });

  const pathsOf = (err: { details: { problems: { path: string }[] } }) => err.details.problems.map((p) => p.path).sort();
  const settingsOf = async (chainId: string) => (await adminDb.doc(paths.chain(chainId)).get()).get('settings');

  it('an owner changes the fields given, one at a time, with an audit entry naming the fields only', async () => {
    const first = await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { country: 'fr', language: 'fr' } });
    expect(first.settings).toEqual({ country: 'FR', language: 'fr', staffSeeContact: false });
    const second = await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { staffSeeContact: true } });
    expect(second.settings).toEqual({ country: 'FR', language: 'fr', staffSeeContact: true });
    expect(await settingsOf(team.chainId)).toEqual({ country: 'FR', language: 'fr', staffSeeContact: true });
    const audit = await adminDb.collection(paths.audit(team.chainId)).where('action', '==', 'chain.settings').get();
    expect(audit.docs.map((d) => d.get('details.fields')).sort()).toEqual([['country', 'language'], ['staffSeeContact']]);
    expect(await settingsOf(other.chainId)).toBeUndefined();
  });

  it('managers, staff, outsiders and owners of another chain are refused, and nothing changes', async () => {
    const before = await settingsOf(team.chainId);
    for (const user of [team.manager, team.staff, team.outsider, other.owner]) {
      const err = await callError(user.call('saveChainSettings', { chainId: team.chainId, settings: { staffSeeContact: !before?.staffSeeContact } }));
      expect(err.code).toBe('permission-denied');
    }
    expect(await settingsOf(team.chainId)).toEqual(before);
  });

  it('bad values are refused with their field path', async () => {
    const err = await callError(
      team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { country: 'France', language: 'es', staffSeeContact: 'yes', colour: 'red' } }),
    );
    expect(err.code).toBe('invalid-argument');
    expect(pathsOf(err)).toEqual(['settings.colour', 'settings.country', 'settings.language', 'settings.staffSeeContact']);
    const missing = await callError(team.owner.call('saveChainSettings', { chainId: team.chainId }));
    expect(missing.code).toBe('invalid-argument');
    expect(pathsOf(missing)).toEqual(['settings']);
  });
});
