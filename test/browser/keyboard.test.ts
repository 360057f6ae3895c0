/// <reference lib="dom" />
// Keyboard-only paths (page.keyboard: Tab, typing, Enter, Space, arrows, Escape; no click) through
// sign-in, search, the customer form (a refused save focusing the first invalid field, then a save),
// the export dialog (open, choose, Escape, focus back on its button) and the point of sale (type a
// code, find the customer, check them in). Then feedback on the pages issue 16 had not covered
// (customer types, chain creation, the import's mapping step, settings), in French and German:
// the status region names the field by its label, never a path, and the field has the focus.
// One browser and one seeded chain for the file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { adminDb } from '../helpers/admin';
import { PASSWORD } from '../helpers/clients';
import { createTeam, type Team } from '../helpers/chains';
import { createCustomer } from '../helpers/customers';
import { BASE_URL, closeBrowser, contextClosesWithPage, launch, newPage, screenshot, signInUi } from './browser';
import { paths } from '../../functions/src/model/paths';

let browser: Browser;
let team: Team;
let zoe: string;
let code: string;

beforeAll(async () => {
  browser = await launch();
  team = await createTeam('Clavier');
  ({ customerId: zoe } = await createCustomer(team.manager, team.chainId, { firstName: 'Zoé', lastName: 'Clavier', email: 'zoe.clavier@example.test' }));
  const { customerId: paul } = await createCustomer(team.manager, team.chainId, { firstName: 'Paul', lastName: 'Caisse' });
  const { batchId } = await team.manager.call<{ batchId: string }>('createCardBatch', { chainId: team.chainId, name: 'Clavier', size: 2 });
  code = (await adminDb.collection(paths.cards(team.chainId, batchId)).limit(1).get()).docs[0]!.id;
  await team.staff.call('bindCard', { chainId: team.chainId, code, customerId: paul });
});
afterAll(async () => {
  await closeBrowser(browser);
  await team?.closeAll();
});

interface Target {
  /** A CSS selector the focused element matches. */
  selector?: string;
  /** The focused element's label (its <label>, or aria-label) or, for a button or link, its text. */
  name?: string;
}

/** What has the focus, for messages and checks. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      label: el?.labels?.[0]?.textContent?.trim() || el?.getAttribute('aria-label') || '',
      text: el?.textContent?.trim() ?? '',
      invalid: el?.getAttribute('aria-invalid') === 'true',
      inDialog: !!el?.closest('dialog[open]'),
    };
  });

/**
 * Presses Tab until the focus is on the target (the keyboard's way to a control), unless it is there
 * already (a field the page focuses itself); fails after `max` presses.
 */
async function tabTo(page: Page, target: Target, max = 80): Promise<void> {
  for (let i = 0; i <= max; i++) {
    if (i > 0) await page.keyboard.press('Tab');
    const hit = await page.evaluate(({ selector, name }) => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el || el === document.body) return false;
      if (selector && !el.matches(selector)) return false;
      if (name === undefined) return true;
      const label = el.labels?.[0]?.textContent?.trim() || el.getAttribute('aria-label') || '';
      return label === name || el.textContent?.trim() === name;
    }, target);
    if (hit) return;
  }
  throw new Error(`Tab never reached ${JSON.stringify(target)}; the focus is on ${JSON.stringify(await focused(page))}`);
}

async function keyboardSignIn(page: Page, email: string) {
  await page.goto(BASE_URL);
  await page.locator('h1').first().waitFor();
  await tabTo(page, { selector: 'input[type="email"]' });
  await page.keyboard.type(email);
  await tabTo(page, { selector: 'input[type="password"]' });
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

describe('keyboard only', () => {
  it('signs in, searches, opens a customer, and works the export dialog', async () => {
    const { page, context } = await newPage(browser, 'en-US');
    await keyboardSignIn(page, team.manager.email);

    await tabTo(page, { selector: 'a[href="#/customers"]' });
    await page.keyboard.press('Enter');
    await tabTo(page, { selector: 'input[type="search"]', name: 'Search customers' });
    await page.keyboard.type('Clavier');
    await page.keyboard.press('Enter');
    const result = `a[href="#/customers/${zoe}"]`;
    await expect.poll(() => page.locator(result).count()).toBeGreaterThan(0);
    await tabTo(page, { selector: result });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/customers/${zoe}`);
    await expect.poll(() => page.locator('main h1').first().textContent()).toContain('Zoé');

    // The export dialog: open, focus inside, choose a column with Space, Escape, focus back on Export.
    await tabTo(page, { selector: 'a[href="#/customers"]' });
    await page.keyboard.press('Enter');
    await tabTo(page, { selector: 'button', name: 'Export' });
    await page.keyboard.press('Enter');
    const dialog = page.locator('dialog[open]');
    await dialog.waitFor();
    expect((await focused(page)).inDialog).toBe(true);
    await tabTo(page, { selector: 'dialog[open] input[type="checkbox"]' });
    const before = await page.evaluate(() => (document.activeElement as HTMLInputElement).checked);
    await page.keyboard.press('Space');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement).checked)).toBe(!before);
    expect((await focused(page)).inDialog).toBe(true);
    await screenshot(page, '90-keyboard-export-dialog');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
    await expect.poll(async () => (await focused(page)).text).toBe('Export');
    await context.close();
  });

  it('customer form: a refused save focuses the first invalid field; corrected, it saves', async () => {
    const { page, context } = await newPage(browser, 'en-US');
    await keyboardSignIn(page, team.staff.email);
    await tabTo(page, { selector: 'a[href="#/customers"]' });
    await page.keyboard.press('Enter');
    await tabTo(page, { selector: 'a[href="#/customers/new"]' });
    await page.keyboard.press('Enter');
    await page.locator('form.customer-form').waitFor();
    // First name left empty, a wrong email, Enter in the email field submits the form.
    await tabTo(page, { name: 'Last name' });
    await page.keyboard.type('Touches');
    await tabTo(page, { name: 'Email' });
    await page.keyboard.type('pas-une-adresse');
    await page.keyboard.press('Enter');
    await expect.poll(async () => focused(page)).toMatchObject({ label: 'First name', invalid: true });
    const alert = page.locator('[data-toast="error"]');
    await expect.poll(() => alert.textContent()).toContain('First name');
    expect(await alert.textContent()).not.toMatch(/customer\.|firstName/);
    await screenshot(page, '91-keyboard-form-refused');

    // The focus is on First name: type it, fix the email, Enter.
    await page.keyboard.type('Kim');
    await tabTo(page, { name: 'Email' });
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('kim.touches@example.test');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/customers\/(?!new$)[\w-]+$/);
    const saved = await adminDb.collection(paths.customers(team.chainId)).where('lastName', '==', 'Touches').get();
    expect(saved.docs.map((d) => [d.get('firstName'), d.get('email')])).toEqual([['Kim', 'kim.touches@example.test']]);
    await context.close();
  });

  it('point of sale: types a code, finds the customer, checks them in', async () => {
    const { page, context } = await newPage(browser, 'en-US');
    await keyboardSignIn(page, team.staff.email);
    await tabTo(page, { selector: 'a[href="#/pos"]' });
    await page.keyboard.press('Enter');
    await tabTo(page, { name: 'Card code' });
    await page.keyboard.type(code);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.pos-customer h2').textContent()).toContain('Paul Caisse');
    // The till's location, chosen with the arrow key, then Check in.
    // (Its options come with the chain's locations: the arrow key waits for them.)
    await expect.poll(() => page.locator('select[name="tillLocation"] option').count()).toBeGreaterThan(1);
    await tabTo(page, { selector: 'select[name="tillLocation"]' });
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('select[name="tillLocation"]').inputValue()).not.toBe('');
    await tabTo(page, { selector: 'button', name: 'Check in' });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.check-in').getAttribute('data-checked-in')).toBe('1');
    await screenshot(page, '92-keyboard-pos-checked-in');
    await context.close();
  });
});

async function signedIn(email: string, locale: string): Promise<Page> {
  const { page, context } = await newPage(browser, locale);
  await signInUi(page, email, PASSWORD);
  await page.getByRole('button', { name: /Sign out|Se déconnecter|Abmelden/ }).waitFor();
  contextClosesWithPage(page, context);
  return page;
}

/** The error toast's text once it says something, checked for field paths. */
async function errorToast(page: Page): Promise<string> {
  const alert = page.locator('[data-toast="error"]').last();
  await expect.poll(async () => (await alert.count()) > 0 && ((await alert.textContent()) ?? '').length > 0).toBe(true);
  const text = (await alert.textContent()) ?? '';
  expect(text).not.toMatch(/\b(name|discount|locations|accentColor|brand|settings|firstName|lastName|fullName)\b|\.\d+\b/);
  return text;
}

describe('feedback on the other pages, in French and German', () => {
  it('customer types (fr): a discount that is not a number is named by its label, and focused', async () => {
    const page = await signedIn(team.manager.email, 'fr-FR');
    await page.goto(`${BASE_URL}/#/types`);
    const add = page.getByRole('form', { name: 'Ajouter un type' });
    await add.getByLabel('Nom', { exact: true }).fill('Étudiant');
    await add.getByLabel('Réduction par défaut (%)', { exact: true }).fill('abc');
    await add.getByRole('button', { name: 'Ajouter un type' }).click();
    expect(await errorToast(page)).toContain('Réduction par défaut (%)');
    await expect.poll(async () => focused(page)).toMatchObject({ label: 'Réduction par défaut (%)', invalid: true });
    await screenshot(page, '93-types-refused-fr');
    // A success is said in the status region too.
    await add.getByLabel('Réduction par défaut (%)', { exact: true }).fill('10');
    await add.getByRole('button', { name: 'Ajouter un type' }).click();
    await expect.poll(() => page.locator('[data-toast="ok"]').last().textContent()).toBeTruthy();
    await page.close();
  });

  it('chain creation (fr): refused in the form before any call, fields named by label, the first focused', async () => {
    const page = await signedIn(team.outsider.email, 'fr-FR');
    await page.goto(`${BASE_URL}/#/chains/new`);
    await page.getByLabel('Établissements (un par ligne)').fill(`Gare\n${'x'.repeat(120)}`);
    await page.getByRole('button', { name: 'Créer une enseigne' }).click();
    const text = await errorToast(page);
    expect(text).toContain('Nom de l’enseigne');
    expect(text).toContain('Établissements (un par ligne)');
    await expect.poll(async () => focused(page)).toMatchObject({ label: 'Nom de l’enseigne', invalid: true });
    expect(await page.getByLabel('Établissements (un par ligne)').getAttribute('aria-invalid')).toBe('true');
    await screenshot(page, '94-create-chain-refused-fr');
    const owned = await adminDb.collectionGroup('members').where('uid', '==', team.outsider.uid).get();
    expect(owned.size).toBe(0);
    await page.close();
  });

  it('import mapping (fr): without a name column, the message is beside the action and the first column choice has the focus', async () => {
    const page = await signedIn(team.manager.email, 'fr-FR');
    await page.goto(`${BASE_URL}/#/import`);
    const csv = 'Couleur;Ville\r\nbleu;Lyon\r\n';
    await page.getByLabel('Choisir un fichier').setInputFiles({ name: 'sans noms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByLabel('Colonne Couleur').waitFor();
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    expect(await errorToast(page)).toContain('Associez une colonne au prénom');
    await expect.poll(async () => focused(page)).toMatchObject({ label: 'Colonne Couleur', invalid: true });
    await screenshot(page, '95-import-mapping-refused-fr');
    // Choosing a column clears the marks.
    await page.getByLabel('Colonne Couleur').selectOption('fullName');
    await expect.poll(() => page.getByLabel('Colonne Couleur').getAttribute('aria-invalid')).toBeNull();
    await page.close();
  });

  it('settings (de): an accent colour the server refuses is named „Akzentfarbe“ and focused', async () => {
    const page = await signedIn(team.owner.email, 'de-DE');
    await page.goto(`${BASE_URL}/#/settings`);
    const field = page.getByLabel('Akzentfarbe', { exact: true });
    await field.fill('blau');
    await page.locator('form').filter({ has: field }).getByRole('button', { name: 'Speichern' }).click();
    expect(await errorToast(page)).toContain('Akzentfarbe');
    await expect.poll(async () => focused(page)).toMatchObject({ label: 'Akzentfarbe', invalid: true });
    await screenshot(page, '96-settings-refused-de');
    await field.fill('#1a6b4f');
    await page.locator('form').filter({ has: field }).getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => page.locator('[data-toast="ok"]').last().textContent()).toContain('gespeichert');
    await expect.poll(() => field.getAttribute('aria-invalid')).toBeNull();
    await page.close();
  });
});
