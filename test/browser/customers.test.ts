// The customer screens end to end: create, validation error, duplicate warning, edit, search
// without accents, tag filter, erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { BASE_URL, launch, newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
let team: Team;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Boulangerie UI');
  await team.owner.call('saveChainSettings', { chainId: team.chainId, settings: { country: 'FR' } });
  await createCustomer(team.staff, team.chainId, { firstName: 'Zoé', lastName: 'Éluard', tags: ['VIP'], email: 'zoe@example.test' });
  await createCustomer(team.staff, team.chainId, { firstName: 'Paul', lastName: 'Martin', tags: ['Moto'] });
  ({ page } = await newPage(browser, 'en-US'));
  await signInUi(page, team.owner.email, PASSWORD);
  await page.getByRole('link', { name: 'Customers' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

const form = () => page.locator('form.customer-form');
const field = (label: string) => form().getByLabel(label, { exact: true });

describe('customer screens', () => {
  it('creates a customer, refusing a bad email first', async () => {
    await page.goto(`${BASE_URL}/#/customers/new`);
    await field('First name').fill('Hélène');
    await field('Last name').fill('Müller-Straße');
    await field('Email').fill('helene@@example');
    await field('Mobile phone').fill('06 12 34 56 78');
    await field('Tags').fill('VIP, Végétarien');
    await form().getByLabel('Email (contact permission)').check();
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => form().locator('.field--invalid').first().textContent()).toContain('is not a valid email address');
    await screenshot(page, '10-customer-validation-error');
    expect((await adminDb.collection(paths.customers(team.chainId)).where('lastName', '==', 'Müller-Straße').get()).size).toBe(0);

    await field('Email').fill('Helene@Example.test');
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Hélène Müller-Straße' }).isVisible()).toBe(true);
    // stored in E.164, shown in the national format of the chain's country
    await expect.poll(() => page.locator('[data-field="phones.mobile"]').textContent()).toBe('06 12 34 56 78');
    expect((await adminDb.collection(paths.customers(team.chainId)).where('lastName', '==', 'Müller-Straße').get()).docs[0]!.get('phones.mobile')).toBe(
      '+33612345678',
    );
    await expect.poll(() => page.locator('[data-consent="email"]').textContent()).toContain('granted');
    await screenshot(page, '11-customer-detail');
  });

  it('warns about a duplicate email and lets the user open the existing customer', async () => {
    await page.goto(`${BASE_URL}/#/customers/new`);
    await field('First name').fill('Helene');
    await field('Last name').fill('Copy');
    await field('Email').fill('HELENE@example.TEST');
    await form().getByRole('button', { name: 'Save customer' }).click();
    // The warning shows beside Save (where the user is), and the status region says it too.
    const warning = page.locator('.near-save').getByRole('alert').filter({ hasText: 'already exists' });
    await expect.poll(() => page.locator('[data-toast="error"]').last().textContent()).toContain('already exists');
    await expect.poll(() => warning.textContent()).toContain('Hélène Müller-Straße');
    await screenshot(page, '12-customer-duplicate');
    await warning.getByRole('link', { name: 'Open this customer' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Hélène Müller-Straße' }).isVisible()).toBe(true);
  });

  it('edits the customer and shows the change in the history', async () => {
    await page.getByRole('link', { name: 'Edit' }).click();
    await expect.poll(() => field('City').first().isVisible()).toBe(true);
    await form().getByLabel('City', { exact: true }).fill('Strasbourg');
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => page.locator('[data-field="address.city"]').textContent()).toBe('Strasbourg');
    await expect.poll(() => page.locator('ol.history').first().textContent()).toContain('City: — → Strasbourg');
    await screenshot(page, '13-customer-edited');
  });

  it('says a phone it cannot read is kept as typed, in the form before saving and on the detail after', async () => {
    await page.goto(`${BASE_URL}/#/customers/new`);
    await field('First name').fill('Kept');
    await field('Last name').fill('Typed');
    await field('Mobile phone').fill('0612 poste 3');
    await expect.poll(() => form().locator('.hint').allTextContents()).toContain('kept as typed (not a number regulars recognizes)');
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Kept Typed' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-toast="info"]').first().textContent()).toContain('Some phone numbers were kept as typed');
    await expect.poll(() => page.locator('[data-field="phones.mobile"]').textContent()).toBe('0612 poste 3');
    await expect.poll(() => page.locator('[data-phone-kept="mobile"]').isVisible()).toBe(true);
    await screenshot(page, '13b-customer-phone-kept');
  });

  it('finds a customer with an accent-free search, and filters by tag', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill('helene');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Müller-Straße, Hélène')]);
    await expect.poll(() => page.locator('.count').textContent()).toBe('1 customer');
    // the list shows the stored +33612345678 in the national format of the chain's country
    await expect.poll(() => rows.first().textContent()).toContain('06 12 34 56 78');
    // and so do the cards that stand for the table at phone size
    expect(await page.locator('[data-customer-card]').first().textContent()).toContain('06 12 34 56 78');
    await page.getByLabel('Search customers').fill('612');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Müller-Straße, Hélène')]);
    await page.getByLabel('Search customers').fill('helene');
    await screenshot(page, '14-customer-search');

    await page.getByLabel('Search customers').fill('');
    await page.locator('details.filters summary').click();
    await page.getByLabel('Has all of these tags').fill('vip');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.locator('td.name').allTextContents()).toEqual(['Éluard, Zoé', 'Müller-Straße, Hélène']);
    await page.getByLabel('Has none of these tags').fill('végétarien');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.locator('td.name').allTextContents()).toEqual(['Éluard, Zoé']);
    await screenshot(page, '15-customer-tag-filter');
  });

  it('erases a customer', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('link', { name: 'Müller-Straße, Hélène' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Hélène Müller-Straße' }).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Erase this customer' }).click();
    const dialog = page.getByRole('dialog', { name: 'Erase a customer' });
    await expect.poll(() => dialog.textContent()).toContain('Hélène Müller-Straße');
    await dialog.getByRole('button', { name: 'Erase this customer' }).click();
    await expect.poll(() => page.locator('[data-toast="ok"]').textContent()).toContain('Hélène Müller-Straße was erased.');
    await expect.poll(() => page.getByRole('heading', { name: 'Customers' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('table tbody td.name').allTextContents()).toEqual(['Éluard, Zoé', 'Martin, Paul', 'Typed, Kept']);
    expect((await adminDb.collection(paths.customers(team.chainId)).where('lastName', '==', 'Müller-Straße').get()).size).toBe(0);
    await screenshot(page, '16-customer-erased');
  });
});

describe('customer screens: detail, languages, types', () => {
  it('shows the secondary address in full, the consent log with who and where, and the record fields', async () => {
    const location = (await adminDb.collection(paths.locations(team.chainId)).where('name', '==', 'Gare').get()).docs[0]!;
    const { customerId } = await createCustomer(
      team.staff,
      team.chainId,
      {
        firstName: 'Marie',
        lastName: 'Tremblay',
        address2: { line1: '5 rue du Port', line2: 'Appartement 3', postalCode: 'H2X 1Y4', city: 'Montréal', state: 'Québec', country: 'Canada' },
      },
      { source: 'pos', locationId: location.id, consent: { email: true } },
    );
    await page.goto(`${BASE_URL}/#/customers/${customerId}`);
    await expect.poll(() => page.locator('[data-field="address2.line2"]').textContent()).toBe('Appartement 3');
    await expect.poll(() => page.locator('[data-field="address2.state"]').textContent()).toBe('Québec');
    const consent = page.locator('[data-consent-entry="email"]');
    await expect.poll(() => consent.textContent()).toContain('by Sami Staff');
    expect(await consent.textContent()).toContain('at Gare');
    expect(await consent.textContent()).toContain('via point of sale');
    const created = await page.locator('[data-field="created"]').textContent();
    expect(created).toMatch(/^Created .+ by Sami Staff, via point of sale$/);
    expect(created).not.toContain('Invalid Date');
    expect(await page.locator('[data-field="updated"]').textContent()).toMatch(/^Last changed .+ by Sami Staff$/);
    await screenshot(page, '17-customer-detail-record');
  });

  it('shows a validation error in French, and a bad tag on the tags field', async () => {
    await page.goto(`${BASE_URL}/#/customers/new`);
    await page.getByRole('banner').getByLabel('Language', { exact: true }).selectOption('fr');
    try {
      await field('Prénom').fill('Élise');
      await field('Nom').fill('Roux');
      await field('Courriel').fill('elise@@example');
      await field('Balises').fill(`VIP, ${'x'.repeat(41)}`);
      await form().getByRole('button', { name: 'Enregistrer le client' }).click();
      const invalid = form().locator('.field--invalid');
      await expect
        .poll(() => invalid.allTextContents())
        .toEqual([
          expect.stringContaining('n’est pas une adresse e-mail valide'),
          expect.stringContaining(`« ${'x'.repeat(41)} » doit comporter moins de 41 caractères`),
        ]);
      expect(await form().getByLabel('Balises', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, '18-customer-errors-fr');
    } finally {
      await page.getByRole('banner').getByLabel('Langue', { exact: true }).selectOption('en');
    }
    expect((await adminDb.collection(paths.customers(team.chainId)).where('lastName', '==', 'Roux').get()).size).toBe(0);
  });

  it('refuses a discount that is not a number on the types page, on the field, in German', async () => {
    await page.goto(`${BASE_URL}/#/types`);
    await page.getByRole('banner').getByLabel('Language', { exact: true }).selectOption('de');
    try {
      const add = page.getByRole('form', { name: 'Typ hinzufügen' });
      await add.getByLabel('Name', { exact: true }).fill('Étudiant');
      await add.getByLabel('Standardrabatt (%)', { exact: true }).fill('abc');
      await add.getByRole('button', { name: 'Typ hinzufügen' }).click();
      await expect.poll(() => add.locator('.field--invalid').allTextContents()).toEqual([expect.stringContaining('muss eine Zahl sein')]);
      expect(await add.getByLabel('Standardrabatt (%)', { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await screenshot(page, '19-customer-type-error-de');
      expect((await adminDb.collection(paths.customerTypes(team.chainId)).where('name', '==', 'Étudiant').get()).size).toBe(0);

      await add.getByLabel('Standardrabatt (%)', { exact: true }).fill('12,5');
      await add.getByRole('button', { name: 'Typ hinzufügen' }).click();
      await expect
        .poll(async () =>
          (await adminDb.collection(paths.customerTypes(team.chainId)).where('name', '==', 'Étudiant').get()).docs.map((d) => d.get('discount')),
        )
        .toEqual([12.5]);
    } finally {
      await page.getByRole('banner').getByLabel('Sprache', { exact: true }).selectOption('en');
    }
  });

  it('edits a customer whose chain removed a custom field: the value shows as removed, saves as it is, then is cleared', async () => {
    const fields = [
      { key: 'shoe_size', label: 'Shoe size' },
      { key: 'locker', label: 'Locker' },
    ];
    await team.owner.call('setCustomFields', { chainId: team.chainId, fields });
    const { customerId } = await createCustomer(team.staff, team.chainId, {
      firstName: 'Rémi',
      lastName: 'Casier',
      customFields: { shoe_size: '42', locker: 'L7' },
    });
    await team.owner.call('setCustomFields', { chainId: team.chainId, fields: [fields[0]] });
    const stored = async () => (await adminDb.doc(paths.customer(team.chainId, customerId)).get()).data()!;

    await page.goto(`${BASE_URL}/#/customers/${customerId}/edit`);
    const removed = form().getByLabel('locker (a custom field your chain removed)', { exact: true });
    await expect.poll(() => removed.inputValue()).toBe('L7');
    await screenshot(page, '14b-customer-removed-field');
    await form().getByLabel('Shoe size', { exact: true }).fill('43');
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(async () => (await stored()).customFields).toEqual({ shoe_size: '43', locker: 'L7' });
    await expect.poll(() => page.getByRole('heading', { name: 'Rémi Casier' }).isVisible()).toBe(true);

    await page.goto(`${BASE_URL}/#/customers/${customerId}/edit`);
    await form().getByRole('button', { name: 'Clear locker' }).click();
    await expect.poll(() => removed.count()).toBe(0);
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(async () => (await stored()).customFields).toEqual({ shoe_size: '43' });
  });
});
