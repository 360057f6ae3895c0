// Visits end to end: a card looked up at the point of sale, the customer checked in with one tap at
// the till's location, and the dashboard on Home counting it (tiles and the chart's table).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatCode } from '../../functions/src/model/card';
import { adminDb } from '../helpers/admin';
import { PASSWORD, uniqueEmail } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { launch, newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
let team: Team;
let page: Page;
let code: string;

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Visits UI');
  const { customerId } = await createCustomer(team.staff, team.chainId, { firstName: 'Chloé', lastName: 'Bernard', email: uniqueEmail('chloe') });
  const { batchId } = await team.manager.call('createCardBatch', { chainId: team.chainId, name: 'V', size: 1 });
  code = (await adminDb.collection(paths.cards(team.chainId, batchId)).get()).docs[0]!.id;
  await team.manager.call('bindCard', { chainId: team.chainId, code, customerId });
  ({ page } = await newPage(browser, 'en-US'));
  await signInUi(page, team.manager.email, PASSWORD);
  await page.getByRole('link', { name: 'Point of sale' }).waitFor();
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('check-in and dashboard', () => {
  it('a card looked up at the till is checked in with one tap, and the dashboard’s count moves', async () => {
    const total = page.locator('[data-check-ins-total]');
    await expect.poll(() => total.textContent()).toBe('0');
    await expect.poll(() => page.locator('.tile[data-segment="new"] dd').textContent()).toBe('0');

    await page.getByRole('link', { name: 'Point of sale' }).click();
    await page.getByLabel('Card code').fill(formatCode(code));
    await page.getByRole('button', { name: 'Look up' }).click();
    const result = page.locator('.pos-result');
    await expect.poll(() => result.getByRole('heading').textContent()).toBe('Chloé Bernard');
    await result.getByLabel('This till’s location').selectOption({ label: 'Gare' });
    await result.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => result.getByRole('status').textContent()).toBe('Checked in: visit 1.');
    // A second tap within the same visit does not count twice.
    await result.getByRole('button', { name: 'Check in' }).click();
    await expect.poll(() => result.getByRole('status').textContent()).toBe('Already checked in here (visit 1).');
    await screenshot(page, '60-pos-checked-in');

    await page.getByRole('link', { name: 'Home' }).click();
    await expect.poll(() => page.locator('[data-check-ins-total]').textContent()).toBe('1');
    await expect.poll(() => page.locator('.tile[data-segment="new"] dd').textContent()).toBe('1');
    const today = new Date().toISOString().slice(0, 10);
    const row = page.locator(`table[data-table="check-ins"] tr[data-day="${today}"] td`);
    // Columns: Centre, Gare, total.
    await expect.poll(() => row.allTextContents()).toEqual(['0', '1', '1']);
    await expect.poll(() => page.locator('.chart canvas').count()).toBeGreaterThan(0);
    await screenshot(page, '61-dashboard');
  });

  it('staff check in but see no dashboard', async () => {
    const { page: staffPage, context } = await newPage(browser, 'en-US');
    await signInUi(staffPage, team.staff.email, PASSWORD);
    await staffPage.getByRole('link', { name: 'Point of sale' }).waitFor();
    await expect.poll(() => staffPage.locator('h1').first().textContent()).toBe('Visits UI');
    expect(await staffPage.locator('.dashboard').count()).toBe(0);
    await context.close();
  });
});
