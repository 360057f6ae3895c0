// Errors of the real callables in the caller's language (its Accept-Language): a catalog key and
// params in details, beside the operation's own details, and a message rendered from them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { message } from '../../functions/src/model/messages';
import { callError, callErrorIn } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';

let team: Team;
beforeAll(async () => {
  team = await createTeam('Error messages');
});
afterAll(() => team.closeAll());

describe('callable errors in the caller language', () => {
  it('a stale saveCustomer is aborted in French and in German, with its versions', async () => {
    const c = someone();
    const { customerId } = await createCustomer(team.staff, team.chainId, c);
    await team.manager.call('saveCustomer', { chainId: team.chainId, customerId, expectedVersion: 1, customer: { ...c, notes: 'first' } });
    const stale = { chainId: team.chainId, customerId, expectedVersion: 1, customer: { ...c, notes: 'stale' } };
    const fr = await callErrorIn('fr-CH,fr;q=0.9', team.staff, 'saveCustomer', stale);
    expect(fr.code).toBe('aborted');
    expect(fr.message).toBe('Quelqu’un d’autre a modifié ce client depuis que vous l’avez ouvert. Rechargez-le et refaites vos modifications.');
    expect(fr.details).toMatchObject({ key: 'error.customerChanged', params: {}, currentVersion: 2, expectedVersion: 1 });
    const de = await callErrorIn('de-DE', team.staff, 'saveCustomer', stale);
    expect(de.message).toBe(message('de', 'error.customerChanged'));
    expect(de.message).toMatch(/^Jemand anderes hat diesen Kunden geändert/);
  });

  it('an unknown customer is not-found in German (saveCustomer) and in French (getCustomerHistory)', async () => {
    const de = await callErrorIn('de', team.staff, 'saveCustomer', { chainId: team.chainId, customerId: 'nope', expectedVersion: 1, customer: someone() });
    expect(de).toMatchObject({ code: 'not-found', message: 'Kein solcher Kunde (vielleicht gelöscht).', details: { key: 'error.noSuchCustomer' } });
    const fr = await callErrorIn('fr', team.manager, 'getCustomerHistory', { chainId: team.chainId, customerId: 'nope' });
    expect(fr).toMatchObject({ code: 'not-found', message: 'Client introuvable (il a peut-être été effacé).', details: { key: 'error.noSuchCustomer' } });
  });

  it('customer-type errors: an unknown type, and a type in use with its count and problem', async () => {
    const unknown = await callErrorIn('de', team.manager, 'saveCustomerType', { chainId: team.chainId, typeId: 'nope', name: 'Gold' });
    expect(unknown).toMatchObject({ code: 'not-found', message: 'Kein solcher Kundentyp.', details: { key: 'error.noSuchCustomerType' } });
    const { typeId } = await team.manager.call('saveCustomerType', { chainId: team.chainId, name: 'Silver' });
    await createCustomer(team.staff, team.chainId, someone({ customerTypeId: typeId }));
    const inUse = await callErrorIn('fr', team.manager, 'deleteCustomerType', { chainId: team.chainId, typeId });
    expect(inUse.code).toBe('failed-precondition');
    expect(inUse.message).toBe('1 client a ce type : choisissez le type à leur donner à la place, ou aucun.');
    expect(inUse.details).toMatchObject({ key: 'error.typeInUse', params: { count: 1 }, inUse: 1 });
    expect(inUse.details.problems).toEqual([
      {
        path: 'reassignTo',
        code: 'typeInUse',
        message: '1 client a ce type : choisissez le type à leur donner à la place, ou aucun',
        params: { count: 1 },
      },
    ]);
  });

  it('signed out, a missing role and bad input say so in the caller language, never internal', async () => {
    const signedOut = await callErrorIn('fr', null, 'createChain', { name: 'X' });
    expect(signedOut).toMatchObject({ code: 'unauthenticated', message: 'Connectez-vous d’abord.', details: { key: 'error.signIn' } });
    const role = await callErrorIn('de', team.staff, 'deleteCustomer', { chainId: team.chainId, customerId: 'any' });
    expect(role.code).toBe('permission-denied');
    expect(role.message).toBe('Diese Aktion erfordert eine dieser Rollen: owner, manager.');
    expect(role.details).toMatchObject({ key: 'error.roleNeeded', params: { roles: 'owner, manager' }, role: 'staff' });
    const bad = await callErrorIn('de', team.staff, 'saveCustomer', { chainId: team.chainId, customer: { firstName: 'A', lastName: '', email: 'nope' } });
    expect(bad.code).toBe('invalid-argument');
    expect(bad.details.key).toBe('error.invalidInput');
    expect(bad.details.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'customer.email', code: 'email', message: 'ist keine gültige E-Mail-Adresse' })]),
    );
    expect(bad.message).toContain('customer.email: ist keine gültige E-Mail-Adresse');
  });

  it('without a known language the message is English, with the same key', async () => {
    const err = await callError(team.staff.call('saveCustomer', { chainId: team.chainId, customerId: 'nope', expectedVersion: 1, customer: someone() }));
    expect(err).toMatchObject({ code: 'not-found', message: 'No such customer (it may have been erased).', details: { key: 'error.noSuchCustomer' } });
  });
});
