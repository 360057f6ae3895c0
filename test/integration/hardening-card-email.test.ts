// Hardening (issue 14, part A), through the real callables: the card email cannot be resent without limit: 3 times a card in 24 hours.
// The other chain, customer or card is checked unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callErrorIn } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer, someone } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let a: Team;

beforeAll(async () => {
  a = await createTeam('Hardening A');
});
afterAll(() => a.closeAll());

describe('the card email', () => {
  it('is resent at most 3 times a card in 24 hours, then resource-exhausted; another card is not affected', async () => {
    const { batchId } = await a.manager.call('createCardBatch', { chainId: a.chainId, name: 'Resend', size: 2 });
    const [one, two] = (await adminDb.collection(paths.cards(a.chainId, batchId)).get()).docs.map((d) => d.id);
    for (const code of [one, two]) {
      const { customerId } = await createCustomer(a.staff, a.chainId, someone());
      await a.staff.call('bindCard', { chainId: a.chainId, code, customerId });
    }
    const jobs = async () => (await adminDb.collection(paths.cardEmails(a.chainId)).where('code', '==', one).get()).size;
    for (let i = 0; i < 3; i++) expect(await a.staff.call('resendCardEmail', { chainId: a.chainId, code: one })).toMatchObject({ email: 'pending' });
    const err = await callErrorIn('de', a.staff, 'resendCardEmail', { chainId: a.chainId, code: one });
    expect([err.code, err.details.key]).toEqual(['resource-exhausted', 'error.cardEmailLimit']);
    expect(err.message).toContain('24 Stunden');
    expect(await jobs()).toBe(4);
    expect(await a.staff.call('resendCardEmail', { chainId: a.chainId, code: two })).toMatchObject({ email: 'pending' });
  });
});
