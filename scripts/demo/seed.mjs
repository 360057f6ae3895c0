// Demo data for `npm start`, made through the real callables. Safe to run again, even after an
// interrupted run: each step finds what exists and makes only what is missing.
import { collection, doc, getDoc, getDocs, limit, query, where } from 'firebase/firestore';
import { account } from './clients.mjs';

export const DEMO_PASSWORD = 'regulars-demo';
export const DEMO_CHAIN = 'Bistro Demo';
export const DEMO_ACCOUNTS = {
  owner: { email: 'owner@demo.regulars.test', name: 'Olivia Owner' },
  manager: { email: 'manager@demo.regulars.test', name: 'Marc Manager' },
  staff: { email: 'staff@demo.regulars.test', name: 'Sami Staff' },
};

const DEMO_CUSTOMERS = [
  {
    firstName: 'Hélène',
    lastName: 'Müller-Straße',
    email: 'helene@demo.regulars.test',
    phones: { mobile: '+33 6 12 34 56 78' },
    language: 'fr',
    tags: ['VIP', 'Végétarien'],
    address: { line1: '12 rue des Lilas', postalCode: '75011', city: 'Paris', country: 'France' },
    custom: 'FID-0001',
  },
  { firstName: 'Jean', lastName: 'Dupont', email: 'jean.dupont@demo.regulars.test', phones: { mobile: '06 11 22 33 44' }, language: 'fr', tags: ['Terrasse'] },
  { firstName: 'Lukas', lastName: 'Schäfer', email: 'lukas@demo.regulars.test', language: 'de', tags: ['VIP'], customFields: { shoe_size: '44' } },
  { firstName: 'Zoé', lastName: 'Éluard', phones: { home: '04 72 00 00 00' }, notes: 'Allergique aux noix.' },
  { firstName: 'Emma', lastName: 'Wilson', email: 'emma@demo.regulars.test', language: 'en', company: 'Café Lumière' },
];

export const DEMO_LOCATIONS = ['Lyon Centre', 'Paris Gare de Lyon'];
const DEMO_TYPE = { name: 'VIP', discount: 10 };
const DEMO_FIELD = { key: 'shoe_size', label: 'Pointure' };
const DEMO_BATCH = { name: 'Demo cards', size: 20 };

/**
 * Each step checks what exists (read as the owner, through the rules) and makes only what is
 * missing, so a run interrupted anywhere is completed by the next one.
 */
export async function seedDemo(log = console.log) {
  const owner = await account(DEMO_ACCOUNTS.owner.email, DEMO_PASSWORD, DEMO_ACCOUNTS.owner.name);
  const [manager, staff] = await Promise.all(['manager', 'staff'].map((role) => account(DEMO_ACCOUNTS[role].email, DEMO_PASSWORD, DEMO_ACCOUNTS[role].name)));
  const made = [];
  try {
    const { chains } = await owner.call('listMyChains');
    let chain = chains.find((c) => c.name === DEMO_CHAIN);
    if (!chain) {
      const { chainId } = await owner.call('createChain', { name: DEMO_CHAIN, country: 'FR', language: 'fr' });
      chain = { chainId, name: DEMO_CHAIN };
      made.push('the chain');
    }
    const { chainId } = chain;
    const docs = async (path, ...filters) => (await getDocs(query(collection(owner.db, `chains/${chainId}/${path}`), ...filters))).docs;

    const locations = (await docs('locations')).map((d) => d.get('name'));
    for (const name of DEMO_LOCATIONS.filter((n) => !locations.includes(n))) {
      await owner.call('saveLocation', { chainId, name });
      made.push(`location ${name}`);
    }

    const roles = new Map((await docs('members')).map((d) => [d.id, d.get('role')]));
    for (const [who, role] of [
      [manager, 'manager'],
      [staff, 'staff'],
    ]) {
      if (roles.get(who.uid) === role) continue;
      await owner.call('setMember', { chainId, email: who.email, role });
      made.push(`${role} ${who.email}`);
    }

    let typeId = (await docs('customerTypes', where('name', '==', DEMO_TYPE.name)))[0]?.id;
    if (!typeId) {
      ({ typeId } = await owner.call('saveCustomerType', { chainId, ...DEMO_TYPE }));
      made.push(`customer type ${DEMO_TYPE.name}`);
    }

    const fields = (await getDoc(doc(owner.db, `chains/${chainId}`))).get('customFields') ?? [];
    if (!fields.some((f) => f.key === DEMO_FIELD.key)) {
      await owner.call('setCustomFields', { chainId, fields: [...fields, DEMO_FIELD] });
      made.push(`custom field ${DEMO_FIELD.key}`);
    }

    let customers = 0;
    for (const c of DEMO_CUSTOMERS) {
      if ((await docs('customers', where('lastName', '==', c.lastName), where('firstName', '==', c.firstName), limit(1))).length) continue;
      await staff.call('saveCustomer', {
        chainId,
        customer: { ...c, customerTypeId: c.tags?.includes('VIP') ? typeId : '' },
        consent: { email: !!c.email },
        source: 'pos',
      });
      customers++;
    }
    if (customers) made.push(`${customers} customer(s)`);

    if (!(await docs('cardBatches', where('name', '==', DEMO_BATCH.name), limit(1))).length) {
      const { batchId } = await owner.call('createCardBatch', { chainId, ...DEMO_BATCH });
      made.push(`a batch of ${DEMO_BATCH.size} cards (${batchId})`);
    }
    log(
      made.length
        ? `demo: chain "${DEMO_CHAIN}" (${DEMO_LOCATIONS.length} locations, 3 members, a type, ${DEMO_CUSTOMERS.length} customers, ${DEMO_BATCH.size} cards): made ${made.join(', ')}`
        : `demo: chain "${DEMO_CHAIN}" already complete`,
    );
    return chain;
  } finally {
    await Promise.all([owner, manager, staff].map((a) => a.close()));
  }
}
