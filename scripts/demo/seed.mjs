// Demo data for `npm start`, made through the real callables. Safe to run again: it finds what exists.
import { account } from './clients.mjs';

export const DEMO_PASSWORD = 'regulars-demo';
export const DEMO_CHAIN = 'Bistro Demo';
export const DEMO_ACCOUNTS = {
  owner: { email: 'owner@demo.regulars.test', name: 'Olivia Owner' },
  manager: { email: 'manager@demo.regulars.test', name: 'Marc Manager' },
  staff: { email: 'staff@demo.regulars.test', name: 'Sami Staff' },
};

const DEMO_CUSTOMERS = [
  { firstName: 'Hélène', lastName: 'Müller-Straße', email: 'helene@demo.regulars.test', phones: { mobile: '+33 6 12 34 56 78' }, language: 'fr', tags: ['VIP', 'Végétarien'], address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'France' }, custom: 'FID-0001' },
  { firstName: 'Jean', lastName: 'Dupont', email: 'jean.dupont@demo.regulars.test', phones: { mobile: '06 11 22 33 44' }, language: 'fr', tags: ['Terrasse'] },
  { firstName: 'Lukas', lastName: 'Schäfer', email: 'lukas@demo.regulars.test', language: 'de', tags: ['VIP'], customFields: { shoe_size: '44' } },
  { firstName: 'Zoé', lastName: 'Éluard', phones: { home: '04 72 00 00 00' }, notes: 'Allergique aux noix.' },
  { firstName: 'Emma', lastName: 'Wilson', email: 'emma@demo.regulars.test', language: 'en', company: 'Café Lumière' },
];

export async function seedDemo(log = console.log) {
  const owner = await account(DEMO_ACCOUNTS.owner.email, DEMO_PASSWORD, DEMO_ACCOUNTS.owner.name);
  const others = await Promise.all(
    ['manager', 'staff'].map((role) => account(DEMO_ACCOUNTS[role].email, DEMO_PASSWORD, DEMO_ACCOUNTS[role].name)),
  );
  const { chains } = await owner.call('listMyChains');
  let chain = chains.find((c) => c.name === DEMO_CHAIN);
  if (!chain) {
    const { chainId } = await owner.call('createChain', { name: DEMO_CHAIN, locations: ['Lyon Centre', 'Paris Gare de Lyon'] });
    chain = { chainId, name: DEMO_CHAIN };
    for (const [i, role] of ['manager', 'staff'].entries()) {
      await owner.call('setMember', { chainId, email: others[i].email, role });
    }
    const { typeId } = await owner.call('saveCustomerType', { chainId, name: 'VIP', discount: 10 });
    await owner.call('setCustomFields', { chainId, fields: [{ key: 'shoe_size', label: 'Pointure' }] });
    const ids = [];
    for (const c of DEMO_CUSTOMERS) {
      const { customerId } = await others[1].call('saveCustomer', {
        chainId,
        customer: { ...c, customerTypeId: c.tags?.includes('VIP') ? typeId : '' },
        consent: { email: !!c.email },
        source: 'pos',
      });
      ids.push(customerId);
    }
    const { batchId } = await owner.call('createCardBatch', { chainId, name: 'Demo cards', size: 20 });
    log(`demo: created chain "${DEMO_CHAIN}": 2 locations, 3 members, ${ids.length} customers, a batch of 20 cards (${batchId})`);
  } else {
    log(`demo: chain "${DEMO_CHAIN}" already there`);
  }
  await Promise.all([owner, ...others].map((a) => a.close()));
  return chain;
}
