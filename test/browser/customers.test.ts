// The customer screens end to end: create, validation error, duplicate warning, edit, search
// without accents, tag filter, erasure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { BASE_URL, launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
let page: Page;

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Boulangerie UI');
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
    expect((await adminDb.collection(`chains/${team.chainId}/customers`).where('lastName', '==', 'Müller-Straße').get()).size).toBe(0);

    await field('Email').fill('Helene@Example.test');
    await form().getByRole('button', { name: 'Save customer' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Hélène Müller-Straße' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-field="phones.mobile"]').textContent()).toBe('0612345678');
    await expect.poll(() => page.locator('[data-consent="email"]').textContent()).toContain('granted');
    await screenshot(page, '11-customer-detail');
  });

  it('warns about a duplicate email and lets the user open the existing customer', async () => {
    await page.goto(`${BASE_URL}/#/customers/new`);
    await field('First name').fill('Helene');
    await field('Last name').fill('Copy');
    await field('Email').fill('HELENE@example.TEST');
    await form().getByRole('button', { name: 'Save customer' }).click();
    const warning = page.getByRole('alert').filter({ hasText: 'already exists' });
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

  it('finds a customer with an accent-free search, and filters by tag', async () => {
    await page.getByRole('link', { name: 'Customers' }).click();
    await page.getByLabel('Search customers').fill('helene');
    const rows = page.locator('table tbody tr');
    await expect.poll(() => rows.allTextContents()).toEqual([expect.stringContaining('Müller-Straße, Hélène')]);
    await expect.poll(() => page.locator('.count').textContent()).toBe('1 customer');
    await screenshot(page, '14-customer-search');

    await page.getByLabel('Search customers').fill('');
    await page.locator('details.filters summary').click();
    await page.getByLabel('Has all of these tags').fill('vip');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(['Éluard, Zoé', 'Müller-Straße, Hélène']);
    await page.getByLabel('Has none of these tags').fill('végétarien');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect.poll(() => rows.locator('td:first-child').allTextContents()).toEqual(['Éluard, Zoé']);
    await screenshot(page, '15-customer-tag-filter');
  });

  it('erases a customer', async () => {
    await page.getByRole('button', { name: 'Clear' }).click();
    await page.getByRole('link', { name: 'Müller-Straße, Hélène' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Hélène Müller-Straße' }).isVisible()).toBe(true);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Erase this customer' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Customers' }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('table tbody td:first-child').allTextContents()).toEqual(['Éluard, Zoé', 'Martin, Paul']);
    expect((await adminDb.collection(`chains/${team.chainId}/customers`).where('lastName', '==', 'Müller-Straße').get()).size).toBe(0);
    await screenshot(page, '16-customer-erased');
  });
});
