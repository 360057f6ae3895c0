// The export dialog end to end: filter the list, export two fields, check the downloaded file.
import { buffer as streamBuffer, text as streamText } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Export UI');
  await createCustomer(team.staff, team.chainId, { firstName: 'Hélène', lastName: 'Müller', email: 'helene@example.test', tags: ['VIP'] });
  await createCustomer(team.staff, team.chainId, { firstName: 'Paul', lastName: 'Martin', email: 'paul@example.test', tags: ['Moto'] });
  await createCustomer(team.staff, team.chainId, { firstName: 'Zoé', lastName: 'Éluard', email: 'zoe@example.test', tags: ['VIP', 'Moto'] });
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('export dialog', () => {
  it('exports the filtered list with two fields and downloads the file', async () => {
    const { page } = await newPage(browser, 'de-DE');
    await signInUi(page, team.owner.email, PASSWORD);
    await page.getByRole('link', { name: 'Kunden', exact: true }).click();
    await page.locator('details.filters summary').click();
    await page.getByLabel('Hat alle diese Tags').fill('vip');
    await page.getByRole('button', { name: 'Anwenden' }).click();
    await expect.poll(() => page.locator('.count').textContent()).toBe('2 Kunden');

    await page.getByRole('button', { name: 'Exportieren' }).click();
    const dialog = page.getByRole('dialog', { name: 'Kunden exportieren' });
    await dialog.getByRole('button', { name: 'Keine' }).click();
    await dialog.getByLabel('Nachname', { exact: true }).check();
    await dialog.getByLabel('E-Mail', { exact: true }).check();
    await dialog.getByLabel('Andere Programme (einfaches CSV, UTF-8, Kommas)').check();
    await screenshot(page, '30-export-dialog');
    // Both at once: the wait is handled from the start, even if the click fails.
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Exportieren' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^customers-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(await streamText(await file.createReadStream())).toBe('Nachname,E-Mail\r\nÉluard,zoe@example.test\r\nMüller,helene@example.test\r\n');
    await expect.poll(() => dialog.getByRole('status').or(dialog.locator('.banner--ok')).first().textContent()).toContain('2 Kunden exportiert');
    await screenshot(page, '31-export-done');
  });

  it('an English UI user whose Excel uses semicolons gets semicolons in the PC file', async () => {
    const { page } = await newPage(browser, 'en-US');
    await signInUi(page, team.owner.email, PASSWORD);
    await page.getByRole('link', { name: 'Customers', exact: true }).click();
    await expect.poll(() => page.locator('.count').textContent()).toBe('3 customers');
    await page.getByRole('button', { name: 'Export' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export customers' });
    await dialog.getByRole('button', { name: 'None' }).click();
    await dialog.getByLabel('First name', { exact: true }).check();
    await dialog.getByLabel('Last name', { exact: true }).check();
    await dialog.getByLabel('Excel on Windows (PC)').check();
    expect(await dialog.getByLabel('Comma (English-speaking regions: 1,234.5)').isChecked()).toBe(true);
    await dialog.getByLabel('Semicolon (French, German… regions: 1 234,5)').check();
    // Both at once: the wait is handled from the start, even if the click fails.
    const [file] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: 'Export', exact: true }).click()]);
    const bytes = await streamBuffer(await file.createReadStream());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3).toString('utf8')).toBe('First name;Last name\r\nZoé;Éluard\r\nPaul;Martin\r\nHélène;Müller\r\n');
    await expect.poll(() => dialog.locator('.banner--ok').textContent()).toContain('3 customers exported');
  });
});
