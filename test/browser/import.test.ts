// The import screen end to end: drop a file, see the preview and mapping, import, follow the
// progress, read the report with the failed row, and download the error file. The file's own name
// (accents, spaces, parentheses) is what the report, recent imports, Home and the error file's name say.
import { text as streamText } from 'node:stream/consumers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { launch, newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

/** The browser's DataTransfer, used inside page.evaluate (this project compiles without the DOM library). */
declare const DataTransfer: new () => { items: { add(file: File): unknown } };

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

/** A name the stored object cannot keep as it is (Storage paths are made safe): it must still be shown exactly. */
const OWN_NAME = 'Clients été 2026 (copie).csv';

describe('import screen', () => {
  it('imports a small file with one bad row and shows the report', async () => {
    const { page } = await newPage(browser, 'fr-FR');
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Importer' }).click();
    const csv =
      'Prénom;Nom;Courriel;Lieblingsfarbe\r\nHélène;Müller-Straße;helene.ui@example.test;bleu\r\nBad;Row;pas-un-courriel;rouge\r\nPaul;Martin;paul.ui@example.test;vert\r\n';
    await page.getByLabel('Choisir un fichier').setInputFiles({ name: OWN_NAME, mimeType: 'text/csv', buffer: Buffer.from(csv, 'latin1') });

    const preview = page.getByRole('table', { name: 'Aperçu et colonnes' });
    await expect.poll(() => preview.locator('tbody tr').count()).toBe(3);
    expect(await page.getByLabel('Colonne Prénom').inputValue()).toBe('firstName');
    expect(await page.getByLabel('Colonne Lieblingsfarbe').inputValue()).toBe('');
    await page.getByLabel('Colonne Lieblingsfarbe').selectOption('notes'); // the favourite colour goes to the notes
    await expect.poll(() => page.locator('.import-preview').textContent()).toContain('Windows-1252');
    await screenshot(page, '20-import-preview');

    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    const report = page.locator('.import-report[data-status="done"]');
    await expect
      .poll(() => report.locator('.counts').textContent(), { timeout: 60_000 })
      .toBe('3 lignes : 2 créées, 0 mises à jour, 0 inchangées, 0 ignorées, 1 en erreur.');
    // Refused rows: the report says so in its title and colour, in the singular for one row.
    expect(await report.locator('.banner').textContent()).toContain('Importation terminée avec 1 ligne refusée.');
    expect(await report.locator('.banner--error').count()).toBe(1);
    expect(await report.textContent()).toContain('Le premier problème ;');
    // Recent imports show the file's own name, not the stored object's.
    await expect.poll(() => page.locator('.recent-imports li button').first().textContent()).toBe(OWN_NAME);
    expect(await report.locator('[data-file-name]').textContent()).toBe(OWN_NAME);
    expect(await page.locator('body').textContent()).not.toMatch(/Clients_/);
    const errors = page.getByRole('table', { name: 'Lignes non importées' });
    expect(await errors.locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('pas-un-courriel')]);
    expect(await errors.locator('tbody td').first().textContent()).toBe('3');
    await expect.poll(() => errors.locator('tbody tr td').last().textContent()).toBe('n’est pas une adresse e-mail valide');
    await screenshot(page, '21-import-report');

    // Both at once: the wait is handled from the start, even if the click fails.
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger le fichier d’erreurs' }).click()]);
    expect(file.suggestedFilename()).toBe('Clients été 2026 (copie).errors.csv');
    const text = await streamText(await file.createReadStream());
    expect(text).toContain('Bad;Row;pas-un-courriel;rouge;;Courriel: n’est pas une adresse e-mail valide');

    // A large file's report says how it was worked on: parts one after the other, parallel parts.
    const imported = await adminDb.collection(paths.imports(team.chainId)).where('file.originalName', '==', OWN_NAME).get();
    await imported.docs[0]!.ref.update({ handovers: 2, parts: 3, ahead: { parts: 4, rows: 12345, writes: 80000 } });
    await expect
      .poll(() => report.locator('[data-ahead]').textContent())
      .toMatch(/^Gros fichier découpé en 4 plages traitées en parallèle : 12\s345 de ses nouveaux clients/);
    expect(await report.locator('[data-parts]').textContent()).toContain('Importé en 3 parties');

    const helene = await adminDb.collection(paths.customers(team.chainId)).where('email', '==', 'helene.ui@example.test').get();
    expect(helene.docs[0]?.get('lastName')).toBe('Müller-Straße');
    expect(helene.docs[0]?.get('notes')).toBe('bleu');
    expect(await page.locator('.import-options dd').allTextContents()).toEqual([
      'Créer les nouveaux clients et mettre à jour les existants (reconnus par courriel, puis valeur personnalisée)',
      'Conserver la valeur enregistrée',
    ]);
    // Home's last import names the file as uploaded too.
    await page.getByRole('link', { name: 'Accueil' }).click();
    await expect.poll(() => page.locator('[data-count="lastImport"] strong').textContent()).toBe(OWN_NAME);
  });

  /** Drops a file on the drop zone, as a drag from the desktop would (a drop event with a DataTransfer). */
  async function drop(page: Page, name: string, text: string) {
    const dataTransfer = await page.evaluateHandle(
      ({ name, text }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], name, { type: 'text/csv' }));
        return dt;
      },
      { name, text },
    );
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
  }

  it('checks a file with the clear option (dry run, nothing changed), then imports it; the report says which options were used', async () => {
    const customer = await createCustomer(team.staff, team.chainId, {
      firstName: 'Clara',
      lastName: 'Vide',
      email: 'clara.ui@example.test',
      company: 'ACME',
      address: { city: 'Lyon' },
    });
    const ref = adminDb.doc(paths.customer(team.chainId, customer.customerId));
    const before = (await ref.get()).data();
    const { page } = await newPage(browser, 'en-US');
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    // Blank lines, before the header too, are not rows (the preview reads the file as the import does).
    const csv = '\nFirst name,Last name,Email,Company,City\n,,,,\nClara,Vide,clara.ui@example.test,,Nice\n';

    await drop(page, 'clear.csv', csv);
    expect(await page.getByLabel('Column Company').inputValue()).toBe('company');
    expect(await page.getByRole('table', { name: 'Preview and columns' }).locator('tbody tr').count()).toBe(1);
    await page.getByLabel('Clear the stored value').check();
    await page.getByRole('button', { name: 'Check file' }).click();
    const checked = page.locator('.import-report[data-status="done"]');
    await expect.poll(() => checked.textContent(), { timeout: 60_000 }).toContain('Check finished: nothing was changed.');
    expect(await checked.locator('.counts').textContent()).toBe('1 rows: 0 created, 1 updated, 0 unchanged, 0 skipped, 0 failed.');
    expect(await checked.locator('.import-options dd').allTextContents()).toEqual([
      'Check the file only: report what would happen, change nothing',
      'Clear the stored value',
    ]);
    expect((await ref.get()).data()).toEqual(before);
    await screenshot(page, '22-import-checked');

    await page.getByRole('button', { name: 'Import another file' }).click();
    await drop(page, 'clear.csv', csv);
    await page.getByLabel('Clear the stored value').check();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const done = page.locator('.import-report[data-status="done"]');
    await expect.poll(() => done.locator('.counts').textContent(), { timeout: 60_000 }).toBe('1 rows: 0 created, 1 updated, 0 unchanged, 0 skipped, 0 failed.');
    expect(await done.locator('.import-options dd').allTextContents()).toEqual([
      'Create new customers and update existing ones (matched by email, then custom value)',
      'Clear the stored value',
    ]);
    expect((await ref.get()).data()).toMatchObject({ company: '', address: { city: 'Nice' } });
  });

  it('refuses a file over the maximum size before uploading it', async () => {
    const { page } = await newPage(browser, 'en-US');
    await signInUi(page, team.manager.email, PASSWORD);
    await page.getByRole('link', { name: 'Import', exact: true }).click();
    const uploads: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/v0/b/') && r.method() === 'POST') uploads.push(r.url());
    });
    // Made in the page (256 MiB and one byte), so nothing large crosses to the browser.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(256 * 1024 * 1024 + 1)], 'huge.csv', { type: 'text/csv' }));
      return dt;
    });
    await page.locator('.dropzone').dispatchEvent('drop', { dataTransfer });
    await expect.poll(() => page.locator('.banner, [role="alert"]').allTextContents()).toContainEqual(expect.stringContaining('larger than 256 MiB'));
    expect(await page.getByRole('table', { name: 'Preview and columns' }).count()).toBe(0);
    expect(uploads).toEqual([]);
  });
});
