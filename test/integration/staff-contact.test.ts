// Least privilege for staff: with the chain's "staff see contact details" off (the default), staff
// get customers without emails, phones, addresses and birth date from every callable that serves
// them (getCustomer, searchCustomers, lookupCard, getCustomerHistory), cannot change those fields,
// and the card documents they read no longer carry the address; owners and managers always see
// them; with the setting on, staff see them too. (The rules matrix is test/rules/firestore-customers.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDb } from '../helpers/admin';
import { callError } from '../helpers/clients';
import { createTwoTeams, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { paths } from '../../functions/src/model/paths';

let team: Team;
let other: Team;
let customerId: string;
let code: string;
const HELENE = {
  firstName: 'Hélène',
  lastName: 'Contact',
  email: 'helene.contact@example.test',
  email2: 'h.c@example.test',
  phones: { mobile: '0612345678', home: '0140000002' },
  address: { line1: '3 rue des Lilas', postalCode: '75011', city: 'Paris' },
  birthDate: '1980-03-21',
  tags: ['vip'],
  notes: 'Aime le café serré',
};

beforeAll(async () => {
  [team, other] = await createTwoTeams('Contact');
  ({ customerId } = await createCustomer(team.manager, team.chainId, HELENE));
  const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'Contact', size: 3 });
  code = (await adminDb.collection(paths.cards(team.chainId, batchId)).limit(1).get()).docs[0]!.id;
  await team.staff.call('bindCard', { chainId: team.chainId, code, customerId });
});
afterAll(async () => {
  await team.closeAll();
  await other.closeAll();
});

const setStaffContact = (on: boolean) => team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { staffSeeContact: on } });
const CONTACT = ['email', 'email2', 'phones', 'address', 'address2', 'birthDate'];
const stored = async () => (await adminDb.doc(paths.customer(team.chainId, customerId)).get()).data()!;

describe('staff, with the setting off (the default)', () => {
  it('getCustomer gives names, tags, notes and cards, no contact detail', async () => {
    const { customer } = await team.staff.call('getCustomer', { chainId: team.chainId, customerId });
    expect(customer).toMatchObject({
      firstName: 'Hélène',
      lastName: 'Contact',
      tags: ['vip'],
      notes: 'Aime le café serré',
      cardCodes: [code],
      contactHidden: true,
    });
    for (const field of CONTACT) expect(customer).not.toHaveProperty(field);
    expect(JSON.stringify(customer)).not.toMatch(/helene\.contact|0612345678|Lilas|1980/);
  });

  it('search rows and the point of sale lookup have no email or phone; searching by phone still finds the name', async () => {
    const { rows } = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { text: '0612345678' } });
    expect(rows).toEqual([expect.objectContaining({ customerId, firstName: 'Hélène', email: '', phone: '' })]);
    const found = await team.staff.call('lookupCard', { chainId: team.chainId, code });
    expect(found).toMatchObject({ kind: 'bound', code, customer: { customerId, firstName: 'Hélène', email: '', phone: '' } });
    expect(JSON.stringify(found)).not.toMatch(/helene\.contact|0612345678/);
  });

  it('the history says which contact field changed, not its values', async () => {
    const { history } = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId });
    const created = history.find((h: { action: string }) => h.action === 'create');
    expect(created.changes).toContainEqual({ field: 'email', before: null, after: null, hidden: true });
    expect(created.changes).toContainEqual(expect.objectContaining({ field: 'firstName', after: 'Hélène' }));
    expect(JSON.stringify(history)).not.toMatch(/helene\.contact|0612345678|Lilas|1980-03-21/);
  });

  it('an edit by staff changes the other fields and keeps every contact detail, even one they try to set', async () => {
    const before = await stored();
    const { customer } = await team.staff.call('getCustomer', { chainId: team.chainId, customerId });
    await team.staff.call('saveCustomer', {
      chainId: team.chainId,
      customerId,
      expectedVersion: customer.version,
      customer: { firstName: 'Hélène', lastName: 'Contact', tags: ['vip', 'terrasse'], notes: customer.notes, email: 'attacker@example.test' },
    });
    const after = await stored();
    expect(after.tags).toEqual(['vip', 'terrasse']);
    for (const field of CONTACT) expect(after[field]).toEqual(before[field]);
    expect(after.version).toBe(before.version + 1);
  });

  it('staff may give contact details to a customer they create', async () => {
    const { customerId: id } = await createCustomer(team.staff, team.chainId, { firstName: 'Nouveau', lastName: 'Client', email: 'nouveau@example.test' });
    expect((await adminDb.doc(paths.customer(team.chainId, id)).get()).get('email')).toBe('nouveau@example.test');
  });

  it('the card keeps the email state, not the address (staff read cards at the till)', async () => {
    const card = (await adminDb.collectionGroup('cards').where('chainId', '==', team.chainId).where('code', '==', code).get()).docs[0]!.data();
    expect(card.email.status).toBeDefined();
    expect(card.email.to).toBeUndefined();
  });

  it.each(['manager', 'owner'] as const)('a %s sees every contact detail through the same callables', async (role) => {
    const { customer } = await team[role].call('getCustomer', { chainId: team.chainId, customerId });
    expect(customer).toMatchObject({ email: HELENE.email, phones: { mobile: '0612345678' }, birthDate: '1980-03-21', address: { city: 'Paris' } });
    expect(customer.contactHidden).toBeUndefined();
    const { rows } = await team[role].call('searchCustomers', { chainId: team.chainId, query: { text: 'helene' } });
    expect(rows[0]).toMatchObject({ email: HELENE.email, phone: '0612345678' });
    expect((await team[role].call('lookupCard', { chainId: team.chainId, code })).customer.email).toBe(HELENE.email);
  });

  it('members of another chain and outsiders are refused, whatever their role there', async () => {
    for (const user of [other.owner, other.staff, team.outsider]) {
      expect((await callError(user.call('getCustomer', { chainId: team.chainId, customerId }))).code).toBe('permission-denied');
      expect((await callError(user.call('lookupCard', { chainId: team.chainId, code }))).code).toBe('permission-denied');
    }
    // Their own chain does not hold this customer or card.
    expect((await callError(other.staff.call('getCustomer', { chainId: other.chainId, customerId }))).code).toBe('not-found');
    expect(await other.staff.call('lookupCard', { chainId: other.chainId, code })).toEqual({ kind: 'unknown', code });
  });
});

describe('staff, with the setting on', () => {
  beforeAll(() => setStaffContact(true));
  afterAll(() => setStaffContact(false));

  it('see contact details everywhere, and may change them', async () => {
    const { customer } = await team.staff.call('getCustomer', { chainId: team.chainId, customerId });
    expect(customer).toMatchObject({ email: HELENE.email, phones: { mobile: '0612345678' } });
    const { rows } = await team.staff.call('searchCustomers', { chainId: team.chainId, query: { text: 'helene' } });
    expect(rows[0]).toMatchObject({ email: HELENE.email });
    const { history } = await team.staff.call('getCustomerHistory', { chainId: team.chainId, customerId });
    expect(JSON.stringify(history)).toContain(HELENE.email);
    await team.staff.call('saveCustomer', {
      chainId: team.chainId,
      customerId,
      expectedVersion: customer.version,
      customer: { ...HELENE, tags: customer.tags, phones: { mobile: '0699999999' } },
    });
    expect((await stored()).phones.mobile).toBe('0699999999');
  });

  it('a form that did not show contact details (keepContact) leaves them, whoever saves', async () => {
    const before = await stored();
    await team.manager.call('saveCustomer', {
      chainId: team.chainId,
      customerId,
      expectedVersion: before.version,
      customer: { firstName: 'Hélène', lastName: 'Contact', notes: 'Table 4' },
      keepContact: true,
    });
    const after = await stored();
    expect(after.notes).toBe('Table 4');
    for (const field of CONTACT) expect(after[field]).toEqual(before[field]);
  });
});
