// The chain's country and language as defaults: asked at creation, the card email of a customer
// without a language, phones read with the country.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError, signUp, uniqueEmail, type TestUser } from '../helpers/clients';
import { createCustomer } from '../helpers/customers';
import { mailsTo } from '../helpers/mail';
import { paths } from '../../functions/src/model/paths';

let owner: TestUser;
beforeAll(async () => {
  owner = await signUp(uniqueEmail('owner'), 'Odile Owner');
});
afterAll(() => owner.close());

describe('createChain asks the country and language', () => {
  it('stores them as the chain settings (country upper case), audited by field name', async () => {
    const { chainId } = await owner.call<{ chainId: string }>('createChain', { name: 'Boulangerie Genève', country: 'ch', language: 'fr' });
    expect((await adminDb.doc(paths.chain(chainId)).get()).get('settings')).toEqual({ country: 'CH', language: 'fr' });
    const audit = await adminDb.collection(paths.audit(chainId)).where('action', '==', 'chain.create').get();
    expect(audit.docs[0]!.get('details')).toEqual({ locations: 0, settings: ['country', 'language'] });
  });

  it('without them, the chain has no settings (defaults apply)', async () => {
    const { chainId } = await owner.call<{ chainId: string }>('createChain', { name: 'Sans pays' });
    expect((await adminDb.doc(paths.chain(chainId)).get()).get('settings')).toBeUndefined();
  });

  it('refuses a country that is not an ISO code and an unknown language, naming the fields', async () => {
    const err = await callError(owner.call('createChain', { name: 'Bad', country: 'France', language: 'es' }));
    expect(err.code).toBe('invalid-argument');
    expect(err.details.problems.map((p: { path: string }) => p.path).sort()).toEqual(['country', 'language']);
  });
});

describe('the card email of a customer without a language', () => {
  it("goes out in the chain's language, whatever the language of who binds the card", async () => {
    const { chainId } = await owner.call<{ chainId: string }>('createChain', { name: 'Chez Paul', country: 'FR', language: 'fr' });
    const { batchId } = await owner.call<{ batchId: string }>('createCardBatch', { chainId, name: 'Lot', size: 2 });
    const code = (await adminDb.collection(paths.cards(chainId, batchId)).limit(1).get()).docs[0]!.id;
    const email = uniqueEmail('nolang');
    const { customerId } = await createCustomer(owner, chainId, { firstName: 'Nina', lastName: 'Sanslangue', email, phones: { mobile: '06 12 34 56 99' } });
    // read with the chain's country
    expect((await adminDb.doc(paths.customer(chainId, customerId)).get()).get('phones.mobile')).toBe('+33612345699');
    await owner.call('bindCard', { chainId, code, customerId }); // the test client's UI language is English
    await expect.poll(async () => (await adminDb.doc(`${paths.cards(chainId, batchId)}/${code}`).get()).get('email.status'), { timeout: 30_000 }).toBe('sent');
    const [mail] = await mailsTo(email);
    expect(mail!.body.custom_args).toMatchObject({ lang: 'fr' });
    expect(mail!.body.subject).toBe('Votre carte client Chez Paul');
  });
});
