// The import screen end to end: drop a file, see the preview and mapping, import, follow the
// progress, read the report with the failed row, and download the error file.
import { text as streamText } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { launch, newPage, screenshot, signInUi } from './browser';

let browser: Browser;
let team: Team;
beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Import UI');
});
afterAll(async () => {
  await browser?.close();
  await team?.closeAll();
});

describe('import screen', () => {
  it('imports a small file with one bad row and shows the report', async () => {
    const { page } = await newPage(browser, 'fr-FR');
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Importer' }).click();
    const csv = 'Prénom;Nom;Courriel;Lieblingsfarbe\r\nHélène;Müller-Straße;helene.ui@example.test;bleu\r\nBad;Row;pas-un-courriel;rouge\r\nPaul;Martin;paul.ui@example.test;vert\r\n';
    await page.getByLabel('Choisir un fichier').setInputFiles({ name: 'clients.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });

    const preview = page.getByRole('table', { name: 'Aperçu et colonnes' });
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(3);
    expect(await page.getByLabel('Colonne Prénom').inputValue()).toBe('firstName');
    expect(await page.getByLabel('Colonne Lieblingsfarbe').inputValue()).toBe('');
    await expect.poll(() => page.locator('.import-preview').textContent()).toContain('Windows-1252');
    await screenshot(page, '20-import-preview');

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = page.locator('.import-report[data-status="done"]');
    await expect.poll(() => report.locator('.counts').textContent(), { timeout: 60_000 }).toBe(
      '3 lignes : 2 créées, 0 mises à jour, 0 inchangées, 0 ignorées, 1 en erreur.',
    );
    const errors = page.getByRole('table', { name: 'Lignes non importées' });
    expect(await errors.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('pas-un-courriel')]);
    expect(await errors.locator('tbody td').first().textContent()).toBe('3');
    await expect.poll(() => errors.locator('tbody tr td').last().textContent()).toBe('n’est pas une adresse e-mail valide');
    await screenshot(page, '21-import-report');

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le fichier d’erreurs' }).click();
    const file = await download;
    const text = await streamText(await file.createReadStream());
    expect(text).toContain('Bad;Row;pas-un-courriel;rouge;Courriel: n’est pas une adresse e-mail valide');

    const helene = await adminDb.collection(`chains/${team.chainId}/customers`).where('email', '==', 'helene.ui@example.test').get();
    expect(helene.docs[0]?.get('lastName')).toBe('Müller-Straße');
  });
});
